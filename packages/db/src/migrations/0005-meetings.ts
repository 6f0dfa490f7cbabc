import { sql, type Kysely } from 'kysely';

/*
 * Steering group meetings and the packs frozen for them. A frozen pack is the paper as the meeting saw it:
 * the register, readiness and decisions as at the meeting date, stored whole and never changed afterwards
 * (a trigger refuses updates), so last month's paper can always be reproduced and compared with today.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('meetings')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('programme_id', 'uuid', (c) => c.notNull().references('programmes.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('held_on', 'date', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('attendees', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('apologies', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('decisions', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('meetings_programme_idx')
    .on('meetings')
    .columns(['programme_id', 'held_on'])
    .execute();

  await db.schema
    .createTable('pack_snapshots')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('programme_id', 'uuid', (c) => c.notNull().references('programmes.id').onDelete('cascade'))
    // A meeting with a frozen pack cannot be deleted: the paper it approved must stay reproducible.
    .addColumn('meeting_id', 'uuid', (c) =>
      c.notNull().unique().references('meetings.id').onDelete('restrict'),
    )
    .addColumn('as_at', 'date', (c) => c.notNull())
    .addColumn('since', 'date')
    .addColumn('frozen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('frozen_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('pack', 'jsonb', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .execute();

  await sql`
    create function pack_snapshots_immutable() returns trigger language plpgsql as $$
    begin
      raise exception 'A frozen steering group pack cannot be changed' using errcode = 'restrict_violation';
    end $$`.execute(db);
  await sql`
    create trigger pack_snapshots_no_update before update on pack_snapshots
    for each row execute function pack_snapshots_immutable()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('pack_snapshots').execute();
  await sql`drop function pack_snapshots_immutable()`.execute(db);
  await db.schema.dropTable('meetings').execute();
}
