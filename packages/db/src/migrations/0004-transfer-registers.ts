import { sql, type Kysely } from 'kysely';

/* Registers per transfer: TUPE staff groups, estate sites, IT systems; plan tasks can point at a row. */

const rowStart = (db: Kysely<any>, table: string) =>
  db.schema
    .createTable(table)
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('programme_id', 'uuid', (c) => c.notNull().references('programmes.id').onDelete('cascade'))
    .addColumn('transfer_id', 'uuid', (c) => c.notNull().references('transfers.id').onDelete('cascade'));

const rowBasics = (t: any) =>
  t
    .addColumn('created_at', 'timestamptz', (c: any) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c: any) => c.notNull().defaultTo(sql`now()`))
    .addColumn('version', 'integer', (c: any) => c.notNull().defaultTo(1));

export async function up(db: Kysely<any>): Promise<void> {
  await rowBasics(
    rowStart(db, 'tupe_staff_groups')
      .addColumn('outgoing_employer_id', 'uuid', (c) => c.notNull().references('organisations.id'))
      .addColumn('incoming_employer_id', 'uuid', (c) => c.notNull().references('organisations.id'))
      .addColumn('service', 'text', (c) => c.notNull())
      .addColumn('site', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('headcount', 'integer', (c) => c.notNull())
      .addColumn('wte', 'numeric(9, 2)', (c) => c.notNull())
      .addColumn('bands', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('unions', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('eli_sent_on', 'date')
      .addColumn('eli_complete_on', 'date')
      .addColumn('measures_letter_on', 'date')
      .addColumn('consultation_start', 'date')
      .addColumn('consultation_end', 'date')
      .addColumn('pension_status', 'text', (c) => c.notNull().defaultTo('unknown'))
      .addColumn('objectors', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
      .addCheckConstraint(
        'tupe_staff_groups_counts',
        sql`headcount >= 0 and wte >= 0 and wte <= headcount and objectors between 0 and headcount`,
      )
      .addCheckConstraint(
        'tupe_staff_groups_consultation',
        sql`consultation_end is null or consultation_start is null or consultation_end >= consultation_start`,
      ),
  ).execute();

  await rowBasics(
    rowStart(db, 'estate_sites')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('landlord_type', 'text', (c) => c.notNull())
      .addColumn('tenure', 'text', (c) => c.notNull())
      .addColumn('route', 'text', (c) => c.notNull())
      .addColumn('landlord_consent', 'text', (c) => c.notNull().defaultTo('not_requested'))
      .addColumn('cqc_location_status', 'text', (c) => c.notNull().defaultTo('not_started'))
      .addColumn('readiness_note', 'text', (c) => c.notNull().defaultTo('')),
  ).execute();

  await rowBasics(
    rowStart(db, 'it_systems')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('supplier', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('system_type', 'text', (c) => c.notNull())
      .addColumn('data_controller_before_id', 'uuid', (c) => c.notNull().references('organisations.id'))
      .addColumn('data_controller_after_id', 'uuid', (c) => c.notNull().references('organisations.id'))
      .addColumn('migration_method', 'text', (c) => c.notNull())
      .addColumn('final_extract_date', 'date')
      .addColumn('cutover_start', 'date')
      .addColumn('go_live_date', 'date')
      .addColumn('legacy_access_end', 'date')
      .addColumn('dpia_status', 'text', (c) => c.notNull().defaultTo('not_started'))
      .addColumn('dsa_status', 'text', (c) => c.notNull().defaultTo('not_started'))
      .addColumn('dspt_status', 'text', (c) => c.notNull().defaultTo('not_started'))
      .addColumn('safety_case_status', 'text', (c) => c.notNull().defaultTo('not_started'))
      .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
      .addCheckConstraint(
        'it_systems_dates',
        sql`(cutover_start is null or final_extract_date is null or cutover_start >= final_extract_date)
          and (go_live_date is null or cutover_start is null or go_live_date >= cutover_start)
          and (go_live_date is null or final_extract_date is null or go_live_date >= final_extract_date)
          and (legacy_access_end is null or go_live_date is null or legacy_access_end >= go_live_date)`,
      ),
  ).execute();

  for (const table of ['tupe_staff_groups', 'estate_sites', 'it_systems']) {
    await db.schema
      .createIndex(`${table}_transfer_idx`)
      .on(table)
      .columns(['transfer_id', 'created_at'])
      .execute();
  }

  // A plan task can carry the register row it is about (the row's risks come through the task's mitigations).
  await db.schema
    .alterTable('plan_tasks')
    .addColumn('staff_group_id', 'uuid', (c) => c.references('tupe_staff_groups.id').onDelete('set null'))
    .addColumn('site_id', 'uuid', (c) => c.references('estate_sites.id').onDelete('set null'))
    .addColumn('system_id', 'uuid', (c) => c.references('it_systems.id').onDelete('set null'))
    .execute();
  for (const col of ['staff_group_id', 'site_id', 'system_id']) {
    await db.schema
      .createIndex(`plan_tasks_${col.replace('_id', '')}_idx`)
      .on('plan_tasks')
      .column(col)
      .where(sql.ref(col), 'is not', null)
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('plan_tasks')
    .dropColumn('staff_group_id')
    .dropColumn('site_id')
    .dropColumn('system_id')
    .execute();
  for (const t of ['it_systems', 'estate_sites', 'tupe_staff_groups']) await db.schema.dropTable(t).execute();
}
