import { sql, type Kysely } from 'kysely';

/*
 * In-app notifications and the email outbox. A notification is written in the transaction that caused it
 * (an assignment) or by the daily scan job (due soon, overdue, review due); `dedupe_key` makes every writer
 * idempotent, so a job that runs twice notifies once. Emails wait in the outbox until a worker sends them
 * over SMTP (when configured), so a mail server being down never fails or slows a user's change.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('email_notifications', 'boolean', (c) => c.notNull().defaultTo(true))
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('programme_id', 'uuid', (c) => c.references('programmes.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('link', 'text')
    .addColumn('entity_type', 'text')
    .addColumn('entity_id', 'uuid')
    .addColumn('dedupe_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('read_at', 'timestamptz')
    .addUniqueConstraint('notifications_user_dedupe_key', ['user_id', 'dedupe_key'])
    .execute();
  await db.schema
    .createIndex('notifications_user_idx')
    .on('notifications')
    .columns(['user_id', 'created_at desc'])
    .execute();
  await sql`create index notifications_unread_idx on notifications (user_id) where read_at is null`.execute(
    db,
  );

  await db.schema
    .createTable('email_outbox')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('notification_id', 'uuid', (c) => c.references('notifications.id').onDelete('set null'))
    .addColumn('programme_id', 'uuid', (c) => c.references('programmes.id').onDelete('cascade'))
    .addColumn('to_user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .addCheckConstraint('email_outbox_status', sql`status in ('pending', 'sent', 'failed')`)
    .execute();
  await db.schema
    .createIndex('email_outbox_pending_idx')
    .on('email_outbox')
    .columns(['status', 'next_attempt_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('email_outbox').execute();
  await db.schema.dropTable('notifications').execute();
  await db.schema.alterTable('users').dropColumn('email_notifications').execute();
}
