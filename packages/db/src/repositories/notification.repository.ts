import {
  nextEmailAttempt,
  type TActionStatus,
  type TMembershipRole,
  type TNotificationDraft,
  type TNotificationKind,
  type TOutboxStatus,
  type TPartyRole,
  type TRiskStatus,
  type TTaskStatus,
} from '@baton/domain';
import { sql, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../client';
import type { DB } from '../generated/db';

/* ---------- notifications ---------- */

export interface TNotificationRow {
  id: string;
  userId: string;
  programme: { id: string; name: string } | null;
  kind: TNotificationKind;
  title: string;
  body: string;
  link: string | null;
  entityType: string | null;
  entityId: string | null;
  createdAt: Date;
  readAt: Date | null;
}

/** What a caller composes an email from: the notification, its programme's name, and who it is for. */
export type TComposeEmail = (
  n: TNotificationDraft & { id: string },
  context: { recipient: { name: string; email: string }; programmeName: string | null },
) => { subject: string; text: string };

const CHUNK = 500;

/**
 * Writes notifications in the caller's transaction, skipping any the user already has (same dedupe key), and
 * queues an email for each new one whose recipient has email notifications on. Returns what was new.
 */
export async function insertNotifications(
  db: Executor,
  drafts: readonly TNotificationDraft[],
  options: { composeEmail?: TComposeEmail } = {},
): Promise<{ inserted: Array<TNotificationDraft & { id: string }>; emails: number }> {
  const unique = [...new Map(drafts.map((d) => [`${d.userId} ${d.dedupeKey}`, d])).values()];
  const inserted: Array<TNotificationDraft & { id: string }> = [];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const chunk = unique.slice(i, i + CHUNK);
    const rows = await db
      .insertInto('notifications')
      .values(
        chunk.map((d) => ({
          user_id: d.userId,
          programme_id: d.programmeId,
          kind: d.kind,
          title: d.title,
          body: d.body,
          link: d.link,
          entity_type: d.entityType,
          entity_id: d.entityId,
          dedupe_key: d.dedupeKey,
        })),
      )
      .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing())
      .returning(['id', 'user_id', 'dedupe_key'])
      .execute();
    const byKey = new Map(chunk.map((d) => [`${d.userId} ${d.dedupeKey}`, d]));
    for (const r of rows) inserted.push({ ...byKey.get(`${r.user_id} ${r.dedupe_key}`)!, id: r.id });
  }
  if (!inserted.length || !options.composeEmail) return { inserted, emails: 0 };

  const userIds = [...new Set(inserted.map((n) => n.userId))];
  const programmeIds = [...new Set(inserted.flatMap((n) => (n.programmeId ? [n.programmeId] : [])))];
  const [recipients, programmes] = await Promise.all([
    db
      .selectFrom('users')
      .select(['id', 'name', 'email'])
      .where('id', 'in', userIds)
      .where('email_notifications', '=', true)
      .where('disabled_at', 'is', null)
      .execute(),
    programmeIds.length
      ? db.selectFrom('programmes').select(['id', 'name']).where('id', 'in', programmeIds).execute()
      : [],
  ]);
  const recipientById = new Map(recipients.map((u) => [u.id, u]));
  const programmeName = new Map(programmes.map((p) => [p.id, p.name]));
  const emails = inserted.flatMap((n) => {
    const recipient = recipientById.get(n.userId);
    if (!recipient) return [];
    const email = options.composeEmail!(n, {
      recipient,
      programmeName: n.programmeId ? (programmeName.get(n.programmeId) ?? null) : null,
    });
    return [
      {
        notification_id: n.id,
        programme_id: n.programmeId,
        to_user_id: recipient.id,
        to_address: recipient.email,
        subject: email.subject,
        body_text: email.text,
      },
    ];
  });
  for (let i = 0; i < emails.length; i += CHUNK) {
    await db
      .insertInto('email_outbox')
      .values(emails.slice(i, i + CHUNK))
      .execute();
  }
  return { inserted, emails: emails.length };
}

type NotificationEb = ExpressionBuilder<DB & { n: DB['notifications'] }, 'n'>;

/** A user sees notifications of programmes they are still a member of, and programme-less ones. */
function visibleTo(eb: NotificationEb, userId: string) {
  return eb.and([
    eb('n.user_id', '=', userId),
    eb.or([
      eb('n.programme_id', 'is', null),
      eb.exists(
        eb
          .selectFrom('programme_memberships as m')
          .select('m.id')
          .whereRef('m.programme_id', '=', 'n.programme_id')
          .where('m.user_id', '=', userId),
      ),
    ]),
  ]);
}

