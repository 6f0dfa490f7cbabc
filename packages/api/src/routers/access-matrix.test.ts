import { insertLot, insertMembership, insertParty, insertUser, type DbHandle } from '@baton/db';
import { createTestDb, testEngine } from '@baton/db/testing';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, type Fixture } from '../testing/fixture';

/*
 * Every procedure against every kind of caller. Each case sets up what it needs itself, so a mutation that
 * succeeds for one role never changes what the next role is tried against.
 */

type Caller = Awaited<ReturnType<Fixture['as']>>;
type Outcome = 'ok' | 'FORBIDDEN' | 'NOT_FOUND' | 'UNAUTHORIZED';
const ROLES = ['admin', 'steering', 'lead', 'contributor', 'viewer', 'outsider', null] as const;
type Who = (typeof ROLES)[number];

let h: DbHandle;
let fx: Fixture;
beforeAll(async () => {
  h = await createTestDb();
  fx = await buildFixture(h.db);
});
afterAll(() => h.close());

let n = 0;
const uniq = () => `${Date.now().toString(36)}${(n++).toString(36)}`.toUpperCase();

async function freshLot() {
  return insertLot(h.db, {
    programmeId: fx.programme.id,
    code: `L-${uniq()}`,
    name: 'Scratch lot',
    services: '',
    annualValueGbp: null,
  });
}
async function freshMember() {
  const id = await insertUser(h.db, {
    email: `m-${uniq()}@test.example`.toLowerCase(),
    name: 'Scratch Member',
    organisationId: fx.orgs.outgoing.id,
    passwordHash: null,
  });
  const membershipId = await insertMembership(h.db, {
    programmeId: fx.programme.id,
    userId: id,
    role: 'executive_viewer',
  });
  return { membershipId };
}

function riskInput() {
  return {
    programmeId: fx.programme.id,
    title: 'Access matrix risk',
    event: 'Something happens',
    categoryKey: 'workforce_tupe',
    ownerUserId: null,
    owningOrganisationId: fx.orgs.outgoing.id,
    initial: { consequence: 3, likelihood: 3 },
    current: { consequence: 3, likelihood: 3 },
    target: { consequence: 2, likelihood: 2 },
  } as never;
}
/** A fresh risk owned by the outgoing provider, created by the admin. */
async function outgoingRisk() {
  return (await fx.as('admin')).risk.create(riskInput());
}

const members = (o: Outcome = 'ok'): Record<Exclude<Who, null>, Outcome> & { anon: Outcome } => ({
  admin: 'ok',
  steering: o,
  lead: o,
  contributor: o,
  viewer: o,
  outsider: 'NOT_FOUND',
  anon: 'UNAUTHORIZED',
});
const adminOnly = () => members('FORBIDDEN');

