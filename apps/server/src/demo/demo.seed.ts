import { hash } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import {
  MEMBERSHIP_ROLE_LABELS,
  PARTY_ROLE_LABELS,
  addDays,
  addMonths,
  parseIsoDate,
  toIsoDate,
  todayInUk,
  type TIsoDate,
  type TMembershipRole,
  type TOrganisationKind,
  type TPartyRole,
  type TProcurementRoute,
  type TProgrammeStage,
} from '@baton/domain';
import {
  DEMO_RISK_LOTS,
  DEMO_RISK_ORGANISATIONS,
  seedDemoRisks,
  type DemoRiskContext,
  type DemoRiskMember,
} from './demo.risks';
import { seedDemoMeetings } from './demo.meetings';
import { seedDemoRaid } from './demo.raid';
import { seedDemoDueDiligence } from './demo.due-diligence';
import { seedDemoStages } from './demo.stages';
import { seedDemoGateways } from './demo.gateways';
import { seedDemoTransition } from './demo.transition';
import { seedDemoNotifications } from './demo.notifications';

/**
 * Demo data: a fictional ICB re-procuring community and mental health services (in transition, after award)
 * and a second programme still in procurement, whose two bidders must not see each other. Every name, ODS
 * code and email address below is made up; emails use the reserved `.example` domain so none can be delivered.
 */

/** Every demo user signs in with this; the CLI prints it next to the sign-in table. */
export const DEMO_PASSWORD = 'baton-demo-password';

export interface DemoSignIn {
  email: string;
  name: string;
  role: TMembershipRole;
  /** Organisation short name. */
  organisation: string;
  /** Programme code. */
  programme: string;
}

export type DemoSeedResult = { loaded: false } | { loaded: true; users: DemoSignIn[]; password: string };

// ---------------------------------------------------------------------------------------------------------
// The cast

interface OrganisationSpec {
  name: string;
  shortName: string;
  kind: TOrganisationKind;
  odsCode: string | null;
  /** Not stored: only used to build the demo users' email addresses. */
  emailDomain: string;
}

const ORGANISATIONS = {
  icb: {
    name: 'NHS Severn Vale Integrated Care Board',
    shortName: 'Severn Vale ICB',
    kind: 'commissioner',
    odsCode: 'ZQ1',
    emailDomain: 'severnvale-icb.example',
  },
  council: {
    name: 'Severn Vale Council',
    shortName: 'SV Council',
    kind: 'local_authority',
    odsCode: null,
    emailDomain: 'severnvale-council.example',
  },
  wyebridge: {
    name: 'Wyebridge Community Healthcare NHS Trust',
    shortName: 'Wyebridge CHT',
    kind: 'nhs_trust',
    odsCode: 'ZR1',
    emailDomain: 'wyebridge-cht.example',
  },
  avonmere: {
    name: 'Avonmere Mental Health Partnership NHS Foundation Trust',
    shortName: 'Avonmere MHP',
    kind: 'nhs_foundation_trust',
    odsCode: 'ZR2',
    emailDomain: 'avonmere-mhp.example',
  },
  brightwater: {
    name: 'Brightwater Community Health CIC',
    shortName: 'Brightwater CIC',
    kind: 'social_enterprise',
    odsCode: 'ZN1',
    emailDomain: 'brightwater-cic.example',
  },
  kingsmead: {
    name: 'Kingsmead Health and Care NHS Foundation Trust',
    shortName: 'Kingsmead H&C',
    kind: 'nhs_foundation_trust',
    odsCode: 'ZR3',
    emailDomain: 'kingsmead-hc.example',
  },
  svcp: {
    name: 'Severn Vale Community Partnership CIC',
    shortName: 'SV Community Pship',
    kind: 'social_enterprise',
    odsCode: 'ZN2',
    emailDomain: 'svcp.example',
  },
  riverbank: {
    name: 'Riverbank Wellbeing Collective',
    shortName: 'Riverbank Wellbeing',
    kind: 'vcse',
    odsCode: null,
    emailDomain: 'riverbank-wellbeing.example',
  },
  larkspur: {
    name: "Larkspur Children's Therapies Ltd",
    shortName: 'Larkspur Therapies',
    kind: 'independent_provider',
    odsCode: 'ZN3',
    emailDomain: 'larkspur-therapies.example',
  },
  northgate: {
    name: 'Northgate Speech and Language Services Ltd',
    shortName: 'Northgate SLS',
    kind: 'independent_provider',
    odsCode: 'ZN4',
    emailDomain: 'northgate-sls.example',
  },
} as const satisfies Record<string, OrganisationSpec>;
type OrgKey = keyof typeof ORGANISATIONS;

