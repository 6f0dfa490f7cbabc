import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Reference numbers are per programme and never reused: a counter bumped in the creating transaction.
  await db.schema
    .alterTable('programmes')
    .addColumn('next_risk_number', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('risk_matrices')
    .addColumn('programme_id', 'uuid', (c) => c.primaryKey().references('programmes.id').onDelete('cascade'))
    .addColumn('config', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('risks')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('programme_id', 'uuid', (c) => c.notNull().references('programmes.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('cause', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('effect', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('category_key', 'text', (c) => c.notNull())
    .addColumn('workstream', 'text')
    .addColumn('owner_user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('owning_organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('controls', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('gaps', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('initial_consequence', 'smallint', (c) => c.notNull())
    .addColumn('initial_likelihood', 'smallint', (c) => c.notNull())
    .addColumn('initial_score', 'smallint', (c) => c.notNull())
    .addColumn('current_consequence', 'smallint', (c) => c.notNull())
    .addColumn('current_likelihood', 'smallint', (c) => c.notNull())
    .addColumn('current_score', 'smallint', (c) => c.notNull())
    .addColumn('target_consequence', 'smallint', (c) => c.notNull())
    .addColumn('target_likelihood', 'smallint', (c) => c.notNull())
    .addColumn('target_score', 'smallint', (c) => c.notNull())
    .addColumn('target_date', 'date')
    .addColumn('proximity', 'text')
    .addColumn('escalation_tier', 'text', (c) => c.notNull().defaultTo('programme'))
    .addColumn('escalated', 'boolean', (c) => c.notNull())
    .addColumn('raised_on', 'date', (c) => c.notNull())
    .addColumn('last_reviewed_on', 'date', (c) => c.notNull())
    .addColumn('next_review_on', 'date', (c) => c.notNull())
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('risks_programme_number_key', ['programme_id', 'number'])
    .addCheckConstraint(
      'risks_levels_check',
      sql`initial_consequence between 1 and 5 and initial_likelihood between 1 and 5 and current_consequence between 1 and 5
        and current_likelihood between 1 and 5 and target_consequence between 1 and 5 and target_likelihood between 1 and 5`,
    )
    .execute();
  for (const [name, cols] of [
    ['risks_score_idx', ['programme_id', 'current_score desc', 'number']],
    ['risks_review_idx', ['programme_id', 'next_review_on', 'number']],
    ['risks_owner_org_idx', ['programme_id', 'owning_organisation_id']],
    ['risks_category_idx', ['programme_id', 'category_key']],
    ['risks_status_idx', ['programme_id', 'status']],
    ['risks_updated_idx', ['programme_id', 'updated_at desc']],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on('risks')
      .columns([...cols])
      .execute();
  }

  await db.schema
    .createTable('risk_lots')
    .addColumn('risk_id', 'uuid', (c) => c.notNull().references('risks.id').onDelete('cascade'))
    .addColumn('lot_id', 'uuid', (c) => c.notNull().references('lots.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('risk_lots_pkey', ['risk_id', 'lot_id'])
    .execute();
  await db.schema
    .createTable('risk_affected_organisations')
    .addColumn('risk_id', 'uuid', (c) => c.notNull().references('risks.id').onDelete('cascade'))
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addPrimaryKeyConstraint('risk_affected_organisations_pkey', ['risk_id', 'organisation_id'])
    .execute();

  // One row per change of a risk's current score, status or escalation: the register's memory. The state
  // of any risk at any date is its last row on or before that date.
  await db.schema
    .createTable('risk_history')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('risk_id', 'uuid', (c) => c.notNull().references('risks.id').onDelete('cascade'))
    .addColumn('programme_id', 'uuid', (c) => c.notNull().references('programmes.id').onDelete('cascade'))
    .addColumn('effective_on', 'date', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('recorded_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('consequence', 'smallint', (c) => c.notNull())
    .addColumn('likelihood', 'smallint', (c) => c.notNull())
    .addColumn('score', 'smallint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('escalated', 'boolean', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .createIndex('risk_history_risk_idx')
    .on('risk_history')
    .columns(['risk_id', 'effective_on', 'id'])
    .execute();
  await db.schema
    .createIndex('risk_history_programme_idx')
    .on('risk_history')
    .columns(['programme_id', 'effective_on'])
    .execute();

  await db.schema
    .createTable('mitigation_actions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('programme_id', 'uuid', (c) => c.notNull().references('programmes.id').onDelete('cascade'))
    .addColumn('risk_id', 'uuid', (c) => c.notNull().references('risks.id').onDelete('cascade'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('owner_user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('due_date', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('expected_effect', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('completed_on', 'date')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('mitigation_actions_risk_idx')
    .on('mitigation_actions')
    .columns(['risk_id', 'due_date'])
    .execute();
  await db.schema
    .createIndex('mitigation_actions_due_idx')
    .on('mitigation_actions')
    .columns(['programme_id', 'status', 'due_date'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'mitigation_actions',
    'risk_history',
    'risk_affected_organisations',
    'risk_lots',
    'risks',
    'risk_matrices',
  ]) {
    await db.schema.dropTable(t).execute();
  }
  await db.schema.alterTable('programmes').dropColumn('next_risk_number').execute();
}
