import type {
  TEscalationTier,
  TLevel,
  TProximity,
  TRiskStatus,
  TVisibility,
  TWorkstream,
} from '@baton/domain';
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../client';
import type { DB } from '../generated/db';
import { visibleWhere } from '../visibility';
import { bumpVersion, staleOrMissing } from './versioning';

/* ---------- shapes ---------- */

export interface TStoredAssessment {
  consequence: TLevel;
  likelihood: TLevel;
  score: number;
}

export interface TRiskRow {
  id: string;
  programmeId: string;
  number: number;
  title: string;
  cause: string;
  event: string;
  effect: string;
  categoryKey: string;
  workstream: TWorkstream | null;
  owner: { id: string; name: string } | null;
  /** An owner named in an imported register who is not a Baton user (yet): "Director of HR". */
  namedOwner: string;
  /** The reference the risk had in the register it was imported from, when Baton numbers it differently. */
  sourceReference: string | null;
  owningOrganisation: { id: string; name: string; shortName: string };
  controls: string;
  gaps: string;
  status: TRiskStatus;
  initial: TStoredAssessment;
  current: TStoredAssessment;
  target: TStoredAssessment;
  targetDate: string | null;
  proximity: TProximity | null;
  escalationTier: TEscalationTier;
  escalated: boolean;
  raisedOn: string;
  lastReviewedOn: string;
  nextReviewOn: string;
  lotIds: string[];
  affectedOrganisationIds: string[];
  updatedAt: Date;
  version: number;
}

/** What a risk is stored as: the domain fields plus the derived columns the router computed. */
export interface TRiskWrite {
  title: string;
  cause: string;
  event: string;
  effect: string;
  categoryKey: string;
  workstream: TWorkstream | null;
  ownerUserId: string | null;
  /** Left as it is when absent; a member as owner always clears it. */
  namedOwner?: string;
  sourceReference?: string | null;
  owningOrganisationId: string;
  controls: string;
  gaps: string;
  status: TRiskStatus;
  initial: { consequence: number; likelihood: number };
  current: { consequence: number; likelihood: number };
  target: { consequence: number; likelihood: number };
  targetDate: string | null;
  proximity: TProximity | null;
  escalationTier: TEscalationTier;
  raisedOn: string;
  lastReviewedOn: string;
  lotIds: string[];
  affectedOrganisationIds: string[];
  derived: {
    initialScore: number;
    currentScore: number;
    targetScore: number;
    escalated: boolean;
    nextReviewOn: string;
  };
}

function riskColumns(w: TRiskWrite) {
  return {
    title: w.title,
    cause: w.cause,
    event: w.event,
    effect: w.effect,
    category_key: w.categoryKey,
    workstream: w.workstream,
    owner_user_id: w.ownerUserId,
    ...(w.ownerUserId
      ? { named_owner: '' }
      : w.namedOwner !== undefined
        ? { named_owner: w.namedOwner }
        : {}),
    ...(w.sourceReference !== undefined ? { source_reference: w.sourceReference } : {}),
    owning_organisation_id: w.owningOrganisationId,
    controls: w.controls,
    gaps: w.gaps,
    status: w.status,
    initial_consequence: w.initial.consequence,
    initial_likelihood: w.initial.likelihood,
    initial_score: w.derived.initialScore,
    current_consequence: w.current.consequence,
    current_likelihood: w.current.likelihood,
    current_score: w.derived.currentScore,
    target_consequence: w.target.consequence,
    target_likelihood: w.target.likelihood,
    target_score: w.derived.targetScore,
    target_date: w.targetDate,
    proximity: w.proximity,
    escalation_tier: w.escalationTier,
    escalated: w.derived.escalated,
    raised_on: w.raisedOn,
    last_reviewed_on: w.lastReviewedOn,
    next_review_on: w.derived.nextReviewOn,
  };
}

