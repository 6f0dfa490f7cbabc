import { randomBytes } from 'node:crypto';
import {
  insertClarification,
  insertDdRequest,
  insertDocument,
  insertGateway,
  insertGatewayEvidence,
  insertLot,
  insertOrganisation,
  insertParty,
  insertSession,
  listGatewayDomains,
  setGatewayStatus,
  type Database,
} from '@baton/db';
import { sql } from 'kysely';
import { buildFixture, type Fixture } from './fixture';

/*
 * The world the generated access test walks: two programmes with rows owned by every party, each row's text
 * carrying a marker of its owner, so a response that leaks another party's data can be caught by searching
 * for the marker. (Not a test file itself.)
 *
 * - The transition programme (after award): the ICB commissions, Old Mill hands over to New Bridge (transfer
 *   T1, lot 1) and Third Way hands over to New Bridge (transfer T2, lot 2). Every row carries the marker
 *   `transition`; a member of another programme must never see it.
 * - The tender (live procurement): the ICB buys, Alpha and Beta bid. Each bidder has a risk, an action, a
 *   mobilisation transfer from the ICB, tasks with a dependency, a staff group, a site and a system, and a
 *   notification; the ICB has an internal escalated risk linked to both transfers and a meeting with a frozen
 *   pack. Beta's rows, people and organisation carry the marker `beta`, Alpha's `alpha`, the ICB's internal
 *   rows `tenderInternal`; the lot and programme text carry `tenderPublic`.
 */

export type TMarkers = Record<'alpha' | 'beta' | 'tenderInternal' | 'tenderPublic' | 'transition', string>;

/** Everything one party owns in one programme, by id: what an input builder names. */
export interface TRows {
  programmeId: string;
  organisationId: string;
  organisationShortName: string;
  userId: string;
  email: string;
  membershipId: string;
  membershipVersion: number;
  riskId: string;
  riskVersion: number;
  actionId: string;
  actionVersion: number;
  transferId: string;
  transferVersion: number;
  taskId: string;
  taskVersion: number;
  otherTaskId: string;
  dependencyId: string;
  staffGroupId: string;
  siteId: string;
  systemId: string;
  registerVersion: number;
  meetingId: string;
  meetingVersion: number;
  lotId: string;
  lotVersion: number;
  partyId: string;
  notificationId: string;
  raidId: string;
  raidVersion: number;
  /** A due diligence request the party is concerned in (not released), a document on it, and a question. */
  ddRequestId: string;
  ddRequestVersion: number;
  documentId: string;
  documentVersion: number;
  clarificationId: string;
  clarificationVersion: number;
  /** A stage of the programme's timeline (programme-wide: the same for every party of a programme). */
  stageId: string;
  stageVersion: number;
  /** A live session of the party's user (its public id). */
  sessionId: string;
  /** An assurance gateway assessing the party's organisation, in panel scoring, with a criterion and evidence. */
  gatewayId: string;
  gatewayVersion: number;
  gatewayDomainId: string;
  gatewayCriterionId: string;
  gatewayEvidenceId: string;
  gatewayEvidenceVersion: number;
}

const marker = (name: string) => `mk${name}${randomBytes(4).toString('hex')}`;

