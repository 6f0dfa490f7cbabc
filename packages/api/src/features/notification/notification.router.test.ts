import { addDays, EMAIL_BASE_URL_PLACEHOLDER } from '@baton/domain';
import { riskHistory, type DbHandle } from '@baton/db';
import { createTestDb, testEngine } from '@baton/db/testing';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanDueNotifications } from './scan';
import { writeNotifications } from './notify';
import { buildFixture, TODAY, type Fixture } from '../../testing/fixture';

let h: DbHandle;
let fx: Fixture;
let transferId: string;
beforeAll(async () => {
  h = await createTestDb();
  fx = await buildFixture(h.db);
  const lead = await fx.as('lead');
  const { transfer } = await lead.transition.createTransfer({
    programmeId: fx.programme.id,
    name: 'Lot 1: Old Mill to New Bridge',
    lotId: fx.lot.id,
    outgoingOrganisationId: fx.orgs.outgoing.id,
    incomingOrganisationId: fx.orgs.incoming.id,
    plannedTransferDate: '2027-04-01',
    applyTemplate: false,
  } as never);
  transferId = transfer.id;
});
afterAll(() => h.close());

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (e instanceof TRPCError) return e.code;
    throw e;
  }
}

type Who = keyof Fixture['users'];

async function notificationsOf(who: Who) {
  return h.db
    .selectFrom('notifications')
    .selectAll()
    .where('user_id', '=', fx.users[who].id)
    .orderBy('created_at')
    .execute();
}
const countAll = async (table: 'notifications' | 'email_outbox') =>
  Number(
    (
      await h.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function newTask(over: Record<string, unknown> = {}, who: Who = 'lead') {
  const caller = await fx.as(who);
  return caller.transition.createTask({
    programmeId: fx.programme.id,
    transferId,
    title: 'Send ELI to New Bridge',
    workstream: 'workforce_tupe',
    owningOrganisationId: fx.orgs.outgoing.id,
    startDate: addDays(TODAY, -10),
    dueDate: addDays(TODAY, 20),
    ...over,
  } as never);
}

const a = (consequence: number, likelihood: number) => ({ consequence, likelihood });
function riskInput(over: Record<string, unknown> = {}) {
  return {
    programmeId: fx.programme.id,
    title: 'Estates lease not assigned',
    cause: 'Landlord slow to respond',
    event: 'Clinic sites cannot transfer on the day',
    effect: 'Services move without premises',
    categoryKey: 'estates',
    lotIds: [fx.lot.id],
    ownerUserId: fx.users.contributor.id,
    owningOrganisationId: fx.orgs.outgoing.id,
    affectedOrganisationIds: [],
    initial: a(4, 3),
    current: a(3, 3),
    target: a(2, 2),
    raisedOn: '2026-11-01',
    ...over,
  } as never;
}

describe(`notifications on ${testEngine()}`, () => {
  it('assigning a task to someone else notifies them once, with an email in the outbox; not the actor', async () => {
    const before = await notificationsOf('contributor');
    const task = await newTask({ assigneeUserId: fx.users.contributor.id });
    const after = await notificationsOf('contributor');
    expect(after.length).toBe(before.length + 1);
    const n = after.at(-1)!;
    expect(n).toMatchObject({
      kind: 'task_assigned',
      title: 'Lee Lead assigned you a task: Send ELI to New Bridge',
      link: `/p/${fx.programme.id}/transition/tasks/${task.id}`,
      entity_type: 'task',
      entity_id: task.id,
      programme_id: fx.programme.id,
      read_at: null,
    });
    const email = await h.db
      .selectFrom('email_outbox')
      .selectAll()
      .where('notification_id', '=', n.id)
      .executeTakeFirstOrThrow();
    expect(email).toMatchObject({
      to_address: fx.users.contributor.email,
      status: 'pending',
      attempts: 0,
      programme_id: fx.programme.id,
    });
    expect(email.subject).toBe('Baton: Lee Lead assigned you a task: Send ELI to New Bridge');
    expect(email.body_text).toContain(`Open in Baton: ${EMAIL_BASE_URL_PLACEHOLDER}/p/${fx.programme.id}/`);
    expect(email.body_text).toContain('Programme: Test Vale Community Services');

    // An edit that leaves the assignee alone says nothing; taking a task yourself says nothing.
    const lead = await fx.as('lead');
    const edited = await lead.transition.updateTask({
      programmeId: fx.programme.id,
      taskId: task.id,
      version: task.version,
      title: 'Send ELI to New Bridge (v2)',
    });
    expect((await notificationsOf('contributor')).length).toBe(after.length);
    const leadBefore = (await notificationsOf('lead')).length;
    await lead.transition.updateTask({
      programmeId: fx.programme.id,
      taskId: task.id,
      version: edited.version,
      assigneeUserId: fx.users.lead.id,
    });
    expect((await notificationsOf('lead')).length).toBe(leadBefore);
  });

  it('a rejected mutation (version conflict) leaves no notification or email behind', async () => {
    const task = await newTask();
    const lead = await fx.as('lead');
    await lead.transition.updateTask({
      programmeId: fx.programme.id,
      taskId: task.id,
      version: task.version,
      percentComplete: 10,
    });
    const [n, e] = [await countAll('notifications'), await countAll('email_outbox')];
    const stale = lead.transition.updateTask({
      programmeId: fx.programme.id,
      taskId: task.id,
      version: task.version,
      assigneeUserId: fx.users.incomingContributor.id,
    });
    expect(await codeOf(stale)).toBe('CONFLICT');
    expect([await countAll('notifications'), await countAll('email_outbox')]).toEqual([n, e]);
  });

  it('notifications stand or fall with the transaction that wrote them', async () => {
    const [n, e] = [await countAll('notifications'), await countAll('email_outbox')];
    await expect(
      h.db.transaction().execute(async (trx) => {
        await writeNotifications(trx, [
          {
            userId: fx.users.viewer.id,
            programmeId: fx.programme.id,
            kind: 'overdue',
            title: 'Doomed',
            body: '',
            link: null,
            entityType: null,
            entityId: null,
            dedupeKey: 'doomed',
          },
        ]);
        expect(
          await trx.selectFrom('notifications').select('id').where('dedupe_key', '=', 'doomed').execute(),
        ).toHaveLength(1);
        throw new Error('the change failed after the notification was written');
      }),
    ).rejects.toThrow('the change failed');
    expect([await countAll('notifications'), await countAll('email_outbox')]).toEqual([n, e]);
  });

  it('making someone the owner of a mitigation action notifies them', async () => {
    const admin = await fx.as('admin');
    const risk = await admin.risk.create(riskInput({ ownerUserId: null }));
    const action = await admin.risk.addAction({
      programmeId: fx.programme.id,
      riskId: risk.id,
      description: 'Chase the landlord for consent',
      ownerUserId: fx.users.contributor.id,
      organisationId: fx.orgs.outgoing.id,
      dueDate: addDays(TODAY, 30),
    } as never);
    const n = (await notificationsOf('contributor')).at(-1)!;
    expect(n).toMatchObject({
      kind: 'action_assigned',
      title: 'Ada Admin made you the owner of a mitigation action: Chase the landlord for consent',
      entity_type: 'mitigation_action',
      entity_id: action.id,
      link: `/p/${fx.programme.id}/risks/${risk.id}#actions`,
    });
    expect(n.body).toMatch(/^R-\d{3} Estates lease not assigned\. Due \d{1,2} [A-Z][a-z]{2} 20\d\d\.$/);
    // Reassigning to the incoming provider's contributor tells them too.
    await admin.risk.updateAction({
      programmeId: fx.programme.id,
      actionId: action.id,
      version: action.version,
      ownerUserId: fx.users.incomingContributor.id,
    } as never);
    expect((await notificationsOf('incomingContributor')).at(-1)).toMatchObject({
      kind: 'action_assigned',
      entity_id: action.id,
    });
  });

  it('a risk turning escalated tells its owner, the admins and the steering group, never the actor', async () => {
    const contributor = await fx.as('contributor');
    const people = ['admin', 'steering', 'lead', 'contributor', 'viewer'] as const;
    const counts = async () => {
      const out = {} as Record<(typeof people)[number], number>;
      for (const w of people)
        out[w] = (await notificationsOf(w)).filter((n) => n.kind === 'risk_escalated').length;
      return out;
    };
    const start = await counts();
    // Raised escalated: the contributor (owner and actor) is not told; admin and steering are.
    const risk = await contributor.risk.create(riskInput({ current: a(5, 4) }));
    expect(risk.escalated).toBe(true);
    const afterCreate = await counts();
    expect(afterCreate).toEqual({ ...start, admin: start.admin + 1, steering: start.steering + 1 });

    // Re-scored down (de-escalated) and up again by a review: told again, this time the owner too (actor: admin).
    const down = await contributor.risk.review({
      programmeId: fx.programme.id,
      riskId: risk.id,
      version: risk.version,
      current: a(2, 2),
      note: 'Landlord replied',
    } as never);
    expect(down.escalated).toBe(false);
    expect(await counts()).toEqual(afterCreate);
    const admin = await fx.as('admin');
    const up = await admin.risk.update({
      programmeId: fx.programme.id,
      riskId: risk.id,
      version: down.version,
      current: a(5, 5),
    } as never);
    expect(up.escalated).toBe(true);
    expect(await counts()).toEqual({
      ...afterCreate,
      contributor: afterCreate.contributor + 1,
      steering: afterCreate.steering + 1,
    });
    const told = (await notificationsOf('contributor')).at(-1)!;
    expect(told.title).toBe(`Risk escalated: ${up.reference} Estates lease not assigned`);
    expect(told.body).toBe(
      'Ada Admin changed it: its current score of 25 is at or above the programme’s escalation threshold of 15.',
    );
  });

  it('a matrix change that escalates risks records it in their history, shows in what changed, and notifies', async () => {
    const admin = await fx.as('admin');
    const risk = await admin.risk.create(riskInput({ title: 'Matrix-sensitive risk', current: a(3, 4) }));
    expect(risk.escalated).toBe(false);
    const steeringBefore = (await notificationsOf('steering')).length;
    const { matrix, version } = await admin.risk.matrix({ programmeId: fx.programme.id });
    const saved = await admin.risk.updateMatrix({
      programmeId: fx.programme.id,
      matrix: { ...matrix, escalationThreshold: 12 },
      version,
    });
    const history = await riskHistory(h.db, risk.id);
    expect(history.at(-1)).toMatchObject({ kind: 'matrix', effectiveOn: TODAY, escalated: true, score: 12 });
    const changes = await admin.risk.whatChanged({
      programmeId: fx.programme.id,
      from: addDays(TODAY, -1),
      to: TODAY,
    });
    expect(changes.escalated.map((c) => c.id)).toContain(risk.id);
    const steering = await notificationsOf('steering');
    expect(steering.length).toBeGreaterThan(steeringBefore);
    const about = steering.filter((n) => n.entity_id === risk.id);
    expect(about).toHaveLength(1);
    expect(about[0]!.body).toContain('risk matrix changed');
    expect(about[0]!.dedupe_key).toBe(`risk_escalated:risk:${risk.id}:matrix-v${saved.version}`);
    // The admin made the change: not told about their own change.
    expect((await notificationsOf('admin')).filter((n) => n.entity_id === risk.id)).toHaveLength(0);
    // Putting the threshold back de-escalates with a history row too, and tells nobody.
    const count = await countAll('notifications');
    await admin.risk.updateMatrix({
      programmeId: fx.programme.id,
      matrix: { ...matrix, escalationThreshold: 15 },
      version: saved.version,
    });
    expect((await riskHistory(h.db, risk.id)).at(-1)).toMatchObject({ kind: 'matrix', escalated: false });
    expect(await countAll('notifications')).toBe(count);
  });

  it('bidder isolation: a bidder sitting on the steering group does not hear of a rival’s escalated risk', async () => {
    await h.db
      .updateTable('programme_memberships')
      .set({ role: 'steering_group_member' })
      .where('user_id', '=', fx.users.bidderB.id)
      .where('programme_id', '=', fx.tender.id)
      .execute();
    try {
      const bidderA = await fx.as('bidderA');
      const risk = await bidderA.risk.create(
        riskInput({
          programmeId: fx.tender.id,
          lotIds: [],
          ownerUserId: fx.users.bidderA.id,
          owningOrganisationId: fx.orgs.bidderA.id,
          current: a(5, 5),
        }),
      );
      expect((await notificationsOf('admin')).some((n) => n.entity_id === risk.id)).toBe(true);
      expect((await notificationsOf('bidderB')).some((n) => n.entity_id === risk.id)).toBe(false);
    } finally {
      await h.db
        .updateTable('programme_memberships')
        .set({ role: 'provider_contributor' })
        .where('user_id', '=', fx.users.bidderB.id)
        .where('programme_id', '=', fx.tender.id)
        .execute();
    }
  });

  it('the daily scan: due soon, overdue and reviews due, to whoever is on each; a rerun notifies nothing new', async () => {
    const due = (days: number) => addDays(TODAY, days);
    const soon = await newTask({
      title: 'Due in two days',
      dueDate: due(2),
      assigneeUserId: fx.users.viewer.id,
    });
    const today = await newTask({ title: 'Due today', dueDate: due(0), assigneeUserId: fx.users.viewer.id });
    const late = await newTask({ title: 'Late task', dueDate: due(-3), assigneeUserId: fx.users.viewer.id });
    await newTask({ title: 'Far off', dueDate: due(10), assigneeUserId: fx.users.viewer.id });
    await newTask({ title: 'Nobody on it', dueDate: due(1) });
    await newTask({
      title: 'Done already',
      dueDate: due(1),
      status: 'done',
      assigneeUserId: fx.users.viewer.id,
    });
    const admin = await fx.as('admin');
    const risk = await admin.risk.create(
      riskInput({ title: 'Review due', ownerUserId: fx.users.viewer.id, raisedOn: addDays(TODAY, -29) }),
    );
    expect(risk.nextReviewOn).toBe(due(1));
    await admin.risk.addAction({
      programmeId: fx.programme.id,
      riskId: risk.id,
      description: 'Overdue mitigation',
      ownerUserId: fx.users.steering.id,
      organisationId: fx.orgs.icb.id,
      dueDate: due(-1),
    } as never);

    const before = (await notificationsOf('viewer')).length;
    const first = await scanDueNotifications(h.db, TODAY);
    expect(first.notified).toBeGreaterThanOrEqual(5);
    const viewer = (await notificationsOf('viewer')).slice(before);
    expect(viewer.map((n) => [n.kind, n.title]).sort()).toEqual(
      [
        ['due_soon', 'Task due in 2 days: Due in two days'],
        ['due_soon', 'Task due today: Due today'],
        ['overdue', 'Task overdue: Late task'],
        ['review_due', `Risk review due tomorrow: ${risk.reference} Review due`],
      ].sort(),
    );
    expect(viewer.find((n) => n.entity_id === soon.id)!.dedupe_key).toBe(
      `due_soon:task:${soon.id}:${due(2)}`,
    );
    expect(viewer.find((n) => n.entity_id === today.id)).toBeDefined();
    expect(viewer.find((n) => n.entity_id === late.id)!.body).toContain('is still open');
    expect((await notificationsOf('steering')).at(-1)).toMatchObject({
      kind: 'overdue',
      title: 'Mitigation action overdue: Overdue mitigation',
    });

    const [n, e] = [await countAll('notifications'), await countAll('email_outbox')];
    const rerun = await scanDueNotifications(h.db, TODAY);
    expect(rerun).toMatchObject({ notified: 0, emails: 0, considered: first.considered });
    expect([await countAll('notifications'), await countAll('email_outbox')]).toEqual([n, e]);

    // The next day: the task due in two days is still "due soon" for the same date, so nothing new about it;
    // the one due today is now overdue, which is news.
    const seen = new Set((await notificationsOf('viewer')).map((x) => x.id));
    const tomorrow = await scanDueNotifications(h.db, due(1));
    const next = (await notificationsOf('viewer')).filter((x) => !seen.has(x.id));
    expect(next.filter((x) => x.entity_id === soon.id)).toHaveLength(0);
    expect(next.find((x) => x.entity_id === today.id)).toMatchObject({ kind: 'overdue' });
    expect(tomorrow.notified).toBeGreaterThan(0);
  });
});

describe(`notification procedures on ${testEngine()}`, () => {
  it('lists the caller’s notifications newest first, in pages, with the unread count', async () => {
    const contributor = await fx.as('contributor');
    const all = await contributor.notification.list({ limit: 100 });
    expect(all.items.length).toBeGreaterThanOrEqual(3);
    expect(all.unread).toBe(all.items.filter((n) => !n.readAt).length);
    expect(await contributor.notification.unreadCount()).toBe(all.unread);
    const times = all.items.map((n) => n.createdAt.getTime());
    expect([...times].sort((x, y) => y - x)).toEqual(times);
    expect(all.items[0]!.programme).toEqual({ id: fx.programme.id, name: 'Test Vale Community Services' });

    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof contributor.notification.list>> =
        await contributor.notification.list({
          limit: 2,
          cursor,
        });
      pages.push(...page.items.map((n) => n.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages).toEqual(all.items.map((n) => n.id));
  });

  it('marks read only the caller’s own: another organisation’s user gets NOT_FOUND and nothing changes', async () => {
    const contributor = await fx.as('contributor');
    const outsider = await fx.as('outsider');
    const incoming = await fx.as('incomingContributor');
    const [target] = (await contributor.notification.list({ unreadOnly: true })).items;
    expect(target).toBeDefined();

    expect((await outsider.notification.list({})).items).toEqual([]);
    expect(await outsider.notification.unreadCount()).toBe(0);
    expect(await codeOf(outsider.notification.markRead({ ids: [target!.id] }))).toBe('NOT_FOUND');
    expect(await codeOf(incoming.notification.markRead({ ids: [target!.id] }))).toBe('NOT_FOUND');
    const own = (await incoming.notification.list({})).items[0]!;
    // Mixing one's own id with someone else's changes nothing either.
    expect(await codeOf(incoming.notification.markRead({ ids: [own.id, target!.id] }))).toBe('NOT_FOUND');
    expect((await incoming.notification.list({})).items[0]!.readAt).toBeNull();
    await incoming.notification.markAllRead();
    const row = await h.db
      .selectFrom('notifications')
      .select('read_at')
      .where('id', '=', target!.id)
      .executeTakeFirstOrThrow();
    expect(row.read_at).toBeNull();
    expect(await codeOf((await fx.as(null)).notification.unreadCount())).toBe('UNAUTHORIZED');

    const unread = await contributor.notification.unreadCount();
    const r = await contributor.notification.markRead({ ids: [target!.id] });
    expect(r).toEqual({ updated: 1, unread: unread - 1 });
    // Marking it again is harmless.
    expect(await contributor.notification.markRead({ ids: [target!.id] })).toEqual({
      updated: 0,
      unread: unread - 1,
    });
    expect((await contributor.notification.list({ unreadOnly: true })).items.map((n) => n.id)).not.toContain(
      target!.id,
    );
    const all = await contributor.notification.markAllRead();
    expect(all.updated).toBe(unread - 1);
    expect(await contributor.notification.unreadCount()).toBe(0);
  });

  it('hides notifications of programmes the user is no longer a member of', async () => {
    const viewer = await fx.as('viewer');
    const before = await viewer.notification.unreadCount();
    await writeNotifications(h.db, [
      {
        userId: fx.users.viewer.id,
        programmeId: fx.tender.id, // not a member
        kind: 'overdue',
        title: 'From a programme I left',
        body: '',
        link: null,
        entityType: null,
        entityId: null,
        dedupeKey: 'left-programme',
      },
      {
        userId: fx.users.viewer.id,
        programmeId: null,
        kind: 'overdue',
        title: 'About no programme',
        body: '',
        link: null,
        entityType: null,
        entityId: null,
        dedupeKey: 'no-programme',
      },
    ]);
    expect(await viewer.notification.unreadCount()).toBe(before + 1);
    const titles = (await viewer.notification.list({ limit: 100 })).items.map((n) => n.title);
    expect(titles).toContain('About no programme');
    expect(titles).not.toContain('From a programme I left');
  });

  it('email preference: off stops new emails (not notifications), and the change is audited', async () => {
    const incoming = await fx.as('incomingContributor');
    expect(await incoming.notification.preferences()).toEqual({
      emailNotifications: true,
      email: fx.users.incomingContributor.email,
    });
    await incoming.notification.setPreferences({ emailNotifications: false });
    expect((await incoming.notification.preferences()).emailNotifications).toBe(false);
    const audit = await h.db
      .selectFrom('audit_events')
      .selectAll()
      .where('entity_type', '=', 'user')
      .where('entity_id', '=', fx.users.incomingContributor.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.summary).toBe('Ian Incoming turned email notifications off');

    const emails = await countAll('email_outbox');
    await newTask({ title: 'Quiet assignment', assigneeUserId: fx.users.incomingContributor.id });
    expect((await notificationsOf('incomingContributor')).at(-1)!.title).toContain('Quiet assignment');
    expect(await countAll('email_outbox')).toBe(emails);
    await incoming.notification.setPreferences({ emailNotifications: true });
    expect(await codeOf(incoming.notification.setPreferences({ emailNotifications: 'no' } as never))).toBe(
      'BAD_REQUEST',
    );
  });

  it('the email outbox: programme admins see their programme’s emails; others may not', async () => {
    const admin = await fx.as('admin');
    const page = await admin.notification.outbox({ programmeId: fx.programme.id });
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((e) => e.programmeId === fx.programme.id)).toBe(true);
    expect(page.items[0]).toMatchObject({ status: 'pending', attempts: 0, lastError: null });
    expect(page.items.some((e) => e.toName === 'Cat Contributor')).toBe(true);
    expect((await admin.notification.outbox({ programmeId: fx.programme.id, status: 'sent' })).items).toEqual(
      [],
    );
    const paged = await admin.notification.outbox({ programmeId: fx.programme.id, limit: 1 });
    const second = await admin.notification.outbox({
      programmeId: fx.programme.id,
      limit: 1,
      cursor: paged.nextCursor,
    });
    expect(second.items[0]!.id).not.toBe(paged.items[0]!.id);

    expect(await codeOf((await fx.as('lead')).notification.outbox({ programmeId: fx.programme.id }))).toBe(
      'FORBIDDEN',
    );
    expect(
      await codeOf((await fx.as('outsider')).notification.outbox({ programmeId: fx.programme.id })),
    ).toBe('NOT_FOUND');
  });
});
