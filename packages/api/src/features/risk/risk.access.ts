import {
  can,
  canEditOrganisationItem,
  canSeeRow,
  ForbiddenError,
  NotFoundError,
  type TVisibility,
} from '@baton/domain';
import {
  findAction,
  findRisk,
  type Executor,
  type TActionRow,
  type TAuditAudience,
  type TRiskRow,
} from '@baton/db';
import type { TMember } from '../../access/membership';
import { naming } from '../../access/naming';

/*
 * Risks belong to the organisation that owns them. Members who see every organisation see every risk; a
 * bidder in a live procurement sees only its own organisation's. Mitigation actions are seen with their risk.
 * Contributors change only their own organisation's risks and actions; leads and admins change any.
 */

export const RISK_NOT_FOUND = 'That risk does not exist, or is not visible to you.';
export const ACTION_NOT_FOUND = 'That mitigation action does not exist, or is not visible to you.';

/** Whose risks a list, aggregate, search or export may return: the SQL predicate's input. */
export const riskVisibility = (m: TMember): TVisibility => m.visibility;

/** The organisations whose isolated members see a risk (and everything on it). */
export const riskAudience = (r: Pick<TRiskRow, 'owningOrganisation'>): string[] => [r.owningOrganisation.id];

/** Audit events about a risk or its actions are read by whoever may read the risk. */
export const riskAuditAudience = (r: Pick<TRiskRow, 'owningOrganisation'>): TAuditAudience => ({
  kind: 'owners',
  organisationIds: riskAudience(r),
});

export const canSeeRisk = (m: TMember, r: Pick<TRiskRow, 'owningOrganisation'>): boolean =>
  canSeeRow(m.visibility, riskAudience(r));

/** A risk the caller may see; a hidden one answers exactly as a missing one. */
export async function visibleRisk(db: Executor, m: TMember, riskId: string): Promise<TRiskRow> {
  const risk = await findRisk(db, m.programmeId, riskId);
  if (!risk || !canSeeRisk(m, risk)) throw new NotFoundError(RISK_NOT_FOUND);
  return risk;
}

/** An action the caller may see (with its risk); a hidden one answers exactly as a missing one. */
export async function visibleAction(
  db: Executor,
  m: TMember,
  actionId: string,
): Promise<{ action: TActionRow; risk: TRiskRow }> {
  const action = await findAction(db, m.programmeId, actionId);
  const risk = action && (await findRisk(db, m.programmeId, action.riskId));
  if (!action || !risk || !canSeeRisk(m, risk)) throw new NotFoundError(ACTION_NOT_FOUND);
  return { action, risk };
}

export const canEditRisk = (m: TMember, owningOrganisationId: string): boolean =>
  canEditOrganisationItem(m.role, m.organisationId, owningOrganisationId);

export function assertCanEditRisk(m: TMember, owningOrganisationId: string): void {
  if (!canEditRisk(m, owningOrganisationId))
    throw new ForbiddenError('You can only change risks owned by your own organisation.');
}

/** An action may be changed by whoever may change its organisation's items, or the risk's. */
export function assertCanEditAction(m: TMember, risk: TRiskRow, organisationId: string): void {
  if (canEditRisk(m, organisationId) || canEditRisk(m, risk.owningOrganisation.id)) return;
  throw new ForbiddenError('You can only change actions owned by your own organisation, or on its risks.');
}

/** May this member change the programme's risk matrix? */
export const canChangeMatrix = (m: TMember) => can(m.role, 'programme.update');

/**
 * What a risk may name: its owning and affected organisations and its owner must be visible to the caller
 * and to everyone who will see the risk.
 */
export function riskNaming(
  db: Executor,
  m: TMember,
  f: { owningOrganisationId: string; affectedOrganisationIds: readonly string[]; ownerUserId: string | null },
) {
  const check = naming(db, m, [f.owningOrganisationId], 'risk')
    .organisation(
      'owningOrganisationId',
      f.owningOrganisationId,
      'The owning organisation must take part in this programme',
    )
    .person('ownerUserId', f.ownerUserId, 'The owner must be a member of this programme');
  for (const id of f.affectedOrganisationIds) {
    check.organisation(
      'affectedOrganisationIds',
      id,
      'Every affected organisation must take part in this programme',
    );
  }
  return check;
}

/** What an action may name: its organisation and owner, seen by everyone who sees its risk. */
export function actionNaming(
  db: Executor,
  m: TMember,
  risk: TRiskRow,
  f: { organisationId: string; ownerUserId: string | null },
) {
  return naming(db, m, riskAudience(risk), 'risk')
    .organisation('organisationId', f.organisationId)
    .person('ownerUserId', f.ownerUserId, 'The owner must be a member of this programme');
}
