import { sql, type Kysely } from 'kysely';

/*
 * A programme's records outlive its transition: when the work is done an admin closes it (read-only from then
 * on) with a date until which its records are kept; after that date it can be deleted, in two steps by two
 * people (one asks, another confirms), each recorded. Existing programmes are open.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('programmes')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('closed_at', 'timestamptz')
    .addColumn('closed_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('closure_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('retain_until', 'date')
    .addColumn('deletion_requested_at', 'timestamptz')
    .addColumn('deletion_requested_by', 'uuid', (c) => c.references('users.id'))
    .execute();
  await sql`alter table programmes add constraint programmes_status_check
    check (status in ('open', 'closed'))`.execute(db);
  // A closed programme always says until when its records are kept; an open one cannot be up for deletion.
  await sql`alter table programmes add constraint programmes_closed_check
    check ((status = 'open' and closed_at is null and retain_until is null and deletion_requested_at is null)
        or (status = 'closed' and closed_at is not null and retain_until is not null))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table programmes drop constraint programmes_closed_check`.execute(db);
  await sql`alter table programmes drop constraint programmes_status_check`.execute(db);
  await db.schema
    .alterTable('programmes')
    .dropColumn('status')
    .dropColumn('closed_at')
    .dropColumn('closed_by')
    .dropColumn('closure_reason')
    .dropColumn('retain_until')
    .dropColumn('deletion_requested_at')
    .dropColumn('deletion_requested_by')
    .execute();
}