interface PersonSpec {
  firstName: string;
  lastName: string;
  organisation: OrgKey;
  isSystemAdmin?: boolean;
}

const PEOPLE = {
  // ICB programme director: runs both programmes and can create more.
  helen: { firstName: 'Helen', lastName: 'Marsh', organisation: 'icb', isSystemAdmin: true },
  // Council director of children's and adult services, sits on the steering group.
  priya: { firstName: 'Priya', lastName: 'Raman', organisation: 'council' },
  tom: { firstName: 'Tom', lastName: 'Okafor', organisation: 'icb' },
  sarah: { firstName: 'Sarah', lastName: 'Llewellyn', organisation: 'wyebridge' },
  james: { firstName: 'James', lastName: 'Whitfield', organisation: 'kingsmead' },
  // Chief executive of an incoming provider: watches joint progress, changes nothing.
  angela: { firstName: 'Angela', lastName: 'Foster', organisation: 'svcp' },
  // Children's services manager at the incumbent: answers the therapy procurement's due diligence.
  owen: { firstName: 'Owen', lastName: 'Price', organisation: 'wyebridge' },
  mark: { firstName: 'Mark', lastName: 'Delaney', organisation: 'larkspur' },
  fiona: { firstName: 'Fiona', lastName: 'Chen', organisation: 'northgate' },
} as const satisfies Record<string, PersonSpec>;
type PersonKey = keyof typeof PEOPLE;

// ---------------------------------------------------------------------------------------------------------
// The programmes

interface ProgrammeSpec {
  name: string;
  code: string;
  description: string;
  procurementRoute: TProcurementRoute;
  stage: TProgrammeStage;
  contractValueGbp: number;
  contractTermMonths: number;
  expectedServiceCommencement: TIsoDate;
  intentionToAwardDate: TIsoDate | null;
  contractAwardDate: TIsoDate | null;
  longstopDate: TIsoDate | null;
}

interface LotSpec {
  code: string;
  name: string;
  services: string;
  annualValueGbp: number;
}

/** Contracts award on working days; a date that lands on a weekend moves back to the Friday. */
function weekdayOnOrBefore(date: TIsoDate): TIsoDate {
  const day = parseIsoDate(date).getUTCDay();
  if (day === 6) return addDays(date, -1);
  if (day === 0) return addDays(date, -2);
  return date;
}

function firstOfMonthAfter(date: TIsoDate, months: number): TIsoDate {
  return addMonths(`${date.slice(0, 7)}-01`, months);
}

function communityProgramme(today: TIsoDate): ProgrammeSpec {
  const commencement = firstOfMonthAfter(today, 4);
  return {
    name: 'Severn Vale Community and Mental Health Services Re-procurement',
    code: 'SVCMH',
    description:
      "Re-procurement of adult and children's community health, community mental health and intermediate care " +
      'services across Severn Vale, jointly commissioned by the ICB and Severn Vale Council. Four lots were awarded ' +
      'after competitive dialogue; services transfer from three incumbent providers to two incoming providers on ' +
      'the service commencement date.',
    procurementRoute: 'competitive_dialogue',
    stage: 'transition',
    contractValueGbp: 420_000_000,
    contractTermMonths: 120,
    expectedServiceCommencement: commencement,
    intentionToAwardDate: weekdayOnOrBefore(addMonths(today, -4)),
    contractAwardDate: weekdayOnOrBefore(addMonths(today, -3)),
    longstopDate: addMonths(commencement, 3),
  };
}

