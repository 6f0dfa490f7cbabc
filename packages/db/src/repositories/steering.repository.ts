import type { TRiskStatus, TVisibility } from '@baton/domain';
import { sql, type ExpressionBuilder, type RawBuilder } from 'kysely';
import type { DB } from '../generated/db';
import type { Executor } from '../client';
import { visibleWhere } from '../visibility';

/*
 * The register as it stood on a date, read from risk_history (one row per change of score, status or
 * escalation): the state of a risk on any date is its last history row on or before that date.
 */

export interface TStateAt {
  consequence: number;
  likelihood: number;
  score: number;
  status: TRiskStatus;
  escalated: boolean;
}

export interface TRiskAsAtRow {
  id: string;
  number: number;
  title: string;
  categoryKey: string;
  owner: string | null;
  organisationId: string;
  organisation: string;
  state: TStateAt;
  previous: TStateAt | null;
  lastReviewedOn: string | null;
  /** The risk's target score as it stands (targets are not kept by date). */
  targetScore: number;
}

/**
 * Every risk that existed on `asAt`, with its state then and on `since` (null: not yet raised). The last
 * review is the stored one when it is on or before `asAt` (so today's pack agrees with the register), else
 * the last review or raising recorded in the history by then.
 */
export async function registerAsAt(
  db: Executor,
  p: { programmeId: string; asAt: string; since: string; visibility: TVisibility },
): Promise<TRiskAsAtRow[]> {
  // A risk's state on a date is its last history row on or before it (by date, then as recorded): one backward
  // step on the risk's own history index (risk_id, effective_on, id) for each date, rather than ranking the
  // whole programme's history with a window function (issue 12: twice as fast at 5,000 risks).
  const stateOn = <A extends 'st' | 'pv'>(
    eb: ExpressionBuilder<DB & { r: { id: string } }, 'r'>,
    date: string,
    alias: A,
  ) =>
    eb
      .selectFrom('risk_history as h')
      .select(['h.risk_id', 'h.consequence', 'h.likelihood', 'h.score', 'h.status', 'h.escalated'])
      .whereRef('h.risk_id', '=', 'r.id')
      .where('h.effective_on', '<=', date)
      .orderBy('h.effective_on', 'desc')
      .orderBy('h.id', 'desc')
      .limit(1)
      .as(alias);
  let q = db
    .selectFrom('risks as r')
    .innerJoinLateral(
      (eb) => stateOn(eb, p.asAt, 'st'),
      (j) => j.onTrue(),
    )
    .leftJoinLateral(
      (eb) => stateOn(eb, p.since, 'pv'),
      (j) => j.onTrue(),
    )
    .innerJoin('organisations as o', 'o.id', 'r.owning_organisation_id')
    .leftJoin('users as u', 'u.id', 'r.owner_user_id')
    .select([
      'r.id',
      'r.number',
      'r.title',
      'r.category_key',
      'r.owning_organisation_id',
      'o.short_name',
      'u.name as owner_name',
      'r.target_score',
      'st.consequence',
      'st.likelihood',
      'st.score',
      'st.status',
      'st.escalated',
      'pv.risk_id as pv_id',
      'pv.consequence as pv_consequence',
      'pv.likelihood as pv_likelihood',
      'pv.score as pv_score',
      'pv.status as pv_status',
      'pv.escalated as pv_escalated',
      // The last review or raising recorded by `asAt`, unless the stored one is already on or before it.
      sql<string | null>`case when r.last_reviewed_on <= ${p.asAt} then r.last_reviewed_on else (
        select max(lr.effective_on) from risk_history lr
         where lr.risk_id = r.id and lr.effective_on <= ${p.asAt} and lr.kind in ('raised', 'review')) end`.as(
        'last_review',
      ),
    ])
    .where('r.programme_id', '=', p.programmeId)
    .orderBy('r.number');
  q = q.where(visibleWhere(p.visibility, 'r.owning_organisation_id'));
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    title: r.title,
    categoryKey: r.category_key,
    owner: r.owner_name,
    organisationId: r.owning_organisation_id,
    organisation: r.short_name,
    state: {
      consequence: r.consequence,
      likelihood: r.likelihood,
      score: r.score,
      status: r.status as TRiskStatus,
      escalated: r.escalated,
    },
    previous:
      r.pv_id === null
        ? null
        : {
            consequence: Number(r.pv_consequence),
            likelihood: Number(r.pv_likelihood),
            score: Number(r.pv_score),
            status: r.pv_status as TRiskStatus,
            escalated: Boolean(r.pv_escalated),
          },
    lastReviewedOn: r.last_review,
    targetScore: r.target_score,
  }));
}