function selectRisks(db: Executor) {
  return db
    .selectFrom('risks as r')
    .innerJoin('organisations as o', 'o.id', 'r.owning_organisation_id')
    .leftJoin('users as u', 'u.id', 'r.owner_user_id')
    .selectAll('r')
    .select([
      'o.name as org_name',
      'o.short_name as org_short_name',
      'u.name as owner_name',
      (eb) =>
        eb
          .fn<string[]>('array', [
            eb.selectFrom('risk_lots as rl').select('rl.lot_id').whereRef('rl.risk_id', '=', 'r.id'),
          ])
          .as('lot_ids'),
      (eb) =>
        eb
          .fn<string[]>('array', [
            eb
              .selectFrom('risk_affected_organisations as ra')
              .select('ra.organisation_id')
              .whereRef('ra.risk_id', '=', 'r.id'),
          ])
          .as('affected_ids'),
    ]);
}
type Row = Awaited<ReturnType<ReturnType<typeof selectRisks>['executeTakeFirstOrThrow']>>;

const assessment = (c: number, l: number, s: number): TStoredAssessment => ({
  consequence: c as TLevel,
  likelihood: l as TLevel,
  score: s,
});

function toRisk(r: Row): TRiskRow {
  return {
    id: r.id,
    programmeId: r.programme_id,
    number: r.number,
    title: r.title,
    cause: r.cause,
    event: r.event,
    effect: r.effect,
    categoryKey: r.category_key,
    workstream: r.workstream as TWorkstream | null,
    owner: r.owner_user_id ? { id: r.owner_user_id, name: r.owner_name ?? 'Unknown' } : null,
    namedOwner: r.named_owner,
    sourceReference: r.source_reference,
    owningOrganisation: { id: r.owning_organisation_id, name: r.org_name, shortName: r.org_short_name },
    controls: r.controls,
    gaps: r.gaps,
    status: r.status as TRiskStatus,
    initial: assessment(r.initial_consequence, r.initial_likelihood, r.initial_score),
    current: assessment(r.current_consequence, r.current_likelihood, r.current_score),
    target: assessment(r.target_consequence, r.target_likelihood, r.target_score),
    targetDate: r.target_date,
    proximity: r.proximity as TProximity | null,
    escalationTier: r.escalation_tier as TEscalationTier,
    escalated: r.escalated,
    raisedOn: r.raised_on,
    lastReviewedOn: r.last_reviewed_on,
    nextReviewOn: r.next_review_on,
    lotIds: r.lot_ids ?? [],
    affectedOrganisationIds: r.affected_ids ?? [],
    updatedAt: r.updated_at,
    version: r.version,
  };
}

/* ---------- single risks ---------- */

export async function findRisk(
  db: Executor,
  programmeId: string,
  riskId: string,
): Promise<TRiskRow | undefined> {
  const r = await selectRisks(db)
    .where('r.programme_id', '=', programmeId)
    .where('r.id', '=', riskId)
    .executeTakeFirst();
  return r && toRisk(r);
}

export async function findRiskByNumber(
  db: Executor,
  programmeId: string,
  number: number,
): Promise<TRiskRow | undefined> {
  const r = await selectRisks(db)
    .where('r.programme_id', '=', programmeId)
    .where('r.number', '=', number)
    .executeTakeFirst();
  return r && toRisk(r);
}

async function replaceLinks(db: Executor, riskId: string, lotIds: string[], organisationIds: string[]) {
  await db.deleteFrom('risk_lots').where('risk_id', '=', riskId).execute();
  await db.deleteFrom('risk_affected_organisations').where('risk_id', '=', riskId).execute();
  if (lotIds.length) {
    await db
      .insertInto('risk_lots')
      .values([...new Set(lotIds)].map((lot_id) => ({ risk_id: riskId, lot_id })))
      .execute();
  }
  if (organisationIds.length) {
    await db
      .insertInto('risk_affected_organisations')
      .values([...new Set(organisationIds)].map((organisation_id) => ({ risk_id: riskId, organisation_id })))
      .execute();
  }
}

