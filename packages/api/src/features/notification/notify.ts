import {
  actionAssignedNotification,
  becameEscalated,
  canSeeOrganisationItem,
  composeNotificationEmail,
  EMAIL_BASE_URL_PLACEHOLDER,
  escalationRecipients,
  isNewAssignment,
  raidAssignedNotification,
  riskEscalatedNotification,
  taskAssignedNotification,
  visibilityFor,
  type TNotificationDraft,
  type TPartyRole,
} from '@baton/domain';
import {
  findRisk,
  findRiskMatrix,
  findTransfer,
  findUserById,
  insertNotifications,
  notificationAudience,
  type Executor,
  type TActionRow,
  type TComposeEmail,
  type TRaidRow,
  type TRiskRow,
  type TTaskRow,
} from '@baton/db';

/*
 * Notifications are written in the transaction of the change that causes them (never by sending a job from
 * inside it: on the embedded database that would wait for the transaction it is in). Emails go into the
 * outbox in the same transaction; a worker sends them.
 */

/** Emails are stored with a placeholder for Baton's address; the sender fills in its configured address. */
export const composeStoredEmail: TComposeEmail = (n, { recipient, programmeName }) =>
  composeNotificationEmail(n, recipient, { programmeName, baseUrl: EMAIL_BASE_URL_PLACEHOLDER });

export function writeNotifications(trx: Executor, drafts: readonly TNotificationDraft[]) {
  return insertNotifications(trx, drafts, { composeEmail: composeStoredEmail });
}

export type TAudienceCheck = (programmeId: string, userId: string, itemOrganisationIds: string[]) => boolean;

/**
 * Who may hear about an item: a current, enabled member of its programme who may see it. A member whose
 * organisation is only a bidder there hears only of their own organisation's items (bidder isolation).
 */
export async function loadAudience(db: Executor, programmeIds: readonly string[]) {
  const { members, partyRoles } = await notificationAudience(db, programmeIds);
  const member = new Map(members.map((m) => [`${m.programmeId} ${m.userId}`, m]));
  const roles = new Map<string, TPartyRole[]>();
  for (const p of partyRoles) {
    const key = `${p.programmeId} ${p.organisationId}`;
    roles.set(key, [...(roles.get(key) ?? []), p.role]);
  }
  const canHear: TAudienceCheck = (programmeId, userId, itemOrganisationIds) => {
    const m = member.get(`${programmeId} ${userId}`);
    if (!m) return false;
    const visibility = visibilityFor(m.organisationId, roles.get(`${programmeId} ${m.organisationId}`) ?? []);
    return (
      visibility.kind === 'all' || itemOrganisationIds.some((id) => canSeeOrganisationItem(visibility, id))
    );
  };
  return { members, canHear };
}

export interface TActor {
  id: string;
  name: string;
}

/** A task's assignee became someone other than the actor: tell them. */
export async function notifyTaskAssigned(
  trx: Executor,
  p: { actor: TActor; before: TTaskRow | null; after: TTaskRow },
): Promise<void> {
  const assignee = p.after.assignee?.id;
  if (!isNewAssignment(p.before?.assignee?.id, assignee, p.actor.id)) return;
  const transfer = await findTransfer(trx, p.after.programmeId, p.after.transferId);
  if (!transfer) return;
  const { canHear } = await loadAudience(trx, [p.after.programmeId]);
  if (!canHear(p.after.programmeId, assignee, [transfer.outgoing.id, transfer.incoming.id])) return;
  await writeNotifications(trx, [
    taskAssignedNotification({
      userId: assignee,
      actorName: p.actor.name,
      task: p.after,
      transferName: transfer.name,
    }),
  ]);
}

/** A mitigation action's owner became someone other than the actor: tell them. */
export async function notifyActionAssigned(
  trx: Executor,
  p: { actor: TActor; before: TActionRow | null; after: TActionRow; risk: TRiskRow },
): Promise<void> {
  const owner = p.after.owner?.id;
  if (!isNewAssignment(p.before?.owner?.id, owner, p.actor.id)) return;
  const { canHear } = await loadAudience(trx, [p.after.programmeId]);
  if (!canHear(p.after.programmeId, owner, [p.risk.owningOrganisation.id])) return;
  await writeNotifications(trx, [
    actionAssignedNotification({ userId: owner, actorName: p.actor.name, action: p.after, risk: p.risk }),
  ]);
}

