import type { TMembershipRole, TPartyRole } from '@baton/domain';
import {
  findUserById,
  insertLot,
  insertMembership,
  insertOrganisation,
  insertParty,
  insertProgramme,
  insertUser,
  type Database,
} from '@baton/db';
import { createContextInner, type ContextInnerOptions } from '../context';
import { hashPassword } from '../auth/password';
import { createCaller } from '../router';

export const FIXTURE_PASSWORD = 'correct horse battery staple';
export const TODAY = '2026-11-23';

/**
 * A small programme with a member in every role, a bidder programme with two rival bidders, and an outsider:
 * enough to walk every procedure through every kind of caller.
 */
export async function buildFixture(db: Database) {
  const passwordHash = await hashPassword(FIXTURE_PASSWORD);
  const org = async (
    name: string,
    shortName: string,
    kind: Parameters<typeof insertOrganisation>[1]['kind'],
  ) => insertOrganisation(db, { name, shortName, kind });
  const icb = await org('NHS Test Vale ICB', 'TV ICB', 'commissioner');
  const outgoing = await org('Old Mill Community NHS Trust', 'Old Mill', 'nhs_trust');
  const incoming = await org('New Bridge Health CIC', 'New Bridge', 'social_enterprise');
  const bidderA = await org('Alpha Care Ltd', 'Alpha', 'independent_provider');
  const bidderB = await org('Beta Health Ltd', 'Beta', 'independent_provider');
  const elsewhere = await org('Faraway Trust', 'Faraway', 'nhs_trust');

  const base = {
    description: '',
    procurementRoute: 'competitive_dialogue' as const,
    contractValueGbp: 100_000_000,
    contractTermMonths: 96,
    intentionToAwardDate: '2026-08-01',
    contractAwardDate: '2026-09-01',
    longstopDate: '2027-07-01',
  };
  const programme = await insertProgramme(db, {
    ...base,
    name: 'Test Vale Community Services',
    code: 'TVCS',
    stage: 'transition',
    expectedServiceCommencement: '2027-04-01',
  });
  const tender = await insertProgramme(db, {
    ...base,
    name: 'Test Vale Therapy Tender',
    code: 'TVTT',
    stage: 'procurement',
    procurementRoute: 'psr_competitive',
    intentionToAwardDate: null,
    contractAwardDate: null,
    expectedServiceCommencement: '2027-10-01',
  });
  const lot = await insertLot(db, {
    programmeId: programme.id,
    code: 'Lot 1',
    name: 'Adult community services',
    services: 'District nursing',
    annualValueGbp: 12_000_000,
  });
  const party = (
    programmeId: string,
    organisationId: string,
    role: TPartyRole,
    lotId: string | null = null,
  ) => insertParty(db, { programmeId, organisationId, role, lotId });
  await party(programme.id, icb.id, 'lead_commissioner');
  await party(programme.id, outgoing.id, 'outgoing_provider', lot.id);
  await party(programme.id, incoming.id, 'incoming_provider', lot.id);
  await party(tender.id, icb.id, 'lead_commissioner');
  const bidderAParty = await party(tender.id, bidderA.id, 'bidder');
  const bidderBParty = await party(tender.id, bidderB.id, 'bidder');

  const user = async (
    name: string,
    organisationId: string,
    memberships: Array<[string, TMembershipRole]>,
    isSystemAdmin = false,
  ) => {
    const email = `${name.toLowerCase().replace(/\s+/g, '.')}@test.example`;
    const id = await insertUser(db, { email, name, organisationId, passwordHash, isSystemAdmin });
    for (const [programmeId, role] of memberships)
      await insertMembership(db, { programmeId, userId: id, role });
    return { id, email };
  };
  const users = {
    admin: await user(
      'Ada Admin',
      icb.id,
      [
        [programme.id, 'programme_admin'],
        [tender.id, 'programme_admin'],
      ],
      true,
    ),
    steering: await user('Sam Steering', icb.id, [[programme.id, 'steering_group_member']]),
    lead: await user('Lee Lead', icb.id, [[programme.id, 'transition_lead']]),
    contributor: await user('Cat Contributor', outgoing.id, [[programme.id, 'provider_contributor']]),
    incomingContributor: await user('Ian Incoming', incoming.id, [[programme.id, 'provider_contributor']]),
    viewer: await user('Val Viewer', incoming.id, [[programme.id, 'executive_viewer']]),
    bidderA: await user('Abe Alpha', bidderA.id, [[tender.id, 'provider_contributor']]),
    bidderB: await user('Bea Beta', bidderB.id, [[tender.id, 'provider_contributor']]),
    outsider: await user('Olly Outsider', elsewhere.id, []),
  };

  /** A tRPC caller acting as one of the fixture's users (or anonymous), as the HTTP layer would build it. */
  async function as(who: keyof typeof users | null, extra: Partial<ContextInnerOptions> = {}) {
    const u = who ? await findUserById(db, users[who].id) : undefined;
    return createCaller(
      createContextInner({
        db,
        session: u ? { user: u, tokenHash: `test-${u.id}` } : null,
        today: () => TODAY,
        ...extra,
      }),
    );
  }

  return {
    orgs: { icb, outgoing, incoming, bidderA, bidderB, elsewhere },
    programme,
    tender,
    lot,
    parties: { bidderA: bidderAParty, bidderB: bidderBParty },
    users,
    as,
  };
}

export type Fixture = Awaited<ReturnType<typeof buildFixture>>;

export async function auditCount(db: Database): Promise<number> {
  const r = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
