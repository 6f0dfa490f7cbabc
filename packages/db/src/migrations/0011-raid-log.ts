import { sql, type Kysely } from 'kysely';

/*
 * The RAID log beside the risk register: issues, assumptions, decisions and meeting actions, in one table
 * because they share owner, organisation, dates, access and audit; `kind` says which log an item is in and
 * each kind has its own reference sequence (ISS-001, DEC-001...). A decision can answer one of a meeting's
 * recommendations (`recommendation_key`), at most once per meeting. Nothing existing is changed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('raid_items')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('programme_id', 'uuid', (c) => c.notNull().references('programmes.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('issue', 'assumption', 'decision', 'action')`),
    )
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('owning_organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('owner_user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('priority', 'text')
    .addColumn('impact', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('resolution', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('raised_on', 'date', (c) => c.notNull())
    .addColumn('due_on', 'date')
    .addColumn('closed_on', 'date')
    .addColumn('risk_id', 'uuid', (c) => c.references('risks.id').onDelete('set null'))
    .addColumn('meeting_id', 'uuid', (c) => c.references('meetings.id').onDelete('set null'))
    .addColumn('decided_by', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('recommendation_key', 'text')
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('raid_items_number_unique', ['programme_id', 'kind', 'number'])
    .execute();
  await db.schema.createIndex('raid_items_risk_idx').on('raid_items').column('risk_id').execute();
  await db.schema.createIndex('raid_items_owner_idx').on('raid_items').column('owner_user_id').execute();
  await db.schema
    .createIndex('raid_items_recommendation_unique')
    .on('raid_items')
    .columns(['meeting_id', 'recommendation_key'])
    .unique()
    .where(sql.ref('recommendation_key'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('raid_items').execute();
}
