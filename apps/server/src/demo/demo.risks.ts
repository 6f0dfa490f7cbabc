import type { Executor } from '@baton/db';
import {
  DEFAULT_RISK_MATRIX,
  addDays,
  bandOf,
  can,
  derivedRiskColumns,
  isEscalated,
  nextReviewDate,
  riskReference,
  scoreOf,
  type TActionStatus,
  type TAssessment,
  type TEscalationTier,
  type TExpectedEffect,
  type TIsoDate,
  type TLevel,
  type TMembershipRole,
  type TProximity,
  type TRiskStatus,
  type TWorkstream,
} from '@baton/domain';

/**
 * The demo programme's risk register: about 45 risks across every category and organisation, each with a
 * history of fortnightly reviews reaching back up to six months, and the mitigation actions behind them.
 * Dates are counted from `today`, so the register is always "live": some reviews are overdue, some actions
 * slipped, and the last steering group (four weeks ago) has new, re-scored, escalated and closed risks to
 * discuss. Everything is deterministic for a given `today`; derived columns come from the domain functions.
 */

const MATRIX = DEFAULT_RISK_MATRIX;

export const DEMO_RISK_ORGANISATIONS = [
  'icb',
  'council',
  'wyebridge',
  'avonmere',
  'brightwater',
  'riverbank',
  'kingsmead',
  'svcp',
] as const;
export type TDemoRiskOrg = (typeof DEMO_RISK_ORGANISATIONS)[number];

export const DEMO_RISK_LOTS = ['Lot 1', 'Lot 2', 'Lot 3', 'Lot 4'] as const;
export type TDemoRiskLot = (typeof DEMO_RISK_LOTS)[number];

export interface DemoRiskMember {
  userId: string;
  organisationId: string;
  role: TMembershipRole;
  joinedOn: TIsoDate;
}

/** A risk event for the loader's audit trail, which writes every event in time order at the end. */
export interface DemoRiskAuditEvent {
  occurredAt: Date;
  action: 'create' | 'update';
  riskId: string;
  organisationId: string;
  actorUserId: string | null;
  summary: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
}

export interface DemoRiskContext {
  programmeId: string;
  today: TIsoDate;
  /** The community programme's organisations, with the date each was added to the tracker. */
  organisations: Record<TDemoRiskOrg, { id: string; joinedOn: TIsoDate }>;
  lotIds: Record<TDemoRiskLot, string>;
  /** The programme's members, with their organisation and the date they joined. */
  members: readonly DemoRiskMember[];
  recordAudit: (event: DemoRiskAuditEvent) => void;
}

// ---------------------------------------------------------------------------------------------------------
// The register, as the programme would write it

type Level = TLevel;
type Cell = readonly [Level, Level];
/** A current score over time: the first is the score when raised; each later one carries the review note. */
type Step = readonly [Level, Level] | readonly [Level, Level, string];
type ActionCode = 'todo' | 'doing' | 'done' | 'dropped';
/** [organisation doing it, due in days from today (negative: past), status, description, expected effect] */
type ActionSpec = readonly [TDemoRiskOrg, number, ActionCode, string, TExpectedEffect?];

interface RiskSpec {
  title: string;
  cause: string;
  event: string;
  effect: string;
  category: string;
  workstream: TWorkstream;
  lots: readonly TDemoRiskLot[];
  owner: TDemoRiskOrg;
  /** Which of the owning organisation's members owns it, when it has more than one. */
  ownerRole?: TMembershipRole;
  affected: readonly TDemoRiskOrg[];
  controls: string;
  gaps: string;
  initial: Cell;
  target: Cell;
  /** Days from today. */
  targetIn: number;
  proximity: TProximity;
  tier?: TEscalationTier;
  /** Days before today. */
  raised: number;
  path: readonly Step[];
  /** The last re-score happened since the last steering group (four weeks ago). */
  recent?: boolean;
  /** Left without a review for longer than its band allows. */
  overdue?: boolean;
  status?: 'draft' | 'open' | 'closed' | 'materialised';
  /** Closed or materialised: how many days ago, why, and the score it ended on if that changed. */
  ended?: { daysAgo: number; note: string; at?: Cell };
  actions: readonly ActionSpec[];
}