export async function buildAccessWorld(db: Database) {
  const fx = await buildFixture(db);
  const markers: TMarkers = {
    alpha: marker('Alpha'),
    beta: marker('Beta'),
    tenderInternal: marker('TenderInternal'),
    tenderPublic: marker('TenderPublic'),
    transition: marker('Transition'),
  };
  const admin = await fx.as('admin');
  // Each programme's timeline, laid out from its route.
  for (const programmeId of [fx.programme.id, fx.tender.id]) await admin.stage.applyTemplate({ programmeId });

  /* ---------- the transition programme ---------- */
  const P = fx.programme.id;
  const third = await insertOrganisation(db, {
    name: 'Third Way Care CIC',
    shortName: 'Third Way',
    kind: 'social_enterprise',
  });
  const lot2 = await insertLot(db, {
    programmeId: P,
    code: 'Lot 2',
    name: `Children's services ${markers.transition}`,
    services: '',
    annualValueGbp: null,
  });
  await insertParty(db, {
    programmeId: P,
    organisationId: third.id,
    role: 'outgoing_provider',
    lotId: lot2.id,
  });
  await insertParty(db, {
    programmeId: P,
    organisationId: fx.orgs.incoming.id,
    role: 'incoming_provider',
    lotId: lot2.id,
  });

  const transfer = (programmeId: string, lotId: string, outgoing: string, incoming: string, name: string) =>
    admin.transition.createTransfer({
      programmeId,
      name,
      lotId,
      outgoingOrganisationId: outgoing,
      incomingOrganisationId: incoming,
      plannedTransferDate: '2027-04-01',
      applyTemplate: false,
    } as never);
  const t1 = (
    await transfer(P, fx.lot.id, fx.orgs.outgoing.id, fx.orgs.incoming.id, `Adults ${markers.transition}`)
  ).transfer;
  const t2 = (await transfer(P, lot2.id, third.id, fx.orgs.incoming.id, `Children ${markers.transition}`))
    .transfer;

  /** Rows owned by one organisation in one programme, on one of its transfers. */
  async function rowsOf(o: {
    programmeId: string;
    organisationId: string;
    user: keyof Fixture['users'];
    transfer: { id: string; version: number; outgoingId: string; incomingId: string };
    lotId: string;
    mark: string;
    meetingId: string;
    meetingVersion: number;
    /** Who asks whom in the party's due diligence request. */
    dd: { requestingId: string; respondingId: string };
  }): Promise<TRows> {
    const userId = fx.users[o.user].id;
    const risk = await admin.risk.create({
      programmeId: o.programmeId,
      title: `Risk ${o.mark}`,
      event: `Event ${o.mark}`,
      cause: `Cause ${o.mark}`,
      categoryKey: 'workforce_tupe',
      ownerUserId: userId,
      owningOrganisationId: o.organisationId,
      initial: { consequence: 5, likelihood: 4 },
      current: { consequence: 4, likelihood: 4 },
      target: { consequence: 2, likelihood: 2 },
    } as never);
    const task = async (title: string) =>
      admin.transition.createTask({
        programmeId: o.programmeId,
        transferId: o.transfer.id,
        title: `${title} ${o.mark}`,
        description: `Description ${o.mark}`,
        workstream: 'workforce_tupe',
        owningOrganisationId: o.organisationId,
        assigneeUserId: userId,
        startDate: '2026-11-01',
        dueDate: '2026-11-20',
      } as never);
    const first = await task('Task');
    const second = await task('Second task');
    await admin.transition.addDependency({
      programmeId: o.programmeId,
      predecessorId: first.id,
      successorId: second.id,
    } as never);
    const dependency = (
      await db
        .selectFrom('task_dependencies')
        .select('id')
        .where('successor_id', '=', second.id)
        .executeTakeFirstOrThrow()
    ).id;
    const action = await admin.risk.addAction({
      programmeId: o.programmeId,
      riskId: risk.id,
      description: `Action ${o.mark}`,
      ownerUserId: userId,
      organisationId: o.organisationId,
      dueDate: '2026-11-10',
      taskId: first.id,
    } as never);
    await admin.risk.setTransferLinks({
      programmeId: o.programmeId,
      riskId: risk.id,
      transferIds: [o.transfer.id],
    });
    const group = await admin.registers.createStaffGroup({
      programmeId: o.programmeId,
      transferId: o.transfer.id,
      outgoingEmployerId: o.transfer.outgoingId,
      incomingEmployerId: o.transfer.incomingId,
      service: `Service ${o.mark}`,
      site: `Base ${o.mark}`,
      headcount: 12,
      wte: 10.5,
    } as never);
    const site = await admin.registers.createSite({
      programmeId: o.programmeId,
      transferId: o.transfer.id,
      name: `Site ${o.mark}`,
      address: `1 ${o.mark} Lane`,
      landlordType: 'nhs_property_services',
      tenure: 'lease',
      route: 'assign',
    } as never);
    const system = await admin.registers.createSystem({
      programmeId: o.programmeId,
      transferId: o.transfer.id,
      name: `System ${o.mark}`,
      supplier: 'TPP',
      systemType: 'clinical_record',
      dataControllerBeforeId: o.transfer.outgoingId,
      dataControllerAfterId: o.transfer.incomingId,
      migrationMethod: 'extract_and_load',
    } as never);
    // A meeting action owned by the party, naming its risk and the (commissioner-only) meeting.
    const raid = await admin.raid.create({
      programmeId: o.programmeId,
      kind: 'action',
      title: `Action ${o.mark}`,
      description: `Agreed ${o.mark}`,
      owningOrganisationId: o.organisationId,
      ownerUserId: userId,
      dueOn: '2026-12-20',
      riskId: risk.id,
      meetingId: o.meetingId,
    } as never);
    // Due diligence: a request (not released), a document answering it and a question, each with the mark.
    const ddRequest = await insertDdRequest(
      db,
      o.programmeId,
      {
        requestingOrganisationId: o.dd.requestingId,
        respondingOrganisationId: o.dd.respondingId,
        responderUserId: null,
        category: 'workforce',
        title: `Staff list ${o.mark}`,
        detail: `Detail ${o.mark}`,
        lotId: null,
        transferId: null,
        askedOn: '2026-11-01',
        dueOn: '2026-12-01',
      },
      fx.users.admin.id,
    );
    const document = await insertDocument(
      db,
      {
        programmeId: o.programmeId,
        parentType: 'dd_request',
        parentId: ddRequest.id,
        organisationId: o.dd.respondingId,
      },
      {
        fileName: `staff-${o.mark}.txt`,
        mediaType: 'text/plain',
        sizeBytes: 20,
        sha256: '0'.repeat(64),
        storage: 'database',
        content: Buffer.from(`Staff list ${o.mark}`),
        storageKey: null,
        scanStatus: 'not_scanned',
        note: '',
        uploadedBy: fx.users.admin.id,
      },
    );
    const clarification = await insertClarification(db, o.programmeId, {
      organisationId: o.organisationId,
      userId,
      question: `Question ${o.mark}`,
      requestId: null,
    });
    const gatewayId = await insertGateway(db, {
      programmeId: o.programmeId,
      assessedOrganisationId: o.organisationId,
      name: `Gateway ${o.mark}`,
      isapCheckpoint: 2,
      lotId: o.lotId,
      scoringOpensOn: '2026-11-01',
      panelDueOn: '2026-12-15',
      createdBy: fx.users.admin.id,
      panelUserIds: [fx.users.admin.id],
      domains: [{ name: `Domain ${o.mark}`, criteria: [`Criterion ${o.mark}`] }],
    });
    const gateway = await setGatewayStatus(db, gatewayId, 1, 'scoring');
    const [gatewayDomain] = await listGatewayDomains(db, gatewayId);
    const gatewayEvidence = await insertGatewayEvidence(db, {
      gatewayId,
      description: `Evidence ${o.mark}`,
      providedBy: `Provider ${o.mark}`,
      receivedOn: '2026-11-05',
      domainId: null,
      criterionId: null,
      reference: '',
      notes: '',
      createdBy: fx.users.admin.id,
    });
    const stage = await db
      .selectFrom('programme_stages')
      .select(['id', 'version'])
      .where('programme_id', '=', o.programmeId)
      .orderBy('position')
      .executeTakeFirstOrThrow();
    await insertSession(db, {
      tokenHash: `world-${randomBytes(8).toString('hex')}`,
      userId,
      expiresAt: new Date(Date.now() + 86_400_000),
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/133.0',
      ipAddress: '192.0.2.10',
    });
    const session = await db
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    const membership = await db
      .selectFrom('programme_memberships')
      .select(['id', 'version'])
      .where('programme_id', '=', o.programmeId)
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    const party = await db
      .selectFrom('programme_parties')
      .select('id')
      .where('programme_id', '=', o.programmeId)
      .where('organisation_id', '=', o.organisationId)
      .executeTakeFirstOrThrow();
    const notification = await db
      .selectFrom('notifications')
      .select('id')
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    const lot = await db
      .selectFrom('lots')
      .select('version')
      .where('id', '=', o.lotId)
      .executeTakeFirstOrThrow();
    return {
      programmeId: o.programmeId,
      organisationId: o.organisationId,
      organisationShortName: (
        await db
          .selectFrom('organisations')
          .select('short_name')
          .where('id', '=', o.organisationId)
          .executeTakeFirstOrThrow()
      ).short_name,
      userId,
      email: fx.users[o.user].email,
      membershipId: membership.id,
      membershipVersion: membership.version,
      riskId: risk.id,
      riskVersion: (await admin.risk.get({ programmeId: o.programmeId, riskId: risk.id })).risk.version,
      actionId: action.id,
      actionVersion: action.version,
      transferId: o.transfer.id,
      transferVersion: o.transfer.version,
      taskId: first.id,
      taskVersion: first.version,
      otherTaskId: second.id,
      dependencyId: dependency,
      staffGroupId: group.id,
      siteId: site.id,
      systemId: system.id,
      registerVersion: 1,
      meetingId: o.meetingId,
      meetingVersion: o.meetingVersion,
      lotId: o.lotId,
      lotVersion: lot.version,
      partyId: party.id,
      notificationId: notification?.id ?? '00000000-0000-4000-8000-000000000000',
      raidId: raid.id,
      raidVersion: raid.version,
      ddRequestId: ddRequest.id,
      ddRequestVersion: ddRequest.version,
      documentId: document.id,
      documentVersion: document.version,
      clarificationId: clarification.id,
      clarificationVersion: clarification.version,
      stageId: stage.id,
      stageVersion: stage.version,
      sessionId: session.id,
      gatewayId,
      gatewayVersion: gateway.version,
      gatewayDomainId: gatewayDomain!.id,
      gatewayCriterionId: gatewayDomain!.criteria[0]!.id,
      gatewayEvidenceId: gatewayEvidence.id,
      gatewayEvidenceVersion: gatewayEvidence.version,
    };
  }

  const meeting = async (programmeId: string, mark: string) => {
    const m = await admin.meeting.create({
      programmeId,
      title: `Steering group ${mark}`,
      heldOn: '2026-11-20',
      attendees: [`Chair ${mark}`],
      decisions: [`Decision ${mark}`],
      notes: `Minutes ${mark}`,
    } as never);
    await admin.meeting.freeze({ programmeId, meetingId: m.id });
    return admin.meeting.get({ programmeId, meetingId: m.id }).then((r) => r.meeting);
  };
  const m1 = await meeting(P, markers.transition);
  const tOf = (t: typeof t1) => ({
    id: t.id,
    version: t.version,
    outgoingId: t.outgoing.id,
    incomingId: t.incoming.id,
  });
  const transition = {
    icb: await rowsOf({
      programmeId: P,
      organisationId: fx.orgs.icb.id,
      user: 'lead',
      transfer: tOf(t1),
      lotId: fx.lot.id,
      mark: markers.transition,
      meetingId: m1.id,
      meetingVersion: m1.version,
      dd: { requestingId: fx.orgs.icb.id, respondingId: fx.orgs.outgoing.id },
    }),
    outgoing: await rowsOf({
      programmeId: P,
      organisationId: fx.orgs.outgoing.id,
      user: 'contributor',
      transfer: tOf(t1),
      lotId: fx.lot.id,
      mark: markers.transition,
      meetingId: m1.id,
      meetingVersion: m1.version,
      dd: { requestingId: fx.orgs.incoming.id, respondingId: fx.orgs.outgoing.id },
    }),
    // New Bridge's rows sit on T2, a transfer Old Mill is not party to.
    incoming: await rowsOf({
      programmeId: P,
      organisationId: fx.orgs.incoming.id,
      user: 'incomingContributor',
      transfer: tOf(t2),
      lotId: lot2.id,
      mark: markers.transition,
      meetingId: m1.id,
      meetingVersion: m1.version,
      // New Bridge asks Third Way: nothing Old Mill may answer, review or release.
      dd: { requestingId: fx.orgs.incoming.id, respondingId: third.id },
    }),
  };

  /* ---------- the tender ---------- */
  const T = fx.tender.id;
  const tenderLot = await insertLot(db, {
    programmeId: T,
    code: 'T1',
    name: `Therapies ${markers.tenderPublic}`,
    services: `Speech and language ${markers.tenderPublic}`,
    annualValueGbp: null,
  });
  const ta = (
    await transfer(T, tenderLot.id, fx.orgs.icb.id, fx.orgs.bidderA.id, `Mobilisation ${markers.alpha}`)
  ).transfer;
  const tb = (
    await transfer(T, tenderLot.id, fx.orgs.icb.id, fx.orgs.bidderB.id, `Mobilisation ${markers.beta}`)
  ).transfer;
  const m2 = await meeting(T, markers.tenderInternal);
  // The tender's incumbent, asked for information the commissioner has not yet released to bidders.
  await insertParty(db, { programmeId: T, organisationId: third.id, role: 'outgoing_provider', lotId: null });
  const tender = {
    alpha: await rowsOf({
      programmeId: T,
      organisationId: fx.orgs.bidderA.id,
      user: 'bidderA',
      transfer: tOf(ta),
      lotId: tenderLot.id,
      mark: markers.alpha,
      meetingId: m2.id,
      meetingVersion: m2.version,
      dd: { requestingId: fx.orgs.icb.id, respondingId: third.id },
    }),
    beta: await rowsOf({
      programmeId: T,
      organisationId: fx.orgs.bidderB.id,
      user: 'bidderB',
      transfer: tOf(tb),
      lotId: tenderLot.id,
      mark: markers.beta,
      meetingId: m2.id,
      meetingVersion: m2.version,
      dd: { requestingId: fx.orgs.icb.id, respondingId: third.id },
    }),
  };
  // The commissioner's own escalated risk, linked to both bidders' mobilisation transfers.
  const internal = await admin.risk.create({
    programmeId: T,
    title: `Evaluation challenge ${markers.tenderInternal}`,
    event: `Event ${markers.tenderInternal}`,
    categoryKey: 'procurement_legal',
    ownerUserId: fx.users.admin.id,
    owningOrganisationId: fx.orgs.icb.id,
    initial: { consequence: 5, likelihood: 4 },
    current: { consequence: 5, likelihood: 4 },
    target: { consequence: 2, likelihood: 2 },
  } as never);
  await admin.risk.setTransferLinks({ programmeId: T, riskId: internal.id, transferIds: [ta.id, tb.id] });
  await sql`update programmes set description = ${`Tender ${markers.tenderPublic}`} where id = ${T}`.execute(
    db,
  );
  await sql`update organisations set name = name || ${` ${markers.beta}`} where id = ${fx.orgs.bidderB.id}`.execute(
    db,
  );
  await sql`update users set name = name || ${` ${markers.beta}`} where id = ${fx.users.bidderB.id}`.execute(
    db,
  );
  await sql`update organisations set name = name || ${` ${markers.alpha}`} where id = ${fx.orgs.bidderA.id}`.execute(
    db,
  );

  return { fx, markers, transition, tender, internalRiskId: internal.id };
}

export type TAccessWorld = Awaited<ReturnType<typeof buildAccessWorld>>;