/**
 * A write turned a live risk's escalation on: tell its owner, the programme's admins and steering group
 * (those who may see the risk), never the actor. `actor.name` is looked up when not given.
 */
export async function notifyRiskEscalated(
  trx: Executor,
  p: { actor: { id: string; name?: string }; before: { escalated: boolean } | null; after: TRiskRow },
): Promise<void> {
  if (!becameEscalated(p.before, p.after)) return;
  const [{ matrix }, actorName] = await Promise.all([
    findRiskMatrix(trx, p.after.programmeId),
    p.actor.name ?? findUserById(trx, p.actor.id).then((u) => u?.name ?? 'Someone'),
  ]);
  await writeEscalations(trx, {
    programmeId: p.after.programmeId,
    actorUserId: p.actor.id,
    risks: [p.after],
    threshold: matrix.escalationThreshold,
    actorName,
    occasion: () => `v${p.after.version}`,
  });
}

/** Risks created escalated in one go (an import): one notification pass for all of them. */
export async function notifyRisksEscalatedOnCreate(
  trx: Executor,
  p: { programmeId: string; actor: { id: string }; risks: TRiskRow[] },
): Promise<void> {
  const escalated = p.risks.filter((r) => becameEscalated(null, r));
  if (!escalated.length) return;
  const [{ matrix }, actorName] = await Promise.all([
    findRiskMatrix(trx, p.programmeId),
    findUserById(trx, p.actor.id).then((u) => u?.name ?? 'Someone'),
  ]);
  await writeEscalations(trx, {
    programmeId: p.programmeId,
    actorUserId: p.actor.id,
    risks: escalated,
    threshold: matrix.escalationThreshold,
    actorName,
    occasion: (r) => `v${r.version}`,
  });
}

/** The programme's matrix changed and these risks became escalated by it. */
export async function notifyMatrixEscalations(
  trx: Executor,
  p: {
    programmeId: string;
    actorUserId: string;
    riskIds: string[];
    matrixVersion: number;
    threshold: number;
  },
): Promise<void> {
  if (!p.riskIds.length) return;
  const risks = (await Promise.all(p.riskIds.map((id) => findRisk(trx, p.programmeId, id)))).filter(
    (r): r is TRiskRow => r !== undefined,
  );
  await writeEscalations(trx, {
    programmeId: p.programmeId,
    actorUserId: p.actorUserId,
    risks: risks.filter((r) => becameEscalated({ escalated: false }, r)),
    threshold: p.threshold,
    actorName: null,
    occasion: () => `matrix-v${p.matrixVersion}`,
  });
}

async function writeEscalations(
  trx: Executor,
  p: {
    programmeId: string;
    actorUserId: string;
    risks: TRiskRow[];
    threshold: number;
    actorName: string | null;
    occasion: (r: TRiskRow) => string;
  },
): Promise<void> {
  if (!p.risks.length) return;
  const { members, canHear } = await loadAudience(trx, [p.programmeId]);
  const drafts = p.risks.flatMap((risk) =>
    escalationRecipients({ ownerUserId: risk.owner?.id ?? null, actorUserId: p.actorUserId, members })
      .filter((userId) => canHear(p.programmeId, userId, [risk.owningOrganisation.id]))
      .map((userId) =>
        riskEscalatedNotification({
          userId,
          risk: { ...risk, currentScore: risk.current.score },
          escalationThreshold: p.threshold,
          actorName: p.actorName,
          occasion: p.occasion(risk),
        }),
      ),
  );
  await writeNotifications(trx, drafts);
}

/** A RAID item's owner became someone other than the actor: tell them (if they may see it). */
export async function notifyRaidAssigned(
  trx: Executor,
  p: { actor: TActor; before: TRaidRow | null; after: TRaidRow },
): Promise<void> {
  const owner = p.after.owner?.id;
  if (!isNewAssignment(p.before?.owner?.id, owner, p.actor.id)) return;
  const { canHear } = await loadAudience(trx, [p.after.programmeId]);
  if (!canHear(p.after.programmeId, owner, [p.after.owningOrganisation.id])) return;
  await writeNotifications(trx, [
    raidAssignedNotification({ userId: owner, actorName: p.actor.name, item: p.after }),
  ]);
}
