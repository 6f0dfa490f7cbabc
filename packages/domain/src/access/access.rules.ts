import type { TPartyRole } from '../programme/programme.schema';
import type { TMembershipRole } from './access.schema';

/** What a member of a programme may do. Each procedure names the capability it needs. */
export type TCapability =
  | 'programme.read'
  | 'programme.update'
  | 'lots.manage'
  | 'parties.manage'
  | 'members.read'
  | 'members.manage'
  | 'audit.read'
  | 'items.editOwn'
  | 'items.editAny'
  /** Record steering group meetings and freeze their packs: the programme office and the group itself. */
  | 'meetings.manage'
  /** The programme's records: download the archive, close the programme, ask for its deletion. */
  | 'programme.records';

/** What a member may still do in a closed programme, whose records are read-only. */
export const READ_ONLY_CAPABILITIES: ReadonlySet<TCapability> = new Set<TCapability>([
  'programme.read',
  'members.read',
  'audit.read',
  'programme.records',
]);

const CAPABILITIES: Record<TMembershipRole, ReadonlySet<TCapability>> = {
  programme_admin: new Set<TCapability>([
    'programme.read',
    'programme.update',
    'lots.manage',
    'parties.manage',
    'members.read',
    'members.manage',
    'audit.read',
    'items.editOwn',
    'items.editAny',
    'meetings.manage',
    'programme.records',
  ]),
  steering_group_member: new Set<TCapability>([
    'programme.read',
    'members.read',
    'audit.read',
    'items.editOwn',
    'meetings.manage',
  ]),
  transition_lead: new Set<TCapability>([
    'programme.read',
    'members.read',
    'audit.read',
    'items.editOwn',
    'items.editAny',
  ]),
  provider_contributor: new Set<TCapability>([
    'programme.read',
    'members.read',
    'audit.read',
    'items.editOwn',
  ]),
  executive_viewer: new Set<TCapability>(['programme.read', 'members.read', 'audit.read']),
};

export function can(role: TMembershipRole, capability: TCapability): boolean {
  return CAPABILITIES[role].has(capability);
}

export function capabilitiesOf(role: TMembershipRole): TCapability[] {
  return [...CAPABILITIES[role]];
}

/**
 * Whose information a member may see. A member whose organisation takes part in the programme only as a
 * bidder sees commissioners' information and their own, never another bidder's: commercial confidentiality
 * in a live procurement. Everyone else sees every organisation's information.
 */
export type TVisibility = { kind: 'all' } | { kind: 'own'; organisationId: string };

export function visibilityFor(
  memberOrganisationId: string,
  partyRolesOfMemberOrg: readonly TPartyRole[],
): TVisibility {
  const onlyBidder = partyRolesOfMemberOrg.length > 0 && partyRolesOfMemberOrg.every((r) => r === 'bidder');
  return onlyBidder ? { kind: 'own', organisationId: memberOrganisationId } : { kind: 'all' };
}

/** Commissioners' parties are public within a programme: every bidder needs to know who is buying. */
export function isPublicPartyRole(role: TPartyRole): boolean {
  return role === 'lead_commissioner' || role === 'co_commissioner';
}

/** May this member see an item owned by `ownerOrganisationId` (null: a programme-wide item)? */
export function canSeeOrganisationItem(visibility: TVisibility, ownerOrganisationId: string | null): boolean {
  if (visibility.kind === 'all' || ownerOrganisationId === null) return true;
  return visibility.organisationId === ownerOrganisationId;
}

/** May this member change an item owned by `ownerOrganisationId`? Contributors edit only their own. */
export function canEditOrganisationItem(
  role: TMembershipRole,
  memberOrganisationId: string,
  ownerOrganisationId: string | null,
): boolean {
  if (can(role, 'items.editAny')) return true;
  if (!can(role, 'items.editOwn')) return false;
  return ownerOrganisationId !== null && ownerOrganisationId === memberOrganisationId;
}
