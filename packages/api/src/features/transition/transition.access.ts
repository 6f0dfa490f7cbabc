import {
  can,
  canEditOrganisationItem,
  canSeeRow,
  ForbiddenError,
  NotFoundError,
  type TVisibility,
} from '@baton/domain';
import {
  findTask,
  findTransfer,
  listTransfers,
  type Executor,
  type TAuditAudience,
  type TTaskRow,
  type TTransferRow,
} from '@baton/db';
import type { TMember } from '../../access/membership';
import { naming } from '../../access/naming';

/*
 * A transfer (and its plan, tasks, dependencies and registers) is seen by members who see every
 * organisation and by its outgoing and incoming providers. Tasks are changed by whoever may change their
 * owning organisation's items; transfers by programme admins and transition leads.
 */

export const TRANSFER_NOT_FOUND = 'That transfer does not exist, or is not visible to you.';
export const TASK_NOT_FOUND = 'That task does not exist, or is not visible to you.';
export const DEPENDENCY_NOT_FOUND = 'That dependency does not exist, or is not visible to you.';

export const transferVisibility = (m: TMember): TVisibility => m.visibility;

/** The organisations whose isolated members see a transfer and everything in it. */
export const transferAudience = (t: Pick<TTransferRow, 'outgoing' | 'incoming'>): string[] => [
  t.outgoing.id,
  t.incoming.id,
];

export const transferAuditAudience = (t: Pick<TTransferRow, 'outgoing' | 'incoming'>): TAuditAudience => ({
  kind: 'owners',
  organisationIds: transferAudience(t),
});

export const canSeeTransfer = (m: TMember, t: Pick<TTransferRow, 'outgoing' | 'incoming'>) =>
  canSeeRow(m.visibility, transferAudience(t));

export async function visibleTransfer(db: Executor, m: TMember, transferId: string): Promise<TTransferRow> {
  const t = await findTransfer(db, m.programmeId, transferId);
  if (!t || !canSeeTransfer(m, t)) throw new NotFoundError(TRANSFER_NOT_FOUND);
  return t;
}

/** A task the caller may see, with its transfer; a hidden one answers exactly as a missing one. */
export async function visibleTask(
  db: Executor,
  m: TMember,
  taskId: string,
  message: string = TASK_NOT_FOUND,
): Promise<{ task: TTaskRow; transfer: TTransferRow }> {
  const task = await findTask(db, m.programmeId, taskId);
  const transfer = task && (await findTransfer(db, m.programmeId, task.transferId));
  if (!task || !transfer || !canSeeTransfer(m, transfer)) throw new NotFoundError(message);
  return { task, transfer };
}

/** The ids of the transfers the caller may see, for filtering embeds of tasks elsewhere. */
export async function visibleTransferIds(db: Executor, m: TMember): Promise<Set<string> | 'all'> {
  if (m.visibility.kind === 'all') return 'all';
  return new Set((await listTransfers(db, m.programmeId, m.visibility)).map((t) => t.id));
}

export const canEditTask = (m: TMember, owningOrganisationId: string) =>
  canEditOrganisationItem(m.role, m.organisationId, owningOrganisationId);

export function assertCanEditTask(m: TMember, owningOrganisationId: string): void {
  if (!canEditTask(m, owningOrganisationId))
    throw new ForbiddenError('You can only change tasks owned by your own organisation.');
}

export const canManageTransfers = (m: TMember) => can(m.role, 'items.editAny');

/**
 * Who may change a transfer's registers: programme admins and transition leads any transfer's; a provider
 * contributor only those of a transfer their organisation is the outgoing or incoming provider of.
 */
export function canEditRegisters(m: TMember, t: TTransferRow): boolean {
  if (can(m.role, 'items.editAny')) return true;
  return (
    m.role === 'provider_contributor' &&
    (m.organisationId === t.outgoing.id || m.organisationId === t.incoming.id)
  );
}

/** A visible transfer whose registers the caller may change. */
export async function writableTransfer(db: Executor, m: TMember, transferId: string): Promise<TTransferRow> {
  const t = await visibleTransfer(db, m, transferId);
  if (!canEditRegisters(m, t))
    throw new ForbiddenError(
      'Only the programme admin, a transition lead, or the outgoing and incoming providers can change this transfer’s registers.',
    );
  return t;
}

/** What a task may name: its owning organisation and assignee, seen by everyone who sees the transfer. */
export function taskNaming(
  db: Executor,
  m: TMember,
  transfer: TTransferRow,
  f: { owningOrganisationId: string; assigneeUserId: string | null },
) {
  return naming(db, m, transferAudience(transfer), 'transfer')
    .organisation('owningOrganisationId', f.owningOrganisationId)
    .person('assigneeUserId', f.assigneeUserId, 'The assignee must be a member of this programme');
}

/** What a transfer may name: its two providers must be visible to each other (never two rival bidders). */
export function transferNaming(
  db: Executor,
  m: TMember,
  f: { outgoingOrganisationId: string; incomingOrganisationId: string },
) {
  return naming(db, m, [f.outgoingOrganisationId, f.incomingOrganisationId], 'transfer')
    .organisation('outgoingOrganisationId', f.outgoingOrganisationId)
    .organisation('incomingOrganisationId', f.incomingOrganisationId);
}
