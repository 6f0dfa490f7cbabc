import { sql, type Kysely } from 'kysely';

/*
 * Indexes for the heavy read views (issue 12):
 * - actions linked to a plan task: deleting a task sets their task_id to null, and the workspace and readiness
 *   look actions up by task; without an index each lookup scanned every action of every programme;
 * - the pack's overdue actions, read in due-date order and cut at the first page, can walk this index and stop
 *   (the count of all of them is a separate, narrow query).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index mitigation_actions_task_idx on mitigation_actions (task_id) where task_id is not null`.execute(
    db,
  );
  await sql`create index mitigation_actions_open_due_idx on mitigation_actions (programme_id, due_date, id) where status <> 'cancelled'`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('mitigation_actions_open_due_idx').execute();
  await db.schema.dropIndex('mitigation_actions_task_idx').execute();
}
