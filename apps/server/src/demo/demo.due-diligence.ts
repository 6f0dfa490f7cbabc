import {
  insertClarification,
  insertDdRequest,
  insertDocument,
  recordAudit,
  updateClarification,
  updateDdRequest,
  type Database,
} from '@baton/db';
import { addDays, ddReference, clarificationReference, type TDdCategory, type TIsoDate } from '@baton/domain';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';

/*
 * The demo's due diligence: on the community programme, the round the incoming providers and the ICB ran with
 * the outgoing providers after award (some accepted, some answered, some returned, a few overdue and chased);
 * on the children's therapy procurement, what the ICB asked the incumbent to inform bidders (some released to
 * both bidders at once, one accepted and waiting, one overdue) and the bidders' clarification questions.
 * Fictional, realistic in shape; dates relative to today.
 */

type TStep = 'open' | 'answered' | 'returned' | 'accepted' | 'released';

interface TSpec {
  by: string;
  of: string;
  category: TDdCategory;
  title: string;
  detail: string;
  askedAgo: number;
  dueIn: number;
  step: TStep;
  answer?: string;
  returnNote?: string;
  chased?: number;
  file?: { name: string; content: string };
}

const COMMUNITY: TSpec[] = [
  {
    by: 'Kingsmead H&C',
    of: 'Wyebridge CHT',
    category: 'workforce',
    title: 'Staff list with employee liability information for Lot 1 district nursing',
    detail:
      'Name, assignment number, band, WTE, contract type, base, pension scheme and any claims or grievances in the last two years (TUPE reg. 11).',
    askedAgo: 60,
    dueIn: -32,
    step: 'accepted',
    answer: 'ELI for 184 staff attached; bank staff listed separately.',
    file: {
      name: 'Lot 1 staff list (ELI summary).csv',
      content:
        'team,headcount,wte,bands\nNorth district nursing,46,40.2,3-7\nSouth district nursing,51,44.8,3-7\nTreatment rooms,22,17.5,3-6\nNight service,18,15.1,5-6\nBank,47,0,3-6\n',
    },
  },
  {
    by: 'Kingsmead H&C',
    of: 'Avonmere MHP',
    category: 'workforce',
    title: 'Staff list with employee liability information for Lot 2 community mental health',
    detail: 'As for Lot 1, including staff on secondment to the council.',
    askedAgo: 45,
    dueIn: -10,
    step: 'returned',
    answer: 'Staff list attached for 96 staff.',
    returnNote: 'Pension status and the seconded staff are missing: please add both.',
    chased: 2,
  },
  {
    by: 'Severn Vale ICB',
    of: 'Wyebridge CHT',
    category: 'estates',
    title: 'Leases, licences and occupancy of every clinic used by the Lot 1 services',
    detail: 'Landlord, tenure, expiry, break dates, rent and service charge, and the rooms each team uses.',
    askedAgo: 40,
    dueIn: -12,
    step: 'open',
    chased: 1,
  },
  {
    by: 'Severn Vale ICB',
    of: 'Brightwater CIC',
    category: 'estates',
    title: 'Occupancy agreement for Riverside Health Centre (Lot 3 therapies)',
    detail: 'The current agreement with NHS Property Services and any variations.',
    askedAgo: 30,
    dueIn: -4,
    step: 'open',
  },
  {
    by: 'Kingsmead H&C',
    of: 'Wyebridge CHT',
    category: 'it',
    title: 'IT asset register and clinical system contracts for Lot 1',
    detail:
      'Devices, licences, the SystmOne unit configuration and every contract that must be novated or ended.',
    askedAgo: 35,
    dueIn: -7,
    step: 'answered',
    answer: 'Register of 412 devices and 9 contracts attached; the SystmOne unit is shared with Lot 4.',
    file: {
      name: 'Lot 1 IT assets.csv',
      content:
        'asset,count,owner,transfers\nLaptops,212,Wyebridge,yes\nSmartphones,164,Wyebridge,yes\nPrinters,36,NHSPS,no\n',
    },
  },
  {
    by: 'Severn Vale Community Partnership',
    of: 'Brightwater CIC',
    category: 'activity',
    title: 'Caseload and waiting list by service for Lot 3, last 12 months',
    detail:
      'Open cases, referrals, waits over 18 weeks, and the patients on each caseload at the transfer date.',
    askedAgo: 25,
    dueIn: 5,
    step: 'open',
  },
  {
    by: 'Severn Vale ICB',
    of: 'Avonmere MHP',
    category: 'subcontracts',
    title: 'Subcontracts with VCSE partners for Lot 2 (novation or termination)',
    detail: 'Each subcontract, its value, term and whether it can be novated to the incoming provider.',
    askedAgo: 28,
    dueIn: -2,
    step: 'answered',
    answer: 'Four subcontracts; the peer support contract with Riverbank cannot be novated without consent.',
  },
  {
    by: 'Severn Vale ICB',
    of: 'Wyebridge CHT',
    category: 'finance',
    title: 'Cost of the Lot 1 and Lot 4 services in 2025/26 (service line reporting)',
    detail: 'Pay, non-pay and overheads by service, with the basis of any allocation.',
    askedAgo: 50,
    dueIn: -20,
    step: 'accepted',
    answer: 'Service line report attached; overheads allocated on activity.',
  },
  {
    by: 'Kingsmead H&C',
    of: 'Avonmere MHP',
    category: 'clinical',
    title: 'Open serious incidents and safeguarding cases on the Lot 2 caseload',
    detail: 'Anonymised list with the lead for each and the expected completion of any investigation.',
    askedAgo: 14,
    dueIn: 14,
    step: 'open',
  },
];