// Annual values add up to the contract value over its ten-year term (GBP 42m a year).
const COMMUNITY_LOTS = [
  {
    code: 'Lot 1',
    name: 'Adult community health services',
    services:
      'District and community nursing including overnight nursing; community physiotherapy and occupational ' +
      'therapy; tissue viability; continence; specialist diabetes, respiratory and heart failure nursing; ' +
      'podiatry; MSK triage and physiotherapy.',
    annualValueGbp: 16_800_000,
  },
  {
    code: 'Lot 2',
    name: 'Community mental health services',
    services:
      'Community mental health teams for adults and older adults; early intervention in psychosis; crisis ' +
      'resolution and home treatment; NHS Talking Therapies; perinatal mental health; mental health practitioners ' +
      'in primary care networks; peer support and recovery college (VCSE subcontract).',
    annualValueGbp: 12_600_000,
  },
  {
    code: 'Lot 3',
    name: "Children and young people's community services including CAMHS",
    services:
      '0-19 Healthy Child Programme (health visiting and school nursing, commissioned by the council); community ' +
      "paediatrics; children's community nursing; children's therapies; CAMHS including eating disorders and " +
      'neurodevelopmental assessment; looked-after children health assessments.',
    annualValueGbp: 7_400_000,
  },
  {
    code: 'Lot 4',
    name: 'Intermediate care and rehabilitation',
    services:
      'Step-up and step-down beds at Wyebridge and Millbrook community hospitals; two-hour urgent community ' +
      'response; home-based reablement with council social care; discharge to assess; stroke early supported ' +
      'discharge; community neuro-rehabilitation.',
    annualValueGbp: 5_200_000,
  },
] as const satisfies readonly LotSpec[];
type CommunityLotCode = (typeof COMMUNITY_LOTS)[number]['code'];

/**
 * Who runs each lot now and who takes it over. Lot 3 merges two incumbents into one incoming provider;
 * Wyebridge (Lots 1 and 4) and Avonmere (Lots 2 and 3) are each split between both incoming providers.
 */
const COMMUNITY_HANDOVERS: ReadonlyArray<{ lot: CommunityLotCode; outgoing: OrgKey[]; incoming: OrgKey }> = [
  { lot: 'Lot 1', outgoing: ['wyebridge'], incoming: 'kingsmead' },
  { lot: 'Lot 2', outgoing: ['avonmere'], incoming: 'kingsmead' },
  { lot: 'Lot 3', outgoing: ['brightwater', 'avonmere'], incoming: 'svcp' },
  { lot: 'Lot 4', outgoing: ['wyebridge'], incoming: 'svcp' },
];

function therapyProgramme(today: TIsoDate): ProgrammeSpec {
  return {
    name: "Severn Vale Children's Speech and Language Therapy Re-procurement",
    code: 'SVSLT',
    description:
      "Provider Selection Regime competitive process for children's speech and language therapy. Bids are " +
      "commercially confidential: each bidder sees the commissioner's information and its own, never another " +
      "bidder's.",
    procurementRoute: 'psr_competitive',
    stage: 'procurement',
    contractValueGbp: 17_000_000,
    contractTermMonths: 60,
    expectedServiceCommencement: firstOfMonthAfter(today, 10),
    intentionToAwardDate: null,
    contractAwardDate: null,
    longstopDate: null,
  };
}

