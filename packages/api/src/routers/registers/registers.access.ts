import { can, ForbiddenError, NotFoundError } from '@baton/domain';
import { findTransfer, type Executor, type TTransferRow } from '@baton/db';
import { onlyOrgOf, type TMember } from '../risk/risk.access';

/**
 * The transfer's visibility rule, as the transition router applies it: members who see only their own
 * organisation (bidders) see a transfer only when their organisation is its outgoing or incoming provider;
 * a hidden transfer is indistinguishable from a missing one.
 */
export async function visibleTransfer(
  db: Executor,
  m: TMember,
  programmeId: string,
  transferId: string,
): Promise<TTransferRow> {
  const t = await findTransfer(db, programmeId, transferId);
  const own = onlyOrgOf(m);
  if (!t || (own && t.outgoing.id !== own && t.incoming.id !== own))
    throw new NotFoundError('That transfer does not exist, or is not visible to you.');
  return t;
}

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
export async function writableTransfer(
  db: Executor,
  m: TMember,
  programmeId: string,
  transferId: string,
): Promise<TTransferRow> {
  const t = await visibleTransfer(db, m, programmeId, transferId);
  if (!canEditRegisters(m, t))
    throw new ForbiddenError(
      'Only the programme admin, a transition lead, or the outgoing and incoming providers can change this transfer’s registers.',
    );
  return t;
}
