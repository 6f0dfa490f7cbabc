import { verify } from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createCaller, createContextInner } from '@baton/api';
import {
  createPgliteDb,
  findUserByEmail,
  listClarifications,
  listDdRequests,
  migrateToLatest,
  type Database,
  type DbHandle,
} from '@baton/db';
import {
  can,
  ddStateOf,
  isCommissionerRole,
  MEMBERSHIP_ROLES,
  ZCreateOrganisationInput,
  ZCreateProgrammeInput,
  ZIsoDate,
  ZLotFields,
  todayInUk,
  type TMembershipRole,
  type TPartyRole,
} from '@baton/domain';
import { DEMO_PASSWORD, seedDemo, type DemoSeedResult } from './demo.seed';

// A Tuesday: every derived date below is fixed, whatever day the suite runs.
const TODAY = '2025-11-18';

const TABLES = [
  'organisations',
  'users',
  'programmes',
  'lots',
  'programme_parties',
  'programme_memberships',
  'audit_events',
] as const;

async function countRows(db: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

async function programmeByCode(db: Database, code: string) {
  return db.selectFrom('programmes').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
}

async function partiesOf(db: Database, programmeId: string) {
  return db
    .selectFrom('programme_parties as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .leftJoin('lots as l', 'l.id', 'p.lot_id')
    .select(['p.role', 'p.organisation_id', 'o.kind', 'l.code as lot_code'])
    .where('p.programme_id', '=', programmeId)
    .execute();
}

async function as(db: Database, email: string) {
  const user = (await findUserByEmail(db, email))!;
  return createCaller(createContextInner({ db, session: { user, tokenHash: 'test' }, today: () => TODAY }));
}

function loaded(result: DemoSeedResult) {
  if (!result.loaded) throw new Error('Expected the demo to load');
  return result;
}

describe('seedDemo', () => {
  let handle: DbHandle;
  let db: Database;
  let result: DemoSeedResult;

  beforeAll(async () => {
    handle = await createPgliteDb();
    db = handle.db;
    await migrateToLatest(db);
    result = await seedDemo(db, { today: TODAY });
  });

  afterAll(async () => {
    await handle.close();
  });

  it('loads once: a second run changes nothing', async () => {
    expect(result.loaded).toBe(true);
    const before = await countRows(db);
    const raidItems = Number(
      (
        await db
          .selectFrom('raid_items')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(raidItems).toBeGreaterThan(20);
    // Due diligence: one event per request asked, one per answer, one per clarification (demo.due-diligence.ts).
    const ddEvents = Number(
      (
        await sql<{ n: string }>`select (select count(*) from dd_requests) + (select count(*) from dd_requests
          where answered_at is not null) + (select count(*) from dd_clarifications) as n`.execute(db)
      ).rows[0]!.n,
    );
    expect(ddEvents).toBeGreaterThan(20);
    // Assurance gateways (demo.gateways.ts): each gateway's set-up and each step on (to panel scoring, to
    // moderation, the decision), one per panel rating, evidence entry, evidence file and agreed rating, and the
    // condition already met; the decision and its conditions are RAID items, counted with the log above.
    const gatewayEvents = Number(
      (
        await sql<{ n: string }>`select (select count(*) from gateways)
          + (select count(*) from gateways where status <> 'draft')
          + (select count(*) from gateways where status in ('moderation', 'decided'))
          + (select count(*) from gateways where status = 'decided')
          + (select count(*) from gateway_ratings) + (select count(*) from gateway_evidence)
          + (select count(*) from documents where parent_type = 'gateway_evidence')
          + (select count(*) from gateway_criteria where agreed_rating is not null)
          + (select count(*) from gateway_domains where agreed_rating is not null)
          + (select count(*) from raid_items where gateway_id is not null and status = 'done') as n`.execute(
          db,
        )
      ).rows[0]!.n,
    );
    expect(gatewayEvents).toBeGreaterThan(100);
    expect(before).toEqual({
      organisations: 10,
      users: 9,
      programmes: 2,
      lots: 5,
      programme_parties: 16,
      programme_memberships: 10,
      // 41 for the programmes and their cast, plus one per risk history row (demo.risks.test.ts), plus
      // six steering group meetings recorded and five packs frozen (demo.meetings.test.ts), plus one for
      // each item of the RAID log and each outcome the group recorded (demo.raid.ts), plus the due diligence,
      // plus one for each programme's timeline (demo.stages.ts), plus the assurance gateways' trail.
      audit_events: 290 + raidItems + ddEvents + gatewayEvents,
    });

    expect(await seedDemo(db, { today: TODAY })).toEqual({ loaded: false });
    expect(await countRows(db)).toEqual(before);
  });

  it('dates the community programme around today: awarded, in transition, commencing in about 4 months', async () => {
    const p = await programmeByCode(db, 'SVCMH');
    expect(p).toMatchObject({
      stage: 'transition',
      procurement_route: 'competitive_dialogue',
      contract_value_gbp: 420_000_000,
      contract_term_months: 120,
      intention_to_award_date: '2025-07-18',
      contract_award_date: '2025-08-18',
      expected_service_commencement: '2026-03-01',
      longstop_date: '2026-06-01',
    });
  });

  it('stores dates that parse, in order, with commencement after today', async () => {
    const programmes = await db.selectFrom('programmes').selectAll().execute();
    for (const p of programmes) {
      const dates = [
        p.intention_to_award_date,
        p.contract_award_date,
        p.expected_service_commencement,
        p.longstop_date,
      ];
      for (const d of dates) if (d !== null) expect(ZIsoDate.safeParse(d).success, d).toBe(true);
      expect(p.expected_service_commencement > TODAY).toBe(true);
      const known = dates.filter((d): d is string => d !== null);
      expect(known).toEqual([...known].sort());
      if (p.contract_award_date) expect(p.contract_award_date < TODAY).toBe(true);
    }
  });

  it('passes the same validation the app applies to organisations, programmes and lots', async () => {
    for (const o of await db.selectFrom('organisations').selectAll().execute()) {
      const parsed = ZCreateOrganisationInput.safeParse({
        name: o.name,
        shortName: o.short_name,
        kind: o.kind,
        odsCode: o.ods_code,
      });
      expect(parsed.error, o.name).toBeUndefined();
    }
    for (const p of await db.selectFrom('programmes').selectAll().execute()) {
      const parsed = ZCreateProgrammeInput.safeParse({
        name: p.name,
        code: p.code,
        description: p.description,
        procurementRoute: p.procurement_route,
        stage: p.stage,
        contractValueGbp: p.contract_value_gbp,
        contractTermMonths: p.contract_term_months,
        expectedServiceCommencement: p.expected_service_commencement,
        intentionToAwardDate: p.intention_to_award_date,
        contractAwardDate: p.contract_award_date,
        longstopDate: p.longstop_date,
      });
      expect(parsed.error, p.code).toBeUndefined();
    }
    for (const l of await db.selectFrom('lots').selectAll().execute()) {
      const parsed = ZLotFields.safeParse({
        code: l.code,
        name: l.name,
        services: l.services,
        annualValueGbp: l.annual_value_gbp,
      });
      expect(parsed.error, l.name).toBeUndefined();
    }
  });

  it('gives the community programme 4 lots, 3 outgoing and 2 incoming providers, with a merge and a split', async () => {
    const p = await programmeByCode(db, 'SVCMH');
    const lots = await db
      .selectFrom('lots')
      .select(['code', 'annual_value_gbp'])
      .where('programme_id', '=', p.id)
      .execute();
    expect(lots.map((l) => l.code).sort()).toEqual(['Lot 1', 'Lot 2', 'Lot 3', 'Lot 4']);
    // Ten years of the annual values make the contract value.
    expect(lots.reduce((sum, l) => sum + Number(l.annual_value_gbp), 0) * 10).toBe(420_000_000);

    const parties = await partiesOf(db, p.id);
    const orgsWith = (role: string) =>
      new Set(parties.filter((x) => x.role === role).map((x) => x.organisation_id));
    expect(orgsWith('outgoing_provider').size).toBe(3);
    expect(orgsWith('incoming_provider').size).toBe(2);
    expect(orgsWith('lead_commissioner').size).toBe(1);
    expect(orgsWith('co_commissioner').size).toBe(1);
    expect(orgsWith('partner').size).toBe(1);
    expect(orgsWith('bidder').size).toBe(0);
    for (const role of ['lead_commissioner', 'co_commissioner']) {
      expect(parties.find((x) => x.role === role)?.lot_code).toBeNull();
    }

    const onLot = (code: string, role: string) =>
      parties.filter((x) => x.lot_code === code && x.role === role).map((x) => x.organisation_id);
    const merged = ['Lot 1', 'Lot 2', 'Lot 3', 'Lot 4'].some(
      (code) => onLot(code, 'outgoing_provider').length >= 2 && onLot(code, 'incoming_provider').length === 1,
    );
    expect(merged).toBe(true);
    const split = [...orgsWith('outgoing_provider')].some((org) => {
      const itsLots = parties.filter((x) => x.role === 'outgoing_provider' && x.organisation_id === org);
      const successors = new Set(itsLots.flatMap((x) => onLot(x.lot_code ?? '', 'incoming_provider')));
      return successors.size >= 2;
    });
    expect(split).toBe(true);
  });

  it('keeps the two bidders to the procurement programme only', async () => {
    const community = await programmeByCode(db, 'SVCMH');
    const therapy = await programmeByCode(db, 'SVSLT');
    expect(therapy).toMatchObject({ stage: 'procurement', procurement_route: 'psr_competitive' });
    expect(therapy.expected_service_commencement).toBe('2026-09-01');

    const parties = await partiesOf(db, therapy.id);
    const bidders = parties.filter((x) => x.role === 'bidder');
    expect(bidders).toHaveLength(2);
    expect(new Set(bidders.map((b) => b.organisation_id)).size).toBe(2);
    expect(bidders.every((b) => b.kind === 'independent_provider')).toBe(true);

    const bidderIds = bidders.map((b) => b.organisation_id);
    const elsewhere = await db
      .selectFrom('programme_parties')
      .select('id')
      .where('organisation_id', 'in', bidderIds)
      .where('programme_id', '!=', therapy.id)
      .execute();
    expect(elsewhere).toHaveLength(0);

    const bidderMemberships = await db
      .selectFrom('programme_memberships as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['m.programme_id', 'm.role', 'u.organisation_id'])
      .where('u.organisation_id', 'in', bidderIds)
      .execute();
    expect(bidderMemberships).toHaveLength(2);
    expect(
      bidderMemberships.every((m) => m.programme_id === therapy.id && m.role === 'provider_contributor'),
    ).toBe(true);
    expect(new Set(bidderMemberships.map((m) => m.organisation_id)).size).toBe(2);
    expect(bidderMemberships.some((m) => m.programme_id === community.id)).toBe(false);
  });

  it('has a member in every role on the community programme, and the admin runs both', async () => {
    const community = await programmeByCode(db, 'SVCMH');
    const therapy = await programmeByCode(db, 'SVSLT');
    const members = await db
      .selectFrom('programme_memberships as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['m.programme_id', 'm.role', 'u.email', 'u.is_system_admin'])
      .execute();
    const communityRoles = new Set(members.filter((m) => m.programme_id === community.id).map((m) => m.role));
    expect([...communityRoles].sort()).toEqual([...MEMBERSHIP_ROLES].sort());

    const admins = members.filter((m) => m.role === 'programme_admin');
    expect(admins.map((m) => m.programme_id).sort()).toEqual([community.id, therapy.id].sort());
    expect(new Set(admins.map((m) => m.email)).size).toBe(1);
    expect(admins.every((m) => m.is_system_admin)).toBe(true);
    expect(members.filter((m) => m.is_system_admin).every((m) => m.role === 'programme_admin')).toBe(true);
  });

  it('lets every demo user sign in with the demo password, and returns them all for the CLI', async () => {
    const { users: signIns, password } = loaded(result);
    expect(password).toBe(DEMO_PASSWORD);

    const users = await db.selectFrom('users').select(['email', 'password_hash']).execute();
    for (const u of users) {
      expect(u.email).toBe(u.email.toLowerCase());
      expect(u.email.endsWith('.example')).toBe(true);
      expect(u.password_hash).toMatch(/^\$argon2id\$/);
      expect(await verify(u.password_hash ?? '', DEMO_PASSWORD)).toBe(true);
    }

    expect(signIns).toHaveLength(10);
    expect(new Set(signIns.map((s) => s.email))).toEqual(new Set(users.map((u) => u.email)));
    expect(new Set(signIns.map((s) => s.programme))).toEqual(new Set(['SVCMH', 'SVSLT']));
  });

  it('records a backdated create event for every programme, lot, party, organisation and membership', async () => {
    // The transition plan, the meetings and the RAID log are recorded on the day itself
    // (demo.transition.test.ts, demo.meetings.test.ts); this is the history before them.
    const events = (await db.selectFrom('audit_events').selectAll().orderBy('id').execute()).filter(
      (e) =>
        ![
          'transfer',
          'meeting',
          'raid',
          'dd_request',
          'clarification',
          'programme_stage',
          // The assurance gateways' trail (demo.gateways.ts), also recorded on the day.
          'gateway',
          'gateway_rating',
          'gateway_criterion',
          'gateway_domain',
          'gateway_evidence',
          'document',
        ].includes(e.entity_type),
    );
    const loaderEvents = events.filter((e) => e.entity_type !== 'risk');
    expect(loaderEvents.every((e) => e.action === 'create' && e.actor_user_id === null)).toBe(true);

    const idsOf = async (table: (typeof TABLES)[number]) =>
      (await db.selectFrom(table).select('id').execute()).map((r) => String(r.id)).sort();
    const eventIds = (type: string) =>
      events
        .filter((e) => e.entity_type === type)
        .map((e) => e.entity_id)
        .sort();
    expect(eventIds('organisation')).toEqual(await idsOf('organisations'));
    expect(eventIds('programme')).toEqual(await idsOf('programmes'));
    expect(eventIds('lot')).toEqual(await idsOf('lots'));
    expect(eventIds('party')).toEqual(await idsOf('programme_parties'));
    expect(eventIds('membership')).toEqual(await idsOf('programme_memberships'));

    for (const code of ['SVCMH', 'SVSLT']) {
      const p = await programmeByCode(db, code);
      const own = events.filter((e) => e.programme_id === p.id);
      expect(own.length).toBeGreaterThan(0);
      expect(own.find((e) => e.entity_type === 'programme')?.after).toMatchObject({ id: p.id, code });
    }

    // Ids rise strictly with time, all within the last seven months before today.
    const times = events.map((e) => e.occurred_at.getTime());
    times.forEach((t, i) => {
      if (i > 0) expect(t).toBeGreaterThan(times[i - 1] ?? 0);
    });
    expect(times[0]).toBeGreaterThan(Date.parse('2025-04-18'));
    expect(times.at(-1)).toBeLessThan(Date.parse(TODAY));
  });

  it('runs a due diligence round: some overdue, answers released to every bidder, questions published', async () => {
    for (const code of ['SVCMH', 'SVSLT']) {
      const p = await programmeByCode(db, code);
      const rows = await listDdRequests(db, p.id, { kind: 'all' });
      const overdue = rows.filter((r) => ddStateOf(r, TODAY).overdue);
      expect(rows.length, code).toBeGreaterThanOrEqual(5);
      expect(overdue.length, code).toBeGreaterThan(0);
      expect(overdue.length, code).toBeLessThan(rows.length);
      expect(rows.every((r) => r.askedOn <= TODAY && (r.answeredAt ?? new Date(0)) < new Date(TODAY))).toBe(
        true,
      );
    }
    const therapy = await programmeByCode(db, 'SVSLT');
    const bidder = (await partiesOf(db, therapy.id)).find((x) => x.role === 'bidder')!.organisation_id;
    const seen = await listDdRequests(db, therapy.id, { kind: 'own', organisationId: bidder });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((r) => r.releasedAt !== null && r.status === 'accepted')).toBe(true);
    const questions = await listClarifications(db, therapy.id, { kind: 'all' });
    expect(questions.filter((q) => q.status === 'published').length).toBeGreaterThan(0);
    expect(questions.some((q) => q.status === 'open')).toBe(true);
  });

  it('runs an assurance gateway to a decision with conditions, and has another in panel scoring', async () => {
    const community = await programmeByCode(db, 'SVCMH');
    const T = { programmeId: community.id };
    const helen = await as(db, 'helen.marsh@severnvale-icb.example');
    const list = await helen.gateway.list(T);
    expect(list.gateways.map((g) => g.status).sort()).toEqual(['decided', 'scoring']);
    const decided = list.gateways.find((g) => g.status === 'decided')!;
    const scoring = list.gateways.find((g) => g.status === 'scoring')!;

    // The decided gateway assures an incoming provider, its panel the commissioners' members who can edit.
    expect(decided).toMatchObject({
      name: 'Gateway 1: alliance readiness',
      assessedOrganisationName: 'Kingsmead Health and Care NHS Foundation Trust',
      lot: { code: 'Lot 2' },
      domains: 8,
      criteria: 24,
      conditions: { all: 3, open: 2 },
    });
    const parties = await partiesOf(db, community.id);
    expect(
      parties.filter((p) => p.organisation_id === decided.assessedOrganisationId).map((p) => p.role),
    ).toEqual(['incoming_provider', 'incoming_provider']);
    const view = await helen.gateway.get({ ...T, gatewayId: decided.id });
    const criteria = view.domains.flatMap((d) => d.criteria);
    expect(criteria).toHaveLength(24);
    expect(view.panel).toHaveLength(3);
    const members = await db
      .selectFrom('programme_memberships as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['u.id', 'm.role', 'u.organisation_id'])
      .where('m.programme_id', '=', community.id)
      .where(
        'u.id',
        'in',
        view.panel.map((p) => p.id),
      )
      .execute();
    for (const m of members) {
      expect(can(m.role as TMembershipRole, 'items.editOwn')).toBe(true);
      const roles = parties.filter((p) => p.organisation_id === m.organisation_id).map((p) => p.role);
      expect(isCommissionerRole(roles as TPartyRole[])).toBe(true);
    }
    // Every panel member rated every criterion, mostly assured; one not assured was moderated up.
    expect(view.panel.every((p) => p.rated === 24 && p.of === 24)).toBe(true);
    expect(view.ratings).toHaveLength(72);
    expect(view.ratings.every((r) => r.comment.length > 0)).toBe(true);
    const byRating = (rating: string) => view.ratings.filter((r) => r.rating === rating);
    expect(byRating('assured').length).toBeGreaterThan(48);
    expect(byRating('partially_assured').length).toBeGreaterThan(5);
    expect(byRating('not_assured')).toHaveLength(1);
    const raised = criteria.find((c) => c.id === byRating('not_assured')[0]!.criterionId)!;
    expect(raised.agreedRating).toBe('partially_assured');
    // Moderation agreed every criterion and domain with reasons; each domain as its weakest criterion.
    expect(criteria.every((c) => c.agreedRating && c.agreedReasons.length > 10)).toBe(true);
    for (const d of view.domains) {
      expect(d.agreedRating, d.name).toBe(d.rolledUp);
      expect(d.agreedReasons.length).toBeGreaterThan(10);
    }
    expect(view.evidence.length).toBeGreaterThanOrEqual(6);
    expect(view.evidence.length).toBeLessThanOrEqual(10);
    expect(view.evidence.every((e) => e.providedBy && e.receivedOn && e.receivedOn < TODAY)).toBe(true);
    const files = await Promise.all(
      view.evidence.map((e) => helen.document.list({ ...T, parentType: 'gateway_evidence', parentId: e.id })),
    );
    expect(files.flat()).toHaveLength(1);

    // The steering group's decision, taken at its last meeting, with three conditions as RAID actions.
    expect(view.outcome.recommendation).toBe('progress_with_conditions');
    expect(view.suggested).toBe('progress_with_conditions');
    expect(view.outcome.decidedOn! < TODAY).toBe(true);
    const decision = await helen.raid.get({ ...T, raidId: view.gateway.decisionRaidId! });
    expect(decision.item).toMatchObject({
      kind: 'decision',
      decidedBy: 'Steering group',
      gatewayId: decided.id,
      meeting: { heldOn: view.outcome.decidedOn },
    });
    const conditions = (await helen.raid.list({ ...T, kind: 'action' })).filter(
      (a) => a.gatewayId === decided.id,
    );
    expect(conditions).toHaveLength(3);
    expect(conditions.every((c) => c.owner && c.dueOn)).toBe(true);
    expect(conditions.filter((c) => c.status === 'done')).toHaveLength(1);
    expect(conditions.filter((c) => c.status === 'open' && c.dueOn! < TODAY)).toHaveLength(1);
    expect(conditions.filter((c) => c.status === 'open' && c.dueOn! > TODAY)).toHaveLength(1);
    // The provider assessed reads the outcome, not the panel's work.
    const james = await as(db, 'james.whitfield@kingsmead-hc.example');
    const outcome = await james.gateway.get({ ...T, gatewayId: decided.id });
    expect([outcome.panelSide, outcome.ratings, outcome.evidence]).toEqual([false, [], []]);

    // The other gateway is in panel scoring: one member part-way through, the other not started.
    expect(scoring.progress?.label).toBe('11 of 48 panel ratings');
    const tom = await as(db, 'tom.okafor@severnvale-icb.example');
    const scored = await tom.gateway.get({ ...T, gatewayId: scoring.id });
    expect(scored.panel.map((p) => [p.name, p.rated])).toEqual([
      ['Priya Raman', 0],
      ['Tom Okafor', 11],
    ]);
    expect(scored.seesOthers).toBe(false);
    const angela = await as(db, 'angela.foster@svcp.example');
    expect((await angela.gateway.list(T)).gateways.map((g) => g.id)).toEqual([decided.id]);
  });

  it("hides one bidder's history from the other: their events carry their own organisation", async () => {
    const therapy = await programmeByCode(db, 'SVSLT');
    const bidderIds = (await partiesOf(db, therapy.id))
      .filter((x) => x.role === 'bidder')
      .map((x) => x.organisation_id);
    const events = await db
      .selectFrom('audit_events')
      .select(['entity_type', 'organisation_id'])
      .where('programme_id', '=', therapy.id)
      .where('entity_type', 'in', ['party', 'membership'])
      .execute();
    for (const bidder of bidderIds) {
      expect(events.filter((e) => e.organisation_id === bidder)).toHaveLength(2);
    }
  });
});

describe('seedDemo without a date', () => {
  it("anchors the demo on today's UK date", async () => {
    const handle = await createPgliteDb();
    try {
      await migrateToLatest(handle.db);
      await seedDemo(handle.db);
      const today = todayInUk();
      const p = await programmeByCode(handle.db, 'SVCMH');
      expect(p.expected_service_commencement > today).toBe(true);
      expect(p.contract_award_date !== null && p.contract_award_date < today).toBe(true);
    } finally {
      await handle.close();
    }
  });
});