/**
 * Live risks per band at the end of each month (the current month counted at `asAt`), for the risk profile
 * chart: one query whatever the number of months or risks.
 */
export async function riskProfileByMonth(
  db: Executor,
  p: {
    programmeId: string;
    asAt: string;
    months: number;
    bands: ReadonlyArray<{ key: string; min: number; max: number }>;
    visibility: TVisibility;
  },
): Promise<Array<{ month: string; asAt: string; band: string; count: number }>> {
  const band: RawBuilder<string> = sql`case ${sql.join(
    p.bands.map((b) => sql`when s.score between ${b.min} and ${b.max} then ${b.key}`),
    sql` `,
  )} end`;
  const only =
    p.visibility.kind === 'own'
      ? sql`and exists (select 1 from risks r where r.id = h.risk_id and r.owning_organisation_id = ${p.visibility.organisationId})`
      : sql``;
  // Each history row holds from its date until the risk's next row (a risk re-scored twice in a day keeps only
  // the later row). A span that is open counts +1 in the month it starts and -1 in the month it ends, so each
  // month's count is the running sum of those moves up to its end: one pass over the history, in the order of
  // the (programme, risk, date) index, instead of testing every span against every month end (issue 12).
  // Months are numbered back from `asAt` (0 is its month); anything before the first month moves in it.
  // The months come from an integer series so the planner knows how many there are: a date series is
  // guessed at 1,000 rows, which makes PostgreSQL JIT-compile a query that runs in milliseconds.
  const last = p.months - 1;
  const monthsBack = (d: RawBuilder<unknown>) =>
    sql`least((date_part('year', cast(${p.asAt} as date)) * 12 + date_part('month', cast(${p.asAt} as date)))
               - (date_part('year', ${d}) * 12 + date_part('month', ${d})), ${last})`;
  const { rows } = await sql<{ month: string; as_at: string; band: string | null; n: number }>`
    with starts as (
      select k, date_trunc('month', cast(${p.asAt} as date)) - make_interval(months => k) as d
      from generate_series(0, cast(${last} as integer)) as k
    ),
    months as materialized (
      select k, to_char(d, 'YYYY-MM') as month,
             least((d + interval '1 month - 1 day')::date, cast(${p.asAt} as date)) as as_at
      from starts
    ),
    spans as (
      select h.score, h.status, h.effective_on,
             lead(h.effective_on) over (partition by h.risk_id order by h.effective_on, h.id) as until
      from risk_history h
      where h.programme_id = ${p.programmeId} and h.effective_on <= cast(${p.asAt} as date) ${only}
    ),
    open_spans as materialized (
      select ${band} as band, ${monthsBack(sql`s.effective_on`)} as k_from,
             case when s.until is not null then ${monthsBack(sql`s.until`)} end as k_until
      from spans s
      where s.status = 'open'
    ),
    moves as (
      select band, k_from as k, count(*) as n from open_spans group by 1, 2
      union all
      select band, k_until, -count(*) from open_spans where k_until is not null group by 1, 2
    ),
    counts as (
      select m.k, v.band, sum(v.n)::int as n
      from months m join moves v on v.k >= m.k
      group by 1, 2
      having sum(v.n) > 0
    )
    select m.month, m.as_at, c.band, coalesce(c.n, 0) as n
    from months m left join counts c on c.k = m.k
    order by m.month, c.band`.execute(db);
  return rows.map((r) => ({ month: r.month, asAt: r.as_at, band: r.band ?? '', count: Number(r.n) }));
}
