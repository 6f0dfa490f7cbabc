import { describe, expect, it } from 'vitest';
import { MEMBERSHIP_ROLES, type TMembershipRole } from './access.schema';
import {
  can,
  canEditOrganisationItem,
  canSeeOrganisationItem,
  visibilityFor,
  type TCapability,
} from './access.rules';

const ORG = 'org-a';
const OTHER = 'org-b';

describe('capabilities by role', () => {
  const table: Array<[TCapability, TMembershipRole[]]> = [
    ['programme.read', [...MEMBERSHIP_ROLES]],
    ['programme.update', ['programme_admin']],
    ['members.manage', ['programme_admin']],
    ['parties.manage', ['programme_admin']],
    ['lots.manage', ['programme_admin']],
    ['audit.read', [...MEMBERSHIP_ROLES]],
    ['items.editAny', ['programme_admin', 'transition_lead']],
    [
      'items.editOwn',
      ['programme_admin', 'steering_group_member', 'transition_lead', 'provider_contributor'],
    ],
  ];
  for (const [capability, allowed] of table) {
    for (const role of MEMBERSHIP_ROLES) {
      it(`${role} ${allowed.includes(role) ? 'may' : 'may not'} ${capability}`, () => {
        expect(can(role, capability)).toBe(allowed.includes(role));
      });
    }
  }
});

describe('bidder isolation', () => {
  it.each([
    [['bidder'], { kind: 'own', organisationId: ORG }],
    [['bidder', 'incoming_provider'], { kind: 'all' }],
    [['lead_commissioner'], { kind: 'all' }],
    [[], { kind: 'all' }],
  ] as const)('an organisation that is %j sees %j', (roles, expected) => {
    expect(visibilityFor(ORG, roles)).toEqual(expected);
  });

  it('an isolated member sees their own and programme-wide items only', () => {
    const v = visibilityFor(ORG, ['bidder']);
    expect(canSeeOrganisationItem(v, ORG)).toBe(true);
    expect(canSeeOrganisationItem(v, null)).toBe(true);
    expect(canSeeOrganisationItem(v, OTHER)).toBe(false);
    expect(canSeeOrganisationItem({ kind: 'all' }, OTHER)).toBe(true);
  });
});

describe('editing organisation-owned items', () => {
  it.each([
    ['programme_admin', OTHER, true],
    ['transition_lead', OTHER, true],
    ['provider_contributor', ORG, true],
    ['provider_contributor', OTHER, false],
    ['provider_contributor', null, false],
    ['steering_group_member', OTHER, false],
    ['executive_viewer', ORG, false],
  ] as const)('%s editing an item of %s -> %s', (role, owner, expected) => {
    expect(canEditOrganisationItem(role, ORG, owner)).toBe(expected);
  });
});
