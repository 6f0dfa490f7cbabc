import type { TMembershipRole } from '../access/access.schema';
import { daysBetween, formatUkDate, type TIsoDate } from '../shared/dates';
import { isActionOpen, isLive, riskReference } from '../risk/risk.rules';
import { isOpenTask } from '../progress/progress.rules';
import type { TActionStatus, TRiskStatus } from '../risk/risk.schema';
import type { TTaskStatus } from '../transition/plan.schema';
import type { TNotificationDraft, TNotificationKind } from './notification.schema';
import { ddReference } from '../due-diligence/due-diligence.schema';
import {
  isRaidOpen,
  RAID_KIND_LABELS,
  raidReference,
  type TRaidKind,
  type TRaidStatus,
} from '../raid/raid.schema';

/* ---------- the daily scan's rules ---------- */

/** "Due soon" means due today or in the next three calendar days. */
export const DUE_SOON_DAYS = 3;
/**
 * Overdue items and past reviews are notified only when they fell due in the last fortnight: the scan runs
 * daily, so it catches each the day after; older ones (from before notifications were switched on, or
 * imported) would otherwise arrive as a flood on the first run.
 */
export const OVERDUE_LOOKBACK_DAYS = 14;

export type TDueState = 'due_soon' | 'overdue';

/** Where a due date stands on `today`: due soon, overdue (recently), or nothing to say. */
export function dueStateOf(dueDate: TIsoDate, today: TIsoDate): TDueState | null {
  const days = daysBetween(today, dueDate);
  if (days >= 0 && days <= DUE_SOON_DAYS) return 'due_soon';
  if (days < 0 && days >= -OVERDUE_LOOKBACK_DAYS) return 'overdue';
  return null;
}

/** A live risk whose next review is within three days, or recently passed. */
export function isReviewDue(r: { status: TRiskStatus; nextReviewOn: TIsoDate }, today: TIsoDate): boolean {
  if (!isLive(r.status)) return false;
  const days = daysBetween(today, r.nextReviewOn);
  return days <= DUE_SOON_DAYS && days >= -OVERDUE_LOOKBACK_DAYS;
}

/** Someone other than the actor now holds it, and did not before: they are told. */
export function isNewAssignment(
  beforeUserId: string | null | undefined,
  afterUserId: string | null | undefined,
  actorUserId: string,
): afterUserId is string {
  return Boolean(afterUserId) && afterUserId !== actorUserId && afterUserId !== beforeUserId;
}

/** A write turned a live risk's escalation on (a new risk counts when it arrives escalated). */
export function becameEscalated(
  before: { escalated: boolean } | null | undefined,
  after: { escalated: boolean; status: TRiskStatus },
): boolean {
  return after.escalated && !before?.escalated && isLive(after.status);
}

/** Who hears of an escalation: the risk's owner, the programme's admins and steering group, never the actor. */
export function escalationRecipients(p: {
  ownerUserId: string | null;
  actorUserId: string | null;
  members: ReadonlyArray<{ userId: string; role: TMembershipRole }>;
}): string[] {
  const ids = new Set<string>();
  if (p.ownerUserId) ids.add(p.ownerUserId);
  for (const m of p.members) {
    if (m.role === 'programme_admin' || m.role === 'steering_group_member') ids.add(m.userId);
  }
  if (p.actorUserId) ids.delete(p.actorUserId);
  return [...ids];
}

/* ---------- dedupe keys: the same event written twice notifies once ---------- */

export const notificationKeys = {
  /** Per due date: a moved due date notifies again, a rerun never duplicates. */
  dueSoon: (entity: 'task' | 'action' | 'raid' | 'dd_request', id: string, dueDate: TIsoDate) =>
    `due_soon:${entity}:${id}:${dueDate}`,
  overdue: (entity: 'task' | 'action' | 'raid' | 'dd_request', id: string, dueDate: TIsoDate) =>
    `overdue:${entity}:${id}:${dueDate}`,
  raidAssigned: (raidId: string, version: number) => `raid_assigned:raid:${raidId}:v${version}`,
  reviewDue: (riskId: string, nextReviewOn: TIsoDate) => `review_due:risk:${riskId}:${nextReviewOn}`,
  /** Per version written: assigned, reassigned away and back again notifies twice. */
  taskAssigned: (taskId: string, version: number) => `task_assigned:task:${taskId}:v${version}`,
  actionAssigned: (actionId: string, version: number) => `action_assigned:action:${actionId}:v${version}`,
  /** `occasion`: the risk's version, or the matrix version for a matrix change. */
  riskEscalated: (riskId: string, occasion: string) => `risk_escalated:risk:${riskId}:${occasion}`,
};