const cases: Array<{
  name: string;
  expect: ReturnType<typeof members>;
  run: (c: Caller) => Promise<unknown>;
}> = [
  {
    name: 'programme.overview',
    expect: members(),
    run: (c) => c.programme.overview({ programmeId: fx.programme.id }),
  },
  {
    name: 'programme.update',
    expect: adminOnly(),
    run: async (c) => {
      const { programme } = await (await fx.as('admin')).programme.overview({ programmeId: fx.programme.id });
      return c.programme.update({ ...programme, programmeId: programme.id });
    },
  },
  {
    name: 'lot.create',
    expect: adminOnly(),
    run: (c) =>
      c.lot.create({
        programmeId: fx.programme.id,
        code: `L-${uniq()}`,
        name: 'New lot',
        services: '',
        annualValueGbp: 1,
      }),
  },
  {
    name: 'lot.update',
    expect: adminOnly(),
    run: async (c) => {
      const lot = await freshLot();
      return c.lot.update({ ...lot, lotId: lot.id, name: 'Renamed lot' });
    },
  },
  {
    name: 'lot.remove',
    expect: adminOnly(),
    run: async (c) => {
      const lot = await freshLot();
      return c.lot.remove({ programmeId: fx.programme.id, lotId: lot.id, version: lot.version });
    },
  },
  {
    name: 'party.add',
    expect: adminOnly(),
    run: async (c) => {
      const lot = await freshLot();
      return c.party.add({
        programmeId: fx.programme.id,
        organisationId: fx.orgs.incoming.id,
        role: 'incoming_provider',
        lotId: lot.id,
      });
    },
  },
  {
    name: 'party.remove',
    expect: adminOnly(),
    run: async (c) => {
      const lot = await freshLot();
      const p = await insertParty(h.db, {
        programmeId: fx.programme.id,
        organisationId: fx.orgs.incoming.id,
        role: 'partner',
        lotId: lot.id,
      });
      return c.party.remove({ programmeId: fx.programme.id, partyId: p.id });
    },
  },
  { name: 'member.list', expect: members(), run: (c) => c.member.list({ programmeId: fx.programme.id }) },
  {
    name: 'member.invite',
    expect: adminOnly(),
    run: (c) =>
      c.member.invite({
        programmeId: fx.programme.id,
        email: `new-${uniq()}@test.example`.toLowerCase(),
        name: 'New Person',
        organisationId: fx.orgs.incoming.id,
        role: 'provider_contributor',
      }),
  },
  {
    name: 'member.reissueInvite',
    expect: adminOnly(),
    run: async (c) => c.member.reissueInvite({ programmeId: fx.programme.id, ...(await freshMember()) }),
  },
  {
    name: 'member.changeRole',
    expect: adminOnly(),
    run: async (c) =>
      c.member.changeRole({
        programmeId: fx.programme.id,
        ...(await freshMember()),
        role: 'transition_lead',
        version: 1,
      }),
  },
  {
    name: 'member.remove',
    expect: adminOnly(),
    run: async (c) => c.member.remove({ programmeId: fx.programme.id, ...(await freshMember()), version: 1 }),
  },
  { name: 'audit.list', expect: members(), run: (c) => c.audit.list({ programmeId: fx.programme.id }) },
  { name: 'risk.list', expect: members(), run: (c) => c.risk.list({ programmeId: fx.programme.id }) },
  { name: 'risk.heatMap', expect: members(), run: (c) => c.risk.heatMap({ programmeId: fx.programme.id }) },
  { name: 'risk.matrix', expect: members(), run: (c) => c.risk.matrix({ programmeId: fx.programme.id }) },
  {
    name: 'risk.whatChanged',
    expect: members(),
    run: (c) => c.risk.whatChanged({ programmeId: fx.programme.id, from: '2026-10-01', to: '2026-11-23' }),
  },
  {
    name: 'risk.get',
    expect: members(),
    run: async (c) => c.risk.get({ programmeId: fx.programme.id, riskId: (await outgoingRisk()).id }),
  },
  {
    name: 'risk.create (owned by the outgoing provider)',
    expect: { ...members('FORBIDDEN'), lead: 'ok', contributor: 'ok' },
    run: (c) => c.risk.create(riskInput()),
  },
  {
    name: "risk.update (the outgoing provider's risk)",
    expect: { ...members('FORBIDDEN'), lead: 'ok', contributor: 'ok' },
    run: async (c) => {
      const r = await outgoingRisk();
      return c.risk.update({
        programmeId: fx.programme.id,
        riskId: r.id,
        version: r.version,
        gaps: 'Updated',
      });
    },
  },
  {
    name: "risk.review (the outgoing provider's risk)",
    expect: { ...members('FORBIDDEN'), lead: 'ok', contributor: 'ok' },
    run: async (c) => {
      const r = await outgoingRisk();
      return c.risk.review({
        programmeId: fx.programme.id,
        riskId: r.id,
        version: r.version,
        current: { consequence: 2, likelihood: 2 },
        note: 'Reviewed',
      });
    },
  },
  {
    name: "risk.addAction (on the outgoing provider's risk)",
    expect: { ...members('FORBIDDEN'), lead: 'ok', contributor: 'ok' },
    run: async (c) =>
      c.risk.addAction({
        programmeId: fx.programme.id,
        riskId: (await outgoingRisk()).id,
        description: 'Send ELI',
        ownerUserId: null,
        organisationId: fx.orgs.outgoing.id,
        dueDate: '2026-12-01',
      } as never),
  },
  {
    name: 'risk.updateMatrix',
    expect: adminOnly(),
    run: async (c) => {
      const m = await (await fx.as('admin')).risk.matrix({ programmeId: fx.programme.id });
      return c.risk.updateMatrix({ programmeId: fx.programme.id, matrix: m.matrix, version: m.version });
    },
  },
  {
    name: 'programme.create (system admins only)',
    expect: { ...adminOnly(), outsider: 'FORBIDDEN' },
    run: (c) =>
      c.programme.create({
        name: 'Another programme',
        code: `P-${uniq()}`.slice(0, 16),
        description: '',
        procurementRoute: 'open_procedure',
        stage: 'pre_procurement',
        contractValueGbp: null,
        contractTermMonths: null,
        expectedServiceCommencement: '2028-04-01',
        intentionToAwardDate: null,
        contractAwardDate: null,
        longstopDate: null,
      }),
  },
  {
    name: 'organisation.create (programme admins)',
    expect: { ...adminOnly(), outsider: 'FORBIDDEN' },
    run: (c) => c.organisation.create({ name: `Org ${uniq()}`, shortName: 'Org', kind: 'vcse' }),
  },
  {
    name: 'organisation.list (anyone signed in)',
    expect: { ...members(), outsider: 'ok' },
    run: (c) => c.organisation.list(),
  },
  {
    name: 'steering.pack',
    expect: members(),
    run: (c) => c.steering.pack({ programmeId: fx.programme.id }),
  },
  { name: 'meeting.list', expect: members(), run: (c) => c.meeting.list({ programmeId: fx.programme.id }) },
  {
    name: 'meeting.create (programme office and steering group)',
    expect: { ...members('FORBIDDEN'), steering: 'ok' },
    run: (c) => c.meeting.create(meetingInput()),
  },
  {
    name: 'meeting.update',
    expect: { ...members('FORBIDDEN'), steering: 'ok' },
    run: async (c) => {
      const m = await freshMeeting();
      return c.meeting.update({
        programmeId: fx.programme.id,
        meetingId: m.id,
        version: m.version,
        notes: 'x',
      });
    },
  },
  {
    name: 'meeting.remove',
    expect: { ...members('FORBIDDEN'), steering: 'ok' },
    run: async (c) => {
      const m = await freshMeeting();
      return c.meeting.remove({ programmeId: fx.programme.id, meetingId: m.id, version: m.version });
    },
  },
  {
    name: 'meeting.freeze',
    expect: { ...members('FORBIDDEN'), steering: 'ok' },
    run: async (c) =>
      c.meeting.freeze({ programmeId: fx.programme.id, meetingId: (await freshMeeting()).id }),
  },
  {
    name: 'meeting.snapshot',
    expect: members(),
    run: async (c) =>
      c.meeting.snapshot({ programmeId: fx.programme.id, meetingId: await frozenMeetingId() }),
  },
  {
    name: 'meeting.compare',
    expect: members(),
    run: async (c) => c.meeting.compare({ programmeId: fx.programme.id, meetingId: await frozenMeetingId() }),
  },
  {
    name: 'workspace.lead',
    expect: members(),
    run: (c) => c.workspace.lead({ programmeId: fx.programme.id }),
  },
  {
    name: 'progress.joint',
    expect: members(),
    run: (c) => c.progress.joint({ programmeId: fx.programme.id }),
  },
];

function meetingInput() {
  return { programmeId: fx.programme.id, title: `Meeting ${uniq()}`, heldOn: '2026-11-20' } as never;
}
async function freshMeeting() {
  return (await fx.as('admin')).meeting.create(meetingInput());
}
let frozenId: string | undefined;
async function frozenMeetingId() {
  if (!frozenId) {
    const m = await freshMeeting();
    await (await fx.as('admin')).meeting.freeze({ programmeId: fx.programme.id, meetingId: m.id });
    frozenId = m.id;
  }
  return frozenId;
}

async function outcomeOf(p: Promise<unknown>): Promise<Outcome | string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return e instanceof TRPCError ? e.code : String(e);
  }
}

describe(`access matrix on ${testEngine()}`, () => {
  for (const c of cases) {
    for (const who of ROLES) {
      const expected = who === null ? c.expect.anon : c.expect[who];
      it(`${c.name} as ${who ?? 'anonymous'} -> ${expected}`, async () => {
        expect(await outcomeOf(c.run(await fx.as(who)))).toBe(expected);
      });
    }
  }
});
