import { sql, type Kysely } from 'kysely';

/*
 * A fingerprint of each transfer's plan (issue 12): every readiness view, the joint progress view and the
 * steering pack schedule every visible plan, and a plan of hundreds of tasks costs more to read and schedule
 * than everything else on those screens. `transfers.plan_version` changes whenever anything a loaded plan
 * holds changes (a task, a dependency, the name of a task's owning organisation or assignee), so a process
 * may keep a scheduled plan against it.
 *
 * The value comes from a sequence, not `+ 1`: a sequence never hands out a number twice, even when the
 * transaction that took it rolls back, so a fingerprint never names two different plans. Statement-level
 * triggers with transition tables keep a bulk import to one update per transfer.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create sequence plan_version_seq`.execute(db);
  await sql`alter table transfers add column plan_version bigint not null default nextval('plan_version_seq')`.execute(
    db,
  );

  await bumpPlanVersionOn(db, 'plan_tasks', (rows) => `select transfer_id from ${rows}`);
  // A dependency belongs to its successor's transfer (the plan that reads it).
  await bumpPlanVersionOn(
    db,
    'task_dependencies',
    (rows) => `select k.transfer_id from plan_tasks k join ${rows} r on r.successor_id = k.id`,
  );

  // A loaded task carries its owning organisation's short name and its assignee's name.
  await sql`
    create function bump_plan_version_names() returns trigger language plpgsql as $$
    begin
      -- Most updates of a person or an organisation leave the name alone: nothing to do then.
      if tg_table_name = 'organisations' then
        if exists (select 1 from new_rows n join old_rows o on o.id = n.id where o.short_name is distinct from n.short_name) then
          update transfers set plan_version = nextval('plan_version_seq')
           where id in (select k.transfer_id from plan_tasks k join new_rows n on n.id = k.owning_organisation_id);
        end if;
      elsif exists (select 1 from new_rows n join old_rows o on o.id = n.id where o.name is distinct from n.name) then
        update transfers set plan_version = nextval('plan_version_seq')
         where id in (select k.transfer_id from plan_tasks k join new_rows n on n.id = k.assignee_user_id);
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger organisations_name_plan_version after update on organisations
    referencing new table as new_rows old table as old_rows
    for each statement execute function bump_plan_version_names()`.execute(db);
  await sql`create trigger users_name_plan_version after update on users
    referencing new table as new_rows old table as old_rows
    for each statement execute function bump_plan_version_names()`.execute(db);
}

/**
 * Statement triggers on `table` that give every transfer whose plan the changed rows belong to a new
 * fingerprint; `transfersOf` selects those transfers' ids from a transition table of the rows.
 */
async function bumpPlanVersionOn(
  db: Kysely<any>,
  table: 'plan_tasks' | 'task_dependencies',
  transfersOf: (rows: 'new_rows' | 'old_rows') => string,
) {
  await sql`
    create function ${sql.raw(`bump_plan_version_${table}`)}() returns trigger language plpgsql as $$
    begin
      if tg_op in ('INSERT', 'UPDATE') then
        update transfers set plan_version = nextval('plan_version_seq')
         where id in (${sql.raw(transfersOf('new_rows'))});
      end if;
      if tg_op in ('DELETE', 'UPDATE') then
        update transfers set plan_version = nextval('plan_version_seq')
         where id in (${sql.raw(transfersOf('old_rows'))});
      end if;
      return null;
    end $$`.execute(db);
  for (const op of ['insert', 'update', 'delete'] as const) {
    const refs =
      op === 'insert'
        ? sql`referencing new table as new_rows`
        : op === 'delete'
          ? sql`referencing old table as old_rows`
          : sql`referencing new table as new_rows old table as old_rows`;
    await sql`create trigger ${sql.raw(`${table}_${op}_version`)} after ${sql.raw(op)} on ${sql.raw(table)}
      ${refs} for each statement execute function ${sql.raw(`bump_plan_version_${table}`)}()`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const op of ['insert', 'update', 'delete']) {
    await sql`drop trigger ${sql.raw(`plan_tasks_${op}_version`)} on plan_tasks`.execute(db);
    await sql`drop trigger ${sql.raw(`task_dependencies_${op}_version`)} on task_dependencies`.execute(db);
  }
  await sql`drop trigger organisations_name_plan_version on organisations`.execute(db);
  await sql`drop trigger users_name_plan_version on users`.execute(db);
  await sql`drop function bump_plan_version_plan_tasks()`.execute(db);
  await sql`drop function bump_plan_version_task_dependencies()`.execute(db);
  await sql`drop function bump_plan_version_names()`.execute(db);
  await sql`alter table transfers drop column plan_version`.execute(db);
  await sql`drop sequence plan_version_seq`.execute(db);
}