const THERAPY: TSpec[] = [
  {
    by: 'Severn Vale ICB',
    of: 'Wyebridge CHT',
    category: 'activity',
    title: 'Referrals, caseload and waits for children’s speech and language therapy, last 24 months',
    detail: 'By locality and age band, with the waiting list at month end.',
    askedAgo: 55,
    dueIn: -35,
    step: 'released',
    answer:
      'Monthly activity attached: 3,112 open cases at the end of last month; 41% waiting over 18 weeks.',
    file: {
      name: 'SLT activity by locality.csv',
      content: 'locality,open cases,waiting over 18 weeks\nNorth,1204,498\nSouth,1211,512\nEast,697,266\n',
    },
  },
  {
    by: 'Severn Vale ICB',
    of: 'Wyebridge CHT',
    category: 'workforce',
    title: 'Anonymised staffing profile of the service (TUPE information for bidders)',
    detail: 'Posts by band and WTE, terms, pension scheme, and vacancies; no names.',
    askedAgo: 50,
    dueIn: -30,
    step: 'released',
    answer: '38 staff (31.4 WTE) in bands 3-8a; all in the NHS Pension Scheme; 3 vacancies.',
  },
  {
    by: 'Severn Vale ICB',
    of: 'Wyebridge CHT',
    category: 'estates',
    title: 'Clinic bases and school rooms used by the service',
    detail: 'Site, tenure, sessions a week and whether it is available to the new provider.',
    askedAgo: 30,
    dueIn: -9,
    step: 'accepted',
    answer: 'Five clinic bases and sessional rooms in 14 schools; two bases are on short licences.',
  },
  {
    by: 'Severn Vale ICB',
    of: 'Wyebridge CHT',
    category: 'it',
    title: 'Clinical record system and data migration constraints',
    detail: 'System, data volumes, extract formats and the notice the supplier needs.',
    askedAgo: 21,
    dueIn: -6,
    step: 'open',
    chased: 1,
  },
  {
    by: 'Severn Vale ICB',
    of: 'Wyebridge CHT',
    category: 'finance',
    title: 'Current cost of the service and the AAC equipment budget',
    detail: 'Pay and non-pay, and the AAC equipment spend for the last two years.',
    askedAgo: 10,
    dueIn: 11,
    step: 'open',
  },
];

