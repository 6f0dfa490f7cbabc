import { sql, type Kysely } from 'kysely';

/*
 * Before the handover (issue 15): due diligence requests to outgoing providers, bidders' clarification
 * questions, and the documents that answer them. A request is released to bidders at one moment
 * (`released_at`), never bidder by bidder. Documents are versioned; each version's bytes live in the database
 * (`content`) or in an S3-compatible store (`storage_key`). Nothing existing is changed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('dd_requests')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('programme_id', 'uuid', (c) => c.notNull().references('programmes.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('requesting_organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('responding_organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('responder_user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('lot_id', 'uuid', (c) => c.references('lots.id').onDelete('set null'))
    .addColumn('transfer_id', 'uuid', (c) => c.references('transfers.id').onDelete('set null'))
    .addColumn('asked_on', 'date', (c) => c.notNull())
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('open', 'answered', 'returned', 'accepted', 'withdrawn')`),
    )
    .addColumn('answer', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('answered_at', 'timestamptz')
    .addColumn('answered_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('review_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('reviewed_at', 'timestamptz')
    .addColumn('reviewed_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('released_at', 'timestamptz')
    .addColumn('released_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('chase_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_chased_on', 'date')
    .addColumn('risk_id', 'uuid', (c) => c.references('risks.id').onDelete('set null'))
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('dd_requests_number_unique', ['programme_id', 'number'])
    .execute();
  await sql`create index dd_requests_awaiting_idx on dd_requests (programme_id, due_on) where status in ('open', 'returned')`.execute(
    db,
  );
  // Readiness reads a transfer's overdue requests with every plan load.
  await sql`create index dd_requests_transfer_awaiting_idx on dd_requests (transfer_id, due_on) where status in ('open', 'returned') and transfer_id is not null`.execute(
    db,
  );
  await db.schema
    .createIndex('dd_requests_responder_idx')
    .on('dd_requests')
    .column('responder_user_id')
    .execute();

  await db.schema
    .createTable('dd_clarifications')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('programme_id', 'uuid', (c) => c.notNull().references('programmes.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('asked_by_organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('asked_by_user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('request_id', 'uuid', (c) => c.references('dd_requests.id').onDelete('set null'))
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('published_question', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('answer', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('open', 'answered', 'published', 'withdrawn')`),
    )
    .addColumn('asked_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('answered_at', 'timestamptz')
    .addColumn('answered_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('published_at', 'timestamptz')
    .addColumn('published_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('dd_clarifications_number_unique', ['programme_id', 'number'])
    .execute();

  await db.schema
    .createTable('documents')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('programme_id', 'uuid', (c) => c.notNull().references('programmes.id').onDelete('cascade'))
    .addColumn('parent_type', 'text', (c) =>
      c.notNull().check(sql`parent_type in ('dd_request', 'clarification')`),
    )
    .addColumn('parent_id', 'uuid', (c) => c.notNull())
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('latest_version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('documents_parent_idx')
    .on('documents')
    .columns(['parent_type', 'parent_id'])
    .execute();

  await db.schema
    .createTable('document_versions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('document_id', 'uuid', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('version_number', 'integer', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage', 'text', (c) => c.notNull().check(sql`storage in ('database', 's3')`))
    .addColumn('content', 'bytea')
    .addColumn('storage_key', 'text')
    .addColumn('scan_status', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('uploaded_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('document_versions_unique', ['document_id', 'version_number'])
    .addCheckConstraint(
      'document_versions_stored',
      sql`(storage = 'database' and content is not null) or (storage = 's3' and storage_key is not null)`,
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('document_versions').execute();
  await db.schema.dropTable('documents').execute();
  await db.schema.dropTable('dd_clarifications').execute();
  await db.schema.dropTable('dd_requests').execute();
}
