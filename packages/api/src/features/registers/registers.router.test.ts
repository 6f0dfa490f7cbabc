import { ConflictError, RuleViolationError, type TMembershipRole, type TPartyRole } from '@baton/domain';
import {
  findUserById,
  insertMembership,
  insertOrganisation,
  insertParty,
  insertUser,
  type DbHandle,
} from '@baton/db';
import { createTestDb, testEngine } from '@baton/db/testing';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z, ZodError } from 'zod';
import { createContextInner } from '../../context';
import { createCaller } from '../../router';
import { auditCount, buildFixture, TODAY, type Fixture } from '../../testing/fixture';

let h: DbHandle;
let fx: Fixture;
beforeAll(async () => {
  h = await createTestDb();
  fx = await buildFixture(h.db);
});
afterAll(() => h.close());

async function caught(p: Promise<unknown>): Promise<TRPCError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof TRPCError) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}

/** Field errors as the client sees them: from input validation (zod) or from a rule the server checked. */
function fieldErrorsOf(e: TRPCError): Record<string, string[] | undefined> {
  if (e.cause instanceof ZodError) return z.flattenError(e.cause).fieldErrors;
  if (e.cause instanceof RuleViolationError) return e.cause.fieldErrors;
  return {};
}

let n = 0;
async function newTransfer(plannedTransferDate: string, applyTemplate = false) {
  const lead = await fx.as('lead');
  const { transfer } = await lead.transition.createTransfer({
    programmeId: fx.programme.id,
    name: `Registers transfer ${++n}`,
    lotId: fx.lot.id,
    outgoingOrganisationId: fx.orgs.outgoing.id,
    incomingOrganisationId: fx.orgs.incoming.id,
    plannedTransferDate,
    applyTemplate,
  } as never);
  return transfer;
}

/** A member of the programme from a new organisation taking part in it with `partyRole`. */
async function newMember(partyRole: TPartyRole, role: TMembershipRole) {
  const tag = `${partyRole}-${++n}`;
  const org = await insertOrganisation(h.db, { name: `Org ${tag}`, shortName: tag, kind: 'vcse' });
  await insertParty(h.db, {
    programmeId: fx.programme.id,
    organisationId: org.id,
    role: partyRole,
    lotId: null,
  });
  const id = await insertUser(h.db, {
    email: `${tag}@test.example`,
    name: `User ${tag}`,
    organisationId: org.id,
    passwordHash: null,
  });
  await insertMembership(h.db, { programmeId: fx.programme.id, userId: id, role });
  const user = (await findUserById(h.db, id))!;
  return createCaller(
    createContextInner({ db: h.db, session: { user, tokenHash: `test-${id}` }, today: () => TODAY }),
  );
}

const group = (transferId: string, extra: Record<string, unknown> = {}) =>
  ({
    programmeId: fx.programme.id,
    transferId,
    outgoingEmployerId: fx.orgs.outgoing.id,
    incomingEmployerId: fx.orgs.incoming.id,
    service: 'District nursing',
    site: 'Riverside Health Centre',
    headcount: 42,
    wte: 36.4,
    bands: 'Band 3-7',
    unions: 'UNISON, RCN',
    ...extra,
  }) as never;

const site = (transferId: string, extra: Record<string, unknown> = {}) =>
  ({
    programmeId: fx.programme.id,
    transferId,
    name: 'Riverside Health Centre',
    address: '1 River Lane',
    landlordType: 'nhs_property_services',
    tenure: 'lease',
    route: 'assign',
    ...extra,
  }) as never;

const system = (transferId: string, extra: Record<string, unknown> = {}) =>
  ({
    programmeId: fx.programme.id,
    transferId,
    name: 'SystmOne',
    supplier: 'TPP',
    systemType: 'clinical_record',
    dataControllerBeforeId: fx.orgs.outgoing.id,
    dataControllerAfterId: fx.orgs.incoming.id,
    migrationMethod: 'extract_and_load',
    ...extra,
  }) as never;