const RISKS: readonly RiskSpec[] = [
  // ----- Workforce and TUPE
  {
    title: 'Incomplete employee liability information from Wyebridge',
    cause:
      'Because the employee liability information (ELI) from Wyebridge is incomplete for bank, honorary and ' +
      'long-term-absent staff, and the ESR extract does not show which staff are assigned to Lots 1 and 4',
    event:
      'The incoming providers may not be able to confirm pay, pension and terms for all 412 staff in scope ' +
      'at least 28 days before transfer',
    effect:
      'Leading to TUPE claims, failure-to-notify awards of at least GBP 500 per employee, payroll errors in the ' +
      'first month and anxiety among transferring staff',
    category: 'workforce_tupe',
    workstream: 'workforce_tupe',
    lots: ['Lot 1', 'Lot 4'],
    owner: 'wyebridge',
    affected: ['kingsmead', 'svcp'],
    controls:
      'Weekly ELI tracker reviewed by the workforce workstream; ESR extract template agreed with both incoming ' +
      'providers; fortnightly HR leads call.',
    gaps: 'No agreed assignment list for staff who work across Lots 1 and 4 or in non-transferring corporate teams.',
    initial: [4, 4],
    target: [4, 1],
    targetIn: 45,
    proximity: 'one_to_3_months',
    raised: 80,
    path: [
      [4, 4],
      [4, 5, 'First ELI cut returned for 58% of staff; bank and honorary contracts missing entirely.'],
      [4, 4, 'Second extract received with bank staff included; assignment list still in draft.'],
      [4, 3, 'ELI now 91% complete and validated by Kingsmead; remaining gaps are long-term absence cases.'],
    ],
    recent: true,
    actions: [
      ['wyebridge', -45, 'done', 'Issue ESR-based ELI extract for all staff on the draft assignment list'],
      ['wyebridge', -10, 'doing', 'Complete ELI for bank and honorary staff and those on long-term absence'],
      [
        'kingsmead',
        14,
        'doing',
        'Validate ELI against Kingsmead payroll set-up and log pay protection queries',
      ],
      ['svcp', 14, 'todo', 'Validate ELI for intermediate care staff and confirm pension arrangements'],
      ['icb', 21, 'todo', 'Take assignment decisions for staff split across Lots 1 and 4 to steering group'],
    ],
  },
  {
    title: 'Measures letters and staff consultation start late',
    cause:
      'Because Kingsmead has not finalised the measures it envisages for integrating adult community nursing ' +
      'and mental health teams into its locality model',
    event:
      'Consultation with recognised unions under regulation 13 of TUPE may start too late for the ' +
      'commencement date',
    effect:
      'Leading to a delayed transfer or a challenge by staff-side, protective awards of up to 13 weeks’ pay per ' +
      'affected employee, and loss of staff goodwill',
    category: 'workforce_tupe',
    workstream: 'workforce_tupe',
    lots: ['Lot 1', 'Lot 2'],
    owner: 'kingsmead',
    affected: ['wyebridge', 'avonmere'],
    controls:
      'Joint consultative committee meets monthly; HR leads agreed a consultation timetable at award.',
    gaps: 'Measures not yet signed off by the Kingsmead executive; no date agreed for locality briefings.',
    initial: [4, 3],
    target: [4, 2],
    targetIn: 30,
    proximity: 'within_1_month',
    tier: 'corporate',
    raised: 75,
    path: [
      [4, 3],
      [4, 3],
      [4, 4, 'Staff-side told the joint consultative committee the measures are still unclear; escalated.'],
    ],
    recent: true,
    actions: [
      [
        'wyebridge',
        -40,
        'done',
        'Share recognised trade unions and facility-time arrangements with Kingsmead',
      ],
      [
        'kingsmead',
        -5,
        'doing',
        'Issue draft measures letter to Wyebridge and Avonmere staff-side representatives',
      ],
      ['avonmere', 7, 'todo', 'Confirm Avonmere staff-side representatives for the consultation'],
      [
        'kingsmead',
        10,
        'todo',
        'Hold joint consultation meetings with UNISON and the RCN at each locality base',
      ],
    ],
  },
  {
    title: 'Loss of specialist CAMHS eating disorder clinicians before transfer',
    cause:
      'Because of uncertainty about the move to a community interest company and a competing offer from a ' +
      'neighbouring trust',
    event:
      'Avonmere may lose specialist clinicians from the small CAMHS eating disorders team before the ' +
      'transfer date',
    effect: 'Leading to longer waits for urgent eating disorder assessment and reliance on agency clinicians',
    category: 'workforce_tupe',
    workstream: 'workforce_tupe',
    lots: ['Lot 3'],
    owner: 'avonmere',
    affected: ['svcp', 'brightwater'],
    controls: 'Retention conversations with each clinician; clinical supervision continues from Avonmere.',
    gaps: 'No retention payment available; SVCP cannot recruit until the contract starts.',
    initial: [4, 4],
    target: [4, 2],
    targetIn: 60,
    proximity: 'within_1_month',
    raised: 150,
    path: [
      [3, 4],
      [3, 4],
      [
        4,
        4,
        'Two resignations in the eating disorders team; urgent referrals being triaged by the duty clinician.',
      ],
      [4, 4],
    ],
    status: 'materialised',
    ended: {
      daysAgo: 20,
      note: 'Materialised: three of five clinicians have now left. Managed on the issues log with agency cover.',
      at: [4, 5],
    },
    actions: [
      [
        'avonmere',
        -60,
        'done',
        'Hold one-to-one retention conversations with every eating disorders clinician',
      ],
      ['svcp', -30, 'done', 'Share the SVCP clinical model and career offer with the CAMHS team'],
      ['avonmere', -21, 'done', 'Book agency cover for urgent eating disorder assessments'],
    ],
  },
  {
    title: 'NHS Pension Scheme access for staff transferring to SVCP',
    cause:
      'Because SVCP is a community interest company whose NHS Pension Scheme Direction has not yet been ' +
      'confirmed by the NHS Business Services Authority',
    event: 'Transferring staff may not be able to stay in the NHS Pension Scheme from the first day',
    effect:
      'Leading to staff objecting to the transfer, a trade dispute, and New Fair Deal pension liabilities for the ' +
      'incoming provider',
    category: 'workforce_tupe',
    workstream: 'workforce_tupe',
    lots: ['Lot 3', 'Lot 4'],
    owner: 'svcp',
    affected: ['wyebridge', 'avonmere', 'brightwater'],
    controls: 'Direction application submitted; contract requires New Fair Deal protection.',
    gaps: 'No written confirmation from NHSBSA; staff have not been briefed on the position.',
    initial: [5, 3],
    target: [5, 1],
    targetIn: 40,
    proximity: 'one_to_3_months',
    raised: 70,
    path: [
      [5, 3],
      [5, 2, 'NHSBSA acknowledged the Direction application and returned the employer checklist.'],
    ],
    actions: [
      ['svcp', -60, 'done', 'Submit NHS Pension Scheme Direction application to NHSBSA'],
      ['icb', -15, 'done', 'Write to NHSBSA confirming the contract requires New Fair Deal protection'],
      ['svcp', 20, 'doing', 'Confirm Direction status with NHSBSA and brief staff-side'],
      ['svcp', 50, 'todo', 'Set up employer pension contributions in the SVCP payroll', 'consequence'],
    ],
  },
  {
    title: 'Disputed assignment of staff working across 0-19 and CAMHS',
    cause:
      'Because many Brightwater practitioners split their time between the council-funded 0-19 service and ' +
      'CAMHS, and neither service has an up-to-date establishment',
    event: 'Staff may dispute whether they are assigned to the transferring service',
    effect:
      'Leading to employment tribunal claims and gaps in the 0-19 rota if staff are wrongly left behind',
    category: 'workforce_tupe',
    workstream: 'workforce_tupe',
    lots: ['Lot 3'],
    owner: 'brightwater',
    affected: ['svcp', 'council'],
    controls: 'Assignment principles agreed by both employers; individual letters to every member of staff.',
    gaps: 'None remaining once appeals are heard.',
    initial: [3, 4],
    target: [3, 2],
    targetIn: -10,
    proximity: 'one_to_3_months',
    raised: 160,
    path: [
      [3, 4],
      [3, 3, 'Assignment principles agreed by Brightwater and SVCP and shared with staff-side.'],
      [3, 2, 'Individual letters issued; four appeals lodged.'],
    ],
    status: 'closed',
    ended: { daysAgo: 6, note: 'Closed: all four appeals heard and assignment list agreed with staff-side.' },
    actions: [
      [
        'brightwater',
        -70,
        'done',
        'Publish assignment principles and send individual letters to staff in scope',
      ],
      ['svcp', -20, 'done', 'Set up a joint appeals panel for disputed assignments'],
      ['council', -30, 'dropped', 'Confirm the position of council-employed school nurses (none in scope)'],
    ],
  },
  {
    title: 'Overnight district nursing rota depends on bank staff who may not transfer',
    cause:
      'Because a third of Wyebridge’s overnight district nursing shifts are filled by its own bank staff',
    event: 'Kingsmead may not be able to staff the overnight service from the commencement date',
    effect:
      'Leading to missed end-of-life and catheter care visits overnight and avoidable ambulance call-outs',
    category: 'workforce_tupe',
    workstream: 'workforce_tupe',
    lots: ['Lot 1'],
    owner: 'kingsmead',
    affected: ['wyebridge'],
    controls: 'Kingsmead bank recruitment open to Wyebridge bank staff.',
    gaps: 'Size of the gap not yet modelled.',
    initial: [4, 3],
    target: [4, 2],
    targetIn: 90,
    proximity: 'three_to_6_months',
    raised: 9,
    path: [
      [4, 3],
      [4, 3, 'Drafted by Kingsmead; owner and scoring to be confirmed at the transition board.'],
    ],
    status: 'draft',
    actions: [
      ['kingsmead', 21, 'todo', 'Model the overnight rota using substantive staff only and size the gap'],
    ],
  },

  // ----- Estates and facilities
  {
    title: 'Landlord consent for Millbrook community hospital not in place',
    cause:
      'Because NHS Property Services must consent to an underlease of the Millbrook ward block and has asked ' +
      'for a dilapidations schedule first',
    event: 'SVCP may not have a legal right to occupy Millbrook on the commencement date',
    effect:
      'Leading to CQC being unable to register the location, step-down beds being unable to open and the ' +
      'transfer of Lot 4 being delayed',
    category: 'estates',
    workstream: 'estates_facilities',
    lots: ['Lot 4'],
    owner: 'svcp',
    affected: ['wyebridge', 'icb'],
    controls: 'Heads of terms agreed in principle; monthly estates workstream with NHS Property Services.',
    gaps: 'No dilapidations survey; no date for the underlease to complete.',
    initial: [4, 4],
    target: [4, 2],
    targetIn: 60,
    proximity: 'one_to_3_months',
    tier: 'corporate',
    raised: 72,
    path: [
      [4, 3],
      [4, 3],
      [
        4,
        4,
        'NHS Property Services now requires a dilapidations schedule before consenting; timetable at risk.',
      ],
    ],
    recent: true,
    actions: [
      [
        'wyebridge',
        -50,
        'done',
        'Share leases, licences and occupancy schedule for both community hospitals',
      ],
      ['svcp', -3, 'doing', 'Agree underlease heads of terms with NHS Property Services'],
      ['icb', 10, 'todo', 'Escalate the consent timetable to the NHS Property Services regional director'],
      ['wyebridge', 20, 'todo', 'Commission a joint dilapidations survey of the Millbrook ward block'],
      ['svcp', 35, 'todo', 'Submit CQC location variation for Millbrook once occupancy is confirmed'],
    ],
  },
  {
    title: 'Licence to occupy Orchard House for transferring adult teams',
    cause:
      'Because Wyebridge keeps Orchard House but three adult community teams transferring to Kingsmead are ' +
      'based there',
    event: 'Kingsmead teams may have no agreed right to occupy, or service charges may be disputed',
    effect: 'Leading to teams having to relocate at short notice and unbudgeted costs',
    category: 'estates',
    workstream: 'estates_facilities',
    lots: ['Lot 1'],
    owner: 'wyebridge',
    affected: ['kingsmead'],
    controls: 'Licence template agreed; floor plans marked with transferring teams.',
    gaps: 'Service charge apportionment and door-access arrangements outstanding.',
    initial: [3, 4],
    target: [3, 1],
    targetIn: 45,
    proximity: 'one_to_3_months',
    raised: 78,
    path: [
      [3, 3],
      [3, 3],
      [3, 2, 'Licence to occupy agreed in principle; only service charges remain.'],
    ],
    recent: true,
    actions: [
      [
        'wyebridge',
        -40,
        'done',
        'Produce floor plans showing space used by transferring teams at Orchard House',
      ],
      ['kingsmead', -12, 'done', 'Agree licence to occupy and service charge apportionment'],
      ['wyebridge', 30, 'doing', 'Separate network and door-access controls for Kingsmead-occupied floors'],
      ['kingsmead', 50, 'todo', 'Sign the licence to occupy with service charges agreed'],
    ],
  },
  {
    title: 'Partial assignment of the Riverside Health Centre LIFT lease',
    cause:
      'Because Avonmere holds a single head lease with Community Health Partnerships for Riverside Health ' +
      'Centre, which also houses services that are not transferring',
    event: 'The community mental health team’s space may not be assignable to Kingsmead in time',
    effect: 'Leading to the team staying under an informal arrangement, with legal and insurance exposure',
    category: 'estates',
    workstream: 'estates_facilities',
    lots: ['Lot 2'],
    owner: 'avonmere',
    affected: ['kingsmead', 'icb'],
    controls: 'Community Health Partnerships engaged; space schedule drafted.',
    gaps: 'No agreement on who pays the legal costs of varying the head lease.',
    initial: [3, 3],
    target: [3, 2],
    targetIn: 60,
    proximity: 'three_to_6_months',
    raised: 150,
    path: [
      [3, 3],
      [3, 4, 'Community Health Partnerships requires a head lease variation; legal fees not budgeted.'],
    ],
    overdue: true,
    actions: [
      ['avonmere', -50, 'done', 'Ask Community Health Partnerships for its position on partial assignment'],
      [
        'kingsmead',
        -20,
        'todo',
        'Confirm the space the adult community mental health team needs at Riverside',
      ],
      ['icb', 15, 'todo', 'Agree who funds the legal costs of the head lease variation'],
    ],
  },
  {
    title: 'Clinical equipment asset register incomplete',
    cause:
      'Because equipment at community bases is recorded on several local spreadsheets and some is leased ' +
      'rather than owned',
    event: 'Equipment may not transfer with the teams that use it, or leases may lapse at transfer',
    effect:
      'Leading to missing syringe drivers, pressure-relieving mattresses and bladder scanners on day one, and ' +
      'delayed care',
    category: 'estates',
    workstream: 'estates_facilities',
    lots: ['Lot 1', 'Lot 4'],
    owner: 'icb',
    ownerRole: 'transition_lead',
    affected: ['wyebridge', 'kingsmead', 'svcp'],
    controls: 'Asset register template agreed by the estates workstream.',
    gaps: 'Leased items and their novation not yet identified.',
    initial: [3, 3],
    target: [2, 2],
    targetIn: 75,
    proximity: 'three_to_6_months',
    raised: 84,
    path: [
      [3, 3],
      [2, 3, 'Lot 1 asset register reconciled; equipment is owned outright.'],
    ],
    actions: [
      ['wyebridge', -35, 'done', 'Provide the clinical equipment asset register for each base'],
      ['wyebridge', 10, 'doing', 'Identify leased equipment that needs novating to the incoming providers'],
      ['kingsmead', 40, 'todo', 'Confirm the maintenance contract for transferred equipment'],
      ['svcp', 40, 'todo', 'Confirm the maintenance contract for intermediate care equipment'],
    ],
  },
  {
    title: 'Loss of Elm Lodge children’s centre base',
    cause:
      'Because Brightwater’s licence for Elm Lodge, a council-owned children’s centre, ends with its contract',
    event: 'Health visiting and school nursing teams may lose their main base at transfer',
    effect: 'Leading to teams working from several temporary sites and families losing a familiar clinic',
    category: 'estates',
    workstream: 'estates_facilities',
    lots: ['Lot 3'],
    owner: 'council',
    affected: ['brightwater', 'svcp'],
    controls: 'Council property board asked to continue the licence to the incoming provider.',
    gaps: 'None remaining.',
    initial: [3, 3],
    target: [3, 1],
    targetIn: -40,
    proximity: 'three_to_6_months',
    raised: 140,
    path: [
      [3, 3],
      [3, 2, 'Cabinet member agreed in principle to continue the licence to the incoming provider.'],
      [3, 1, 'Council property board approved a five-year licence to SVCP.'],
    ],
    status: 'closed',
    ended: { daysAgo: 40, note: 'Closed: five-year licence to SVCP approved; no further action needed.' },
    actions: [
      ['council', -60, 'done', 'Take the licence request to the council property board'],
      ['svcp', -45, 'done', 'Accept the licence terms and confirm insurance cover'],
    ],
  },

  // ----- IT, data and records
  {
    title: 'Adult community records migration not tested before cutover',
    cause:
      'Because Wyebridge’s SystmOne unit holds caseloads with no named clinician and referrals that were never ' +
      'discharged',
    event: 'The migration of adult community records to Kingsmead may fail reconciliation at cutover',
    effect:
      'Leading to patients missing visits after go-live, duplicated records and re-keying during the cutover ' +
      'window',
    category: 'it_data',
    workstream: 'it_data_records',
    lots: ['Lot 1'],
    owner: 'kingsmead',
    affected: ['wyebridge'],
    controls: 'TPP migration slot booked; data quality dashboard shared weekly.',
    gaps: 'No trial migration yet; caseload cleansing not finished.',
    initial: [4, 4],
    target: [4, 1],
    targetIn: 100,
    proximity: 'three_to_6_months',
    raised: 76,
    path: [
      [4, 4],
      [4, 3, 'TPP migration slot booked for the cutover weekend; trial migration scheduled.'],
    ],
    actions: [
      ['kingsmead', -30, 'done', 'Book the TPP unit merge and migration slot'],
      ['wyebridge', 7, 'doing', 'Cleanse caseloads: discharge closed referrals and assign a named clinician'],
      ['kingsmead', 45, 'todo', 'Run a trial migration and reconcile record counts by team'],
      ['kingsmead', 90, 'todo', 'Agree the cutover plan, including the re-keying window'],
    ],
  },
  {
    title: 'RiO data extract for community mental health not available in time',
    cause:
      'Because the RiO supplier needs a signed work order and has quoted 16 weeks to produce a full extract, ' +
      'and Kingsmead records community mental health care in SystmOne',
    event:
      'Care plans, risk assessments and Mental Health Act records may not be migrated to Kingsmead before go-live',
    effect:
      'Leading to clinicians working without risk histories for people under the care programme approach, a ' +
      'serious patient safety risk, and a delayed commencement for Lot 2',
    category: 'it_data',
    workstream: 'it_data_records',
    lots: ['Lot 2'],
    owner: 'kingsmead',
    affected: ['avonmere', 'icb'],
    controls: 'Extract specification agreed; weekly call with the RiO supplier.',
    gaps: 'Work order unsigned; no funding agreed for an accelerated extract; mapping not started.',
    initial: [5, 4],
    target: [5, 1],
    targetIn: 90,
    proximity: 'one_to_3_months',
    tier: 'board_assurance',
    raised: 74,
    path: [
      [4, 4],
      [5, 4, 'RiO supplier quoted 16 weeks for the extract, outside the transition timetable.'],
    ],
    actions: [
      ['avonmere', -40, 'done', 'Request the extract specification and a quote from the RiO supplier'],
      ['avonmere', -6, 'doing', 'Sign the extract work order with the RiO supplier'],
      ['icb', -2, 'todo', 'Agree funding for an accelerated extract from the transition budget'],
      [
        'kingsmead',
        30,
        'todo',
        'Build and test the RiO to SystmOne mapping for care plans and risk assessments',
        'both',
      ],
      [
        'kingsmead',
        60,
        'todo',
        'Arrange 90-day read-only access to RiO for clinicians after go-live',
        'consequence',
      ],
    ],
  },
  {
    title: 'Single point of access telephone numbers cannot be ported',
    cause:
      'Because the single point of access and urgent response numbers sit on Wyebridge’s telephony contract',
    event: 'Published numbers may stop working or route to Wyebridge after transfer',
    effect: 'Leading to missed urgent referrals from GPs, ambulance crews and patients',
    category: 'it_data',
    workstream: 'it_data_records',
    lots: ['Lot 1', 'Lot 4'],
    owner: 'wyebridge',
    affected: ['kingsmead', 'svcp'],
    controls: 'Published numbers listed; telephony supplier engaged.',
    gaps: 'Porting request not yet made; no fallback divert agreed.',
    initial: [3, 3],
    target: [3, 1],
    targetIn: 75,
    proximity: 'three_to_6_months',
    raised: 60,
    path: [
      [3, 3],
      [3, 3, 'Numbers listed; supplier confirmed porting is possible with four weeks’ notice.'],
    ],
    actions: [
      ['wyebridge', -15, 'done', 'List every published phone number and the contract it sits on'],
      ['wyebridge', 25, 'todo', 'Request porting of the single point of access numbers'],
      ['svcp', 25, 'todo', 'Confirm call handling for the urgent community response line'],
    ],
  },
  {
    title: 'Smartcards and access profiles not ready for day one',
    cause:
      'Because SVCP has no registration authority of its own yet and position-based access is not mapped',
    event: 'Transferring staff may not be able to log in to clinical systems on the first day',
    effect: 'Leading to clinicians working without records and a paper fallback for the first week',
    category: 'it_data',
    workstream: 'it_data_records',
    lots: ['Lot 3', 'Lot 4'],
    owner: 'svcp',
    affected: ['brightwater', 'wyebridge', 'avonmere'],
    controls: 'Registration authority hosting offered by Kingsmead as an interim.',
    gaps: 'Sponsors not appointed; access profiles not mapped to roles.',
    initial: [4, 3],
    target: [4, 1],
    targetIn: 80,
    proximity: 'three_to_6_months',
    raised: 55,
    path: [
      [4, 3],
      [4, 3],
    ],
    actions: [
      ['svcp', -18, 'todo', 'Set up the SVCP registration authority and appoint sponsors'],
      ['brightwater', 20, 'todo', 'Provide the smartcard holder list with UUIDs for staff in scope'],
      ['svcp', 45, 'todo', 'Map position-based access profiles for every transferring role'],
      ['wyebridge', 30, 'todo', 'Provide the smartcard holder list for intermediate care staff'],
    ],
  },
  {
    title: 'Devices for transferring staff not ready for go-live',
    cause:
      'Because laptops and phones used by transferring staff are on Wyebridge and Avonmere networks and leases',
    event: 'Staff moving to Kingsmead may have no working device on the first day',
    effect: 'Leading to lost visit time, use of personal devices and data security breaches',
    category: 'it_data',
    workstream: 'it_data_records',
    lots: ['Lot 1', 'Lot 2'],
    owner: 'kingsmead',
    affected: ['wyebridge', 'avonmere'],
    controls: 'Device order placed; swap-out schedule drafted by base.',
    gaps: 'Delivery dates unconfirmed for the community mental health teams.',
    initial: [3, 4],
    target: [3, 1],
    targetIn: 60,
    proximity: 'one_to_3_months',
    raised: 65,
    path: [
      [3, 4],
      [3, 3, 'Order placed for 380 laptops and 410 phones.'],
      [3, 2, 'Device build signed off; delivery confirmed six weeks before go-live.'],
    ],
    recent: true,
    actions: [
      ['kingsmead', -50, 'done', 'Place the device order for transferring staff'],
      ['wyebridge', -20, 'done', 'Confirm which devices are owned and which are leased'],
      ['kingsmead', 40, 'doing', 'Build and image devices and arrange swap-out at each base'],
    ],
  },
  {
    title: 'Shared SystmOne unit holds records of services that are not transferring',
    cause:
      'Because Brightwater’s children’s services share a SystmOne unit with safeguarding and school-age ' +
      'immunisation records that are not transferring',
    event: 'The unit may not be split cleanly before migration to SVCP',
    effect:
      'Leading to SVCP receiving records it has no basis to hold, or losing safeguarding history for children ' +
      'it does care for',
    category: 'it_data',
    workstream: 'it_data_records',
    lots: ['Lot 3'],
    owner: 'brightwater',
    affected: ['svcp', 'council'],
    controls: 'TPP engaged on options for splitting the unit.',
    gaps: 'No decision on the data controller for school nursing records.',
    initial: [4, 3],
    target: [4, 1],
    targetIn: 75,
    proximity: 'one_to_3_months',
    tier: 'corporate',
    raised: 130,
    path: [
      [4, 3],
      [4, 4, 'Audit found safeguarding records of non-transferring services in the shared unit.'],
    ],
    overdue: true,
    actions: [
      ['brightwater', -25, 'todo', 'Separate safeguarding records of non-transferring services in the unit'],
      ['council', 14, 'todo', 'Confirm the data controller for school nursing records'],
      ['svcp', 30, 'todo', 'Agree the unit split approach with TPP'],
    ],
  },

  // ----- Clinical quality and safety
  {
    title: 'Inherited neurodevelopmental assessment waiting list',
    cause:
      'Because the neurodevelopmental assessment waiting list held by Brightwater and Avonmere has grown to ' +
      'over 2,000 children, most waiting more than a year',
    event: 'SVCP may inherit a waiting list it cannot safely manage or clear',
    effect:
      'Leading to harm from delayed diagnosis and support, complaints from families and schools, and ' +
      'reputational damage for all partners',
    category: 'clinical_quality',
    workstream: 'clinical_safety_caseload',
    lots: ['Lot 3'],
    owner: 'svcp',
    affected: ['brightwater', 'avonmere', 'icb', 'council'],
    controls: 'Validated patient-level list shared; clinical prioritisation agreed for urgent cases.',
    gaps: 'No agreed recovery trajectory or funding; harm review process not yet in place.',
    initial: [4, 4],
    target: [4, 3],
    targetIn: 120,
    proximity: 'within_1_month',
    tier: 'corporate',
    raised: 70,
    path: [
      [4, 4],
      [4, 5, 'Validated list shows 2,140 children waiting; 61% have waited over 52 weeks.'],
    ],
    actions: [
      [
        'brightwater',
        -45,
        'done',
        'Provide a validated patient-level waiting list for neurodevelopmental assessment',
      ],
      [
        'avonmere',
        -10,
        'todo',
        'Provide the CAMHS neurodevelopmental waiting list with clinical prioritisation',
      ],
      ['svcp', 30, 'doing', 'Agree a harm review process for children waiting over 52 weeks', 'consequence'],
      ['council', 30, 'todo', 'Brief the SEND partnership board on the transfer and waiting times'],
      ['icb', 120, 'todo', 'Agree a waiting list recovery trajectory and funding with SVCP'],
    ],
  },
  {
    title: 'Safeguarding continuity for children on child protection plans',
    cause: 'Because named nurse responsibilities for children on plans sit with Brightwater practitioners',
    event:
      'Children on child protection plans and looked-after children may have no named health professional for a ' +
      'period after transfer',
    effect: 'Leading to missed case conferences and health assessments, and serious harm to a child',
    category: 'clinical_quality',
    workstream: 'clinical_safety_caseload',
    lots: ['Lot 3'],
    owner: 'council',
    affected: ['brightwater', 'svcp'],
    controls: 'Named nurse handover protocol agreed; safeguarding partnership briefed.',
    gaps: 'Designated and named nurse posts at SVCP not yet recruited.',
    initial: [5, 3],
    target: [5, 1],
    targetIn: 60,
    proximity: 'three_to_6_months',
    raised: 120,
    path: [
      [5, 3],
      [5, 3],
      [5, 2, 'Named nurse handover protocol agreed by both providers.'],
    ],
    actions: [
      ['council', -30, 'done', 'Brief the local safeguarding children partnership on the transfer'],
      ['brightwater', 20, 'doing', 'List children on plans and looked-after children with their named nurse'],
      ['svcp', 40, 'todo', 'Confirm designated and named nurse posts are filled from day one', 'consequence'],
      ['brightwater', 50, 'todo', 'Hold handover meetings between named nurses for every child on a plan'],
    ],
  },
  {
    title: 'Handover of high-risk patients in crisis and home treatment',
    cause:
      'Because the crisis and home treatment team’s caseload changes daily and its risk information is in RiO',
    event: 'People under the crisis team may not have their risk and safety plans handed over safely',
    effect: 'Leading to self-harm or suicide of a patient during the transfer',
    category: 'clinical_quality',
    workstream: 'clinical_safety_caseload',
    lots: ['Lot 2'],
    owner: 'avonmere',
    affected: ['kingsmead'],
    controls:
      'Joint caseload reviews between Avonmere and Kingsmead consultants; daily huddle during cutover.',
    gaps: 'Follow-up protocol for patients discharged over the transfer weekend not yet agreed.',
    initial: [5, 3],
    target: [5, 1],
    targetIn: 90,
    proximity: 'three_to_6_months',
    raised: 145,
    path: [
      [5, 3],
      [5, 3],
      [5, 2, 'Joint review of the 40 highest-risk patients completed with Kingsmead consultants.'],
    ],
    recent: true,
    actions: [
      [
        'avonmere',
        -14,
        'done',
        'Review the crisis team caseload jointly with Kingsmead consultant psychiatrists',
      ],
      [
        'kingsmead',
        30,
        'todo',
        'Agree a 72-hour follow-up protocol for patients discharged over transfer weekend',
      ],
      ['avonmere', 60, 'todo', 'Hand over crisis care plans with safety plans attached', 'consequence'],
    ],
  },
  {
    title: 'Patient group directions not re-authorised by the incoming provider',
    cause:
      'Because 23 patient group directions and the controlled drug processes used by district nurses are ' +
      'authorised by Wyebridge',
    event: 'Nurses may not be able to administer medicines lawfully after transfer',
    effect: 'Leading to delayed end-of-life medication, vaccine and wound care, and medicines incidents',
    category: 'clinical_quality',
    workstream: 'clinical_safety_caseload',
    lots: ['Lot 1'],
    owner: 'kingsmead',
    affected: ['wyebridge', 'icb'],
    controls: 'PGD list received; Kingsmead medicines governance group scheduled.',
    gaps: 'Non-medical prescribers not yet registered with Kingsmead.',
    initial: [4, 3],
    target: [4, 1],
    targetIn: 60,
    proximity: 'one_to_3_months',
    raised: 50,
    path: [
      [4, 3],
      [4, 2, 'PGD list received; 23 need Kingsmead authorisation, none need rewriting.'],
    ],
    overdue: true,
    actions: [
      ['wyebridge', -30, 'done', 'List PGDs, controlled drug processes and non-medical prescribers'],
      ['kingsmead', 20, 'doing', 'Re-authorise PGDs through Kingsmead medicines governance'],
      ['kingsmead', 45, 'todo', 'Register non-medical prescribers against Kingsmead prescribing codes'],
    ],
  },
  {
    title: 'Open patient safety investigations at the point of transfer',
    cause: 'Because each outgoing provider has patient safety incident investigations still open',
    event: 'Investigations may stall or lose their learning when staff and services move',
    effect: 'Leading to families not receiving findings and repeat incidents under the new provider',
    category: 'clinical_quality',
    workstream: 'clinical_safety_caseload',
    lots: ['Lot 1', 'Lot 2', 'Lot 3', 'Lot 4'],
    owner: 'icb',
    ownerRole: 'transition_lead',
    affected: ['wyebridge', 'avonmere', 'brightwater', 'kingsmead', 'svcp'],
    controls: 'Providers report open investigations to the ICB quality team monthly.',
    gaps: 'No agreement on who completes an investigation that spans the transfer.',
    initial: [3, 3],
    target: [3, 2],
    targetIn: 90,
    proximity: 'three_to_6_months',
    raised: 12,
    path: [
      [3, 3],
      [3, 3, 'Drafted after the quality subgroup; to be confirmed by the steering group.'],
    ],
    status: 'draft',
    actions: [
      ['icb', 14, 'todo', 'List open patient safety investigations by provider and agree who completes each'],
    ],
  },

  // ----- Finance
  {
    title: 'Cost baseline for adult community and intermediate care not agreed',
    cause:
      'Because the bid prices for Lots 1 and 4 were built on activity data that does not match the services’ ' +
      'actual costs, as happened when the Cambridgeshire older people’s contract failed',
    event: 'The incoming providers may start the contracts with an unfunded gap',
    effect:
      'Leading to service reductions, a contract dispute in year one and, at worst, the early termination of a ' +
      'contract',
    category: 'finance',
    workstream: 'contracts_finance',
    lots: ['Lot 1', 'Lot 4'],
    owner: 'icb',
    affected: ['kingsmead', 'svcp', 'wyebridge'],
    controls: 'Open-book review of Lot 1 and Lot 4 costs; finance leads meet fortnightly.',
    gaps: 'Service-line costing for intermediate care beds not provided; no risk-share agreed.',
    initial: [4, 4],
    target: [4, 2],
    targetIn: 60,
    proximity: 'one_to_3_months',
    tier: 'board_assurance',
    raised: 165,
    path: [
      [4, 4],
      [4, 3, 'Open-book review of Lot 1 costs started; early findings broadly match the bid.'],
      [4, 3],
      [4, 4, 'Lot 4 review shows a GBP 1.1m a year gap between bid price and current cost.'],
    ],
    recent: true,
    actions: [
      ['icb', -20, 'done', 'Commission an open-book review of the Lot 1 and Lot 4 cost baseline'],
      ['wyebridge', -12, 'todo', 'Provide service-line costing for intermediate care beds'],
      ['svcp', 14, 'todo', 'Submit a revised Lot 4 financial plan with its activity assumptions'],
      ['kingsmead', 30, 'doing', 'Reconcile the Lot 1 activity baseline with SystmOne contact data'],
      ['icb', 30, 'todo', 'Agree a risk-share for activity above baseline in year one', 'consequence'],
    ],
  },
  {
    title: 'Reduction in council funding for the 0-19 service',
    cause: 'Because the council’s medium-term financial plan proposes a cut in public health grant spending',
    event: 'The 0-19 Healthy Child Programme budget within Lot 3 may fall after the contract starts',
    effect:
      'Leading to a contract variation, fewer health visitor contacts and strain on the joint commissioning',
    category: 'finance',
    workstream: 'contracts_finance',
    lots: ['Lot 3'],
    owner: 'council',
    affected: ['svcp', 'icb'],
    controls: 'Joint commissioning agreement requires six months’ notice of any funding change.',
    gaps: 'Budget for the first two contract years not confirmed.',
    initial: [3, 3],
    target: [3, 2],
    targetIn: 120,
    proximity: 'over_6_months',
    raised: 110,
    path: [
      [3, 3],
      [3, 4, 'Draft council budget proposes a 5% cut to public health grant spending.'],
    ],
    actions: [
      ['icb', 20, 'todo', 'Agree a joint approach to service changes if council funding falls'],
      ['council', 45, 'todo', 'Confirm the 0-19 budget for the first two contract years'],
      ['svcp', 115, 'todo', 'Model service options for a reduced 0-19 budget', 'consequence'],
    ],
  },
  {
    title: 'Transition costs exceed the one-off transition budget',
    cause:
      'Because legal, estates and data extract costs were not in the original GBP 2.4m transition estimate',
    event: 'Transition costs may exceed the budget the ICB board approved',
    effect: 'Leading to work being deferred past go-live or a further request to the ICB board',
    category: 'finance',
    workstream: 'contracts_finance',
    lots: ['Lot 1', 'Lot 2', 'Lot 3', 'Lot 4'],
    owner: 'icb',
    affected: ['wyebridge', 'avonmere', 'brightwater', 'kingsmead', 'svcp'],
    controls: 'Monthly transition cost returns from each provider; contingency of 10% held by the ICB.',
    gaps: 'Two providers have not submitted cost returns.',
    initial: [3, 4],
    target: [3, 2],
    targetIn: 60,
    proximity: 'one_to_3_months',
    raised: 170,
    path: [
      [3, 3],
      [3, 3],
      [3, 4, 'Legal costs for estates and the RiO extract were not in the original estimate.'],
      [3, 4],
    ],
    actions: [
      ['icb', -35, 'done', 'Set up a transition cost tracker with monthly returns from each provider'],
      ['avonmere', -5, 'todo', 'Submit the Avonmere transition cost return'],
      ['icb', 7, 'doing', 'Refresh the transition budget forecast for steering group'],
      ['wyebridge', 7, 'todo', 'Submit the Wyebridge transition cost return'],
    ],
  },
  {
    title: 'Stranded corporate costs at Wyebridge after transfer',
    cause:
      'Because Wyebridge loses all of its clinical services but keeps its estate, corporate staff and contracts',
    event: 'Wyebridge may be left with costs it has no income to cover after the transfer',
    effect:
      'Leading to a deficit for the trust, pressure on the system financial plan and delays to its wind-down',
    category: 'finance',
    workstream: 'contracts_finance',
    lots: ['Lot 1', 'Lot 4'],
    owner: 'wyebridge',
    affected: ['icb'],
    controls: 'Stranded costs quantified; regional finance team sighted.',
    gaps: 'No funding route agreed; wind-down plan not started.',
    initial: [4, 4],
    target: [4, 3],
    targetIn: 120,
    proximity: 'three_to_6_months',
    tier: 'corporate',
    raised: 75,
    path: [
      [4, 4],
      [4, 4, 'Stranded costs estimated at GBP 3.2m a year; NHS England regional team informed.'],
    ],
    overdue: true,
    actions: [
      ['wyebridge', -20, 'done', 'Quantify stranded corporate and estates costs after transfer'],
      ['icb', 30, 'todo', 'Agree with the NHS England regional team how stranded costs are funded'],
      [
        'wyebridge',
        110,
        'todo',
        'Plan the wind-down of corporate contracts such as payroll and occupational health',
      ],
    ],
  },
  {
    title: 'Agenda for Change pay award not reflected in the contract price',
    cause: 'Because the Lot 1 and Lot 2 prices were fixed before this year’s pay award was announced',
    event: 'The pay award for transferred staff may not be funded through the contract uplift',
    effect: 'Leading to an in-year cost pressure for Kingsmead and pressure to hold vacancies',
    category: 'finance',
    workstream: 'contracts_finance',
    lots: ['Lot 1', 'Lot 2'],
    owner: 'kingsmead',
    affected: ['icb'],
    controls: 'Contract allows an annual price uplift in line with the NHS Payment Scheme.',
    gaps: 'Cost of the award on the transferred workforce not modelled.',
    initial: [3, 3],
    target: [3, 2],
    targetIn: 90,
    proximity: 'over_6_months',
    raised: 40,
    path: [
      [3, 3],
      [3, 3],
      [3, 3],
    ],
    actions: [
      ['kingsmead', 30, 'todo', 'Model the cost of the pay award on the transferred workforce'],
      ['icb', 60, 'todo', 'Confirm the contract price uplift mechanism with the ICB finance team'],
      [
        'kingsmead',
        75,
        'todo',
        'Include the pay award in the Kingsmead two-year workforce plan',
        'consequence',
      ],
    ],
  },

  // ----- Procurement and legal
  {
    title: 'Legal challenge from an unsuccessful bidder',
    cause: 'Because four bidders took part in competitive dialogue and two lost every lot they bid for',
    event: 'An unsuccessful bidder may challenge the award during standstill',
    effect: 'Leading to automatic suspension of the award, months of delay and legal costs',
    category: 'procurement_legal',
    workstream: 'contracts_finance',
    lots: ['Lot 1', 'Lot 2', 'Lot 3', 'Lot 4'],
    owner: 'icb',
    affected: ['council'],
    controls: 'Legal review of the evaluation audit trail; moderation notes kept for every score.',
    gaps: 'None remaining.',
    initial: [5, 3],
    target: [5, 1],
    targetIn: -80,
    proximity: 'one_to_3_months',
    raised: 178,
    path: [
      [5, 3],
      [5, 3],
      [5, 2, 'Debriefs issued with scores and reasons; no letter before action received.'],
      [5, 1, 'Standstill ended without challenge.'],
    ],
    status: 'closed',
    ended: { daysAgo: 60, note: 'Closed: contracts awarded and the period for a challenge has passed.' },
    actions: [
      ['icb', -150, 'done', 'Obtain legal review of the evaluation audit trail before intention to award'],
      ['icb', -120, 'done', 'Issue debrief letters with scores and reasons to every bidder'],
    ],
  },
  {
    title: 'ISAP checkpoint 2 not passed before contract signature',
    cause: 'Because NHS England must assure this as a novel and complex contract before it is signed',
    event: 'Checkpoint 2 assurance may not be given in time for contract award',
    effect: 'Leading to a later award, a shorter transition period and pressure on the commencement date',
    category: 'procurement_legal',
    workstream: 'contracts_finance',
    lots: ['Lot 1', 'Lot 2', 'Lot 3', 'Lot 4'],
    owner: 'icb',
    affected: ['council'],
    controls: 'Evidence pack prepared with the regional ISAP team.',
    gaps: 'None remaining.',
    initial: [4, 3],
    target: [4, 1],
    targetIn: -95,
    proximity: 'one_to_3_months',
    raised: 175,
    path: [
      [4, 3],
      [4, 3],
      [4, 2, 'ISAP panel raised two clarifications on the financial model; both answered.'],
    ],
    status: 'closed',
    ended: { daysAgo: 97, note: 'Closed: NHS England confirmed checkpoint 2 assurance.' },
    actions: [
      ['icb', -140, 'done', 'Submit the checkpoint 2 evidence pack to NHS England'],
      ['icb', -110, 'done', 'Answer the ISAP panel’s clarification questions'],
    ],
  },
  {
    title: 'ISAP checkpoint 3 assurance not achieved before commencement',
    cause: 'Because mobilisation evidence from both incoming providers is incomplete',
    event: 'NHS England may not give checkpoint 3 assurance before the service commencement date',
    effect: 'Leading to a delayed commencement and the outgoing contracts having to be extended',
    category: 'procurement_legal',
    workstream: 'contracts_finance',
    lots: ['Lot 1', 'Lot 2', 'Lot 3', 'Lot 4'],
    owner: 'icb',
    affected: ['kingsmead', 'svcp'],
    controls: 'Mobilisation assurance framework agreed with the regional ISAP team.',
    gaps: 'Evidence on workforce, IT and CQC registration not yet submitted.',
    initial: [5, 3],
    target: [5, 1],
    targetIn: 90,
    proximity: 'three_to_6_months',
    raised: 100,
    path: [
      [4, 3],
      [4, 3],
      [4, 3],
    ],
    actions: [
      ['kingsmead', 21, 'todo', 'Provide mobilisation assurance evidence on workforce, IT and CQC'],
      ['svcp', 21, 'todo', 'Provide mobilisation assurance evidence on workforce, estates and CQC'],
      ['icb', 30, 'doing', 'Submit the checkpoint 3 evidence pack to NHS England'],
      ['icb', -8, 'done', 'Agree the checkpoint 3 timetable with the regional ISAP team'],
    ],
  },
  {
    title: 'Novation of the peer support and recovery college subcontract',
    cause:
      'Because Riverbank’s subcontract with Avonmere has no novation clause and Kingsmead first proposed to ' +
      're-tender it',
    event: 'Peer support and the recovery college may stop at transfer',
    effect:
      'Leading to a gap in recovery support for people leaving secondary care and loss of a VCSE partner',
    category: 'procurement_legal',
    workstream: 'contracts_finance',
    lots: ['Lot 2'],
    owner: 'riverbank',
    affected: ['avonmere', 'kingsmead'],
    controls: 'Subcontract and variation history shared; commissioners support continuity.',
    gaps: 'New subcontract not yet issued.',
    initial: [3, 3],
    target: [3, 2],
    targetIn: 45,
    proximity: 'one_to_3_months',
    raised: 135,
    path: [
      [3, 3],
      [3, 4, 'Subcontract has no novation clause; Kingsmead proposes to re-tender.'],
      [3, 4],
      [3, 3, 'Kingsmead agreed a 12-month direct award to Riverbank on current terms.'],
    ],
    recent: true,
    actions: [
      ['avonmere', -30, 'done', 'Share the Riverbank subcontract and its variation history'],
      ['kingsmead', -7, 'doing', 'Issue a 12-month subcontract to Riverbank on current terms'],
      ['riverbank', 14, 'todo', 'Confirm the employment position of peer workers (not transferring)'],
    ],
  },
  {
    title: 'CQC registration for bedded intermediate care not granted in time',
    cause:
      'Because SVCP must register new regulated activities and locations, and has no registered manager for ' +
      'the bedded units yet',
    event: 'CQC may not grant registration before the commencement date',
    effect:
      'Leading to SVCP being unable to run the step-up and step-down beds lawfully, and Lot 4 not starting',
    category: 'procurement_legal',
    workstream: 'cqc_registration',
    lots: ['Lot 3', 'Lot 4'],
    owner: 'svcp',
    affected: ['icb', 'wyebridge'],
    controls: 'Registration application submitted; fortnightly contact with the CQC inspector.',
    gaps: 'Registered manager not appointed; no contingency if registration is late.',
    initial: [5, 3],
    target: [5, 1],
    targetIn: 60,
    proximity: 'one_to_3_months',
    tier: 'corporate',
    raised: 68,
    path: [
      [5, 3],
      [5, 4, 'CQC asked for further evidence on the registered manager for the bedded units.'],
      [5, 4],
    ],
    actions: [
      [
        'svcp',
        -30,
        'done',
        'Submit the CQC application for regulated activities at both community hospitals',
      ],
      ['svcp', -4, 'doing', 'Appoint a registered manager for bedded intermediate care'],
      ['svcp', 20, 'todo', 'Respond to the CQC request for further information'],
      [
        'icb',
        30,
        'todo',
        'Agree a contingency if registration is not granted before the longstop date',
        'consequence',
      ],
    ],
  },

  // ----- Engagement and reputation
  {
    title: 'Public and political concern about the transfer of children’s services',
    cause:
      'Because a local MP and campaign groups have described the award of Lot 3 to a community interest ' +
      'company as privatisation',
    event: 'Negative media coverage and a referral by the health scrutiny committee may follow',
    effect: 'Leading to loss of public confidence, staff anxiety and delays while a referral is considered',
    category: 'engagement_reputation',
    workstream: 'communications_engagement',
    lots: ['Lot 3'],
    owner: 'icb',
    affected: ['svcp', 'council'],
    controls: 'Briefings for MPs and the health scrutiny committee; agreed lines for media enquiries.',
    gaps: 'Patient and family FAQs not yet published.',
    initial: [3, 4],
    target: [3, 2],
    targetIn: 60,
    proximity: 'one_to_3_months',
    raised: 172,
    path: [
      [3, 4],
      [3, 4],
      [3, 3, 'Health scrutiny committee noted the transition plan without a referral.'],
    ],
    actions: [
      ['icb', -60, 'done', 'Brief local MPs and the health overview and scrutiny committee'],
      ['icb', 14, 'doing', 'Publish FAQs on the transfer for patients and families'],
      ['council', 30, 'todo', 'Report transition progress to the Health and Wellbeing Board'],
      ['svcp', 21, 'todo', 'Hold drop-in sessions for families with the SVCP children’s services lead'],
    ],
  },
  {
    title: 'Inconsistent messages to staff across five organisations',
    cause: 'Because three outgoing and two incoming providers each brief their own staff',
    event: 'Staff may hear conflicting or early information about the changes',
    effect: 'Leading to rumours, falling morale, resignations and a loss of trust in the new providers',
    category: 'engagement_reputation',
    workstream: 'communications_engagement',
    lots: ['Lot 1', 'Lot 2', 'Lot 3', 'Lot 4'],
    owner: 'icb',
    ownerRole: 'transition_lead',
    affected: ['wyebridge', 'avonmere', 'brightwater', 'kingsmead', 'svcp'],
    controls: 'Joint communications protocol with a single sign-off route; joint staff briefing pack.',
    gaps: 'Locality roadshows not scheduled; team leaders not all using the briefing pack.',
    initial: [3, 4],
    target: [3, 2],
    targetIn: 45,
    proximity: 'within_1_month',
    raised: 80,
    path: [
      [3, 4],
      [3, 3, 'Joint staff briefing pack agreed by all five organisations.'],
      [3, 4, 'A leaked draft of the Kingsmead locality model circulated on social media.'],
    ],
    recent: true,
    actions: [
      ['icb', -40, 'done', 'Agree a joint communications protocol and sign-off route'],
      ['wyebridge', -3, 'todo', 'Cascade the joint briefing through Wyebridge team leaders'],
      ['kingsmead', 5, 'todo', 'Hold staff roadshows at Wyebridge and Avonmere bases'],
      ['svcp', 5, 'doing', 'Publish a welcome pack for staff transferring to SVCP'],
    ],
  },
  {
    title: 'Patients not told about their change of provider',
    cause: 'Because about 14,000 people are on open adult community and mental health caseloads',
    event: 'Patients and carers may not know who provides their care or how to contact them after transfer',
    effect: 'Leading to missed appointments, calls to the wrong provider and complaints',
    category: 'engagement_reputation',
    workstream: 'communications_engagement',
    lots: ['Lot 1', 'Lot 2'],
    owner: 'kingsmead',
    affected: ['wyebridge', 'avonmere'],
    controls: 'Patient letter approved with Healthwatch; easy-read version in production.',
    gaps: 'Address list not yet shared under the data sharing agreement.',
    initial: [3, 3],
    target: [2, 2],
    targetIn: 60,
    proximity: 'one_to_3_months',
    raised: 60,
    path: [
      [3, 3],
      [2, 3, 'Letter template approved by the patient panel and Healthwatch.'],
    ],
    actions: [
      ['icb', -25, 'done', 'Approve the patient letter with Healthwatch'],
      ['wyebridge', 30, 'todo', 'Provide the open caseload address list under the data sharing agreement'],
      ['kingsmead', 50, 'todo', 'Send change-of-provider letters with easy-read versions'],
    ],
  },
  {
    title: 'Families confused about the CAMHS referral route during transition',
    cause: 'Because CAMHS referrals go to Avonmere and Brightwater through different routes',
    event: 'Families, GPs and schools may not know where to refer during the transition',
    effect: 'Leading to delayed referrals and complaints through Healthwatch',
    category: 'engagement_reputation',
    workstream: 'communications_engagement',
    lots: ['Lot 3'],
    owner: 'svcp',
    affected: ['avonmere', 'brightwater', 'icb'],
    controls: 'None yet.',
    gaps: 'No single referral route published.',
    initial: [2, 4],
    target: [2, 2],
    targetIn: 60,
    proximity: 'within_1_month',
    raised: 8,
    path: [
      [2, 4],
      [2, 4, 'Raised after Healthwatch feedback; to be confirmed at the transition board.'],
    ],
    status: 'draft',
    actions: [
      [
        'svcp',
        14,
        'todo',
        'Publish a single CAMHS referral route and share it with GP practices and schools',
      ],
    ],
  },

  // ----- Service continuity
  {
    title: 'Step-down bed closures at Millbrook before transfer',
    cause: 'Because nursing staff are leaving the Millbrook wards ahead of the transfer',
    event: 'Intermediate care beds may close before SVCP takes over',
    effect: 'Leading to delayed discharges from the acute hospital and patients losing rehabilitation',
    category: 'service_continuity',
    workstream: 'clinical_safety_caseload',
    lots: ['Lot 4'],
    owner: 'svcp',
    affected: ['wyebridge', 'council', 'icb'],
    controls: 'Minimum safe staffing agreed for Millbrook; daily bed state shared with the system.',
    gaps: 'Vacancies cannot be filled by SVCP before the contract starts.',
    initial: [4, 4],
    target: [4, 2],
    targetIn: 60,
    proximity: 'within_1_month',
    tier: 'corporate',
    raised: 77,
    path: [
      [4, 3],
      [4, 4, 'Six beds at Millbrook closed for staffing.'],
      [4, 4],
      [4, 5, 'Two more beds closed; delayed discharges from the acute trust are rising.'],
    ],
    recent: true,
    actions: [
      ['wyebridge', -21, 'done', 'Agree minimum safe staffing for the Millbrook beds until transfer'],
      ['svcp', -10, 'doing', 'Recruit to Millbrook ward vacancies with start dates from transfer'],
      ['council', 7, 'doing', 'Increase home-based reablement capacity to offset the bed closures'],
      ['icb', 14, 'todo', 'Agree an escalation plan with the acute trust for delayed discharges'],
    ],
  },
  {
    title: 'Urgent community response disrupted on go-live day',
    cause:
      'Because the two-hour urgent community response runs around the clock and changes provider at midnight',
    event: 'Referrals made around the cutover may be lost or answered late',
    effect: 'Leading to avoidable admissions and harm to people who have fallen or deteriorated at home',
    category: 'service_continuity',
    workstream: 'clinical_safety_caseload',
    lots: ['Lot 4'],
    owner: 'svcp',
    affected: ['wyebridge'],
    controls: 'Go-live runbook in draft.',
    gaps: 'No cutover rehearsal with the ambulance service and GP out-of-hours.',
    initial: [4, 3],
    target: [4, 1],
    targetIn: 100,
    proximity: 'three_to_6_months',
    raised: 22,
    path: [
      [4, 3],
      [4, 3, 'Runbook outline agreed; rehearsal to be booked.'],
    ],
    actions: [
      ['svcp', 60, 'todo', 'Write the go-live day runbook for urgent community response'],
      ['wyebridge', 60, 'todo', 'Provide rotas and on-call arrangements for the transfer weekend'],
      ['svcp', 80, 'todo', 'Run a cutover rehearsal with the ambulance service and GP out-of-hours'],
    ],
  },
  {
    title: 'Brightwater unable to continue services until transfer',
    cause: 'Because Brightwater is a small community interest company losing its only NHS contract',
    event: 'Brightwater may be unable to keep services running until the transfer date',
    effect: 'Leading to an unplanned early transfer of children’s services and gaps in care',
    category: 'service_continuity',
    workstream: 'contracts_finance',
    lots: ['Lot 3'],
    owner: 'brightwater',
    affected: ['svcp', 'council', 'icb'],
    controls: 'Monthly cash-flow forecast; payment profile agreed with the ICB.',
    gaps: 'No step-in plan if Brightwater exits early.',
    initial: [5, 3],
    target: [5, 1],
    targetIn: 90,
    proximity: 'one_to_3_months',
    raised: 155,
    path: [
      [5, 3],
      [5, 2, 'Brightwater board confirmed going-concern assurance to the transfer date.'],
    ],
    actions: [
      ['brightwater', -50, 'done', 'Provide a cash-flow forecast to the transfer date'],
      ['icb', -40, 'done', 'Agree a monthly payment profile to support Brightwater’s cash flow'],
      ['svcp', 20, 'todo', 'Prepare a step-in plan in case Brightwater exits early', 'consequence'],
    ],
  },
  {
    title: 'Digital therapy licences for Talking Therapies lapse before transfer',
    cause: 'Because Avonmere’s contract for the digital CBT platform ends before the transfer date',
    event: 'Patients may lose access to digital therapy part-way through treatment',
    effect: 'Leading to longer waits for therapist-led treatment and missed access targets',
    category: 'service_continuity',
    workstream: 'contracts_finance',
    lots: ['Lot 2'],
    owner: 'avonmere',
    affected: ['kingsmead', 'icb'],
    controls: 'Supplier engaged on a short extension.',
    gaps: 'Supplier would not extend at the current price.',
    initial: [3, 3],
    target: [3, 1],
    targetIn: -30,
    proximity: 'within_1_month',
    raised: 125,
    path: [
      [3, 3],
      [3, 4, 'Supplier gave notice of a price increase for any extension.'],
      [3, 5, 'Supplier confirmed the licences end before transfer.'],
    ],
    status: 'materialised',
    ended: {
      daysAgo: 40,
      note: 'Materialised: licences lapsed. Patients moved to guided self-help; managed on the issues log.',
    },
    actions: [
      ['avonmere', -70, 'done', 'Ask the supplier for a short extension to the transfer date'],
      ['kingsmead', -45, 'dropped', 'Procure a replacement platform before transfer (superseded)'],
    ],
  },
  {
    title: 'Go-live coincides with peak seasonal demand',
    cause: 'Because the service commencement date falls at the end of the winter period',
    event: 'The transfer may happen while the system is at its highest escalation level',
    effect: 'Leading to staff being pulled from transition tasks and unsafe discharges during the cutover',
    category: 'service_continuity',
    workstream: 'clinical_safety_caseload',
    lots: ['Lot 1', 'Lot 4'],
    owner: 'icb',
    ownerRole: 'transition_lead',
    affected: ['kingsmead', 'svcp'],
    controls: 'Go/no-go gate before commencement.',
    gaps: 'Go/no-go criteria do not yet include system escalation level.',
    initial: [4, 3],
    target: [4, 2],
    targetIn: 90,
    proximity: 'three_to_6_months',
    raised: 82,
    path: [
      [4, 3],
      [4, 3],
      [4, 3],
    ],
    overdue: true,
    actions: [
      ['icb', 30, 'todo', 'Add system escalation level to the go/no-go criteria for commencement'],
      ['kingsmead', 45, 'todo', 'Plan a staggered go-live for non-urgent Lot 1 services'],
      ['svcp', 45, 'todo', 'Confirm additional capacity funding for the go-live weeks'],
    ],
  },
  {
    title: 'Supplies of dressings and continence products not set up for SVCP',
    cause: 'Because SVCP has no supply chain ordering set up and usage data sits with the outgoing providers',
    event: 'Teams may run out of dressings and continence products in the first weeks',
    effect: 'Leading to delayed wound care and patients buying their own supplies',
    category: 'service_continuity',
    workstream: 'contracts_finance',
    lots: ['Lot 3', 'Lot 4'],
    owner: 'svcp',
    affected: ['wyebridge', 'brightwater'],
    controls: 'NHS Supply Chain account opened.',
    gaps: 'Ordering for each base not yet set up.',
    initial: [3, 3],
    target: [3, 1],
    targetIn: 60,
    proximity: 'three_to_6_months',
    raised: 20,
    path: [
      [3, 3],
      [3, 2, 'NHS Supply Chain account opened; catalogue being set up.'],
    ],
    recent: true,
    actions: [
      ['svcp', -10, 'done', 'Open an NHS Supply Chain customer account'],
      ['svcp', 30, 'doing', 'Set up ordering for dressings and continence products at each base'],
      ['wyebridge', 45, 'todo', 'Provide 12 months of consumables usage by team'],
    ],
  },

  // ----- Information governance
  {
    title: 'No lawful basis for sharing staff and patient data before transfer',
    cause:
      'Because ELI, caseload and waiting list data must flow to the incoming providers before they are responsible',
    event: 'Personal data may be shared without a data sharing agreement in place',
    effect: 'Leading to a reportable data breach and ICO action',
    category: 'information_governance',
    workstream: 'information_governance',
    lots: ['Lot 1', 'Lot 2', 'Lot 3', 'Lot 4'],
    owner: 'icb',
    ownerRole: 'transition_lead',
    affected: ['wyebridge', 'avonmere', 'brightwater', 'kingsmead', 'svcp'],
    controls: 'Transition data sharing agreement signed by every provider.',
    gaps: 'None remaining.',
    initial: [4, 3],
    target: [4, 1],
    targetIn: -10,
    proximity: 'within_1_month',
    raised: 83,
    path: [
      [4, 3],
      [4, 2, 'Four of five providers have signed the data sharing agreement.'],
      [4, 1, 'All five providers have signed; data flows logged.'],
    ],
    status: 'closed',
    ended: { daysAgo: 10, note: 'Closed: data sharing agreements signed by every provider and logged.' },
    actions: [
      ['icb', -70, 'done', 'Draft the transition data sharing agreement'],
      ['avonmere', -55, 'done', 'Sign the transition data sharing agreement'],
      ['brightwater', -30, 'done', 'Sign the transition data sharing agreement'],
    ],
  },
  {
    title: 'SVCP Data Security and Protection Toolkit not at standards met',
    cause: 'Because SVCP’s Data Security and Protection Toolkit is published as approaching standards',
    event: 'SVCP may not meet the go-live condition for receiving patient records',
    effect: 'Leading to a delayed data migration for Lots 3 and 4',
    category: 'information_governance',
    workstream: 'information_governance',
    lots: ['Lot 3', 'Lot 4'],
    owner: 'svcp',
    affected: ['icb'],
    controls: 'Improvement plan accepted by NHS England.',
    gaps: 'Data security training not complete for transferring staff.',
    initial: [4, 4],
    target: [4, 1],
    targetIn: 60,
    proximity: 'one_to_3_months',
    raised: 66,
    path: [
      [4, 4],
      [4, 4],
      [4, 3, 'DSPT improvement plan accepted by NHS England.'],
    ],
    recent: true,
    actions: [
      ['svcp', -20, 'done', 'Submit the DSPT improvement plan'],
      ['svcp', 30, 'doing', 'Complete data security training for all transferring staff at induction'],
      ['svcp', 45, 'todo', 'Republish the DSPT at standards met'],
    ],
  },
  {
    title: 'DPIA and clinical safety case for records migration not completed',
    cause: 'Because no clinical safety officer has been appointed for the migration at Kingsmead',
    event: 'The DPIA and DCB0160 clinical safety case may not be complete by go-live',
    effect: 'Leading to go-live without assurance that migrated records are safe to use',
    category: 'information_governance',
    workstream: 'information_governance',
    lots: ['Lot 1', 'Lot 2'],
    owner: 'kingsmead',
    affected: ['avonmere', 'wyebridge'],
    controls: 'Migration DPIA template agreed.',
    gaps: 'No clinical safety officer; hazard log not started.',
    initial: [4, 3],
    target: [4, 1],
    targetIn: 75,
    proximity: 'one_to_3_months',
    raised: 58,
    path: [
      [4, 3],
      [4, 3],
    ],
    overdue: true,
    actions: [
      ['kingsmead', -15, 'todo', 'Complete the DPIA for migrating community and mental health records'],
      ['kingsmead', 40, 'todo', 'Appoint a clinical safety officer and complete the DCB0160 safety case'],
      ['avonmere', 30, 'todo', 'Provide the RiO hazard log and known data quality issues'],
    ],
  },
  {
    title: 'Custody of closed records after Wyebridge is wound down',
    cause:
      'Because Wyebridge will have no services after transfer and holds closed paper and electronic records',
    event: 'No organisation may be responsible for closed records and subject access requests',
    effect: 'Leading to breaches of retention rules and unanswered subject access requests',
    category: 'information_governance',
    workstream: 'information_governance',
    lots: ['Lot 1', 'Lot 4'],
    owner: 'wyebridge',
    affected: ['kingsmead', 'svcp', 'icb'],
    controls: 'Records catalogued by service.',
    gaps: 'Successor custodian not decided.',
    initial: [3, 4],
    target: [3, 1],
    targetIn: 90,
    proximity: 'three_to_6_months',
    raised: 70,
    path: [
      [3, 4],
      [3, 3, 'Options paper on the successor custodian went to steering group.'],
    ],
    actions: [
      ['wyebridge', -25, 'done', 'Catalogue paper and electronic records held by each service'],
      ['icb', 40, 'todo', 'Decide the successor custodian for Wyebridge’s closed records'],
      ['kingsmead', 100, 'todo', 'Agree how subject access requests for pre-transfer records are handled'],
    ],
  },
];