const THERAPY_LOT = {
  code: 'Lot 1',
  name: "Children's speech and language therapy",
  services:
    'Assessment and therapy for children and young people aged 0-19 with speech, language, communication or ' +
    'swallowing needs; training and support for early years settings and schools; advice for education, health ' +
    'and care needs assessments; specialist dysphagia and AAC service.',
  annualValueGbp: 3_400_000,
} as const satisfies LotSpec;

// ---------------------------------------------------------------------------------------------------------
// Writing rows

type Row = { id: string } & Record<string, unknown>;

interface AuditEntry {
  occurredAt: Date;
  entityType: 'programme' | 'lot' | 'party' | 'organisation' | 'membership' | 'risk';
  row: Row;
  programmeId: string | null;
  organisationId: string | null;
  summary: string;
  /** Risk reviews are updates made by their owners; everything else is created by the loader. */
  action?: 'create' | 'update';
  actorUserId?: string | null;
  before?: Record<string, unknown> | null;
}

/** Everything the loader has written so far, so later steps can refer to earlier rows by key. */
interface Loader {
  trx: Kysely<any>;
  passwordHash: string;
  organisations: Map<OrgKey, Row>;
  users: Map<PersonKey, Row>;
  audit: AuditEntry[];
  signIns: DemoSignIn[];
  members: Array<DemoRiskMember & { programmeId: string }>;
}

/** A moment on a given day, UTC; `step` spaces out a batch of changes a couple of minutes apart. */
function at(date: TIsoDate, time: string, step = 0): Date {
  return new Date(Date.parse(`${date}T${time}:00Z`) + step * 2 * 60_000);
}

/** Rows carry the same backdated timestamps as their history, so "created" and the audit trail agree. */
async function insertRow(
  l: Loader,
  table: string,
  values: Record<string, unknown>,
  createdAt: Date,
): Promise<Row> {
  const row = await l.trx
    .insertInto(table)
    .values({ ...values, created_at: createdAt, updated_at: createdAt })
    .returningAll()
    .executeTakeFirstOrThrow();
  return row as Row;
}

async function addOrganisation(l: Loader, key: OrgKey, when: Date): Promise<Row> {
  const spec = ORGANISATIONS[key];
  const row = await insertRow(
    l,
    'organisations',
    { name: spec.name, short_name: spec.shortName, kind: spec.kind, ods_code: spec.odsCode },
    when,
  );
  l.organisations.set(key, row);
  l.audit.push({
    occurredAt: when,
    entityType: 'organisation',
    row,
    programmeId: null,
    organisationId: row.id,
    summary: `Added organisation ${spec.name}`,
  });
  return row;
}

async function addProgramme(l: Loader, spec: ProgrammeSpec, when: Date): Promise<Row> {
  const row = await insertRow(
    l,
    'programmes',
    {
      name: spec.name,
      code: spec.code,
      description: spec.description,
      procurement_route: spec.procurementRoute,
      stage: spec.stage,
      contract_value_gbp: spec.contractValueGbp,
      contract_term_months: spec.contractTermMonths,
      expected_service_commencement: spec.expectedServiceCommencement,
      intention_to_award_date: spec.intentionToAwardDate,
      contract_award_date: spec.contractAwardDate,
      longstop_date: spec.longstopDate,
    },
    when,
  );
  l.audit.push({
    occurredAt: when,
    entityType: 'programme',
    row,
    programmeId: row.id,
    // A programme belongs to no single organisation: its history is visible to every member.
    organisationId: null,
    summary: `Loaded demo programme ${spec.name}`,
  });
  return row;
}

async function addLot(l: Loader, programme: Row, spec: LotSpec, when: Date): Promise<Row> {
  const row = await insertRow(
    l,
    'lots',
    {
      programme_id: programme.id,
      code: spec.code,
      name: spec.name,
      services: spec.services,
      annual_value_gbp: spec.annualValueGbp,
    },
    when,
  );
  l.audit.push({
    occurredAt: when,
    entityType: 'lot',
    row,
    programmeId: programme.id,
    organisationId: null,
    summary: `Added lot ${spec.code} ${spec.name}`,
  });
  return row;
}

