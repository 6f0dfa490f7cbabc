import { sql, type Kysely } from 'kysely';

/*
 * Sessions people can see: each gets a public id (the token's hash stays the key and never leaves the
 * server), the address it signed in from, and when it was last used (touched at most every few minutes).
 * Existing sessions keep working: they get an id, no address, and their creation time as last used.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('sessions')
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('ip_address', 'text')
    .addColumn('last_used_at', 'timestamptz')
    .execute();
  await sql`update sessions set last_used_at = created_at`.execute(db);
  await sql`alter table sessions alter column last_used_at set not null, alter column last_used_at set default now()`.execute(
    db,
  );
  await db.schema.createIndex('sessions_id_unique').on('sessions').column('id').unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('sessions')
    .dropColumn('id')
    .dropColumn('ip_address')
    .dropColumn('last_used_at')
    .execute();
}