async function rowCount(table: 'tupe_staff_groups' | 'estate_sites' | 'it_systems') {
  const r = await h.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe(`transfer registers on ${testEngine()}`, () => {
  it('creates, lists, updates and removes each register row, auditing every change', async () => {
    const t = await newTransfer('2027-10-01');
    const lead = await fx.as('lead');
    const ian = await fx.as('incomingContributor');
    const g = await lead.registers.createStaffGroup(group(t.id));
    expect(g).toMatchObject({
      service: 'District nursing',
      headcount: 42,
      wte: 36.4,
      pensionStatus: 'unknown',
      objectors: 0,
      eliSentOn: null,
      eliDue: '2027-09-03',
      eliState: 'not_due',
      outgoingEmployer: { id: fx.orgs.outgoing.id, shortName: 'Old Mill' },
      version: 1,
    });
    const s = await lead.registers.createSite(site(t.id));
    expect(s).toMatchObject({ landlordConsent: 'not_requested', cqcLocationStatus: 'not_started' });
    const y = await lead.registers.createSystem(system(t.id, { goLiveDate: '2027-09-28' }));
    expect(y).toMatchObject({
      dpiaStatus: 'not_started',
      legacyAccessEnd: null,
      effectiveGoLive: '2027-09-28',
      effectiveLegacyAccessEnd: '2027-12-27',
      legacyAccessEndIsDefault: true,
    });
    await lead.registers.createStaffGroup(
      group(t.id, { service: 'Podiatry', site: '', headcount: 5, wte: 3.25 }),
    );

    const list = await (
      await fx.as('viewer')
    ).registers.list({ programmeId: fx.programme.id, transferId: t.id });
    expect(list.canEdit).toBe(false);
    expect(list.transfer).toMatchObject({
      id: t.id,
      plannedTransferDate: '2027-10-01',
      legacyAccessDays: 90,
    });
    expect(list.staffGroups.map((r) => r.service)).toEqual(['District nursing', 'Podiatry']);
    expect(list.totals).toMatchObject({
      staffGroups: 2,
      headcount: 47,
      wte: 39.65,
      eliSent: 0,
      sites: 1,
      systems: 1,
    });
    expect(list.staffGroups[0]).toMatchObject({
      tasks: [],
      risks: [],
      eliRule: expect.stringMatching(/^TUPE reg\. 11/),
    });

    // The incoming provider's contributor may edit its transfer's registers; only the named fields change.
    const g2 = await ian.registers.updateStaffGroup({
      programmeId: fx.programme.id,
      staffGroupId: g.id,
      version: g.version,
      eliSentOn: '2027-08-20',
      pensionStatus: 'new_fair_deal_direction',
    });
    expect(g2).toMatchObject({
      version: 2,
      service: 'District nursing',
      wte: 36.4,
      eliSentOn: '2027-08-20',
      eliState: 'sent',
      pensionStatus: 'new_fair_deal_direction',
    });
    const s2 = await ian.registers.updateSite({
      programmeId: fx.programme.id,
      siteId: s.id,
      version: s.version,
      landlordConsent: 'granted',
      cqcLocationStatus: 'approved',
    });
    expect(s2.readiness).toEqual({
      rag: 'green',
      reasons: ['Ready: landlord consent granted; CQC location approved'],
    });
    const y2 = await lead.registers.updateSystem({
      programmeId: fx.programme.id,
      systemId: y.id,
      version: y.version,
      legacyAccessEnd: '2028-03-31',
    });
    expect(y2).toMatchObject({ effectiveLegacyAccessEnd: '2028-03-31', legacyAccessEndIsDefault: false });
    expect(
      (await lead.registers.list({ programmeId: fx.programme.id, transferId: t.id })).totals.eliSent,
    ).toBe(1);

    const admin = await fx.as('admin');
    await admin.registers.removeStaffGroup({
      programmeId: fx.programme.id,
      staffGroupId: g.id,
      version: g2.version,
    });
    await admin.registers.removeSite({ programmeId: fx.programme.id, siteId: s.id, version: s2.version });
    await admin.registers.removeSystem({ programmeId: fx.programme.id, systemId: y.id, version: y2.version });
    const after = await admin.registers.list({ programmeId: fx.programme.id, transferId: t.id });
    expect(after.staffGroups.map((r) => r.service)).toEqual(['Podiatry']);
    expect(after.sites).toEqual([]);
    expect(after.systems).toEqual([]);

    const audit = await h.db
      .selectFrom('audit_events')
      .select(['entity_type', 'entity_id', 'action', 'summary', 'organisation_id', 'actor_user_id'])
      .where('entity_id', 'in', [g.id, s.id, y.id])
      .orderBy('id')
      .execute();
    expect(audit.map((a) => [a.entity_type, a.action, a.summary])).toEqual([
      ['staff_group', 'create', 'Added staff group District nursing (42 staff)'],
      ['site', 'create', 'Added site Riverside Health Centre (lease assignment)'],
      ['system', 'create', 'Added system SystmOne (clinical record)'],
      ['staff_group', 'update', 'Updated staff group District nursing (eliSentOn, pensionStatus)'],
      ['site', 'update', 'Updated site Riverside Health Centre (landlordConsent, cqcLocationStatus)'],
      ['system', 'update', 'Updated system SystmOne (legacyAccessEnd)'],
      ['staff_group', 'delete', 'Removed staff group District nursing (42 staff)'],
      ['site', 'delete', 'Removed site Riverside Health Centre'],
      ['system', 'delete', 'Removed system SystmOne'],
    ]);
    expect(new Set(audit.map((a) => a.organisation_id))).toEqual(new Set([fx.orgs.outgoing.id]));
    expect(audit[3]!.actor_user_id).toBe(fx.users.incomingContributor.id);
  });

  it('derives the ELI state from the transfer date with the rule and reason', async () => {
    // Today is 2026-11-23. Transfer 2026-12-15: ELI due 2026-11-17, six days ago.
    const near = await newTransfer('2026-12-15');
    const lead = await fx.as('lead');
    await lead.registers.createStaffGroup(group(near.id, { service: 'On time', eliSentOn: '2026-11-10' }));
    await lead.registers.createStaffGroup(group(near.id, { service: 'Not sent' }));
    await lead.registers.createStaffGroup(
      group(near.id, { service: 'Sent late', eliSentOn: '2026-11-20', eliCompleteOn: '2026-11-21' }),
    );
    const list = await lead.registers.list({ programmeId: fx.programme.id, transferId: near.id });
    const by = Object.fromEntries(list.staffGroups.map((g) => [g.service, g]));
    expect(by['On time']).toMatchObject({
      eliDue: '2026-11-17',
      eliState: 'sent',
      eliReason: 'ELI sent on 10 Nov 2026, 7 days before it was due (17 Nov 2026)',
    });
    expect(by['Not sent']).toMatchObject({
      eliState: 'late',
      eliReason: 'ELI not sent: it was due on 17 Nov 2026, 6 days ago',
    });
    expect(by['Sent late']).toMatchObject({
      eliState: 'late',
      eliReason: 'ELI sent on 20 Nov 2026, 3 days after it was due (17 Nov 2026)',
    });
    expect(list.totals).toMatchObject({ eliSent: 2, eliLate: 2, headcount: 126 });

    // Transfer 2026-12-30: ELI due 2026-12-02, in 9 days.
    const soon = await newTransfer('2026-12-30');
    const g = await lead.registers.createStaffGroup(group(soon.id));
    expect(g).toMatchObject({
      eliDue: '2026-12-02',
      eliState: 'due_soon',
      eliReason: 'ELI not sent: due on 2 Dec 2026, in 9 days',
    });
  });

  it('puts money on a late ELI and a failed consultation, and says who keeps NHS pensions, each with its rule', async () => {
    // Today is 2026-11-23. Transfer 2026-12-15: ELI due 2026-11-17; inform and consult by 2026-11-15.
    const near = await newTransfer('2026-12-15');
    const lead = await fx.as('lead');
    await lead.registers.createStaffGroup(
      group(near.id, { service: 'Late, paid', weeklyPayGbp: 600, percentTimeOnService: 80 }),
    );
    await lead.registers.createStaffGroup(
      group(near.id, {
        service: 'In time',
        bands: 'Band 5',
        eliSentOn: '2026-11-01',
        eliCompleteOn: '2026-11-10',
        consultationStart: '2026-10-01',
        percentTimeOnService: 50,
      }),
    );
    await lead.registers.createStaffGroup(group(near.id, { service: 'No pay', bands: '' }));
    const list = await lead.registers.list({ programmeId: fx.programme.id, transferId: near.id });
    const by = Object.fromEntries(list.staffGroups.map((g) => [g.service, g.money]));

    // ELI not sent by its due date: at least £500 × 42 employees, no upper limit, owed by the outgoing employer.
    expect(by['Late, paid']!.eli).toMatchObject({ state: 'late', minimumGbp: 21_000, maximumGbp: null });
    expect(by['Late, paid']!.eli.liable).toMatch(/outgoing employer/);
    // Not informed by the inform-by date: up to 13 weeks × £600 × 42 = £327,600, both employers.
    expect(by['Late, paid']!.consultation).toMatchObject({
      state: 'late',
      minimumGbp: 0,
      maximumGbp: 327_600,
    });
    // More than 50% of time on the service, moving to a social enterprise: New Fair Deal.
    expect(by['Late, paid']!.pensions).toMatchObject({ eligible: true, route: 'new_fair_deal' });

    // ELI complete in time and consultation under way: nothing owed, but the stake is still shown.
    expect(by['In time']!.eli).toMatchObject({
      state: 'complete',
      minimumGbp: 0,
      atStake: { minimumGbp: 21_000 },
    });
    expect(by['In time']!.consultation).toMatchObject({ state: 'in_progress', maximumGbp: 0 });
    expect(by['In time']!.consultation.weeklyPay!.basis).toMatch(/Agenda for Change midpoints? .*band 5|5/i);
    // Exactly 50% is not more than 50%.
    expect(by['In time']!.pensions).toMatchObject({ eligible: false });

    // No pay and no bands: the consultation figure cannot be put, and the totals say so rather than guess.
    expect(by['No pay']!.consultation.maximumGbp).toBeNull();
    expect(by['No pay']!.pensions.eligible).toBeNull();
    expect(list.totals.money).toMatchObject({
      eliMinimumGbp: 42_000,
      consultationMaximumGbp: null,
      pensionEligibleHeadcount: 42,
      pensionUnknownHeadcount: 42,
    });
    expect(list.rules.eliMoney).toMatch(/£500/);
    expect(list.rules.newFairDeal).toMatch(/50%/);
  });

  it('derives site and system readiness with reasons', async () => {
    const near = await newTransfer('2026-12-15'); // 22 days away
    const far = await newTransfer('2027-10-01');
    const lead = await fx.as('lead');

    const refused = await lead.registers.createSite(
      site(far.id, { landlordConsent: 'refused', cqcLocationStatus: 'approved' }),
    );
    expect(refused.readiness).toEqual({
      rag: 'red',
      reasons: ['The landlord refused consent: the lease assignment cannot go ahead as planned'],
    });
    const pendingFar = await lead.registers.createSite(
      site(far.id, {
        name: 'Hilltop Clinic',
        route: 'new_lease',
        landlordConsent: 'requested',
        cqcLocationStatus: 'applied',
      }),
    );
    expect(pendingFar.readiness).toEqual({
      rag: 'amber',
      reasons: [
        'Landlord consent requested, not yet granted',
        'CQC location approval applied for, not yet approved',
      ],
    });
    const pendingNear = await lead.registers.createSite(
      site(near.id, { landlordConsent: 'granted', cqcLocationStatus: 'applied' }),
    );
    expect(pendingNear.readiness).toEqual({
      rag: 'red',
      reasons: ['CQC location approval applied for, not yet approved and the transfer is 22 days away'],
    });

    const complete = {
      dpiaStatus: 'complete',
      dsaStatus: 'complete',
      dsptStatus: 'complete',
      safetyCaseStatus: 'not_required',
    };
    const ready = await lead.registers.createSystem(
      system(near.id, { ...complete, goLiveDate: '2026-12-15' }),
    );
    expect(ready.readiness).toEqual({
      rag: 'green',
      reasons: ['Ready: every go-live condition is complete or not required'],
    });
    const close = await lead.registers.createSystem(
      system(near.id, {
        ...complete,
        name: 'Telephony',
        systemType: 'telephony',
        goLiveDate: '2026-12-01',
        dsptStatus: 'in_progress',
      }),
    );
    expect(close.readiness).toEqual({
      rag: 'red',
      reasons: ['Not complete and go-live is 8 days away: DSPT (in progress)'],
    });
    const distant = await lead.registers.createSystem(
      system(near.id, {
        ...complete,
        name: 'Network',
        systemType: 'network',
        goLiveDate: '2026-12-15',
        dpiaStatus: 'not_started',
      }),
    );
    expect(distant.readiness).toEqual({ rag: 'amber', reasons: ['Not yet complete: DPIA (not started)'] });

    const list = await lead.registers.list({ programmeId: fx.programme.id, transferId: near.id });
    expect(list.totals.systemsByRag).toEqual({ red: 1, amber: 1, green: 1 });
    expect(list.totals.sitesByRag).toEqual({ red: 1, amber: 0, green: 0 });
    expect(list.rules.site).toMatch(/within 30 days/);
  });

  it('rejects inconsistent rows with field errors and writes nothing', async () => {
    const t = await newTransfer('2027-10-01');
    const lead = await fx.as('lead');
    const before = {
      audit: await auditCount(h.db),
      groups: await rowCount('tupe_staff_groups'),
      systems: await rowCount('it_systems'),
    };

    let e = await caught(lead.registers.createStaffGroup(group(t.id, { headcount: 10, wte: 12 })));
    expect(e.code).toBe('BAD_REQUEST');
    expect(fieldErrorsOf(e)).toEqual({ wte: ['The WTE (12) cannot be more than the headcount (10)'] });
    e = await caught(lead.registers.createStaffGroup(group(t.id, { headcount: 10, wte: 8, objectors: 11 })));
    expect(fieldErrorsOf(e)).toEqual({
      objectors: ['Objectors (11) cannot be more than the headcount (10)'],
    });
    e = await caught(
      lead.registers.createStaffGroup(
        group(t.id, { consultationStart: '2027-07-01', consultationEnd: '2027-06-30' }),
      ),
    );
    expect(fieldErrorsOf(e)).toEqual({ consultationEnd: ['Consultation cannot end before it starts'] });
    e = await caught(
      lead.registers.createSystem(
        system(t.id, {
          finalExtractDate: '2027-09-20',
          cutoverStart: '2027-09-21',
          goLiveDate: '2027-09-19',
        }),
      ),
    );
    expect(e.code).toBe('BAD_REQUEST');
    expect(fieldErrorsOf(e)).toEqual({ goLiveDate: ['Go-live cannot be before the cutover starts'] });
    // An organisation that takes no part in the programme.
    e = await caught(
      lead.registers.createStaffGroup(group(t.id, { incomingEmployerId: fx.orgs.elsewhere.id })),
    );
    expect(e.code).toBe('BAD_REQUEST');
    expect(fieldErrorsOf(e)).toEqual({
      incomingEmployerId: ['Choose an organisation taking part in this programme'],
    });

    // Partial updates are checked against the stored row they merge with.
    const g = await lead.registers.createStaffGroup(group(t.id, { headcount: 10, wte: 8 }));
    const y = await lead.registers.createSystem(system(t.id, { cutoverStart: '2027-09-21' }));
    const mid = { audit: await auditCount(h.db) };
    e = await caught(
      lead.registers.updateStaffGroup({
        programmeId: fx.programme.id,
        staffGroupId: g.id,
        version: 1,
        wte: 10.5,
      }),
    );
    expect(e.code).toBe('BAD_REQUEST');
    expect(fieldErrorsOf(e)).toEqual({ wte: ['The WTE (10.5) cannot be more than the headcount (10)'] });
    e = await caught(
      lead.registers.updateStaffGroup({
        programmeId: fx.programme.id,
        staffGroupId: g.id,
        version: 1,
        headcount: 7,
      }),
    );
    expect(Object.keys(fieldErrorsOf(e))).toEqual(['wte']);
    e = await caught(
      lead.registers.updateSystem({
        programmeId: fx.programme.id,
        systemId: y.id,
        version: 1,
        goLiveDate: '2027-09-20',
      }),
    );
    expect(fieldErrorsOf(e)).toEqual({ goLiveDate: ['Go-live cannot be before the cutover starts'] });
    e = await caught(
      lead.registers.updateStaffGroup({
        programmeId: fx.programme.id,
        staffGroupId: g.id,
        version: 1,
        headcount: -1,
      }),
    );
    expect(fieldErrorsOf(e)).toEqual({ headcount: ['The headcount cannot be negative'] });

    expect(await auditCount(h.db)).toBe(mid.audit);
    expect(await auditCount(h.db)).toBe(before.audit + 2);
    expect(await rowCount('tupe_staff_groups')).toBe(before.groups + 1);
    expect(await rowCount('it_systems')).toBe(before.systems + 1);
    const stored = await lead.registers.list({ programmeId: fx.programme.id, transferId: t.id });
    expect(stored.staffGroups[0]).toMatchObject({ headcount: 10, wte: 8, version: 1 });
  });

  it('a stale version is a CONFLICT carrying the current row, for updates and removals', async () => {
    const t = await newTransfer('2027-10-01');
    const lead = await fx.as('lead');
    const s = await lead.registers.createSite(site(t.id));
    await lead.registers.updateSite({
      programmeId: fx.programme.id,
      siteId: s.id,
      version: 1,
      landlordConsent: 'requested',
    });
    const audit = await auditCount(h.db);
    let e = await caught(
      (await fx.as('contributor')).registers.updateSite({
        programmeId: fx.programme.id,
        siteId: s.id,
        version: 1,
        landlordConsent: 'granted',
      }),
    );
    expect(e.code).toBe('CONFLICT');
    expect(e.cause).toBeInstanceOf(ConflictError);
    expect((e.cause as ConflictError).current).toMatchObject({
      id: s.id,
      version: 2,
      landlordConsent: 'requested',
    });
    e = await caught(lead.registers.removeSite({ programmeId: fx.programme.id, siteId: s.id, version: 1 }));
    expect(e.code).toBe('CONFLICT');
    expect(await auditCount(h.db)).toBe(audit);
    const g = await lead.registers.createStaffGroup(group(t.id));
    await lead.registers.updateStaffGroup({
      programmeId: fx.programme.id,
      staffGroupId: g.id,
      version: 1,
      notes: 'x',
    });
    e = await caught(
      lead.registers.updateStaffGroup({
        programmeId: fx.programme.id,
        staffGroupId: g.id,
        version: 1,
        notes: 'y',
      }),
    );
    expect(e.code).toBe('CONFLICT');
    await lead.registers.removeStaffGroup({ programmeId: fx.programme.id, staffGroupId: g.id, version: 2 });
    e = await caught(
      lead.registers.updateStaffGroup({
        programmeId: fx.programme.id,
        staffGroupId: g.id,
        version: 2,
        notes: 'z',
      }),
    );
    expect(e.code).toBe('NOT_FOUND');
  });

  it('only admins, transition leads and the transfer’s own providers change registers; outsiders see nothing', async () => {
    const t = await newTransfer('2027-10-01');
    const lead = await fx.as('lead');
    const g = await lead.registers.createStaffGroup(group(t.id));
    const ref = { programmeId: fx.programme.id, staffGroupId: g.id, version: g.version };

    // The outgoing provider's contributor may add rows.
    const cat = await fx.as('contributor');
    expect((await cat.registers.createSite(site(t.id))).name).toBe('Riverside Health Centre');
    expect((await cat.registers.list({ programmeId: fx.programme.id, transferId: t.id })).canEdit).toBe(true);

    // A contributor of an organisation taking part in the programme, but not in this transfer.
    const partner = await newMember('partner', 'provider_contributor');
    const audit = await auditCount(h.db);
    const seen = await partner.registers.list({ programmeId: fx.programme.id, transferId: t.id });
    expect(seen.canEdit).toBe(false);
    expect(seen.staffGroups.map((r) => r.id)).toEqual([g.id]);
    expect((await caught(partner.registers.createStaffGroup(group(t.id)))).code).toBe('FORBIDDEN');
    expect((await caught(partner.registers.updateStaffGroup({ ...ref, notes: 'x' }))).code).toBe('FORBIDDEN');
    expect((await caught(partner.registers.removeStaffGroup(ref))).code).toBe('FORBIDDEN');
    expect((await caught(partner.registers.createSystem(system(t.id)))).code).toBe('FORBIDDEN');

    // Steering group members and executive viewers read but never write registers.
    for (const who of ['steering', 'viewer'] as const) {
      const c = await fx.as(who);
      await c.registers.list({ programmeId: fx.programme.id, transferId: t.id });
      expect((await caught(c.registers.updateStaffGroup({ ...ref, notes: 'x' }))).code).toBe('FORBIDDEN');
      expect((await caught(c.registers.createSite(site(t.id)))).code).toBe('FORBIDDEN');
    }

    // Outsiders, and bidders whose organisation is not party to the transfer, cannot tell it exists.
    const outsider = await fx.as('outsider');
    expect(
      (await caught(outsider.registers.list({ programmeId: fx.programme.id, transferId: t.id }))).code,
    ).toBe('NOT_FOUND');
    expect((await caught(outsider.registers.createStaffGroup(group(t.id)))).code).toBe('NOT_FOUND');
    expect((await caught(outsider.registers.removeStaffGroup(ref))).code).toBe('NOT_FOUND');
    const bidder = await newMember('bidder', 'provider_contributor');
    expect(
      (await caught(bidder.registers.list({ programmeId: fx.programme.id, transferId: t.id }))).code,
    ).toBe('NOT_FOUND');
    expect((await caught(bidder.registers.updateStaffGroup({ ...ref, notes: 'x' }))).code).toBe('NOT_FOUND');
    // A transfer of another programme is not found through this one.
    expect(
      (await caught((await fx.as('admin')).registers.list({ programmeId: fx.tender.id, transferId: t.id })))
        .code,
    ).toBe('NOT_FOUND');

    expect(await auditCount(h.db)).toBe(audit);
  });

  it('plan tasks point at register rows; each row shows its tasks and the risks they mitigate', async () => {
    const t = await newTransfer('2027-10-01', true);
    const other = await newTransfer('2027-10-01');
    const lead = await fx.as('lead');
    const g = await lead.registers.createStaffGroup(group(t.id));
    const y = await lead.registers.createSystem(system(t.id));
    const elsewhere = await lead.registers.createSite(site(other.id));
    const plan = await lead.transition.plan({ programmeId: fx.programme.id, transferId: t.id });
    const eli = plan.tasks.find((k) => k.templateKey === 'eli')!;
    const extract = plan.tasks.find((k) => k.templateKey === 'final_extract')!;

    const linked = await lead.registers.linkTask({
      programmeId: fx.programme.id,
      taskId: eli.id,
      version: eli.version,
      staffGroupId: g.id,
    });
    expect(linked).toEqual({
      taskId: eli.id,
      version: eli.version + 1,
      staffGroupId: g.id,
      siteId: null,
      systemId: null,
    });
    await lead.registers.linkTask({
      programmeId: fx.programme.id,
      taskId: extract.id,
      version: extract.version,
      systemId: y.id,
    });

    // A row of another transfer, a stale task version, and a task the caller does not own are refused.
    let e = await caught(
      lead.registers.linkTask({
        programmeId: fx.programme.id,
        taskId: eli.id,
        version: linked.version,
        siteId: elsewhere.id,
      }),
    );
    expect(e.code).toBe('BAD_REQUEST');
    expect(fieldErrorsOf(e)).toEqual({ siteId: ['Choose a site of this task’s transfer'] });
    e = await caught(
      lead.registers.linkTask({
        programmeId: fx.programme.id,
        taskId: eli.id,
        version: eli.version,
        staffGroupId: null,
      }),
    );
    expect(e.code).toBe('CONFLICT');
    e = await caught(
      (await fx.as('incomingContributor')).registers.linkTask({
        programmeId: fx.programme.id,
        taskId: eli.id, // the outgoing provider's task
        version: linked.version,
        staffGroupId: null,
      }),
    );
    expect(e.code).toBe('FORBIDDEN');

    const admin = await fx.as('admin');
    const risk = await admin.risk.create({
      programmeId: fx.programme.id,
      title: 'EPR extract overruns',
      event: 'The final extract takes longer than the cutover window',
      categoryKey: 'it_data',
      workstream: 'it_data_records',
      ownerUserId: null,
      owningOrganisationId: fx.orgs.incoming.id,
      initial: { consequence: 4, likelihood: 4 },
      current: { consequence: 4, likelihood: 3 },
      target: { consequence: 3, likelihood: 2 },
    } as never);
    await admin.risk.addAction({
      programmeId: fx.programme.id,
      riskId: risk.id,
      description: 'Rehearse the extract twice',
      ownerUserId: null,
      organisationId: fx.orgs.incoming.id,
      dueDate: '2027-09-01',
      taskId: extract.id,
    } as never);

    const list = await lead.registers.list({ programmeId: fx.programme.id, transferId: t.id });
    expect(list.staffGroups[0]!.tasks.map((k) => k.title)).toEqual([eli.title]);
    expect(list.staffGroups[0]!.risks).toEqual([]);
    expect(list.systems[0]!.tasks).toEqual([
      expect.objectContaining({ id: extract.id, status: 'not_started', dueDate: extract.dueDate }),
    ]);
    expect(list.systems[0]!.risks).toEqual([
      {
        id: risk.id,
        reference: risk.reference,
        title: 'EPR extract overruns',
        score: 12,
        status: risk.status,
      },
    ]);

    // Removing a row leaves its tasks in the plan, unlinked.
    await lead.registers.removeStaffGroup({
      programmeId: fx.programme.id,
      staffGroupId: g.id,
      version: g.version,
    });
    const task = await lead.transition.task({ programmeId: fx.programme.id, taskId: eli.id });
    expect(task.task.id).toBe(eli.id);
    const cleared = await lead.registers.linkTask({
      programmeId: fx.programme.id,
      taskId: eli.id,
      version: task.task.version,
    });
    expect(cleared.staffGroupId).toBeNull();
    const summaries = await h.db
      .selectFrom('audit_events')
      .select('summary')
      .where('entity_type', '=', 'task')
      .where('entity_id', 'in', [eli.id, extract.id])
      .orderBy('id')
      .execute();
    expect(summaries.map((a) => a.summary)).toEqual([
      `Linked task “${eli.title}” to staff group District nursing`,
      `Linked task “${extract.title}” to system SystmOne`,
      `Cleared the register links of task “${eli.title}”`,
    ]);
  });
});