async function addParty(
  l: Loader,
  programme: Row,
  key: OrgKey,
  role: TPartyRole,
  lot: Row | null,
  when: Date,
): Promise<Row> {
  const organisation = organisationOf(l, key);
  const row = await insertRow(
    l,
    'programme_parties',
    { programme_id: programme.id, organisation_id: organisation.id, lot_id: lot?.id ?? null, role },
    when,
  );
  const scope = lot ? ` for ${String(lot.code)}` : '';
  l.audit.push({
    occurredAt: when,
    entityType: 'party',
    row,
    programmeId: programme.id,
    // Owned by the party's organisation, so one bidder's history never shows another bidder.
    organisationId: organisation.id,
    summary: `Added ${ORGANISATIONS[key].name} as ${PARTY_ROLE_LABELS[role].toLowerCase()}${scope}`,
  });
  return row;
}

/** Adds the person as a user the first time they join any programme. */
async function addMember(l: Loader, programme: Row, who: PersonKey, role: TMembershipRole, when: Date) {
  const person: PersonSpec = PEOPLE[who];
  const organisation = organisationOf(l, person.organisation);
  const name = `${person.firstName} ${person.lastName}`;
  const email =
    `${person.firstName}.${person.lastName}@${ORGANISATIONS[person.organisation].emailDomain}`.toLowerCase();

  let user = l.users.get(who);
  if (!user) {
    user = await insertRow(
      l,
      'users',
      {
        email,
        name,
        organisation_id: organisation.id,
        password_hash: l.passwordHash,
        is_system_admin: person.isSystemAdmin ?? false,
      },
      when,
    );
    l.users.set(who, user);
  }

  const row = await insertRow(
    l,
    'programme_memberships',
    { programme_id: programme.id, user_id: user.id, role },
    when,
  );
  l.members.push({
    programmeId: String(programme.id),
    userId: String(user.id),
    organisationId: String(organisation.id),
    role,
    joinedOn: toIsoDate(when),
  });
  l.audit.push({
    occurredAt: when,
    entityType: 'membership',
    row,
    programmeId: programme.id,
    organisationId: organisation.id,
    summary: `Added ${name} (${String(organisation.short_name)}) as ${MEMBERSHIP_ROLE_LABELS[role].toLowerCase()}`,
  });
  l.signIns.push({
    email,
    name,
    role,
    organisation: String(organisation.short_name),
    programme: String(programme.code),
  });
}

function organisationOf(l: Loader, key: OrgKey): Row {
  const row = l.organisations.get(key);
  if (!row) throw new Error(`Demo data adds ${key} as a party or member before creating the organisation`);
  return row;
}

/**
 * Who may read each event, as the API records it (see TAuditAudience): the programme and its lots are public
 * to its members; a party, a membership or a risk is read by its own organisation (and by everyone who sees
 * every organisation), so one bidder's history never shows another bidder; the directory by nobody in
 * particular.
 */
function audienceOf(e: AuditEntry): { audience: string; audience_organisation_ids: string[] } {
  if (e.entityType === 'programme' || e.entityType === 'lot') {
    return { audience: 'public', audience_organisation_ids: [] };
  }
  if (e.entityType === 'organisation' || !e.organisationId)
    return { audience: 'full', audience_organisation_ids: [] };
  return { audience: 'owners', audience_organisation_ids: [e.organisationId] };
}

/**
 * Rows were written section by section, not in time order, so the history is written last, oldest first:
 * audit ids then rise with occurred_at, as they do for real changes.
 */
