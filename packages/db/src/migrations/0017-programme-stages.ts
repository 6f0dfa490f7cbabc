import { sql, type Kysely } from 'kysely';

/*
 * The programme timeline (issue 15): the stages of a programme from pre-procurement engagement to the
 * post-transfer review, with planned, actual and forecast dates. `key` names a stage of the route's template
 * (null for one an admin added); the standstill's dates are derived from the route when read. Nothing existing
 * is changed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('programme_stages')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('programme_id', 'uuid', (c) => c.notNull().references('programmes.id').onDelete('cascade'))
    .addColumn('key', 'text')
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('stage', 'checkpoint', 'standstill')`))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('planned_start', 'date', (c) => c.notNull())
    .addColumn('planned_end', 'date', (c) => c.notNull())
    .addColumn('actual_start', 'date')
    .addColumn('actual_end', 'date')
    .addColumn('forecast_end', 'date')
    .addColumn('rule', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    // The risk a slipping stage raised on the register, if any.
    .addColumn('risk_id', 'uuid', (c) => c.references('risks.id').onDelete('set null'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addCheckConstraint('programme_stages_dates', sql`planned_end >= planned_start`)
    .execute();
  await db.schema
    .createIndex('programme_stages_programme_idx')
    .on('programme_stages')
    .columns(['programme_id', 'position'])
    .execute();
  await sql`create unique index programme_stages_key_unique on programme_stages (programme_id, key) where key is not null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('programme_stages').execute();
}
