import { sql, type Kysely } from 'kysely';

/*
 * Two reads of the register that grew with its size (issue 12):
 * - The register's default order is score then reference, both in the same direction (highest score, newest
 *   first). The index kept score descending but reference ascending, so PostgreSQL read every risk of the top
 *   score and sorted them before it could stop at a page: one index in ascending order serves both directions.
 * - The steering pack's twelve-month profile walks a programme's whole history risk by risk, date by date.
 *   With the score and status in the index that walk reads no table rows.
 * - Overdue actions are counted on every pack and "what changed": the open-by-due-date index now carries the
 *   status and completion date the count tests, so counting reads no table rows either.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop index risks_score_idx`.execute(db);
  await sql`create index risks_score_idx on risks (programme_id, current_score, number)`.execute(db);
  await sql`create index risk_history_programme_risk_idx on risk_history (programme_id, risk_id, effective_on, id)
              include (score, status)`.execute(db);
  await sql`drop index mitigation_actions_open_due_idx`.execute(db);
  await sql`create index mitigation_actions_open_due_idx on mitigation_actions (programme_id, due_date, id)
              include (status, completed_on) where status <> 'cancelled'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index mitigation_actions_open_due_idx`.execute(db);
  await sql`create index mitigation_actions_open_due_idx on mitigation_actions (programme_id, due_date, id)
              where status <> 'cancelled'`.execute(db);
  await sql`drop index risk_history_programme_risk_idx`.execute(db);
  await sql`drop index risks_score_idx`.execute(db);
  await sql`create index risks_score_idx on risks (programme_id, current_score desc, number)`.execute(db);
}