/** One page of a user's notifications, newest first; the cursor is the last id of the previous page. */
export async function listNotifications(
  db: Executor,
  userId: string,
  o: { cursor?: string | null | undefined; limit: number; unreadOnly?: boolean | undefined },
): Promise<{ items: TNotificationRow[]; nextCursor: string | null }> {
  let q = db
    .selectFrom('notifications as n')
    .leftJoin('programmes as p', 'p.id', 'n.programme_id')
    .select([
      'n.id',
      'n.user_id',
      'n.programme_id',
      'p.name as programme_name',
      'n.kind',
      'n.title',
      'n.body',
      'n.link',
      'n.entity_type',
      'n.entity_id',
      'n.created_at',
      'n.read_at',
    ])
    .where((eb) => visibleTo(eb as unknown as NotificationEb, userId))
    .orderBy('n.created_at', 'desc')
    .orderBy('n.id', 'desc')
    .limit(o.limit + 1);
  if (o.unreadOnly) q = q.where('n.read_at', 'is', null);
  if (o.cursor) {
    // Keyset on (created_at, id) read from the cursor row itself: no timestamp precision lost on the way.
    q = q.where(
      sql<SqlBool>`(n.created_at, n.id) < (select c.created_at, c.id from notifications c where c.id = ${o.cursor} and c.user_id = ${userId})`,
    );
  }
  const rows = await q.execute();
  const page = rows.slice(0, o.limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      userId: r.user_id,
      programme: r.programme_id ? { id: r.programme_id, name: r.programme_name ?? '' } : null,
      kind: r.kind as TNotificationKind,
      title: r.title,
      body: r.body,
      link: r.link,
      entityType: r.entity_type,
      entityId: r.entity_id,
      createdAt: r.created_at,
      readAt: r.read_at,
    })),
    nextCursor: rows.length > o.limit ? page[page.length - 1]!.id : null,
  };
}