const CLARIFICATIONS = [
  {
    org: "Larkspur Children's Therapies",
    question: 'Larkspur asks: does the caseload figure include the special schools outreach team?',
    published: 'Does the caseload figure include the special schools outreach team?',
    answer: 'Yes: 214 children seen by the outreach team are included in the 3,112 open cases.',
    askedAgo: 30,
    publish: true,
  },
  {
    org: 'Northgate SLS',
    question: 'Is the AAC equipment budget within the contract value or held by the ICB?',
    published: 'Is the AAC equipment budget within the contract value or held by the ICB?',
    answer: 'Within the contract value; an indicative £85,000 a year.',
    askedAgo: 18,
    publish: true,
  },
  {
    org: "Larkspur Children's Therapies",
    question: 'Can bidders visit the clinic bases before final tenders?',
    askedAgo: 3,
    publish: false,
  },
];

async function lookup(db: Database, code: string) {
  const programme = await db
    .selectFrom('programmes')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirst();
  if (!programme) return undefined;
  const orgs = await db
    .selectFrom('programme_parties as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select(['o.id', 'o.short_name', 'o.name'])
    .where('p.programme_id', '=', programme.id)
    .execute();
  const members = await db
    .selectFrom('programme_memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.organisation_id'])
    .where('m.programme_id', '=', programme.id)
    .orderBy('u.email')
    .execute();
  const org = (short: string) => {
    const o = orgs.find((x) => x.short_name === short || x.name.startsWith(short));
    if (!o) throw new Error(`demo due diligence: ${short} is not a party of ${code}`);
    return o.id;
  };
  const personOf = (organisationId: string) =>
    members.find((m) => m.organisation_id === organisationId)?.id ?? null;
  return { programmeId: programme.id, org, personOf };
}

const at = (day: TIsoDate, hour: number) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);

