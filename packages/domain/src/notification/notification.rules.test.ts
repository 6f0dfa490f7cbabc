import { formatUkDate } from '../shared/dates';
import { describe, expect, it } from 'vitest';
import {
  requestDueNotification,
  actionDueNotification,
  becameEscalated,
  clip,
  composeNotificationEmail,
  dueNotifications,
  dueStateOf,
  EMAIL_BASE_URL_PLACEHOLDER,
  escalationRecipients,
  isNewAssignment,
  isReviewDue,
  nextEmailAttempt,
  notificationKeys,
  resolveEmailLinks,
  reviewDueNotification,
  riskEscalatedNotification,
  taskAssignedNotification,
  taskDueNotification,
  type TScanAction,
  type TScanRisk,
  type TScanTask,
} from './notification.rules';
import { ZMarkNotificationsReadInput, ZNotificationListInput } from './notification.schema';

const TODAY = '2027-03-10';
const P = '11111111-1111-4111-8111-111111111111';

const task = (over: Partial<TScanTask> = {}): TScanTask => ({
  id: 'task-1',
  programmeId: P,
  title: 'Send ELI to the incoming provider',
  transferName: 'Lot 1: Wyebridge to Kingsmead',
  dueDate: TODAY,
  status: 'in_progress',
  assigneeUserId: 'user-1',
  ...over,
});
const action = (over: Partial<TScanAction> = {}): TScanAction => ({
  id: 'action-1',
  programmeId: P,
  riskId: 'risk-1',
  riskNumber: 14,
  riskTitle: 'Staff data late',
  description: 'Agree the ELI timetable',
  dueDate: TODAY,
  status: 'not_started',
  ownerUserId: 'user-2',
  ...over,
});
const risk = (over: Partial<TScanRisk> = {}): TScanRisk => ({
  id: 'risk-1',
  programmeId: P,
  number: 7,
  title: 'Estates lease not assigned',
  status: 'open',
  nextReviewOn: TODAY,
  ownerUserId: 'user-3',
  ...over,
});

describe('due dates', () => {
  it.each([
    ['2027-03-10', 'due_soon'], // today
    ['2027-03-11', 'due_soon'],
    ['2027-03-13', 'due_soon'], // three days ahead
    ['2027-03-14', null], // four days ahead
    ['2027-03-09', 'overdue'], // yesterday
    ['2027-02-24', 'overdue'], // fourteen days ago
    ['2027-02-23', null], // older: not announced on a first run
  ] as const)('due %s on %s -> %s', (due, expected) => {
    expect(dueStateOf(due, TODAY)).toBe(expected);
  });

  it.each([
    ['open', '2027-03-13', true],
    ['draft', '2027-03-08', true],
    ['open', '2027-03-14', false],
    ['closed', '2027-03-10', false],
    ['materialised', '2027-03-10', false],
    ['open', '2027-01-01', false],
  ] as const)('a %s risk with next review %s is due for review: %s', (status, nextReviewOn, expected) => {
    expect(isReviewDue({ status, nextReviewOn }, TODAY)).toBe(expected);
  });
});

