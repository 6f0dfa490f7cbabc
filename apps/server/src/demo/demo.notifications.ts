import { writeDueNotifications, writeNotifications } from '@baton/api';
import type { Executor } from '@baton/db';
import {
  actionAssignedNotification,
  addDays,
  riskEscalatedNotification,
  taskAssignedNotification,
  type TIsoDate,
  type TNotificationDraft,
} from '@baton/domain';
import { sql, type Kysely } from 'kysely';

/**
 * Demo notifications, so that demo users open Baton to a bell with something in it: this morning's scan
 * (due soon, overdue, reviews due) and a few recent assignments and an escalation, spread over the last few
 * days. The emails they queue stay in the outbox (demo addresses are `.example`, and no mail server is set).
 */
export async function seedDemoNotifications(
  trx: Kysely<any>,
  today: TIsoDate,
): Promise<{ scanned: number; assigned: number }> {
  const db = trx as unknown as Executor;
  const programme = await db
    .selectFrom('programmes')
    .select(['id'])
    .where('code', '=', 'SVCMH')
    .executeTakeFirst();
  if (!programme) return { scanned: 0, assigned: 0 };
  const scan = await writeDueNotifications(db, today);

  const users = new Map(
    (
      await db
        .selectFrom('users')
        .select(['id', 'email', 'name'])
        .where('email', 'in', [
          'helen.marsh@severnvale-icb.example',
          'tom.okafor@severnvale-icb.example',
          'sarah.llewellyn@wyebridge-cht.example',
          'priya.raman@severnvale-council.example',
        ])
        .execute()
    ).map((u) => [u.email.split('@')[0]!, u]),
  );
  const helen = users.get('helen.marsh');
  if (!helen) return { scanned: scan.notified, assigned: 0 };

  const drafts: Array<{ draft: TNotificationDraft; hoursAgo: number; read?: boolean }> = [];
  // Open tasks of theirs due after the scan's window, different titles first (each transfer's plan has the same).
  const openTasksOf = async (userId: string, limit: number) => {
    const tasks = await db
      .selectFrom('plan_tasks as k')
      .innerJoin('transfers as t', 't.id', 'k.transfer_id')
      .select(['k.id', 'k.programme_id', 'k.title', 'k.due_date', 'k.version', 't.name as transfer_name'])
      .where('k.programme_id', '=', programme.id)
      .where('k.assignee_user_id', '=', userId)
      .where('k.status', 'not in', ['done', 'cancelled'])
      .where('k.due_date', '>', addDays(today, 3))
      .orderBy('k.due_date')
      .limit(50)
      .execute();
    const first = tasks.filter((t, i) => tasks.findIndex((x) => x.title === t.title) === i);
    return [...first, ...tasks.filter((t) => !first.includes(t))].slice(0, limit);
  };

  for (const [who, hours] of [
    ['tom.okafor', [3, 30, 200]],
    ['sarah.llewellyn', [5, 54]],
  ] as const) {
    const user = users.get(who);
    if (!user) continue;
    const tasks = await openTasksOf(user.id, hours.length);
    tasks.forEach((t, i) =>
      drafts.push({
        draft: taskAssignedNotification({
          userId: user.id,
          actorName: helen.name,
          task: { ...t, programmeId: t.programme_id, dueDate: t.due_date },
          transferName: t.transfer_name,
        }),
        hoursAgo: hours[i]!,
        read: hours[i]! > 100,
      }),
    );
  }

  const sarah = users.get('sarah.llewellyn');
  if (sarah) {
    const action = await db
      .selectFrom('mitigation_actions as a')
      .innerJoin('risks as r', 'r.id', 'a.risk_id')
      .select(['a.id', 'a.description', 'a.due_date', 'a.version', 'r.id as risk_id', 'r.number', 'r.title'])
      .where('a.programme_id', '=', programme.id)
      .where('a.owner_user_id', '=', sarah.id)
      .where('a.status', 'in', ['not_started', 'in_progress'])
      .where('a.due_date', '>', addDays(today, 3))
      .orderBy('a.due_date')
      .executeTakeFirst();
    if (action) {
      drafts.push({
        draft: actionAssignedNotification({
          userId: sarah.id,
          actorName: helen.name,
          action: {
            id: action.id,
            programmeId: programme.id,
            description: action.description,
            dueDate: action.due_date,
            version: action.version,
          },
          risk: { id: action.risk_id, number: action.number, title: action.title },
        }),
        hoursAgo: 26,
      });
    }
  }

  // The most serious escalated risk, as its owner's last review escalated it: the steering group hears.
  const escalated = await db
    .selectFrom('risks as r')
    .innerJoin('users as u', 'u.id', 'r.owner_user_id')
    .select(['r.id', 'r.number', 'r.title', 'r.current_score', 'r.version', 'u.name as owner_name'])
    .where('r.programme_id', '=', programme.id)
    .where('r.escalated', '=', true)
    .where('r.status', '=', 'open')
    .orderBy('r.current_score', 'desc')
    .orderBy('r.number')
    .executeTakeFirst();
  if (escalated) {
    const matrix = await db
      .selectFrom('risk_matrices')
      .select('config')
      .where('programme_id', '=', programme.id)
      .executeTakeFirst();
    const threshold =
      (matrix?.config as { escalationThreshold?: number } | undefined)?.escalationThreshold ?? 15;
    for (const who of ['priya.raman', 'helen.marsh'] as const) {
      const user = users.get(who);
      if (!user) continue;
      drafts.push({
        draft: riskEscalatedNotification({
          userId: user.id,
          risk: {
            id: escalated.id,
            programmeId: programme.id,
            number: escalated.number,
            title: escalated.title,
            currentScore: escalated.current_score,
          },
          escalationThreshold: threshold,
          actorName: escalated.owner_name,
          occasion: `v${escalated.version}`,
        }),
        hoursAgo: 20,
      });
    }
  }

  const { inserted } = await writeNotifications(
    db,
    drafts.map((d) => d.draft),
  );
  // Spread them over the last days, as they would have arrived; the oldest ones have been read.
  for (const d of drafts) {
    const n = inserted.find((i) => i.userId === d.draft.userId && i.dedupeKey === d.draft.dedupeKey);
    if (!n) continue;
    await db
      .updateTable('notifications')
      .set({
        created_at: sql`now() - make_interval(hours => ${d.hoursAgo})`,
        read_at: d.read ? sql`now() - make_interval(hours => ${d.hoursAgo - 2})` : null,
      })
      .where('id', '=', n.id)
      .execute();
  }
  return { scanned: scan.notified, assigned: inserted.length };
}