/** The next reference number for a programme, taken under the programme row's lock. */
export async function takeRiskNumber(db: Executor, programmeId: string): Promise<number> {
  const r = await db
    .updateTable('programmes')
    .set((eb) => ({ next_risk_number: eb('next_risk_number', '+', 1) }))
    .where('id', '=', programmeId)
    .returning(sql<number>`next_risk_number - 1`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export interface THistoryWrite {
  effectiveOn: string;
  recordedBy: string | null;
  kind: 'raised' | 'review' | 'edit' | 'import' | 'matrix';
  note?: string;
  recordedAt?: Date;
}

async function appendHistory(
  db: Executor,
  risk: { id: string; programmeId: string },
  w: TRiskWrite,
  h: THistoryWrite,
) {
  await db
    .insertInto('risk_history')
    .values({
      risk_id: risk.id,
      programme_id: risk.programmeId,
      effective_on: h.effectiveOn,
      recorded_by: h.recordedBy,
      kind: h.kind,
      consequence: w.current.consequence,
      likelihood: w.current.likelihood,
      score: w.derived.currentScore,
      status: w.status,
      escalated: w.derived.escalated,
      note: h.note ?? '',
      ...(h.recordedAt ? { recorded_at: h.recordedAt } : {}),
    })
    .execute();
}

export async function insertRisk(
  db: Executor,
  programmeId: string,
  w: TRiskWrite,
  meta: { number: number; createdBy: string | null; history: THistoryWrite },
): Promise<TRiskRow> {
  const { id } = await db
    .insertInto('risks')
    .values({ ...riskColumns(w), programme_id: programmeId, number: meta.number, created_by: meta.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceLinks(db, id, w.lotIds, w.affectedOrganisationIds);
  await appendHistory(db, { id, programmeId }, w, meta.history);
  return (await findRisk(db, programmeId, id))!;
}

/**
 * Many new risks at once (an import): a few statements per 500 risks instead of several per risk. Each risk
 * gets its number, its links and its first history row; the ids come back in the order given.
 */
export async function insertRisks(
  db: Executor,
  programmeId: string,
  rows: ReadonlyArray<{ write: TRiskWrite; number: number; history: THistoryWrite }>,
  createdBy: string | null,
): Promise<string[]> {
  const ids: string[] = [];
  for (let at = 0; at < rows.length; at += 500) {
    const chunk = rows.slice(at, at + 500);
    const inserted = await db
      .insertInto('risks')
      .values(
        chunk.map((r) => ({
          ...riskColumns(r.write),
          programme_id: programmeId,
          number: r.number,
          created_by: createdBy,
        })),
      )
      .returning(['id', 'number'])
      .execute();
    const idOf = new Map(inserted.map((r) => [r.number, r.id]));
    const chunkIds = chunk.map((r) => idOf.get(r.number)!);
    ids.push(...chunkIds);
    const lots = chunk.flatMap((r, i) => r.write.lotIds.map((lot_id) => ({ risk_id: chunkIds[i]!, lot_id })));
    if (lots.length) await db.insertInto('risk_lots').values(lots).execute();
    const affected = chunk.flatMap((r, i) =>
      r.write.affectedOrganisationIds.map((organisation_id) => ({ risk_id: chunkIds[i]!, organisation_id })),
    );
    if (affected.length) await db.insertInto('risk_affected_organisations').values(affected).execute();
    await db
      .insertInto('risk_history')
      .values(
        chunk.map((r, i) => ({
          risk_id: chunkIds[i]!,
          programme_id: programmeId,
          effective_on: r.history.effectiveOn,
          recorded_by: r.history.recordedBy,
          kind: r.history.kind,
          consequence: r.write.current.consequence,
          likelihood: r.write.current.likelihood,
          score: r.write.derived.currentScore,
          status: r.write.status,
          escalated: r.write.derived.escalated,
          note: r.history.note ?? '',
        })),
      )
      .execute();
  }
  return ids;
}

/** Risks by id, in one query (after a bulk insert). */
export async function findRisksByIds(db: Executor, programmeId: string, ids: readonly string[]) {
  const out: TRiskRow[] = [];
  for (let at = 0; at < ids.length; at += 1000) {
    const rows = await selectRisks(db)
      .where('r.programme_id', '=', programmeId)
      .where('r.id', 'in', ids.slice(at, at + 1000))
      .execute();
    out.push(...rows.map(toRisk));
  }
  return out;
}

/** Every number used in the programme, seen or not: a kept file number must not collide with a hidden one. */
export async function usedRiskNumbers(db: Executor, programmeId: string): Promise<Set<number>> {
  const rows = await db
    .selectFrom('risks')
    .select('number')
    .where('programme_id', '=', programmeId)
    .execute();
  return new Set(rows.map((r) => r.number));
}

/** Takes `count` numbers in one statement; with `atLeastAfter`, numbering continues after that number. */
export async function takeRiskNumbers(
  db: Executor,
  programmeId: string,
  count: number,
  atLeastAfter = 0,
): Promise<number> {
  const r = await db
    .updateTable('programmes')
    .set((eb) => ({
      next_risk_number: sql<number>`greatest(${eb.ref('next_risk_number')}, ${atLeastAfter + 1}) + ${count}`,
    }))
    .where('id', '=', programmeId)
    .returning(sql<number>`next_risk_number - ${count}`.as('first'))
    .executeTakeFirstOrThrow();
  return Number(r.first);
}

/** Versioned update; a history row is added when the current score, status or escalation changed. */
export async function updateRisk(
  db: Executor,
  before: TRiskRow,
  w: TRiskWrite,
  meta: { version: number; history: THistoryWrite },
): Promise<TRiskRow> {
  const r = await db
    .updateTable('risks')
    .set({ ...riskColumns(w), ...bumpVersion() })
    .where('id', '=', before.id)
    .where('programme_id', '=', before.programmeId)
    .where('version', '=', meta.version)
    .returning('id')
    .executeTakeFirst();
  if (!r) staleOrMissing('risk', await findRisk(db, before.programmeId, before.id));
  await replaceLinks(db, before.id, w.lotIds, w.affectedOrganisationIds);
  const moved =
    before.current.consequence !== w.current.consequence ||
    before.current.likelihood !== w.current.likelihood ||
    before.status !== w.status ||
    before.escalated !== w.derived.escalated;
  if (moved || meta.history.kind === 'review') await appendHistory(db, before, w, meta.history);
  return (await findRisk(db, before.programmeId, before.id))!;
}

/** Every re-score, oldest first: the trend and the sparkline. */
export async function riskHistory(db: Executor, riskId: string) {
  const rows = await db
    .selectFrom('risk_history as h')
    .leftJoin('users as u', 'u.id', 'h.recorded_by')
    .select([
      'h.id',
      'h.effective_on',
      'h.recorded_at',
      'h.kind',
      'h.consequence',
      'h.likelihood',
      'h.score',
      'h.status',
      'h.escalated',
      'h.note',
      'u.name as recorded_by_name',
    ])
    .where('h.risk_id', '=', riskId)
    .orderBy('h.effective_on')
    .orderBy('h.id')
    .execute();
  return rows.map((h) => ({
    id: h.id,
    effectiveOn: h.effective_on,
    recordedAt: h.recorded_at,
    kind: h.kind,
    consequence: h.consequence,
    likelihood: h.likelihood,
    score: h.score,
    status: h.status as TRiskStatus,
    escalated: h.escalated,
    note: h.note,
    recordedBy: h.recorded_by_name,
  }));
}

/* ---------- the register: filters, sorting, keyset pages ---------- */

export interface TRiskFilter {
  programmeId: string;
  today: string;
  /** Whose risks the reader may see (bidder isolation). */
  visibility: TVisibility;
  scoreRanges?: Array<{ min: number; max: number }> | undefined;
  categoryKeys?: string[] | undefined;
  ownerUserIds?: string[] | undefined;
  organisationIds?: string[] | undefined;
  statuses?: TRiskStatus[] | undefined;
  lotId?: string | undefined;
  workstream?: TWorkstream | undefined;
  overdueReview?: boolean | undefined;
  escalated?: boolean | undefined;
  aboveTolerance?: Array<{ categoryKey: string; tolerance: number }> | undefined;
  overdueActions?: boolean | undefined;
  search?: string | undefined;
  cell?: { kind: 'current' | 'initial' | 'target'; consequence: number; likelihood: number } | undefined;
}

type RiskEb = ExpressionBuilder<DB & { r: DB['risks'] }, 'r'>;

function filterExpression(eb: RiskEb, f: TRiskFilter, options: { withCell: boolean }): Expression<SqlBool> {
  const and: Expression<SqlBool>[] = [eb('r.programme_id', '=', f.programmeId)];
  and.push(visibleWhere(f.visibility, 'r.owning_organisation_id'));
  if (f.scoreRanges?.length) {
    and.push(eb.or(f.scoreRanges.map((s) => eb.between('r.current_score', s.min, s.max))));
  }
  if (f.categoryKeys?.length) and.push(eb('r.category_key', 'in', f.categoryKeys));
  if (f.ownerUserIds?.length) and.push(eb('r.owner_user_id', 'in', f.ownerUserIds));
  if (f.organisationIds?.length) and.push(eb('r.owning_organisation_id', 'in', f.organisationIds));
  if (f.statuses?.length) and.push(eb('r.status', 'in', f.statuses));
  if (f.workstream) and.push(eb('r.workstream', '=', f.workstream));
  if (f.lotId) {
    and.push(
      eb.exists(
        eb
          .selectFrom('risk_lots as rl')
          .select('rl.lot_id')
          .whereRef('rl.risk_id', '=', 'r.id')
          .where('rl.lot_id', '=', f.lotId!),
      ),
    );
  }
  if (f.overdueReview !== undefined) {
    const overdue = eb.and([eb('r.status', 'in', ['open', 'draft']), eb('r.next_review_on', '<', f.today)]);
    and.push(f.overdueReview ? overdue : eb.not(overdue));
  }
  if (f.escalated !== undefined) and.push(eb('r.escalated', '=', f.escalated));
  if (f.aboveTolerance) {
    and.push(
      eb.or(
        f.aboveTolerance.map((t) =>
          eb.and([eb('r.category_key', '=', t.categoryKey), eb('r.target_score', '>', t.tolerance)]),
        ),
      ),
    );
  }
  if (f.overdueActions) {
    and.push(
      eb.exists(
        eb
          .selectFrom('mitigation_actions as a')
          .select('a.id')
          .whereRef('a.risk_id', '=', 'r.id')
          .where('a.status', 'in', ['not_started', 'in_progress'])
          .where('a.due_date', '<', f.today),
      ),
    );
  }
  if (f.search?.trim()) {
    const term = `%${f.search.trim().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    // "R-012" finds risk 12; a number too big for the column cannot be a reference.
    const ref = /^r-?0*(\d{1,9})$/i.exec(f.search.trim());
    and.push(
      eb.or([
        eb('r.title', 'ilike', term),
        eb('r.event', 'ilike', term),
        eb('r.cause', 'ilike', term),
        ...(ref ? [eb('r.number', '=', Number(ref[1]))] : []),
      ]),
    );
  }
  if (options.withCell && f.cell) {
    const k = f.cell.kind;
    and.push(eb(`r.${k}_consequence`, '=', f.cell.consequence));
    and.push(eb(`r.${k}_likelihood`, '=', f.cell.likelihood));
  }
  return eb.and(and);
}

export const RISK_SORTS = ['score', 'reference', 'title', 'nextReview', 'updated', 'category'] as const;
export type TRiskSort = (typeof RISK_SORTS)[number];

const SORT_TYPE = {
  score: 'integer',
  reference: 'integer',
  title: 'text',
  nextReview: 'date',
  updated: 'timestamptz',
  category: 'text',
} as const;

const SORT_COLUMN = {
  score: 'r.current_score',
  reference: 'r.number',
  title: 'r.title',
  nextReview: 'r.next_review_on',
  updated: 'r.updated_at',
  category: 'r.category_key',
} as const;

export interface TRiskCursor {
  v: string | number;
  n: number;
}

export interface TRiskListOptions {
  sort: TRiskSort;
  direction: 'asc' | 'desc';
  limit: number;
  cursor?: TRiskCursor | undefined;
}

/**
 * One page of the register: risks with owner and organisation, open and overdue action counts, and the
 * score history for the sparkline. Three queries whatever the page size or register size.
 */
export async function listRisks(db: Executor, f: TRiskFilter, o: TRiskListOptions) {
  const col = SORT_COLUMN[o.sort];
  const dir = o.direction;
  let q = selectRisks(db)
    .select((eb) => [
      eb
        .selectFrom('mitigation_actions as a')
        .select((e2) => e2.fn.countAll<number>().as('n'))
        .whereRef('a.risk_id', '=', 'r.id')
        .where('a.status', 'in', ['not_started', 'in_progress'])
        .as('open_actions'),
      eb
        .selectFrom('mitigation_actions as a')
        .select((e2) => e2.fn.countAll<number>().as('n'))
        .whereRef('a.risk_id', '=', 'r.id')
        .where('a.status', 'in', ['not_started', 'in_progress'])
        .where('a.due_date', '<', f.today)
        .as('overdue_actions'),
      // In the same round trip: PostgreSQL evaluates it for the page's rows only, after the sort and limit.
      sql<
        number[]
      >`array(select h.score from risk_history h where h.risk_id = r.id order by h.effective_on, h.id)`.as(
        'score_history',
      ),
    ])
    .where((eb) => filterExpression(eb as unknown as RiskEb, f, { withCell: true }))
    .orderBy(col, dir)
    .orderBy('r.number', dir)
    .limit(o.limit + 1);
  if (o.cursor) {
    const cmp = dir === 'asc' ? sql.raw('>') : sql.raw('<');
    const v = sql`cast(${o.cursor.v} as ${sql.raw(SORT_TYPE[o.sort])})`;
    q = q.where(sql<SqlBool>`(${sql.ref(col)}, r.number) ${cmp} (${v}, cast(${o.cursor.n} as integer))`);
  }
  const [rows, total] = await Promise.all([q.execute(), countRisks(db, f)]);
  const page = rows.slice(0, o.limit);
  const last = page[page.length - 1];
  const cursorValue = (r: (typeof rows)[number]): string | number => {
    const v = {
      score: r.current_score,
      reference: r.number,
      title: r.title,
      nextReview: r.next_review_on,
      updated: r.updated_at.toISOString(),
      category: r.category_key,
    }[o.sort];
    return v;
  };
  return {
    items: page.map((r) => ({
      ...toRisk(r),
      openActions: Number(r.open_actions ?? 0),
      overdueActions: Number(r.overdue_actions ?? 0),
      scoreHistory: (r.score_history ?? []).map(Number),
    })),
    total,
    nextCursor: rows.length > o.limit && last ? { v: cursorValue(last), n: last.number } : null,
  };
}

export async function countRisks(db: Executor, f: TRiskFilter): Promise<number> {
  const r = await db
    .selectFrom('risks as r')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => filterExpression(eb as unknown as RiskEb, f, { withCell: true }))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Counts per matrix cell for current, initial and target positions, under the register's filters. */
export async function riskHeatMap(db: Executor, f: TRiskFilter) {
  const rows = await db
    .selectFrom('risks as r')
    .select([
      'r.current_consequence',
      'r.current_likelihood',
      'r.initial_consequence',
      'r.initial_likelihood',
      'r.target_consequence',
      'r.target_likelihood',
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .where((eb) => filterExpression(eb as unknown as RiskEb, f, { withCell: false }))
    .groupBy(
      sql`grouping sets ((r.current_consequence, r.current_likelihood), (r.initial_consequence, r.initial_likelihood), (r.target_consequence, r.target_likelihood))`,
    )
    .execute();
  const cells: Record<
    'current' | 'initial' | 'target',
    Array<{ consequence: number; likelihood: number; count: number }>
  > = {
    current: [],
    initial: [],
    target: [],
  };
  for (const r of rows) {
    const kind =
      r.current_consequence !== null ? 'current' : r.initial_consequence !== null ? 'initial' : 'target';
    cells[kind].push({
      consequence: Number(r[`${kind}_consequence`]),
      likelihood: Number(r[`${kind}_likelihood`]),
      count: Number(r.n),
    });
  }
  return cells;
}

/* ---------- what changed between two dates ---------- */

export interface TRiskChange {
  id: string;
  number: number;
  title: string;
  categoryKey: string;
  owningOrganisation: { id: string; shortName: string };
  raisedOn: string;
  from: { score: number; status: TRiskStatus; escalated: boolean } | null;
  to: { score: number; status: TRiskStatus; escalated: boolean };
}

/**
 * Each risk whose state on `to` differs from its state on `from` (or that did not exist on `from`), with
 * both states, read from the history: the same answer tomorrow as today for any past pair of dates.
 */
export async function riskChangesBetween(
  db: Executor,
  p: { programmeId: string; from: string; to: string; visibility: TVisibility },
): Promise<TRiskChange[]> {
  // Only a risk with a history row inside the window can differ between its two ends; for each, its state
  // at either end is one backward step on its own history index (risk_id, effective_on, id), instead of
  // ranking every history row of the programme up to each date.
  const stateOn = <A extends 'a' | 'b'>(
    eb: ExpressionBuilder<DB & { w: { risk_id: string } }, 'w'>,
    date: string,
    alias: A,
  ) =>
    eb
      .selectFrom('risk_history as h')
      .select(['h.score', 'h.status', 'h.escalated'])
      .whereRef('h.risk_id', '=', 'w.risk_id')
      .where('h.effective_on', '<=', date)
      .orderBy('h.effective_on', 'desc')
      .orderBy('h.id', 'desc')
      .limit(1)
      .as(alias);
  let q = db
    .with('w', (w) =>
      w
        .selectFrom('risk_history')
        .select('risk_id')
        .distinct()
        .where('programme_id', '=', p.programmeId)
        .where('effective_on', '>', p.from)
        .where('effective_on', '<=', p.to),
    )
    .selectFrom('w')
    .innerJoin('risks as r', 'r.id', 'w.risk_id')
    .innerJoinLateral(
      (eb) => stateOn(eb, p.to, 'b'),
      (j) => j.onTrue(),
    )
    .leftJoinLateral(
      (eb) => stateOn(eb, p.from, 'a'),
      (j) => j.onTrue(),
    )
    .innerJoin('organisations as o', 'o.id', 'r.owning_organisation_id')
    .select([
      'r.id',
      'r.number',
      'r.title',
      'r.category_key',
      'r.raised_on',
      'o.id as org_id',
      'o.short_name as org_short_name',
      'a.score as a_score',
      'a.status as a_status',
      'a.escalated as a_escalated',
      'b.score as b_score',
      'b.status as b_status',
      'b.escalated as b_escalated',
    ])
    .where('r.programme_id', '=', p.programmeId)
    .where(
      sql<boolean>`(a.score is null or a.score <> b.score or a.status <> b.status or a.escalated <> b.escalated)`,
    )
    .orderBy('r.number');
  q = q.where(visibleWhere(p.visibility, 'r.owning_organisation_id'));
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    title: r.title,
    categoryKey: r.category_key,
    owningOrganisation: { id: r.org_id, shortName: r.org_short_name },
    raisedOn: r.raised_on,
    from:
      r.a_score === null
        ? null
        : { score: Number(r.a_score), status: r.a_status as TRiskStatus, escalated: Boolean(r.a_escalated) },
    to: { score: Number(r.b_score), status: r.b_status as TRiskStatus, escalated: Boolean(r.b_escalated) },
  }));
}

/**
 * Re-derive escalation and next review after the programme's matrix changed. A risk whose escalation flips
 * gets a history row of kind 'matrix' (effective `history.effectiveOn`), so "what changed" and the steering
 * pack see it; the ids of the risks that flipped come back so their people can be told.
 */
export async function rederiveRisks(
  db: Executor,
  programmeId: string,
  m: { escalationThreshold: number; bands: Array<{ min: number; max: number; reviewEveryDays: number }> },
  history: { effectiveOn: string; recordedBy: string | null },
): Promise<{ count: number; escalated: string[]; deescalated: string[] }> {
  const cadence = sql<number>`case ${sql.join(
    m.bands.map((b) => sql`when r.current_score between ${b.min} and ${b.max} then ${b.reviewEveryDays}`),
    sql` `,
  )} end`;
  // Joined to itself, `old` is each row as it was before this update.
  const rows = await db
    .updateTable('risks as r')
    .from('risks as old')
    .set({
      escalated: sql<boolean>`r.current_score >= ${m.escalationThreshold}`,
      next_review_on: sql<string>`r.last_reviewed_on + cast(${cadence} as integer)`,
    })
    .whereRef('old.id', '=', 'r.id')
    .where('r.programme_id', '=', programmeId)
    .returning([
      'r.id',
      'r.escalated',
      'old.escalated as was_escalated',
      'r.current_consequence',
      'r.current_likelihood',
      'r.current_score',
      'r.status',
    ])
    .execute();
  const flipped = rows.filter((r) => r.escalated !== r.was_escalated);
  if (flipped.length) {
    await db
      .insertInto('risk_history')
      .values(
        flipped.map((r) => ({
          risk_id: r.id,
          programme_id: programmeId,
          effective_on: history.effectiveOn,
          recorded_by: history.recordedBy,
          kind: 'matrix',
          consequence: r.current_consequence,
          likelihood: r.current_likelihood,
          score: r.current_score,
          status: r.status,
          escalated: r.escalated,
          note: r.escalated
            ? 'Escalated: the risk matrix changed (escalation threshold)'
            : 'No longer escalated: the risk matrix changed (escalation threshold)',
        })),
      )
      .execute();
  }
  return {
    count: rows.length,
    escalated: flipped.filter((r) => r.escalated).map((r) => r.id),
    deescalated: flipped.filter((r) => !r.escalated).map((r) => r.id),
  };
}

/**
 * One page of every history row of a programme's risks the reader may see, in id order (the order they
 * were recorded): for the programme archive, which streams them.
 */
export async function riskHistoryPage(
  db: Executor,
  p: { programmeId: string; visibility: TVisibility; afterId: number; limit: number },
) {
  const rows = await db
    .selectFrom('risk_history as h')
    .innerJoin('risks as r', 'r.id', 'h.risk_id')
    .leftJoin('users as u', 'u.id', 'h.recorded_by')
    .select([
      'h.id',
      'h.risk_id',
      'r.number',
      'h.effective_on',
      'h.recorded_at',
      'h.kind',
      'h.consequence',
      'h.likelihood',
      'h.score',
      'h.status',
      'h.escalated',
      'h.note',
      'u.name as recorded_by_name',
    ])
    .where('h.programme_id', '=', p.programmeId)
    .where('h.id', '>', p.afterId)
    .where(visibleWhere(p.visibility, 'r.owning_organisation_id'))
    .orderBy('h.id')
    .limit(p.limit)
    .execute();
  return rows.map((h) => ({
    id: Number(h.id),
    riskId: h.risk_id,
    riskNumber: h.number,
    effectiveOn: h.effective_on,
    recordedAt: h.recorded_at,
    kind: h.kind,
    consequence: h.consequence,
    likelihood: h.likelihood,
    score: h.score,
    status: h.status as TRiskStatus,
    escalated: h.escalated,
    note: h.note,
    recordedBy: h.recorded_by_name,
  }));
}
