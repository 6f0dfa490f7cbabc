import { sql, type Kysely } from 'kysely';

/*
 * Bringing a programme's own register into Baton, and taking dates out to people's calendars:
 * - a risk can be owned by a named person who is not (yet) a Baton user ("Director of HR"), kept as text until
 *   a member is matched to it; and it keeps the reference it had in the file it came from ("CSR-12");
 * - the column mapping of an import is remembered per programme and kind of file, keyed by the headings;
 * - calendar feeds: a secret link per person and programme (only its SHA-256 is stored), revocable.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('risks')
    .addColumn('named_owner', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('source_reference', 'text')
    .execute();
  await db.schema
    .createIndex('risks_source_reference_idx')
    .on('risks')
    .columns(['programme_id', 'source_reference'])
    .where(sql.ref('source_reference'), 'is not', null)
    .execute();

  await db.schema
    .createTable('import_mappings')
    .addColumn('programme_id', 'uuid', (c) => c.notNull().references('programmes.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    /** The file's headings, lower-cased and joined: the same layout finds the same mapping. */
    .addColumn('headings_key', 'text', (c) => c.notNull())
    .addColumn('mapping', 'jsonb', (c) => c.notNull())
    .addColumn('updated_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('import_mappings_pk', ['programme_id', 'kind', 'headings_key'])
    .execute();

  await db.schema
    .createTable('calendar_feeds')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('programme_id', 'uuid', (c) => c.notNull().references('programmes.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('calendar_feeds_user_idx')
    .on('calendar_feeds')
    .columns(['user_id', 'programme_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('calendar_feeds').execute();
  await db.schema.dropTable('import_mappings').execute();
  await db.schema.alterTable('risks').dropColumn('source_reference').dropColumn('named_owner').execute();
}
