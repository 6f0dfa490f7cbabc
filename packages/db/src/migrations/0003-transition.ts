import { sql, type Kysely } from 'kysely';

const rowBasics = (t: any) =>
  t
    .addColumn('created_at', 'timestamptz', (c: any) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c: any) => c.notNull().defaultTo(sql`now()`))
    .addColumn('version', 'integer', (c: any) => c.notNull().defaultTo(1));

export async function up(db: Kysely<any>): Promise<void> {
  await rowBasics(
    db.schema
      .createTable('transfers')
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('programme_id', 'uuid', (c) => c.notNull().references('programmes.id').onDelete('cascade'))
      .addColumn('lot_id', 'uuid', (c) => c.notNull().references('lots.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('outgoing_organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
      .addColumn('incoming_organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
      .addColumn('services', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('planned_transfer_date', 'date', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('proposed_redundancies', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('first_dismissal_date', 'date')
      .addColumn('legacy_access_days', 'integer', (c) => c.notNull().defaultTo(90)),
  ).execute();
  await db.schema
    .createIndex('transfers_programme_idx')
    .on('transfers')
    .columns(['programme_id', 'planned_transfer_date'])
    .execute();

  await rowBasics(
    db.schema
      .createTable('plan_tasks')
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('programme_id', 'uuid', (c) => c.notNull().references('programmes.id').onDelete('cascade'))
      .addColumn('transfer_id', 'uuid', (c) => c.notNull().references('transfers.id').onDelete('cascade'))
      .addColumn('template_key', 'text')
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('workstream', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('owning_organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
      .addColumn('assignee_user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('start_date', 'date', (c) => c.notNull())
      .addColumn('due_date', 'date', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('percent_complete', 'smallint', (c) => c.notNull().defaultTo(0))
      .addColumn('evidence', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('condition_precedent', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('gate_criteria', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('gate_criteria_met', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('completed_on', 'date')
      .addCheckConstraint('plan_tasks_dates', sql`due_date >= start_date`)
      .addCheckConstraint('plan_tasks_percent', sql`percent_complete between 0 and 100`),
  ).execute();
  await db.schema
    .createIndex('plan_tasks_transfer_idx')
    .on('plan_tasks')
    .columns(['transfer_id', 'workstream', 'start_date'])
    .execute();
  await db.schema
    .createIndex('plan_tasks_assignee_idx')
    .on('plan_tasks')
    .columns(['assignee_user_id', 'due_date'])
    .execute();
  await db.schema
    .createIndex('plan_tasks_programme_due_idx')
    .on('plan_tasks')
    .columns(['programme_id', 'status', 'due_date'])
    .execute();

  await db.schema
    .createTable('task_dependencies')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('programme_id', 'uuid', (c) => c.notNull().references('programmes.id').onDelete('cascade'))
    .addColumn('predecessor_id', 'uuid', (c) => c.notNull().references('plan_tasks.id').onDelete('cascade'))
    .addColumn('successor_id', 'uuid', (c) => c.notNull().references('plan_tasks.id').onDelete('cascade'))
    .addColumn('lag_days', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('task_dependencies_pair_key', ['predecessor_id', 'successor_id'])
    .addCheckConstraint('task_dependencies_not_self', sql`predecessor_id <> successor_id`)
    .execute();
  await db.schema
    .createIndex('task_dependencies_successor_idx')
    .on('task_dependencies')
    .column('successor_id')
    .execute();

  // Risks and mitigations linked to the plan, both ways.
  await db.schema
    .alterTable('mitigation_actions')
    .addColumn('task_id', 'uuid', (c) => c.references('plan_tasks.id').onDelete('set null'))
    .execute();
  await db.schema
    .createTable('risk_transfer_links')
    .addColumn('risk_id', 'uuid', (c) => c.notNull().references('risks.id').onDelete('cascade'))
    .addColumn('transfer_id', 'uuid', (c) => c.notNull().references('transfers.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('risk_transfer_links_pkey', ['risk_id', 'transfer_id'])
    .execute();
  await db.schema
    .createIndex('risk_transfer_links_transfer_idx')
    .on('risk_transfer_links')
    .column('transfer_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('risk_transfer_links').execute();
  await db.schema.alterTable('mitigation_actions').dropColumn('task_id').execute();
  for (const t of ['task_dependencies', 'plan_tasks', 'transfers']) await db.schema.dropTable(t).execute();
}
