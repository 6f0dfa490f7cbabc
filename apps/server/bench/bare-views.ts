/**
 * The ceiling for each audience view: the bare SQL a hand-written handler would run to fetch the same
 * information (no access layer, no domain rules, no shaping), on the same database. `pnpm bench` prints each
 * view's median beside its bare SQL's, measured interleaved, and the ratio.
 */
import type { Database } from '@baton/db';
import { sql } from './db-exports';

export interface TBareArgs {
  programmeId: string;
  asAt: string;
  since: string;
  transferId: string;
}

const all = (db: Database, q: ReturnType<typeof sql>) => q.execute(db).then((r) => r.rows);

/** The register as at a date and at the comparison date: each risk's last history row on or before each day. */
const registerAsAt = (db: Database, a: TBareArgs) =>
  all(
    db,
    sql`select r.id, r.number, r.title, r.category_key, o.short_name, st.score, st.status, st.escalated,
               pv.score as pv_score, pv.status as pv_status, pv.escalated as pv_escalated
          from risks r
          join lateral (select score, status, escalated from risk_history h where h.risk_id = r.id
                         and h.effective_on <= ${a.asAt} order by h.effective_on desc, h.id desc limit 1) st on true
          left join lateral (select score, status, escalated from risk_history h where h.risk_id = r.id
                         and h.effective_on <= ${a.since} order by h.effective_on desc, h.id desc limit 1) pv on true
          join organisations o on o.id = r.owning_organisation_id
         where r.programme_id = ${a.programmeId} order by r.number`,
  );

const overdueActions = (db: Database, a: TBareArgs) =>
  Promise.all([
    all(
      db,
      sql`select m.*, r.number, r.title from mitigation_actions m join risks r on r.id = m.risk_id
           where m.programme_id = ${a.programmeId} and m.due_date < ${a.asAt} and m.status not in ('cancelled', 'done')
           order by m.due_date, m.id limit 50`,
    ),
    all(
      db,
      sql`select count(*) from mitigation_actions m
           where m.programme_id = ${a.programmeId} and m.due_date < ${a.asAt} and m.status not in ('cancelled', 'done')`,
    ),
  ]);

const profile = (db: Database, a: TBareArgs) =>
  all(
    db,
    sql`with months as materialized (
          select (date_trunc('month', cast(${a.asAt} as date)) - make_interval(months => k) + interval '1 month - 1 day')::date as d
            from generate_series(0, 11) k),
        spans as (
          select h.risk_id, h.effective_on, h.score, h.status,
                 lead(h.effective_on) over (partition by h.risk_id order by h.effective_on, h.id) as until
            from risk_history h where h.programme_id = ${a.programmeId} and h.effective_on <= ${a.asAt})
        select m.d, s.score / 5 as band, count(s.risk_id) from months m
          left join spans s on s.effective_on <= m.d and (s.until is null or s.until > m.d) and s.status = 'open'
         group by 1, 2`,
  );

/** Every visible transfer's tasks (the columns a schedule needs), dependencies and transfer registers. */
const plans = (db: Database, a: TBareArgs) =>
  Promise.all([
    all(db, sql`select * from transfers where programme_id = ${a.programmeId}`),
    all(
      db,
      sql`select id, transfer_id, kind, status, start_date, due_date, actual_start, completed_on, percent_complete,
                 optimistic_days, pessimistic_days, owning_organisation_id, workstream, title
            from plan_tasks where programme_id = ${a.programmeId}`,
    ),
    all(
      db,
      sql`select predecessor_id, successor_id, lag_days from task_dependencies where programme_id = ${a.programmeId}`,
    ),
    all(db, sql`select * from tupe_staff_groups where programme_id = ${a.programmeId}`),
  ]);

export const bareViews = {
  'steering pack': (db: Database, a: TBareArgs) =>
    Promise.all([registerAsAt(db, a), overdueActions(db, a), profile(db, a), plans(db, a)]),
  'joint progress': (db: Database, a: TBareArgs) => plans(db, a),
  'readiness of all transfers': (db: Database, a: TBareArgs) => plans(db, a),
  // Every risk whose state moved between the two dates, with both states, and the actions overdue at the end.
  'what changed': (db: Database, a: TBareArgs) =>
    Promise.all([
      all(
        db,
        sql`with w as (select distinct risk_id from risk_history
                        where programme_id = ${a.programmeId} and effective_on > ${a.since} and effective_on <= ${a.asAt})
            select r.id, r.number, r.title, r.category_key, r.raised_on, o.short_name,
                   pv.score as pv_score, pv.status as pv_status, pv.escalated as pv_escalated,
                   st.score, st.status, st.escalated
              from w join risks r on r.id = w.risk_id
              join lateral (select score, status, escalated from risk_history h where h.risk_id = w.risk_id
                             and h.effective_on <= ${a.asAt} order by h.effective_on desc, h.id desc limit 1) st on true
              left join lateral (select score, status, escalated from risk_history h where h.risk_id = w.risk_id
                             and h.effective_on <= ${a.since} order by h.effective_on desc, h.id desc limit 1) pv on true
              join organisations o on o.id = r.owning_organisation_id
             where pv.score is null or pv.score <> st.score or pv.status <> st.status or pv.escalated <> st.escalated
             order by r.number`,
      ),
      overdueActions(db, a),
    ]),
  // The first page with each risk's score history (the row's sparkline), and the count.
  'register page': (db: Database, a: TBareArgs) =>
    Promise.all([
      all(
        db,
        sql`select r.*, o.name as org_name, o.short_name as org_short_name, u.name as owner_name,
                   array(select rl.lot_id from risk_lots rl where rl.risk_id = r.id) as lot_ids,
                   array(select ra.organisation_id from risk_affected_organisations ra where ra.risk_id = r.id) as affected_ids
              from risks r join organisations o on o.id = r.owning_organisation_id left join users u on u.id = r.owner_user_id
             where r.programme_id = ${a.programmeId} order by r.current_score desc, r.number desc limit 50`,
      ).then((page) =>
        all(
          db,
          sql`select risk_id, array_agg(score order by effective_on, id) from risk_history
               where risk_id = any(${(page as Array<{ id: string }>).map((r) => r.id)}::uuid[]) group by risk_id`,
        ),
      ),
      all(db, sql`select count(*) from risks where programme_id = ${a.programmeId}`),
    ]),
  // The counts per cell for the current, initial and target positions of every risk the filter admits (none).
  'heat map': (db: Database, a: TBareArgs) =>
    all(
      db,
      sql`select current_consequence, current_likelihood, initial_consequence, initial_likelihood,
                 target_consequence, target_likelihood, count(*) from risks
           where programme_id = ${a.programmeId}
           group by grouping sets ((current_consequence, current_likelihood),
                                   (initial_consequence, initial_likelihood), (target_consequence, target_likelihood))`,
    ),
  plan: (db: Database, a: TBareArgs) =>
    Promise.all([
      all(db, sql`select * from plan_tasks where transfer_id = ${a.transferId} order by start_date, id`),
      all(
        db,
        sql`select d.* from task_dependencies d join plan_tasks t on t.id = d.successor_id
             where t.transfer_id = ${a.transferId}`,
      ),
    ]),
} as const;

export type TBareView = keyof typeof bareViews;