export async function countUnreadNotifications(db: Executor, userId: string): Promise<number> {
  const r = await db
    .selectFrom('notifications as n')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => visibleTo(eb as unknown as NotificationEb, userId))
    .where('n.read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Marks the user's own notifications read; `owned` says how many of the ids are theirs at all. */
export async function markNotificationsRead(
  db: Executor,
  userId: string,
  ids: readonly string[],
): Promise<{ owned: number; updated: number }> {
  const unique = [...new Set(ids)];
  const owned = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('id', 'in', unique)
    .executeTakeFirstOrThrow();
  if (Number(owned.n) < unique.length) return { owned: Number(owned.n), updated: 0 };
  const r = await db
    .updateTable('notifications')
    .set({ read_at: sql`now()` })
    .where('user_id', '=', userId)
    .where('id', 'in', unique)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return { owned: unique.length, updated: Number(r.numUpdatedRows) };
}

export async function markAllNotificationsRead(db: Executor, userId: string): Promise<number> {
  const r = await db
    .updateTable('notifications')
    .set({ read_at: sql`now()` })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function findEmailNotifications(db: Executor, userId: string): Promise<boolean> {
  const r = await db
    .selectFrom('users')
    .select('email_notifications')
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  return r.email_notifications;
}

export async function setEmailNotifications(db: Executor, userId: string, on: boolean): Promise<void> {
  await db
    .updateTable('users')
    .set((eb) => ({ email_notifications: on, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', userId)
    .execute();
}

/* ---------- who may be told what ---------- */

export interface TAudienceMember {
  programmeId: string;
  userId: string;
  role: TMembershipRole;
  organisationId: string;
}

/**
 * The active (not disabled) members of the programmes, and the party roles of each organisation in each
 * programme: enough to decide who may hear about an item (bidder isolation) in two queries.
 */
export async function notificationAudience(db: Executor, programmeIds: readonly string[]) {
  if (!programmeIds.length) return { members: [] as TAudienceMember[], partyRoles: [] };
  const ids = [...new Set(programmeIds)];
  const [members, parties] = await Promise.all([
    db
      .selectFrom('programme_memberships as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['m.programme_id', 'm.user_id', 'm.role', 'u.organisation_id'])
      .where('m.programme_id', 'in', ids)
      .where('u.disabled_at', 'is', null)
      .execute(),
    db
      .selectFrom('programme_parties')
      .select(['programme_id', 'organisation_id', 'role'])
      .where('programme_id', 'in', ids)
      .execute(),
  ]);
  return {
    members: members.map((m): TAudienceMember => ({
      programmeId: m.programme_id,
      userId: m.user_id,
      role: m.role as TMembershipRole,
      organisationId: m.organisation_id,
    })),
    partyRoles: parties.map((p) => ({
      programmeId: p.programme_id,
      organisationId: p.organisation_id,
      role: p.role as TPartyRole,
    })),
  };
}

/* ---------- what the daily scan looks at ---------- */

/**
 * Open tasks and actions with someone on them, due in [from, to], and live risks with an owner whose next
 * review falls in [from, to], in programmes that are not closed. Three queries whatever the size.
 */
export async function dueScanItems(db: Executor, window: { from: string; to: string }) {
  const [tasks, actions, risks] = await Promise.all([
    db
      .selectFrom('plan_tasks as k')
      .innerJoin('transfers as t', 't.id', 'k.transfer_id')
      .innerJoin('programmes as p', 'p.id', 'k.programme_id')
      .select([
        'k.id',
        'k.programme_id',
        'k.title',
        'k.due_date',
        'k.status',
        'k.assignee_user_id',
        't.name as transfer_name',
        't.outgoing_organisation_id',
        't.incoming_organisation_id',
      ])
      .where('p.stage', '<>', 'closed')
      .where('p.status', '=', 'open')
      .where('k.assignee_user_id', 'is not', null)
      .where('k.status', 'not in', ['done', 'cancelled'])
      .where('k.due_date', '>=', window.from)
      .where('k.due_date', '<=', window.to)
      .execute(),
    db
      .selectFrom('mitigation_actions as a')
      .innerJoin('risks as r', 'r.id', 'a.risk_id')
      .innerJoin('programmes as p', 'p.id', 'a.programme_id')
      .select([
        'a.id',
        'a.programme_id',
        'a.risk_id',
        'a.description',
        'a.due_date',
        'a.status',
        'a.owner_user_id',
        'r.number as risk_number',
        'r.title as risk_title',
        'r.owning_organisation_id',
      ])
      .where('p.stage', '<>', 'closed')
      .where('p.status', '=', 'open')
      .where('a.owner_user_id', 'is not', null)
      .where('a.status', 'in', ['not_started', 'in_progress'])
      .where('a.due_date', '>=', window.from)
      .where('a.due_date', '<=', window.to)
      .execute(),
    db
      .selectFrom('risks as r')
      .innerJoin('programmes as p', 'p.id', 'r.programme_id')
      .select([
        'r.id',
        'r.programme_id',
        'r.number',
        'r.title',
        'r.status',
        'r.next_review_on',
        'r.owner_user_id',
        'r.owning_organisation_id',
      ])
      .where('p.stage', '<>', 'closed')
      .where('p.status', '=', 'open')
      .where('r.owner_user_id', 'is not', null)
      .where('r.status', 'in', ['open', 'draft'])
      .where('r.next_review_on', '>=', window.from)
      .where('r.next_review_on', '<=', window.to)
      .execute(),
  ]);
  return {
    tasks: tasks.map((k) => ({
      id: k.id,
      programmeId: k.programme_id,
      title: k.title,
      transferName: k.transfer_name,
      dueDate: k.due_date,
      status: k.status as TTaskStatus,
      assigneeUserId: k.assignee_user_id,
      /** A bidder-only member sees a task when their organisation is party to its transfer. */
      organisationIds: [k.outgoing_organisation_id, k.incoming_organisation_id],
    })),
    actions: actions.map((a) => ({
      id: a.id,
      programmeId: a.programme_id,
      riskId: a.risk_id,
      riskNumber: a.risk_number,
      riskTitle: a.risk_title,
      description: a.description,
      dueDate: a.due_date,
      status: a.status as TActionStatus,
      ownerUserId: a.owner_user_id,
      organisationIds: [a.owning_organisation_id],
    })),
    risks: risks.map((r) => ({
      id: r.id,
      programmeId: r.programme_id,
      number: r.number,
      title: r.title,
      status: r.status as TRiskStatus,
      nextReviewOn: r.next_review_on,
      ownerUserId: r.owner_user_id,
      organisationIds: [r.owning_organisation_id],
    })),
  };
}

/* ---------- the email outbox ---------- */

export interface TOutboxRow {
  id: string;
  notificationId: string | null;
  programmeId: string | null;
  toUserId: string | null;
  toAddress: string;
  subject: string;
  bodyText: string;
  status: TOutboxStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date;
  createdAt: Date;
  sentAt: Date | null;
}

function toOutbox(r: {
  id: string;
  notification_id: string | null;
  programme_id: string | null;
  to_user_id: string | null;
  to_address: string;
  subject: string;
  body_text: string;
  status: string;
  attempts: number;
  last_error: string | null;
  next_attempt_at: Date;
  created_at: Date;
  sent_at: Date | null;
}): TOutboxRow {
  return {
    id: r.id,
    notificationId: r.notification_id,
    programmeId: r.programme_id,
    toUserId: r.to_user_id,
    toAddress: r.to_address,
    subject: r.subject,
    bodyText: r.body_text,
    status: r.status as TOutboxStatus,
    attempts: r.attempts,
    lastError: r.last_error,
    nextAttemptAt: r.next_attempt_at,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  };
}

/**
 * Takes up to `limit` emails that are due, for this sender only: rows another sender holds are skipped
 * (`for update skip locked`), and each taken row is leased (its next attempt pushed back) and its attempt
 * counted, so a sender that dies mid-batch delays those emails instead of losing or doubling them.
 */
export async function claimOutboxBatch(
  db: Executor,
  o: { limit: number; leaseMinutes?: number },
): Promise<TOutboxRow[]> {
  const rows = await db
    .updateTable('email_outbox')
    .set({
      attempts: sql`attempts + 1`,
      next_attempt_at: sql`now() + make_interval(mins => ${o.leaseMinutes ?? 10})`,
    })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('email_outbox')
        .select('id')
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', sql<Date>`now()`)
        .orderBy('next_attempt_at')
        .limit(o.limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
  return rows.map(toOutbox).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

export async function markOutboxSent(db: Executor, id: string): Promise<void> {
  await db
    .updateTable('email_outbox')
    .set({ status: 'sent', sent_at: sql`now()`, last_error: null })
    .where('id', '=', id)
    .execute();
}

/** A failed attempt: try again later with backoff, or give up after the last attempt. */
export async function markOutboxFailed(
  db: Executor,
  row: { id: string; attempts: number },
  error: string,
): Promise<TOutboxStatus> {
  const next = nextEmailAttempt(row.attempts);
  await db
    .updateTable('email_outbox')
    .set({
      status: next.giveUp ? 'failed' : 'pending',
      last_error: error.slice(0, 1000),
      ...(next.giveUp ? {} : { next_attempt_at: sql`now() + make_interval(mins => ${next.delayMinutes})` }),
    })
    .where('id', '=', row.id)
    .execute();
  return next.giveUp ? 'failed' : 'pending';
}

/** With no mail server configured, pending emails say so (and stay pending until one is). */
export async function noteOutboxUnsendable(db: Executor, reason: string): Promise<number> {
  const r = await db
    .updateTable('email_outbox')
    .set({ last_error: reason })
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('last_error', 'is', null), eb('last_error', '<>', reason)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** One programme's emails, newest first, for its admins. */
export async function listOutbox(
  db: Executor,
  o: {
    programmeId: string;
    status?: TOutboxStatus | undefined;
    cursor?: string | null | undefined;
    limit: number;
  },
) {
  let q = db
    .selectFrom('email_outbox as e')
    .leftJoin('users as u', 'u.id', 'e.to_user_id')
    .selectAll('e')
    .select('u.name as to_name')
    .where('e.programme_id', '=', o.programmeId)
    .orderBy('e.created_at', 'desc')
    .orderBy('e.id', 'desc')
    .limit(o.limit + 1);
  if (o.status) q = q.where('e.status', '=', o.status);
  if (o.cursor) {
    q = q.where(
      sql<SqlBool>`(e.created_at, e.id) < (select c.created_at, c.id from email_outbox c where c.id = ${o.cursor})`,
    );
  }
  const rows = await q.execute();
  const page = rows.slice(0, o.limit);
  return {
    items: page.map((r) => ({ ...toOutbox(r), toName: r.to_name })),
    nextCursor: rows.length > o.limit ? page[page.length - 1]!.id : null,
  };
}

/* ---------- housekeeping ---------- */

export async function deleteOldReadNotifications(db: Executor, before: Date): Promise<number> {
  const r = await db
    .deleteFrom('notifications')
    .where('read_at', 'is not', null)
    .where('created_at', '<', before)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Sent and given-up emails are kept for the admins' outbox view, then go (they hold personal data). */
export async function deleteOldFinishedEmails(db: Executor, before: Date): Promise<number> {
  const r = await db
    .deleteFrom('email_outbox')
    .where('status', 'in', ['sent', 'failed'])
    .where('created_at', '<', before)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