/** What a review that changes nothing says, by category. */
const STEADY_NOTES: Record<string, readonly string[]> = {
  workforce_tupe: [
    'Reviewed with the HR leads: actions on track, score unchanged.',
    'No change; staff-side updated at the joint consultative committee.',
  ],
  estates: [
    'No change; estates workstream still awaiting the landlord’s response.',
    'Reviewed at the estates workstream: no movement this period.',
  ],
  it_data: [
    'Reviewed at the digital workstream: no change to scoring.',
    'No change; supplier dates unchanged.',
  ],
  clinical_quality: [
    'Reviewed by the quality subgroup: no change.',
    'Clinical leads reviewed the position; score held.',
  ],
  finance: ['Finance leads reviewed the forecast: no change.', 'No change; awaiting month-end figures.'],
  procurement_legal: [
    'No change; legal advice still awaited.',
    'Reviewed with the procurement lead: no change.',
  ],
  engagement_reputation: [
    'No change; communications leads monitoring.',
    'Reviewed at the communications cell: score held.',
  ],
  service_continuity: [
    'Operational leads reviewed: no change this period.',
    'No change; daily sitrep shows a stable position.',
  ],
  information_governance: ['IG leads reviewed: no change.', 'No change; awaiting sign-off by the SIRO.'],
};
const GENERIC_STEADY_NOTES = [
  'Reviewed at the transition board: actions on track, score unchanged.',
  'No change. Controls operating; waiting on open actions before re-scoring.',
  'Score held: mitigation progressing but likelihood not yet reduced.',
];