describe('what the daily scan notifies', () => {
  it.each([
    ['due today', task(), 'due_soon', 'Task due today: Send ELI to the incoming provider'],
    [
      'due tomorrow',
      task({ dueDate: '2027-03-11' }),
      'due_soon',
      'Task due tomorrow: Send ELI to the incoming provider',
    ],
    [
      'due in 3 days',
      task({ dueDate: '2027-03-13' }),
      'due_soon',
      'Task due in 3 days: Send ELI to the incoming provider',
    ],
    [
      'overdue',
      task({ dueDate: '2027-03-01' }),
      'overdue',
      'Task overdue: Send ELI to the incoming provider',
    ],
  ] as const)('a task %s', (_, t, kind, title) => {
    const n = taskDueNotification(t, TODAY)!;
    expect(n).toMatchObject({ kind, title, userId: 'user-1', entityType: 'task', entityId: 'task-1' });
    expect(n.link).toBe(`/p/${P}/transition/tasks/task-1`);
    expect(n.dedupeKey).toBe(`${kind}:task:task-1:${t.dueDate}`);
  });

  it.each([
    ['done', task({ status: 'done' })],
    ['cancelled', task({ status: 'cancelled' })],
    ['unassigned', task({ assigneeUserId: null })],
    ['far off', task({ dueDate: '2027-04-10' })],
  ] as const)('says nothing of a task that is %s', (_, t) => {
    expect(taskDueNotification(t, TODAY)).toBeNull();
  });

  it('a blocked task is still open', () => {
    expect(taskDueNotification(task({ status: 'blocked' }), TODAY)?.kind).toBe('due_soon');
  });

  it('mitigation actions: due soon and overdue, with the risk reference; done or ownerless ones say nothing', () => {
    expect(actionDueNotification(action({ dueDate: '2027-03-12' }), TODAY)).toMatchObject({
      kind: 'due_soon',
      title: 'Mitigation action due in 2 days: Agree the ELI timetable',
      body: 'R-014 Staff data late. Due 12 Mar 2027.',
      link: `/p/${P}/risks/risk-1#actions`,
      entityType: 'mitigation_action',
      dedupeKey: 'due_soon:action:action-1:2027-03-12',
    });
    expect(actionDueNotification(action({ dueDate: '2027-03-05' }), TODAY)).toMatchObject({
      kind: 'overdue',
      body: 'R-014 Staff data late. It was due 5 Mar 2027 and is still open.',
    });
    expect(actionDueNotification(action({ status: 'done' }), TODAY)).toBeNull();
    expect(actionDueNotification(action({ status: 'cancelled' }), TODAY)).toBeNull();
    expect(actionDueNotification(action({ ownerUserId: null }), TODAY)).toBeNull();
  });

  it('risk reviews: due soon or recently past, for live risks with an owner', () => {
    expect(reviewDueNotification(risk({ nextReviewOn: '2027-03-12' }), TODAY)).toMatchObject({
      kind: 'review_due',
      userId: 'user-3',
      title: 'Risk review due in 2 days: R-007 Estates lease not assigned',
      dedupeKey: 'review_due:risk:risk-1:2027-03-12',
    });
    expect(reviewDueNotification(risk({ nextReviewOn: '2027-03-02' }), TODAY)?.title).toBe(
      'Risk review overdue: R-007 Estates lease not assigned',
    );
    expect(reviewDueNotification(risk({ status: 'closed' }), TODAY)).toBeNull();
    expect(reviewDueNotification(risk({ ownerUserId: null }), TODAY)).toBeNull();
  });

  it('a moved due date notifies again (new key); the same date the next day does not (same key)', () => {
    const monday = taskDueNotification(task({ dueDate: '2027-03-12' }), TODAY)!;
    const tuesday = taskDueNotification(task({ dueDate: '2027-03-12' }), '2027-03-11')!;
    const moved = taskDueNotification(task({ dueDate: '2027-03-13' }), '2027-03-11')!;
    expect(tuesday.dedupeKey).toBe(monday.dedupeKey);
    expect(moved.dedupeKey).not.toBe(monday.dedupeKey);
  });

  it('collects tasks, actions and reviews in one list', () => {
    const all = dueNotifications(
      {
        tasks: [task(), task({ id: 'task-2', status: 'done' })],
        actions: [action()],
        risks: [risk(), risk({ id: 'risk-2', nextReviewOn: '2027-06-01' })],
      },
      TODAY,
    );
    expect(all.map((n) => n.dedupeKey)).toEqual([
      'due_soon:task:task-1:2027-03-10',
      'due_soon:action:action-1:2027-03-10',
      'review_due:risk:risk-1:2027-03-10',
    ]);
  });
});

describe('assignments and escalations', () => {
  it.each([
    [null, 'b', 'a', true],
    ['b', 'b', 'a', false], // unchanged
    [null, 'a', 'a', false], // took it themselves
    ['b', null, 'a', false], // unassigned
    ['c', 'b', 'a', true], // reassigned
  ] as const)('assignee %s -> %s by %s notifies: %s', (before, after, actor, expected) => {
    expect(isNewAssignment(before, after, actor)).toBe(expected);
  });

  it.each([
    [null, { escalated: true, status: 'open' }, true],
    [{ escalated: false }, { escalated: true, status: 'draft' }, true],
    [{ escalated: true }, { escalated: true, status: 'open' }, false],
    [{ escalated: false }, { escalated: false, status: 'open' }, false],
    [{ escalated: false }, { escalated: true, status: 'closed' }, false],
  ] as const)('escalation %j -> %j notifies: %s', (before, after, expected) => {
    expect(becameEscalated(before, after)).toBe(expected);
  });

  it('escalations go to the owner, admins and the steering group, once each, never to the actor', () => {
    const members = [
      { userId: 'admin', role: 'programme_admin' },
      { userId: 'steer', role: 'steering_group_member' },
      { userId: 'lead', role: 'transition_lead' },
      { userId: 'viewer', role: 'executive_viewer' },
    ] as const;
    expect(escalationRecipients({ ownerUserId: 'owner', actorUserId: 'steer', members }).sort()).toEqual([
      'admin',
      'owner',
    ]);
    expect(escalationRecipients({ ownerUserId: 'admin', actorUserId: null, members }).sort()).toEqual([
      'admin',
      'steer',
    ]);
  });

  it('assignment and escalation notifications carry versioned keys and links', () => {
    const t = taskAssignedNotification({
      userId: 'u',
      actorName: 'Tom Okafor',
      task: { id: 'task-1', programmeId: P, title: 'Agree TUPE measures', dueDate: '2027-09-03', version: 4 },
      transferName: 'Lot 2',
    });
    expect(t).toMatchObject({
      kind: 'task_assigned',
      title: 'Tom Okafor assigned you a task: Agree TUPE measures',
      body: 'Lot 2. Due 3 Sep 2027.',
      dedupeKey: notificationKeys.taskAssigned('task-1', 4),
    });
    const e = riskEscalatedNotification({
      userId: 'u',
      risk: { id: 'risk-1', programmeId: P, number: 3, title: 'Data migration', currentScore: 16 },
      escalationThreshold: 15,
      actorName: null,
      occasion: 'matrix-v2',
    });
    expect(e.title).toBe('Risk escalated: R-003 Data migration');
    expect(e.body).toContain('risk matrix changed');
    expect(e.dedupeKey).toBe('risk_escalated:risk:risk-1:matrix-v2');
  });
});

