import { describe, expect, it } from 'vitest';
import {
  audienceSeesOrganisation,
  audienceSeesRow,
  canSeeOrganisation,
  canSeeRow,
  partyDirectory,
} from './audience.rules';

const dir = partyDirectory([
  { organisationId: 'icb', role: 'lead_commissioner' },
  { organisationId: 'alpha', role: 'bidder' },
  { organisationId: 'beta', role: 'bidder' },
  { organisationId: 'trust', role: 'outgoing_provider' },
  { organisationId: 'trust', role: 'bidder' },
]);
const alphaOnly = { kind: 'own', organisationId: 'alpha' } as const;
const all = { kind: 'all' } as const;

describe('party directory', () => {
  it.each([
    ['icb', true, true, false],
    ['alpha', true, false, true],
    ['trust', true, false, false], // a bidder that also hands over services sees the programme
    ['nobody', false, false, false],
  ])('%s: party %s, public %s, isolated %s', (id, party, pub, isolated) => {
    expect(dir.isParty(id)).toBe(party);
    expect(dir.isPublic(id)).toBe(pub);
    expect(dir.isIsolated(id)).toBe(isolated);
  });
});

describe('who may see an organisation', () => {
  it.each([
    [all, 'beta', true],
    [alphaOnly, 'alpha', true],
    [alphaOnly, 'icb', true],
    [alphaOnly, 'beta', false],
    [alphaOnly, 'trust', false],
  ] as const)('%j sees %s: %s', (v, org, expected) => {
    expect(canSeeOrganisation(v, dir, org)).toBe(expected);
  });
});

describe('what a row may name', () => {
  it.each([
    // a bidder's risk may name the bidder itself and the commissioners, never the rival
    [['alpha'], 'alpha', true],
    [['alpha'], 'icb', true],
    [['alpha'], 'beta', false],
    [['alpha'], 'trust', false],
    // a row only full-visibility members see may name anyone
    [['trust'], 'beta', true],
    [['icb'], 'alpha', true],
    // a transfer between two bidders would show each one's name to the other
    [['alpha', 'beta'], 'beta', false],
    [['alpha', 'icb'], 'icb', true],
  ] as const)('audience %j naming %s: %s', (audience, org, expected) => {
    expect(audienceSeesOrganisation(dir, audience, org)).toBe(expected);
  });

  it.each([
    [['alpha'], ['alpha', 'icb'], true],
    [['alpha'], ['beta'], false],
    [['alpha'], null, true],
    [['trust'], ['beta'], true],
    [['alpha', 'icb'], ['icb'], false],
  ] as const)('audience %j pointing at a row of %j: %s', (audience, owners, expected) => {
    expect(audienceSeesRow(dir, audience, owners)).toBe(expected);
  });

  it('rows: a bidder sees its own and programme-wide ones only', () => {
    expect(canSeeRow(alphaOnly, ['alpha', 'icb'])).toBe(true);
    expect(canSeeRow(alphaOnly, ['icb'])).toBe(false);
    expect(canSeeRow(alphaOnly, null)).toBe(true);
    expect(canSeeRow(all, ['beta'])).toBe(true);
  });
});