// ---------------------------------------------------------------------------------------------------------
// Turning the register into rows

/** Mulberry32: a tiny seeded generator, so the demo is the same every time it is loaded for a given day. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const ACTION_STATUS: Record<ActionCode, TActionStatus> = {
  todo: 'not_started',
  doing: 'in_progress',
  done: 'done',
  dropped: 'cancelled',
};

/** The steering group met four weeks ago: "what changed since" compares against this date. */
export const DEMO_STEERING_GROUP_DAYS_AGO = 28;
/** Risk reviews happen at the fortnightly transition board, the latest three days ago. */
const MEETING_EVERY_DAYS = 14;
const LAST_MEETING_DAYS_AGO = 3;
const MEETINGS = 14;

const max = (a: TIsoDate, b: TIsoDate): TIsoDate => (a > b ? a : b);
const min = (a: TIsoDate, b: TIsoDate): TIsoDate => (a < b ? a : b);
const cell = (c: readonly [Level, Level] | readonly [Level, Level, string]): TAssessment => ({
  consequence: c[0],
  likelihood: c[1],
});

interface PlannedHistory {
  effectiveOn: TIsoDate;
  kind: 'raised' | 'review' | 'edit';
  current: TAssessment;
  score: number;
  status: TRiskStatus;
  escalated: boolean;
  note: string;
  /** The risk's last review date once this row is written. */
  lastReviewedOn: TIsoDate;
  auditSummary: string;
}

