import {
  canEditOrganisationItem,
  canSeeOrganisationItem,
  ForbiddenError,
  NotFoundError,
  type TMembershipRole,
  type TVisibility,
} from '@baton/domain';
import { findRisk, type Executor, type TRiskRow } from '@baton/db';

export interface TMember {
  role: TMembershipRole;
  organisationId: string;
  visibility: TVisibility;
}

export const onlyOrgOf = (m: TMember) =>
  m.visibility.kind === 'own' ? m.visibility.organisationId : undefined;

/** A risk the caller may see; hidden ones are indistinguishable from missing ones. */
export async function visibleRisk(
  db: Executor,
  m: TMember,
  programmeId: string,
  riskId: string,
): Promise<TRiskRow> {
  const risk = await findRisk(db, programmeId, riskId);
  if (!risk || !canSeeOrganisationItem(m.visibility, risk.owningOrganisation.id)) {
    throw new NotFoundError('That risk does not exist, or is not visible to you.');
  }
  return risk;
}

export function assertCanEditFor(m: TMember, organisationId: string, what: string): void {
  if (!canEditOrganisationItem(m.role, m.organisationId, organisationId)) {
    throw new ForbiddenError(`You can only change ${what} owned by your own organisation.`);
  }
}