/* ---------- links ---------- */

export const notificationLinks = {
  task: (programmeId: string, taskId: string) => `/p/${programmeId}/transition/tasks/${taskId}`,
  risk: (programmeId: string, riskId: string) => `/p/${programmeId}/risks/${riskId}`,
  action: (programmeId: string, riskId: string) => `/p/${programmeId}/risks/${riskId}#actions`,
  raid: (programmeId: string, raidId: string) => `/p/${programmeId}/raid?item=${raidId}`,
  ddRequest: (programmeId: string, requestId: string) =>
    `/p/${programmeId}/due-diligence?request=${requestId}`,
  clarification: (programmeId: string) => `/p/${programmeId}/due-diligence?tab=clarifications`,
  gateway: (programmeId: string, gatewayId: string) => `/p/${programmeId}/gateways/${gatewayId}`,
};

/* ---------- words ---------- */

/** "today", "tomorrow", "in 3 days". */
function dueIn(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  return `in ${days} days`;
}

/** Titles stay one line: long action descriptions are cut at a word boundary. */
export function clip(text: string, max = 120): string {
  const one = text.replace(/\s+/g, ' ').trim();
  if (one.length <= max) return one;
  const cut = one.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/* ---------- what the daily scan notifies ---------- */

export interface TScanTask {
  id: string;
  programmeId: string;
  title: string;
  transferName: string;
  dueDate: TIsoDate;
  status: TTaskStatus;
  assigneeUserId: string | null;
}

export interface TScanAction {
  id: string;
  programmeId: string;
  riskId: string;
  riskNumber: number;
  riskTitle: string;
  description: string;
  dueDate: TIsoDate;
  status: TActionStatus;
  ownerUserId: string | null;
}

export interface TScanRisk {
  id: string;
  programmeId: string;
  number: number;
  title: string;
  status: TRiskStatus;
  nextReviewOn: TIsoDate;
  ownerUserId: string | null;
}

export function taskDueNotification(t: TScanTask, today: TIsoDate): TNotificationDraft | null {
  if (!t.assigneeUserId || !isOpenTask(t)) return null;
  const state = dueStateOf(t.dueDate, today);
  if (!state) return null;
  const date = formatUkDate(t.dueDate);
  return {
    userId: t.assigneeUserId,
    programmeId: t.programmeId,
    kind: state,
    title:
      state === 'due_soon'
        ? `Task due ${dueIn(daysBetween(today, t.dueDate))}: ${clip(t.title)}`
        : `Task overdue: ${clip(t.title)}`,
    body:
      state === 'due_soon'
        ? `${t.transferName}. Due ${date}.`
        : `${t.transferName}. It was due ${date} and is still open.`,
    link: notificationLinks.task(t.programmeId, t.id),
    entityType: 'task',
    entityId: t.id,
    dedupeKey: (state === 'due_soon' ? notificationKeys.dueSoon : notificationKeys.overdue)(
      'task',
      t.id,
      t.dueDate,
    ),
  };
}

export function actionDueNotification(a: TScanAction, today: TIsoDate): TNotificationDraft | null {
  if (!a.ownerUserId || !isActionOpen(a.status)) return null;
  const state = dueStateOf(a.dueDate, today);
  if (!state) return null;
  const date = formatUkDate(a.dueDate);
  const risk = `${riskReference(a.riskNumber)} ${clip(a.riskTitle)}`;
  return {
    userId: a.ownerUserId,
    programmeId: a.programmeId,
    kind: state,
    title:
      state === 'due_soon'
        ? `Mitigation action due ${dueIn(daysBetween(today, a.dueDate))}: ${clip(a.description)}`
        : `Mitigation action overdue: ${clip(a.description)}`,
    body: state === 'due_soon' ? `${risk}. Due ${date}.` : `${risk}. It was due ${date} and is still open.`,
    link: notificationLinks.action(a.programmeId, a.riskId),
    entityType: 'mitigation_action',
    entityId: a.id,
    dedupeKey: (state === 'due_soon' ? notificationKeys.dueSoon : notificationKeys.overdue)(
      'action',
      a.id,
      a.dueDate,
    ),
  };
}

export function reviewDueNotification(r: TScanRisk, today: TIsoDate): TNotificationDraft | null {
  if (!r.ownerUserId || !isReviewDue(r, today)) return null;
  const days = daysBetween(today, r.nextReviewOn);
  const ref = `${riskReference(r.number)} ${clip(r.title)}`;
  const date = formatUkDate(r.nextReviewOn);
  return {
    userId: r.ownerUserId,
    programmeId: r.programmeId,
    kind: 'review_due',
    title: days >= 0 ? `Risk review due ${dueIn(days)}: ${ref}` : `Risk review overdue: ${ref}`,
    body:
      days >= 0
        ? `You own this risk. Its next review is due ${date}.`
        : `You own this risk. Its review was due ${date}.`,
    link: notificationLinks.risk(r.programmeId, r.id),
    entityType: 'risk',
    entityId: r.id,
    dedupeKey: notificationKeys.reviewDue(r.id, r.nextReviewOn),
  };
}

/**
 * Everything the daily scan would notify on `today`, less what `keep` refuses (people who may no longer see
 * the item); writing it is idempotent through the dedupe keys.
 */
export function dueNotifications<
  T extends TScanTask,
  A extends TScanAction,
  R extends TScanRisk,
  I extends TScanRaid = TScanRaid,
  Q extends TScanRequest = TScanRequest,
>(
  items: {
    tasks: readonly T[];
    actions: readonly A[];
    risks: readonly R[];
    raid?: readonly I[];
    requests?: readonly Q[];
  },
  today: TIsoDate,
  keep: (n: TNotificationDraft, item: T | A | R | I | Q) => boolean = () => true,
): TNotificationDraft[] {
  const out: TNotificationDraft[] = [];
  const add = (n: TNotificationDraft | null, item: T | A | R | I | Q) => {
    if (n && keep(n, item)) out.push(n);
  };
  for (const t of items.tasks) add(taskDueNotification(t, today), t);
  for (const a of items.actions) add(actionDueNotification(a, today), a);
  for (const r of items.risks) add(reviewDueNotification(r, today), r);
  for (const i of items.raid ?? []) add(raidDueNotification(i, today), i);
  for (const q of items.requests ?? []) add(requestDueNotification(q, today), q);
  return out;
}

/** A due diligence request awaiting its named responder's answer (the scan reads only open or returned ones). */
export interface TScanRequest {
  id: string;
  programmeId: string;
  number: number;
  title: string;
  dueOn: TIsoDate;
  responderUserId: string | null;
}

export function requestDueNotification(q: TScanRequest, today: TIsoDate): TNotificationDraft | null {
  if (!q.responderUserId) return null;
  const state = dueStateOf(q.dueOn, today);
  if (!state) return null;
  const what = `Due diligence request ${ddReference(q.number)}`;
  return {
    userId: q.responderUserId,
    programmeId: q.programmeId,
    kind: state,
    title:
      state === 'due_soon'
        ? `${what} due ${dueIn(daysBetween(today, q.dueOn))}: ${clip(q.title)}`
        : `${what} overdue: ${clip(q.title)}`,
    body:
      state === 'due_soon'
        ? `Your answer is due ${formatUkDate(q.dueOn)}.`
        : `Your answer was due ${formatUkDate(q.dueOn)}.`,
    link: notificationLinks.ddRequest(q.programmeId, q.id),
    entityType: 'dd_request',
    entityId: q.id,
    dedupeKey: (state === 'due_soon' ? notificationKeys.dueSoon : notificationKeys.overdue)(
      'dd_request',
      q.id,
      q.dueOn,
    ),
  };
}

/** A RAID item the daily scan looks at: an open meeting action, issue or assumption with a due date. */
export interface TScanRaid {
  id: string;
  programmeId: string;
  kind: TRaidKind;
  number: number;
  title: string;
  dueOn: TIsoDate;
  status: TRaidStatus;
  ownerUserId: string | null;
}

export function raidDueNotification(i: TScanRaid, today: TIsoDate): TNotificationDraft | null {
  if (!i.ownerUserId || !isRaidOpen(i.status)) return null;
  const state = dueStateOf(i.dueOn, today);
  if (!state) return null;
  const what = `${RAID_KIND_LABELS[i.kind].one} ${raidReference(i.kind, i.number)}`;
  return {
    userId: i.ownerUserId,
    programmeId: i.programmeId,
    kind: state,
    title:
      state === 'due_soon'
        ? `${what} due ${dueIn(daysBetween(today, i.dueOn))}: ${clip(i.title)}`
        : `${what} overdue: ${clip(i.title)}`,
    body:
      state === 'due_soon'
        ? `Due ${formatUkDate(i.dueOn)}.`
        : `It was due ${formatUkDate(i.dueOn)} and is still open.`,
    link: notificationLinks.raid(i.programmeId, i.id),
    entityType: 'raid',
    entityId: i.id,
    dedupeKey: (state === 'due_soon' ? notificationKeys.dueSoon : notificationKeys.overdue)(
      'raid',
      i.id,
      i.dueOn,
    ),
  };
}

/** A panel member is asked to rate when the gateway's scoring opens (once per gateway). */
export function gatewayScoringNotification(p: {
  userId: string;
  programmeId: string;
  gateway: { id: string; name: string; panelDueOn: TIsoDate | null };
  criteria: number;
}): TNotificationDraft {
  return {
    userId: p.userId,
    programmeId: p.programmeId,
    kind: 'gateway',
    title: `Your panel ratings are asked for: ${clip(p.gateway.name)}`,
    body:
      `Rate each of the ${p.criteria} criteria${p.gateway.panelDueOn ? ` by ${formatUkDate(p.gateway.panelDueOn)}` : ''}. ` +
      'Colleagues see your ratings only once they have given all of theirs.',
    link: notificationLinks.gateway(p.programmeId, p.gateway.id),
    entityType: 'gateway',
    entityId: p.gateway.id,
    dedupeKey: `gateway_scoring:gateway:${p.gateway.id}`,
  };
}

export function raidAssignedNotification(p: {
  userId: string;
  actorName: string;
  item: {
    id: string;
    programmeId: string;
    kind: TRaidKind;
    number: number;
    title: string;
    dueOn: TIsoDate | null;
    version: number;
  };
}): TNotificationDraft {
  const what = `${RAID_KIND_LABELS[p.item.kind].one.toLowerCase()} ${raidReference(p.item.kind, p.item.number)}`;
  return {
    userId: p.userId,
    programmeId: p.item.programmeId,
    kind: 'raid_assigned',
    title: `${p.actorName} made you the owner of ${what}: ${clip(p.item.title)}`,
    body: p.item.dueOn ? `Due ${formatUkDate(p.item.dueOn)}.` : 'No due date yet.',
    link: notificationLinks.raid(p.item.programmeId, p.item.id),
    entityType: 'raid',
    entityId: p.item.id,
    dedupeKey: notificationKeys.raidAssigned(p.item.id, p.item.version),
  };
}

/* ---------- notifications written with a change ---------- */

export function taskAssignedNotification(p: {
  userId: string;
  actorName: string;
  task: { id: string; programmeId: string; title: string; dueDate: TIsoDate; version: number };
  transferName: string;
}): TNotificationDraft {
  return {
    userId: p.userId,
    programmeId: p.task.programmeId,
    kind: 'task_assigned',
    title: `${p.actorName} assigned you a task: ${clip(p.task.title)}`,
    body: `${p.transferName}. Due ${formatUkDate(p.task.dueDate)}.`,
    link: notificationLinks.task(p.task.programmeId, p.task.id),
    entityType: 'task',
    entityId: p.task.id,
    dedupeKey: notificationKeys.taskAssigned(p.task.id, p.task.version),
  };
}

export function actionAssignedNotification(p: {
  userId: string;
  actorName: string;
  action: { id: string; programmeId: string; description: string; dueDate: TIsoDate; version: number };
  risk: { id: string; number: number; title: string };
}): TNotificationDraft {
  return {
    userId: p.userId,
    programmeId: p.action.programmeId,
    kind: 'action_assigned',
    title: `${p.actorName} made you the owner of a mitigation action: ${clip(p.action.description)}`,
    body: `${riskReference(p.risk.number)} ${clip(p.risk.title)}. Due ${formatUkDate(p.action.dueDate)}.`,
    link: notificationLinks.action(p.action.programmeId, p.risk.id),
    entityType: 'mitigation_action',
    entityId: p.action.id,
    dedupeKey: notificationKeys.actionAssigned(p.action.id, p.action.version),
  };
}

export function riskEscalatedNotification(p: {
  userId: string;
  risk: { id: string; programmeId: string; number: number; title: string; currentScore: number };
  escalationThreshold: number;
  /** Who changed it, or null when the programme's matrix changed. */
  actorName: string | null;
  occasion: string;
}): TNotificationDraft {
  const why = p.actorName
    ? `${p.actorName} changed it: its current score of ${p.risk.currentScore} is at or above the programme’s escalation threshold of ${p.escalationThreshold}.`
    : `The programme’s risk matrix changed: its current score of ${p.risk.currentScore} is now at or above the escalation threshold of ${p.escalationThreshold}.`;
  return {
    userId: p.userId,
    programmeId: p.risk.programmeId,
    kind: 'risk_escalated',
    title: `Risk escalated: ${riskReference(p.risk.number)} ${clip(p.risk.title)}`,
    body: why,
    link: notificationLinks.risk(p.risk.programmeId, p.risk.id),
    entityType: 'risk',
    entityId: p.risk.id,
    dedupeKey: notificationKeys.riskEscalated(p.risk.id, p.occasion),
  };
}

/* ---------- email ---------- */

/**
 * Emails are written into the outbox with this in place of Baton's address; the sender puts in the public
 * address it is configured with when it sends (so a changed address reaches mail still waiting).
 */
export const EMAIL_BASE_URL_PLACEHOLDER = '{{BATON_URL}}';

export function resolveEmailLinks(text: string, baseUrl: string): string {
  return text.replaceAll(EMAIL_BASE_URL_PLACEHOLDER, baseUrl.replace(/\/+$/, ''));
}

export interface TNotificationEmail {
  subject: string;
  text: string;
}

/** A plain-text email for one notification. */
export function composeNotificationEmail(
  n: { kind: TNotificationKind; title: string; body: string; link: string | null },
  recipient: { name: string },
  options: { programmeName?: string | null; baseUrl: string },
): TNotificationEmail {
  const base = options.baseUrl.replace(/\/+$/, '');
  const subject = clip(`Baton: ${n.title}`, 160);
  const lines = [
    `Hello ${recipient.name},`,
    '',
    n.title.replace(/\s+/g, ' ').trim(),
    ...(n.body ? [n.body] : []),
    '',
    ...(options.programmeName ? [`Programme: ${options.programmeName}`] : []),
    ...(n.link ? [`Open in Baton: ${base}${n.link}`] : []),
    '',
    '--',
    'You receive these emails because email notifications are on in your Baton account.',
    `To turn them off, open ${base}/notifications and switch off "Email me my notifications".`,
  ];
  return { subject, text: `${lines.join('\n')}\n` };
}

/* ---------- the outbox's retry rule ---------- */

export const MAX_EMAIL_ATTEMPTS = 5;

/** After a failed attempt (`attempts` made so far): wait 5, 10, 20, 40 minutes, then give up. */
export function nextEmailAttempt(
  attempts: number,
): { giveUp: true } | { giveUp: false; delayMinutes: number } {
  if (attempts >= MAX_EMAIL_ATTEMPTS) return { giveUp: true };
  return { giveUp: false, delayMinutes: 5 * 2 ** Math.max(0, attempts - 1) };
}