interface PlannedAction {
  description: string;
  organisationId: string;
  ownerUserId: string | null;
  dueDate: TIsoDate;
  status: TActionStatus;
  expectedEffect: TExpectedEffect;
  completedOn: TIsoDate | null;
  createdOn: TIsoDate;
}

export interface PlannedRisk {
  number: number;
  title: string;
  cause: string;
  event: string;
  effect: string;
  categoryKey: string;
  workstream: TWorkstream;
  ownerUserId: string;
  owningOrganisationId: string;
  controls: string;
  gaps: string;
  status: TRiskStatus;
  initial: TAssessment;
  current: TAssessment;
  target: TAssessment;
  targetDate: TIsoDate;
  proximity: TProximity;
  escalationTier: TEscalationTier;
  raisedOn: TIsoDate;
  lastReviewedOn: TIsoDate;
  lotIds: string[];
  affectedOrganisationIds: string[];
  history: PlannedHistory[];
  actions: PlannedAction[];
}

/**
 * The whole register as plain data, without touching the database: what `seedDemoRisks` writes. Pure and
 * deterministic for a given context, so tests can check it for any `today`.
 */
export function planDemoRisks(ctx: Omit<DemoRiskContext, 'recordAudit'>): PlannedRisk[] {
  const { today } = ctx;
  const steeringGroup = addDays(today, -DEMO_STEERING_GROUP_DAYS_AGO);
  const yesterday = addDays(today, -1);
  const org = (key: TDemoRiskOrg) => ctx.organisations[key];

  const editors = (key: TDemoRiskOrg) =>
    ctx.members.filter((m) => m.organisationId === org(key).id && can(m.role, 'items.editOwn'));
  const programmeLead = ctx.members.find(
    (m) => m.organisationId === org('icb').id && m.role === 'programme_admin',
  );
  if (!programmeLead) throw new Error('The demo risk register needs an ICB programme admin to own risks');
  /** A member of the owning organisation who may edit its risks, else the ICB programme lead. */
  const ownerOf = (key: TDemoRiskOrg, role?: TMembershipRole): DemoRiskMember => {
    const candidates = editors(key);
    return candidates.find((m) => m.role === role) ?? candidates[0] ?? programmeLead;
  };

  return RISKS.map((spec, index): PlannedRisk => {
    const number = index + 1;
    const ref = riskReference(number);
    // One generator per risk: editing one risk leaves the others' dates and notes as they were.
    const random = prng(20_251_118 + number * 7_919);
    const owner = ownerOf(spec.owner, spec.ownerRole);
    // Nobody raises a risk before they, or the organisation that owns it, joined the tracker.
    const raisedOn = max(
      addDays(today, -spec.raised),
      addDays(max(owner.joinedOn, org(spec.owner).joinedOn), 1),
    );
    const status = spec.status ?? 'open';
    const ended = spec.ended ? addDays(today, -spec.ended.daysAgo) : null;
    const path = spec.path.map(cell);
    const last = path[path.length - 1]!;
    const lastScore = scoreOf(last);
    const liveStatus: TRiskStatus = status === 'draft' ? 'draft' : 'open';

    // Review dates: the fortnightly meetings since the risk was raised, less often for lower bands.
    const jitter = Array.from({ length: MEETINGS }, () => Math.floor(random() * 4) - 2);
    const meetingOn = (k: number) =>
      addDays(today, -(LAST_MEETING_DAYS_AGO + MEETING_EVERY_DAYS * k) + jitter[k]!);
    const overdueBy = addDays(today, -2);
    // The first review is at a meeting a few days after the risk was raised, or the next day if that is all there is.
    const meetingsAfter = (days: number) => {
      const ks: number[] = [];
      for (let k = 0; k < MEETINGS; k++) {
        const on = min(meetingOn(k), yesterday);
        if (on < addDays(raisedOn, days)) continue;
        if (ended && on >= ended) continue;
        if (spec.overdue && nextReviewDate(on, lastScore, MATRIX) >= overdueBy) continue;
        ks.push(k);
      }
      return ks;
    };
    const settled = meetingsAfter(5);
    const eligible = settled.length ? settled : meetingsAfter(1);
    const strides: Record<string, number> = { extreme: 1, high: 2, moderate: 2, low: 3 };
    const stride = strides[bandOf(lastScore, MATRIX).key] ?? 2;
    const chosen: number[] = [];
    for (const k of eligible)
      if (chosen.length === 0 || k - chosen[chosen.length - 1]! >= stride) chosen.push(k);
    let reviews = chosen.map((k) => min(meetingOn(k), yesterday)).reverse();
    // A risk always has at least one review after it was raised (a draft is looked at once at least).
    if (reviews.length === 0) reviews = [min(addDays(raisedOn, 2), ended ? addDays(ended, -1) : yesterday)];
    const n = reviews.length;

    // Which review each re-score happened at: the last one since the steering group if `recent`, else before it.
    let lastSlot = n;
    if (status === 'open' && !spec.overdue && !spec.recent) {
      const before = reviews.filter((d) => d < steeringGroup).length;
      if (before > 0) lastSlot = before;
    } else if (spec.recent && n >= 2 && reviews[n - 2]! >= steeringGroup && random() < 0.4) {
      lastSlot = n - 1;
    }
    const changes = path.slice(1);
    const kept = changes.slice(Math.max(0, changes.length - lastSlot));
    const keptNotes = spec.path.slice(1).slice(Math.max(0, changes.length - lastSlot));
    const slotOf = new Map<number, number>();
    kept.forEach((_, i) => slotOf.set(Math.round(((i + 1) * lastSlot) / kept.length), i));

    const history: PlannedHistory[] = [];
    const at = (
      effectiveOn: TIsoDate,
      kind: PlannedHistory['kind'],
      current: TAssessment,
      rowStatus: TRiskStatus,
      note: string,
      lastReviewedOn: TIsoDate,
      auditSummary: string,
    ) => {
      const score = scoreOf(current);
      history.push({
        effectiveOn,
        kind,
        current,
        score,
        status: rowStatus,
        escalated: isEscalated(score, MATRIX),
        note,
        lastReviewedOn,
        auditSummary,
      });
    };
    at(raisedOn, 'raised', path[0]!, liveStatus, '', raisedOn, `${ref} raised: ${spec.title}`);
    let current = path[0]!;
    const steady = [...(STEADY_NOTES[spec.category] ?? []), ...GENERIC_STEADY_NOTES];
    reviews.forEach((on, j) => {
      const change = slotOf.get(j + 1);
      const before = scoreOf(current);
      let note: string;
      if (change !== undefined) {
        current = kept[change]!;
        const step = keptNotes[change]!;
        note = step[2] ?? steady[Math.floor(random() * steady.length)]!;
      } else {
        note = steady[Math.floor(random() * steady.length)]!;
      }
      at(
        on,
        'review',
        current,
        liveStatus,
        note,
        on,
        `${ref} reviewed: current score ${before} → ${scoreOf(current)}`,
      );
    });
    const lastReviewedOn = reviews[n - 1]!;
    if (ended && spec.ended) {
      const final = spec.ended.at ? cell(spec.ended.at) : current;
      const fields = scoreOf(final) !== scoreOf(current) ? 'status, current' : 'status';
      current = final;
      at(ended, 'edit', current, status, spec.ended.note, lastReviewedOn, `${ref} updated (${fields})`);
    }

    const actions = spec.actions.map(([key, dueIn, code, description, effect]): PlannedAction => {
      const createdOn = raisedOn;
      const dueDate = max(addDays(today, dueIn), addDays(raisedOn, 7));
      const actionStatus = ACTION_STATUS[code];
      const shift = Math.floor(random() * 10) - 6;
      const completedOn =
        actionStatus === 'done' ? max(min(addDays(dueDate, shift), yesterday), addDays(raisedOn, 1)) : null;
      const doer = editors(key).find((m) => m.userId === owner.userId) ?? editors(key)[0];
      return {
        description,
        organisationId: org(key).id,
        ownerUserId: doer?.userId ?? null,
        dueDate,
        status: actionStatus,
        expectedEffect: effect ?? 'likelihood',
        completedOn,
        createdOn,
      };
    });

    return {
      number,
      title: spec.title,
      cause: spec.cause,
      event: spec.event,
      effect: spec.effect,
      categoryKey: spec.category,
      workstream: spec.workstream,
      ownerUserId: owner.userId,
      owningOrganisationId: org(spec.owner).id,
      controls: spec.controls,
      gaps: spec.gaps,
      status,
      initial: cell(spec.initial),
      current,
      target: cell(spec.target),
      targetDate: max(addDays(today, spec.targetIn), raisedOn),
      proximity: spec.proximity,
      escalationTier: spec.tier ?? 'programme',
      raisedOn,
      lastReviewedOn,
      lotIds: spec.lots.map((lot) => ctx.lotIds[lot]),
      affectedOrganisationIds: spec.affected.filter((a) => a !== spec.owner).map((a) => org(a).id),
      history,
      actions,
    };
  });
}