describe('words', () => {
  it.each([
    ['2027-03-12', '12 Mar 2027'],
    ['2027-09-01', '1 Sep 2027'],
    ['2026-12-31', '31 Dec 2026'],
  ])('%s is written %s', (iso, text) => {
    expect(formatUkDate(iso)).toBe(text);
  });

  it('clips long titles at a word boundary', () => {
    expect(clip('short')).toBe('short');
    const long = 'word '.repeat(60);
    const clipped = clip(long, 40);
    expect(clipped.length).toBeLessThanOrEqual(40);
    expect(clipped.endsWith('word…')).toBe(true);
  });
});

describe('email', () => {
  const n = {
    kind: 'due_soon' as const,
    title: 'Task due tomorrow: Send ELI',
    body: 'Lot 1. Due 11 Mar 2027.',
    link: `/p/${P}/transition/tasks/task-1`,
  };

  it('is plain text: greeting, what happened, programme, an absolute link, and how to stop them', () => {
    const email = composeNotificationEmail(
      n,
      { name: 'Sarah Llewellyn' },
      {
        programmeName: 'Severn Vale',
        baseUrl: 'https://baton.example.nhs.uk/',
      },
    );
    expect(email.subject).toBe('Baton: Task due tomorrow: Send ELI');
    expect(email.text).toBe(
      [
        'Hello Sarah Llewellyn,',
        '',
        'Task due tomorrow: Send ELI',
        'Lot 1. Due 11 Mar 2027.',
        '',
        'Programme: Severn Vale',
        `Open in Baton: https://baton.example.nhs.uk/p/${P}/transition/tasks/task-1`,
        '',
        '--',
        'You receive these emails because email notifications are on in your Baton account.',
        'To turn them off, open https://baton.example.nhs.uk/notifications and switch off "Email me my notifications".',
        '',
      ].join('\n'),
    );
  });

  it('is stored with a placeholder for the address, which the sender fills in', () => {
    const stored = composeNotificationEmail(n, { name: 'S' }, { baseUrl: EMAIL_BASE_URL_PLACEHOLDER });
    expect(stored.text).toContain(`Open in Baton: ${EMAIL_BASE_URL_PLACEHOLDER}/p/`);
    const sent = resolveEmailLinks(stored.text, 'http://localhost:3000/');
    expect(sent).toContain(`Open in Baton: http://localhost:3000/p/${P}/transition/tasks/task-1`);
    expect(sent).not.toContain('{{');
  });

  it('subjects stay on one line and short', () => {
    const email = composeNotificationEmail(
      { ...n, title: `Line one\nline two ${'x '.repeat(200)}` },
      { name: 'S' },
      { baseUrl: 'http://x' },
    );
    expect(email.subject).not.toMatch(/\n/);
    expect(email.subject.length).toBeLessThanOrEqual(160);
  });

  it.each([
    [1, { giveUp: false, delayMinutes: 5 }],
    [2, { giveUp: false, delayMinutes: 10 }],
    [4, { giveUp: false, delayMinutes: 40 }],
    [5, { giveUp: true }],
  ] as const)('after %i failed attempts: %j', (attempts, expected) => {
    expect(nextEmailAttempt(attempts)).toEqual(expected);
  });
});

describe('inputs', () => {
  it('list input defaults, and refuses silly limits', () => {
    expect(ZNotificationListInput.parse({})).toEqual({ limit: 30, unreadOnly: false });
    expect(ZNotificationListInput.safeParse({ limit: 1000 }).success).toBe(false);
  });
  it('marking read needs real ids', () => {
    expect(ZMarkNotificationsReadInput.safeParse({ ids: [] }).success).toBe(false);
    expect(ZMarkNotificationsReadInput.safeParse({ ids: ['not-a-uuid'] }).success).toBe(false);
  });
});

describe('due diligence requests in the daily scan', () => {
  const q = {
    id: 'q1',
    programmeId: 'p1',
    number: 4,
    title: 'Staff list',
    dueOn: '2026-11-25',
    responderUserId: 'u1',
  };
  it('tells the named responder when the answer is due soon, then when it is overdue', () => {
    expect(requestDueNotification(q, '2026-11-23')).toMatchObject({
      userId: 'u1',
      kind: 'due_soon',
      title: 'Due diligence request DDR-004 due in 2 days: Staff list',
      link: '/p/p1/due-diligence?request=q1',
    });
    expect(requestDueNotification(q, '2026-11-27')).toMatchObject({ kind: 'overdue' });
    expect(requestDueNotification({ ...q, responderUserId: null }, '2026-11-23')).toBeNull();
    expect(requestDueNotification(q, '2026-12-20')).toBeNull();
  });
});