async function seedRequests(db: Database, code: string, specs: TSpec[], today: TIsoDate) {
  const p = await lookup(db, code);
  if (!p) return;
  const admin = p.personOf(p.org('Severn Vale ICB'))!;
  for (const s of specs) {
    const askedOn = addDays(today, -s.askedAgo);
    const dueOn = addDays(today, s.dueIn);
    const requesting = p.org(s.by);
    const responding = p.org(s.of);
    const asker = p.personOf(requesting) ?? admin;
    const responder = p.personOf(responding);
    let r = await insertDdRequest(
      db,
      p.programmeId,
      {
        requestingOrganisationId: requesting,
        respondingOrganisationId: responding,
        responderUserId: responder,
        category: s.category,
        title: s.title,
        detail: s.detail,
        lotId: null,
        transferId: null,
        askedOn,
        dueOn,
      },
      asker,
    );
    const audit = (
      summary: string,
      day: TIsoDate,
      hour: number,
      actor: string | null,
      action: 'create' | 'update' = 'create',
    ) =>
      recordAudit(db, {
        actorUserId: actor,
        programmeId: p.programmeId,
        organisationId: requesting,
        audience: { kind: 'full' },
        entityType: 'dd_request',
        entityId: r.id,
        action,
        summary,
        // Recorded on the day the demo loads, as the RAID log's are: the trail's ids rise with time.
        after: { id: r.id, number: r.number, on: day, hour },
      });
    await audit(`${ddReference(r.number)} asked: “${s.title}”`, askedOn, 9, asker);
    await sql`update dd_requests set created_at = ${at(askedOn, 9)} where id = ${r.id}`.execute(db);
    if (s.step !== 'open' && s.answer) {
      const answeredOn = addDays(askedOn, Math.max(1, Math.round((s.askedAgo + s.dueIn) * 0.8)));
      r = await updateDdRequest(
        db,
        r,
        { status: 'answered', answer: s.answer, answered: true, answeredBy: responder },
        r.version,
      );
      await sql`update dd_requests set answered_at = ${at(answeredOn, 14)} where id = ${r.id}`.execute(db);
      if (s.file)
        await insertDocument(
          db,
          {
            programmeId: p.programmeId,
            parentType: 'dd_request',
            parentId: r.id,
            organisationId: responding,
          },
          {
            fileName: s.file.name,
            mediaType: 'text/csv',
            sizeBytes: Buffer.byteLength(s.file.content),
            sha256: createHash('sha256').update(s.file.content).digest('hex'),
            storage: 'database',
            content: Buffer.from(s.file.content),
            storageKey: null,
            scanStatus: 'not_scanned',
            note: '',
            uploadedBy: responder ?? asker,
          },
        );
      if (s.step === 'returned')
        r = await updateDdRequest(
          db,
          r,
          { status: 'returned', reviewNote: s.returnNote ?? '', reviewed: true, reviewedBy: asker },
          r.version,
        );
      if (s.step === 'accepted' || s.step === 'released')
        r = await updateDdRequest(
          db,
          r,
          { status: 'accepted', reviewed: true, reviewedBy: asker },
          r.version,
        );
      if (s.step === 'released') {
        r = await updateDdRequest(db, r, { released: true, releasedBy: admin }, r.version);
        await sql`update dd_requests set released_at = ${at(addDays(answeredOn, 3), 10)} where id = ${r.id}`.execute(
          db,
        );
      }
      await audit(
        `${ddReference(r.number)} answered by the organisation asked`,
        answeredOn,
        14,
        responder,
        'update',
      );
    }
    for (let i = 0; i < (s.chased ?? 0); i++) {
      const on = addDays(dueOn, 2 + i * 5);
      r = await updateDdRequest(db, r, { chasedOn: on > today ? today : on }, r.version);
    }
  }
}

async function seedClarifications(db: Database, today: TIsoDate) {
  const p = await lookup(db, 'SVSLT');
  if (!p) return;
  const admin = p.personOf(p.org('Severn Vale ICB'))!;
  for (const c of CLARIFICATIONS) {
    const org = p.org(c.org);
    let row = await insertClarification(db, p.programmeId, {
      organisationId: org,
      userId: p.personOf(org) ?? admin,
      question: c.question,
      requestId: null,
    });
    const askedOn = addDays(today, -c.askedAgo);
    await sql`update dd_clarifications set asked_at = ${at(askedOn, 11)} where id = ${row.id}`.execute(db);
    if (c.publish && c.answer && c.published) {
      row = await updateClarification(
        db,
        row,
        { status: 'answered', answer: c.answer, publishedQuestion: c.published, answeredBy: admin },
        row.version,
      );
      row = await updateClarification(db, row, { status: 'published', publishedBy: admin }, row.version);
      await sql`update dd_clarifications set answered_at = ${at(addDays(askedOn, 4), 15)}, published_at = ${at(addDays(askedOn, 5), 10)} where id = ${row.id}`.execute(
        db,
      );
    }
    await recordAudit(db, {
      actorUserId: admin,
      programmeId: p.programmeId,
      organisationId: null,
      audience: { kind: 'full' },
      entityType: 'clarification',
      entityId: row.id,
      action: 'create',
      summary: `${clarificationReference(row.number)} ${c.publish ? 'answered and published to all bidders' : 'asked'}`,
      after: { id: row.id, number: row.number, status: row.status },
    });
  }
}

export async function seedDemoDueDiligence(trx: unknown, today: TIsoDate): Promise<void> {
  const db = trx as Database;
  await seedRequests(db, 'SVCMH', COMMUNITY, today);
  await seedRequests(db, 'SVSLT', THERAPY, today);
  await seedClarifications(db, today);
}