/**
 * A moment on a day for a demo change. Many risks are reviewed at the same meeting, so each change that day
 * is two minutes after the last; the odd seconds keep clear of the rest of the demo's on-the-minute events.
 */
function clock(): (date: TIsoDate) => Date {
  const used = new Map<TIsoDate, number>();
  return (date) => {
    const n = used.get(date) ?? 0;
    used.set(date, n + 1);
    const stamp = Date.parse(`${date}T12:00:07Z`) + n * 2 * 60_000;
    // Today's changes happened before the demo was loaded, never "in 4 hours": within the last hour.
    const now = Date.now();
    return new Date(stamp > now - 60_000 ? now - 3_600_000 + n * 20_000 : stamp);
  };
}

/**
 * Writes the community programme's risk register inside the loader's transaction: risks, their lots and
 * affected organisations, the history of every review, and mitigation actions, one statement per table.
 * Audit events go to `ctx.recordAudit`, so the loader can write the whole trail in time order.
 */
export async function seedDemoRisks(trx: Executor, ctx: DemoRiskContext): Promise<void> {
  const planned = planDemoRisks(ctx);
  const time = clock();
  // Stamp every change in the order it happened, across risks, so timestamps on one day follow the meeting.
  const stamps = new Map<PlannedHistory, Date>();
  planned
    .flatMap((r) => r.history.map((h, i) => ({ r, h, i })))
    .sort((a, b) => a.h.effectiveOn.localeCompare(b.h.effectiveOn) || a.r.number - b.r.number || a.i - b.i)
    .forEach(({ h }) => stamps.set(h, time(h.effectiveOn)));
  const stampOf = (h: PlannedHistory): Date => stamps.get(h)!;

  const inserted = await trx
    .insertInto('risks')
    .values(
      planned.map((r) => {
        const derived = derivedRiskColumns(r, MATRIX);
        return {
          programme_id: ctx.programmeId,
          number: r.number,
          title: r.title,
          cause: r.cause,
          event: r.event,
          effect: r.effect,
          category_key: r.categoryKey,
          workstream: r.workstream,
          owner_user_id: r.ownerUserId,
          owning_organisation_id: r.owningOrganisationId,
          controls: r.controls,
          gaps: r.gaps,
          status: r.status,
          initial_consequence: r.initial.consequence,
          initial_likelihood: r.initial.likelihood,
          initial_score: derived.initialScore,
          current_consequence: r.current.consequence,
          current_likelihood: r.current.likelihood,
          current_score: derived.currentScore,
          target_consequence: r.target.consequence,
          target_likelihood: r.target.likelihood,
          target_score: derived.targetScore,
          target_date: r.targetDate,
          proximity: r.proximity,
          escalation_tier: r.escalationTier,
          escalated: derived.escalated,
          raised_on: r.raisedOn,
          last_reviewed_on: r.lastReviewedOn,
          next_review_on: derived.nextReviewOn,
          created_by: r.ownerUserId,
          created_at: stampOf(r.history[0]!),
          updated_at: stampOf(r.history[r.history.length - 1]!),
          // Every change after the first bumped the version, as the app's edits do.
          version: r.history.length,
        };
      }),
    )
    .returningAll()
    .execute();
  const rowOf = new Map(inserted.map((row) => [row.number, row]));
  const idOf = (r: PlannedRisk) => rowOf.get(r.number)!.id;

  await trx
    .insertInto('risk_lots')
    .values(planned.flatMap((r) => r.lotIds.map((lot_id) => ({ risk_id: idOf(r), lot_id }))))
    .execute();
  await trx
    .insertInto('risk_affected_organisations')
    .values(
      planned.flatMap((r) =>
        r.affectedOrganisationIds.map((organisation_id) => ({ risk_id: idOf(r), organisation_id })),
      ),
    )
    .execute();

  // History in time order across the register, so ids rise with time as they would for real reviews.
  const history = planned
    .flatMap((r) => r.history.map((h) => ({ r, h })))
    .sort((a, b) => stampOf(a.h).getTime() - stampOf(b.h).getTime());
  await trx
    .insertInto('risk_history')
    .values(
      history.map(({ r, h }) => ({
        risk_id: idOf(r),
        programme_id: ctx.programmeId,
        effective_on: h.effectiveOn,
        recorded_at: stampOf(h),
        recorded_by: r.ownerUserId,
        kind: h.kind,
        consequence: h.current.consequence,
        likelihood: h.current.likelihood,
        score: h.score,
        status: h.status,
        escalated: h.escalated,
        note: h.note,
      })),
    )
    .execute();

  await trx
    .insertInto('mitigation_actions')
    .values(
      planned.flatMap((r) =>
        r.actions.map((a) => {
          const createdAt = new Date(Date.parse(`${a.createdOn}T12:30:00Z`));
          const changedAt = a.completedOn ? new Date(Date.parse(`${a.completedOn}T16:00:00Z`)) : createdAt;
          return {
            programme_id: ctx.programmeId,
            risk_id: idOf(r),
            description: a.description,
            owner_user_id: a.ownerUserId,
            organisation_id: a.organisationId,
            due_date: a.dueDate,
            status: a.status,
            expected_effect: a.expectedEffect,
            evidence: '',
            completed_on: a.completedOn,
            created_at: createdAt,
            updated_at: a.status === 'not_started' ? createdAt : changedAt,
            version: a.status === 'not_started' ? 1 : 2,
          };
        }),
      ),
    )
    .execute();

  await trx
    .updateTable('programmes')
    .set({ next_risk_number: planned.length + 1 })
    .where('id', '=', ctx.programmeId)
    .execute();

  // The risk as it stood after each change: what the audit trail shows before and after.
  for (const r of planned) {
    const row = rowOf.get(r.number)!;
    let before: Record<string, unknown> | null = null;
    r.history.forEach((h, i) => {
      const after: Record<string, unknown> = {
        ...row,
        current_consequence: h.current.consequence,
        current_likelihood: h.current.likelihood,
        current_score: h.score,
        status: h.status,
        escalated: h.escalated,
        last_reviewed_on: h.lastReviewedOn,
        next_review_on: nextReviewDate(h.lastReviewedOn, h.score, MATRIX),
        updated_at: stampOf(h),
        version: i + 1,
      };
      ctx.recordAudit({
        occurredAt: stampOf(h),
        action: h.kind === 'raised' ? 'create' : 'update',
        riskId: row.id,
        organisationId: r.owningOrganisationId,
        actorUserId: r.ownerUserId,
        summary: h.auditSummary,
        before,
        after,
      });
      before = after;
    });
  }
}
