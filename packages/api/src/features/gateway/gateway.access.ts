import { can, ForbiddenError, isCommissionerRole, NotFoundError, RuleViolationError } from '@baton/domain';
import {
  findGateway,
  findLot,
  findMembershipContext,
  listParties,
  type Executor,
  type TAuditAudience,
  type TGatewayRow,
} from '@baton/db';
import { seesEveryOrganisation, type TMember } from '../../access/membership';

/*
 * Assurance gateways. The panel assures an organisation (an alliance, a bidder, the preferred provider), so:
 * - the panel's work (panel, ratings, evidence, moderation in progress) is the assurance side's: members of the
 *   commissioners' organisations and programme admins, never of the organisation assessed;
 * - everyone else sees a gateway only once it is decided, and then only its moderated outcome (agreed ratings,
 *   reasons, recommendation, conditions): a bidder only its own organisation's; the other parties of a joint
 *   programme (who see every organisation's rows) every decided gateway. Before that a gateway answers
 *   NOT_FOUND exactly as a missing one;
 * - the steering group on the assurance side (meetings.manage) runs the gateway; panel members rate as themselves.
 */

export const GATEWAY_NOT_FOUND = 'That gateway does not exist, or is not visible to you.';

const onAssuranceSide = (m: TMember) => m.role === 'programme_admin' || isCommissionerRole(m.partyRoles);

/** Sees the panel's work on this gateway. */
export const seesPanelWork = (m: TMember, g: Pick<TGatewayRow, 'assessedOrganisationId'>) =>
  onAssuranceSide(m) && m.organisationId !== g.assessedOrganisationId;

/** Sees the gateway at all: the panel's side always; others its outcome once decided. */
export const canSeeGateway = (m: TMember, g: Pick<TGatewayRow, 'assessedOrganisationId' | 'status'>) =>
  seesPanelWork(m, g) ||
  (g.status === 'decided' && (g.assessedOrganisationId === m.organisationId || seesEveryOrganisation(m)));

/** Runs gateways: creates them, edits criteria and panel, moderates, keeps the evidence log, records decisions. */
export const runsGateways = (m: TMember) => onAssuranceSide(m) && can(m.role, 'meetings.manage');

/** Audit events about the panel's work are for the assurance side's readers; the outcome also the assessed's. */
export const gatewayAuditAudience = (
  g: Pick<TGatewayRow, 'assessedOrganisationId'>,
  outcome = false,
): TAuditAudience =>
  outcome ? { kind: 'owners', organisationIds: [g.assessedOrganisationId] } : { kind: 'full' };

export async function visibleGateway(db: Executor, m: TMember, gatewayId: string): Promise<TGatewayRow> {
  const g = await findGateway(db, m.programmeId, gatewayId);
  if (!g || !canSeeGateway(m, g)) throw new NotFoundError(GATEWAY_NOT_FOUND);
  return g;
}

/** A gateway the caller runs: hidden as missing when they may not see it, refused when they only read it. */
export async function managedGateway(db: Executor, m: TMember, gatewayId: string): Promise<TGatewayRow> {
  const g = await visibleGateway(db, m, gatewayId);
  if (!seesPanelWork(m, g)) throw new NotFoundError(GATEWAY_NOT_FOUND);
  assertRunsGateways(m);
  return g;
}

export function assertRunsGateways(m: TMember) {
  if (!runsGateways(m))
    throw new ForbiddenError(
      'Only the steering group on the commissioners’ side (or a programme admin) runs assurance gateways.',
    );
}

/**
 * What a gateway names must make sense: the organisation assessed is a provider or bidder of this programme
 * (never a commissioner, who runs the panel), the lot is the programme's, and every panel member is a member of
 * the assurance side who can write and is not of the organisation assessed.
 */
export async function checkGatewayNames(
  db: Executor,
  m: TMember,
  f: { assessedOrganisationId: string; lotId: string | null; panelUserIds: readonly string[] },
) {
  const problems: Record<string, string[]> = {};
  const parties = await listParties(db, m.programmeId);
  const roles = parties.filter((p) => p.organisation.id === f.assessedOrganisationId).map((p) => p.role);
  if (roles.length === 0)
    problems.assessedOrganisationId = ['Choose an organisation taking part in this programme'];
  else if (isCommissionerRole(roles))
    problems.assessedOrganisationId = [
      'A commissioner runs the panel: choose the provider or bidder assured',
    ];
  if (f.lotId && !(await findLot(db, m.programmeId, f.lotId)))
    problems.lotId = ['Choose a lot of this programme'];
  if (new Set(f.panelUserIds).size !== f.panelUserIds.length)
    problems.panelUserIds = ['Name each panel member once'];
  for (const userId of f.panelUserIds) {
    const c = await findMembershipContext(db, m.programmeId, userId);
    const eligible =
      c &&
      can(c.role, 'items.editOwn') &&
      c.organisationId !== f.assessedOrganisationId &&
      (c.role === 'programme_admin' || isCommissionerRole(c.organisationPartyRoles));
    if (!eligible) {
      problems.panelUserIds = [
        'Panel members are members of the commissioners’ organisations who can edit, never of the organisation assessed',
      ];
      break;
    }
  }
  if (Object.keys(problems).length)
    throw new RuleViolationError('Some of the values need correcting.', problems);
}