async function writeAuditTrail(l: Loader): Promise<void> {
  const entries = [...l.audit].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  entries.forEach((e, i) => {
    const previous = entries[i - 1];
    if (previous && previous.occurredAt.getTime() === e.occurredAt.getTime()) {
      throw new Error(`Two demo audit events share ${e.occurredAt.toISOString()}: space them out`);
    }
  });
  // One statement: PostgreSQL draws bigserial values in VALUES order, keeping ids in time order.
  await l.trx
    .insertInto('audit_events')
    .values(
      entries.map((e) => ({
        occurred_at: e.occurredAt,
        actor_user_id: e.actorUserId ?? null,
        programme_id: e.programmeId,
        organisation_id: e.organisationId,
        entity_type: e.entityType,
        entity_id: e.row.id,
        action: e.action ?? 'create',
        summary: e.summary,
        before: e.before ? JSON.stringify(e.before) : null,
        after: JSON.stringify(e.row),
        ...audienceOf(e),
      })),
    )
    .execute();
}

// ---------------------------------------------------------------------------------------------------------
// The story, in two programmes

async function loadCommunityProgramme(l: Loader, today: TIsoDate): Promise<void> {
  const spec = communityProgramme(today);
  // Brought into the tracker during evaluation, six months ago; the incoming providers join after award.
  const start = addMonths(today, -6);
  const award = spec.contractAwardDate ?? today;

  const incumbents: OrgKey[] = ['icb', 'council', 'wyebridge', 'avonmere', 'brightwater', 'riverbank'];
  for (const [i, key] of incumbents.entries()) await addOrganisation(l, key, at(start, '09:00', i));

  const programme = await addProgramme(l, spec, at(start, '10:00'));
  await addMember(l, programme, 'helen', 'programme_admin', at(start, '10:30'));

  const lots = new Map<string, Row>();
  for (const [i, lotSpec] of COMMUNITY_LOTS.entries()) {
    lots.set(lotSpec.code, await addLot(l, programme, lotSpec, at(addDays(start, 1), '14:00', i)));
  }
  const lot = (code: CommunityLotCode): Row => {
    const row = lots.get(code);
    if (!row) throw new Error(`Demo handover refers to unknown lot ${code}`);
    return row;
  };

  await addParty(l, programme, 'icb', 'lead_commissioner', null, at(addDays(start, 2), '11:00'));
  await addParty(l, programme, 'council', 'co_commissioner', null, at(addDays(start, 2), '11:00', 1));

  const outgoing = COMMUNITY_HANDOVERS.flatMap((h) => h.outgoing.map((org) => ({ org, lot: h.lot })));
  for (const [i, o] of outgoing.entries()) {
    await addParty(l, programme, o.org, 'outgoing_provider', lot(o.lot), at(addDays(start, 6), '15:00', i));
  }
  // The VCSE peer-support subcontract sits under community mental health and must be novated.
  await addParty(l, programme, 'riverbank', 'partner', lot('Lot 2'), at(addDays(start, 8), '10:00'));
  await addMember(l, programme, 'priya', 'steering_group_member', at(addDays(start, 14), '16:00'));

  await addOrganisation(l, 'kingsmead', at(addDays(award, 1), '09:30'));
  await addOrganisation(l, 'svcp', at(addDays(award, 1), '09:30', 1));
  for (const [i, h] of COMMUNITY_HANDOVERS.entries()) {
    await addParty(
      l,
      programme,
      h.incoming,
      'incoming_provider',
      lot(h.lot),
      at(addDays(award, 1), '10:00', i),
    );
  }
  await addMember(l, programme, 'tom', 'transition_lead', at(addDays(award, 3), '09:00'));
  await addMember(l, programme, 'sarah', 'provider_contributor', at(addDays(award, 7), '11:00'));
  await addMember(l, programme, 'james', 'provider_contributor', at(addDays(award, 7), '11:00', 1));
  await addMember(l, programme, 'angela', 'executive_viewer', at(addDays(award, 10), '13:00'));

  await seedDemoRisks(l.trx, {
    programmeId: String(programme.id),
    today,
    organisations: Object.fromEntries(
      DEMO_RISK_ORGANISATIONS.map((key) => {
        const row = organisationOf(l, key);
        return [key, { id: String(row.id), joinedOn: toIsoDate(row.created_at as Date) }];
      }),
    ) as DemoRiskContext['organisations'],
    lotIds: Object.fromEntries(
      DEMO_RISK_LOTS.map((code) => [code, String(lot(code).id)]),
    ) as DemoRiskContext['lotIds'],
    members: l.members.filter((m) => m.programmeId === programme.id),
    recordAudit: (e) =>
      l.audit.push({
        occurredAt: e.occurredAt,
        entityType: 'risk',
        row: { ...e.after, id: e.riskId },
        programmeId: String(programme.id),
        organisationId: e.organisationId,
        summary: e.summary,
        action: e.action,
        actorUserId: e.actorUserId,
        before: e.before,
      }),
  });
}

