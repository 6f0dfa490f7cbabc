import { sql, type Kysely } from 'kysely';

/*
 * Assurance gateways (issue 15, part 4). A gateway assesses one organisation against domains of criteria
 * (copied from the Suffolk template, editable while in draft); named panel members rate each criterion;
 * moderation records an agreed rating and reasons per criterion and per domain; an evidence log; and the
 * recommendation, recorded as a RAID decision whose conditions are RAID actions linked back by `gateway_id`.
 * Nothing existing is changed except the new nullable `raid_items.gateway_id` and documents accepting evidence
 * files (`parent_type = 'gateway_evidence'`).
 */
const RATINGS = sql`('assured', 'partially_assured', 'not_assured')`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('gateways')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('programme_id', 'uuid', (c) => c.notNull().references('programmes.id').onDelete('cascade'))
    .addColumn('assessed_organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('isap_checkpoint', 'integer', (c) => c.check(sql`isap_checkpoint between 1 and 3`))
    .addColumn('lot_id', 'uuid', (c) => c.references('lots.id').onDelete('set null'))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('draft')
        .check(sql`status in ('draft', 'scoring', 'moderation', 'decided')`),
    )
    .addColumn('scoring_opens_on', 'date')
    .addColumn('panel_due_on', 'date')
    .addColumn('recommendation', 'text', (c) =>
      c.check(sql`recommendation in ('progress', 'progress_with_conditions', 'do_not_progress')`),
    )
    .addColumn('rationale', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('decided_on', 'date')
    .addColumn('decision_raid_id', 'uuid', (c) => c.references('raid_items.id').onDelete('set null'))
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('gateways_programme_idx').on('gateways').column('programme_id').execute();

  await db.schema
    .createTable('gateway_panel_members')
    .addColumn('gateway_id', 'uuid', (c) => c.notNull().references('gateways.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('gateway_panel_members_pk', ['gateway_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('gateway_domains')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('gateway_id', 'uuid', (c) => c.notNull().references('gateways.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('agreed_rating', 'text', (c) => c.check(sql`agreed_rating in ${RATINGS}`))
    .addColumn('agreed_reasons', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('gateway_domains_gateway_idx')
    .on('gateway_domains')
    .column('gateway_id')
    .execute();

  await db.schema
    .createTable('gateway_criteria')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('domain_id', 'uuid', (c) => c.notNull().references('gateway_domains.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('agreed_rating', 'text', (c) => c.check(sql`agreed_rating in ${RATINGS}`))
    .addColumn('agreed_reasons', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('gateway_criteria_domain_idx')
    .on('gateway_criteria')
    .column('domain_id')
    .execute();

  await db.schema
    .createTable('gateway_ratings')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('criterion_id', 'uuid', (c) =>
      c.notNull().references('gateway_criteria.id').onDelete('cascade'),
    )
    .addColumn('panel_user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('rating', 'text', (c) => c.notNull().check(sql`rating in ${RATINGS}`))
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('gateway_ratings_unique', ['criterion_id', 'panel_user_id'])
    .execute();

  await db.schema
    .createTable('gateway_evidence')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('gateway_id', 'uuid', (c) => c.notNull().references('gateways.id').onDelete('cascade'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('provided_by', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('received_on', 'date')
    .addColumn('domain_id', 'uuid', (c) => c.references('gateway_domains.id').onDelete('set null'))
    .addColumn('criterion_id', 'uuid', (c) => c.references('gateway_criteria.id').onDelete('set null'))
    .addColumn('reference', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('gateway_evidence_gateway_idx')
    .on('gateway_evidence')
    .column('gateway_id')
    .execute();

  await db.schema
    .alterTable('raid_items')
    .addColumn('gateway_id', 'uuid', (c) => c.references('gateways.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('raid_items_gateway_idx').on('raid_items').column('gateway_id').execute();
  await sql`alter table documents drop constraint documents_parent_type_check`.execute(db);
  await sql`alter table documents add constraint documents_parent_type_check
    check (parent_type in ('dd_request', 'clarification', 'gateway_evidence'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from documents where parent_type = 'gateway_evidence'`.execute(db);
  await sql`alter table documents drop constraint documents_parent_type_check`.execute(db);
  await sql`alter table documents add constraint documents_parent_type_check
    check (parent_type in ('dd_request', 'clarification'))`.execute(db);
  await db.schema.alterTable('raid_items').dropColumn('gateway_id').execute();
  for (const t of [
    'gateway_evidence',
    'gateway_ratings',
    'gateway_criteria',
    'gateway_domains',
    'gateway_panel_members',
    'gateways',
  ])
    await db.schema.dropTable(t).execute();
}