async function loadTherapyProgramme(l: Loader, today: TIsoDate): Promise<void> {
  const start = addMonths(today, -2);
  // Bidders registered once expressions of interest closed, a fortnight into the procurement.
  const bidsOpen = addDays(start, 14);

  const programme = await addProgramme(l, therapyProgramme(today), at(start, '09:00'));
  await addMember(l, programme, 'helen', 'programme_admin', at(start, '09:15'));
  const lot = await addLot(l, programme, THERAPY_LOT, at(start, '09:30'));
  await addParty(l, programme, 'icb', 'lead_commissioner', null, at(start, '10:00'));
  // The incumbent runs the service today: it answers the due diligence bidders are given.
  await addParty(l, programme, 'wyebridge', 'outgoing_provider', lot, at(start, '10:15'));
  await addMember(l, programme, 'owen', 'provider_contributor', at(start, '10:20'));

  const bidders = [
    { org: 'larkspur', person: 'mark' },
    { org: 'northgate', person: 'fiona' },
  ] as const;
  for (const [i, b] of bidders.entries()) {
    await addOrganisation(l, b.org, at(bidsOpen, '10:00', i));
    await addParty(l, programme, b.org, 'bidder', lot, at(bidsOpen, '10:30', i));
    await addMember(l, programme, b.person, 'provider_contributor', at(bidsOpen, '11:00', i));
  }
}

async function hasProgrammes(db: Kysely<any>): Promise<boolean> {
  const row = await db.selectFrom('programmes').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * Loads the demo programmes into an empty database (one without programmes), in one transaction.
 * `today` (YYYY-MM-DD, default the UK date now) anchors every date, so the demo never goes stale.
 */
export async function seedDemo(db: Kysely<any>, options: { today?: TIsoDate } = {}): Promise<DemoSeedResult> {
  if (await hasProgrammes(db)) return { loaded: false };
  const today = options.today ?? todayInUk();
  // Argon2id by default, and deliberately slow: hash once and share it, outside the transaction.
  const passwordHash = await hash(DEMO_PASSWORD);

  return db.transaction().execute(async (trx): Promise<DemoSeedResult> => {
    // Checked again: another process may have loaded the demo while we were hashing.
    if (await hasProgrammes(trx)) return { loaded: false };
    const loader: Loader = {
      trx,
      passwordHash,
      organisations: new Map(),
      users: new Map(),
      audit: [],
      signIns: [],
      members: [],
    };
    await loadCommunityProgramme(loader, today);
    await loadTherapyProgramme(loader, today);
    await writeAuditTrail(loader);
    // After the backdated history: the plan is created "now", so its audit events follow it in time.
    await seedDemoTransition(trx, today);
    await seedDemoMeetings(trx, today);
    await seedDemoRaid(trx, today);
    await seedDemoDueDiligence(trx, today);
    await seedDemoStages(trx, today);
    // After the meetings and the RAID log: the gateway's decision was taken at the last steering group.
    await seedDemoGateways(trx, today);
    await seedDemoNotifications(trx, today);
    return { loaded: true, users: loader.signIns, password: DEMO_PASSWORD };
  });
}
