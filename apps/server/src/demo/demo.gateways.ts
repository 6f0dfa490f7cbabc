import {
  findGateway,
  insertDocument,
  insertGateway,
  insertGatewayEvidence,
  insertRaidItem,
  listGatewayDomains,
  moderateGatewayTarget,
  recordAudit,
  setGatewayStatus,
  updateRaidItem,
  upsertGatewayRating,
  type Database,
  type TAuditAudience,
  type TGatewayRow,
  type TRaidRow,
  type TRaidWrite,
} from '@baton/db';
import {
  addDays,
  GATEWAY_RATING_LABELS,
  GATEWAY_RECOMMENDATION_LABELS,
  GATEWAY_STATUS_LABELS,
  GATEWAY_TEMPLATE,
  RAID_KIND_LABELS,
  raidProblems,
  raidReference,
  rollUpDomainRating,
  type TGatewayRating,
  type TIsoDate,
  type TRaidKind,
} from '@baton/domain';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { DEMO_STEERING_GROUP_DAYS_AGO } from './demo.risks';

/*
 * The demo's assurance gateways, on the community programme (issue 15). Kingsmead's alliance with Riverbank for
 * community mental health (Lot 2) went through its readiness gateway before the last steering group, which
 * decided to progress it with three conditions (one met, one overdue, one open); Severn Vale Community
 * Partnership's gateway for Lots 3 and 4 is in panel scoring, the transition lead part-way through and the
 * council's panel member not yet started. Written through the repositories with the audit events the API's
 * procedures record (gateway.service.ts, raid.service.ts), as the other demo modules do; events are recorded on
 * the day the demo loads, rows carry the story's dates. Fictional, realistic in shape; dates relative to today.
 */

type TMark = 'A' | 'P' | 'N';
const RATING: Record<TMark, TGatewayRating> = { A: 'assured', P: 'partially_assured', N: 'not_assured' };

interface TCriterionSpec {
  /** One rating and comment per panel member, in the panel's order. */
  panel: Array<[TMark, string]>;
  agreed: TMark;
  reasons: string;
}
/** The Suffolk template's domains, in order; a domain's agreed rating is its weakest criterion's. */
interface TDomainSpec {
  reasons: string;
  criteria: TCriterionSpec[];
}

const PANEL = [
  'helen.marsh@severnvale-icb.example',
  'tom.okafor@severnvale-icb.example',
  'priya.raman@severnvale-council.example',
];

const ALLIANCE: TDomainSpec[] = [
  {
    reasons:
      'Partially assured: both partners are committed at board level, but the risk and gain share schedule is not yet drafted.',
    criteria: [
      {
        panel: [
          [
            'A',
            'Heads of terms signed by Kingsmead and Riverbank; the full agreement is with both solicitors.',
          ],
          ['A', 'Heads of terms cover scope, governance and exit, consistent with the Lot 2 specification.'],
          ['A', 'Agreed in principle; the council’s reablement link is referenced in the heads of terms.'],
        ],
        agreed: 'A',
        reasons: 'Heads of terms signed by both partners (evidence log). The panel was unanimous.',
      },
      {
        panel: [
          ['A', 'The Kingsmead board and the Riverbank trustees both minuted their approval.'],
          ['A', 'Board minutes seen; the outcomes match the Lot 2 outcomes framework.'],
          ['A', 'Endorsed by both boards, with lived experience representatives at the trustees’ meeting.'],
        ],
        agreed: 'A',
        reasons: 'Both boards’ minutes are in the evidence log. The panel was unanimous.',
      },
      {
        panel: [
          ['P', 'Principles agreed, but the risk and gain share schedule is still being drafted.'],
          [
            'P',
            'Gain share on the Talking Therapies targets is clear; how losses on the crisis pathway fall is not.',
          ],
          ['A', 'Both partners explained the principles clearly at the panel interview.'],
        ],
        agreed: 'P',
        reasons:
          'The principles are understood by both partners, but the schedule that makes them binding is not drafted. ' +
          'Assured only once the alliance agreement is signed with its schedule (condition 1).',
      },
    ],
  },
  {
    reasons: 'Assured: leadership named, the governance framework in place and KPI reporting tested.',
    criteria: [
      {
        panel: [
          ['A', 'Director of community mental health appointed; starts a month before transfer.'],
          ['A', 'The leadership chart names every service lead from day one.'],
          ['A', 'A single point of accountability; she has already met the council’s AMHP lead.'],
        ],
        agreed: 'A',
        reasons: 'Named director and service leads in post or appointed before transfer.',
      },
      {
        panel: [
          ['A', 'Kingsmead’s framework extended to the alliance, with a joint quality group.'],
          ['A', 'Incident reporting and learning from deaths routes described for the peer support service.'],
          ['P', 'Framework described, but I have not seen the alliance quality group’s terms of reference.'],
        ],
        agreed: 'A',
        reasons:
          'The quality group’s terms of reference were supplied at moderation (evidence log); the framework meets ' +
          'the specification.',
      },
      {
        panel: [
          ['A', 'KPI dashboard designed; two months of shadow reporting tested against Avonmere’s returns.'],
          ['A', 'Shadow reports reconcile with the current provider’s MHSDS submissions within 2%.'],
          ['A', 'The dashboard covers the council’s section 75 measures as well.'],
        ],
        agreed: 'A',
        reasons: 'Designed and tested in shadow form. The panel was unanimous.',
      },
    ],
  },
  {
    reasons:
      'Assured: the service model and the clinical transfer protocol are sound; data migration is rated under IT.',
    criteria: [
      {
        panel: [
          ['A', 'Pathways follow the community mental health framework and the specification.'],
          ['A', 'Crisis and home treatment model unchanged at transfer; redesign phased after month six.'],
          ['A', 'Primary care network practitioners and peer support fit together well.'],
        ],
        agreed: 'A',
        reasons: 'Consistent with the Lot 2 specification; no concerns raised.',
      },
      {
        panel: [
          ['A', 'Clinical transfer protocol agreed with Avonmere, case by case for high-risk patients.'],
          ['P', 'The protocol is good, but a safe transfer depends on the data migration (see IT).'],
          ['A', 'Care coordinators transfer with their caseloads, which keeps continuity.'],
        ],
        agreed: 'A',
        reasons:
          'The clinical protocol is assured; the data migration it depends on is rated under IT, not counted twice.',
      },
      {
        panel: [
          [
            'A',
            'Named safeguarding leads in post; the partnership’s business manager confirmed the arrangements.',
          ],
          ['A', 'Open safeguarding cases will be handed over at joint visits.'],
          [
            'A',
            'Meets the safeguarding adults board’s requirements; the council’s safeguarding team is content.',
          ],
        ],
        agreed: 'A',
        reasons: 'Confirmed with the safeguarding partnership. The panel was unanimous.',
      },
    ],
  },
  {
    reasons:
      'Partially assured: consultation and pensions are in hand, but the employee liability information is late and incomplete.',
    criteria: [
      {
        panel: [
          ['A', 'Measures letter issued; joint consultation with staff side under way.'],
          ['A', 'Fortnightly joint forum with Avonmere, Kingsmead and the staff side representatives.'],
          ['A', 'The consultation plan includes the staff seconded to the council.'],
        ],
        agreed: 'A',
        reasons: 'Consultation plan agreed with the outgoing provider and staff side.',
      },
      {
        panel: [
          [
            'P',
            'Only the headline staff list so far; Avonmere’s letter promises the full ELI later than planned.',
          ],
          ['P', 'ELI arriving late: pension status and the staff seconded to the council are the gaps.'],
          ['P', 'Within the statutory 28 days, but later than the date agreed in the transfer plan.'],
        ],
        agreed: 'P',
        reasons:
          'Employee liability information received late and incomplete (pension status and seconded staff missing). ' +
          'Partially assured until the complete ELI has been received and reviewed by Kingsmead HR (condition 2).',
      },
      {
        panel: [
          ['A', 'Kingsmead is an NHS employer: transferring staff keep their NHS Pension Scheme membership.'],
          ['A', 'No staff transfer to Riverbank, so no admission agreement is needed.'],
          ['A', 'Confirmed; the seconded staff stay in the Local Government Pension Scheme.'],
        ],
        agreed: 'A',
        reasons: 'NHS Pension Scheme access confirmed for every transferring member of staff.',
      },
    ],
  },
  {
    reasons:
      'Assured: registration confirmed, escalation routes defined and information governance in place.',
    criteria: [
      {
        panel: [
          ['A', 'Kingsmead’s registration varied to add the three community mental health team bases.'],
          ['A', 'CQC confirmed the variation; no new regulated activities are needed.'],
          ['A', 'Confirmation letter seen.'],
        ],
        agreed: 'A',
        reasons: 'Registration confirmed for every location (evidence log).',
      },
      {
        panel: [
          ['A', 'The mobilisation board reports monthly to the Kingsmead board and to this steering group.'],
          ['A', 'Escalation to the ICB within 48 hours for anything that threatens the transfer date.'],
          ['A', 'Clear routes; the council’s director is invited to the mobilisation board.'],
        ],
        agreed: 'A',
        reasons: 'Board assurance and escalation routes defined. The panel was unanimous.',
      },
      {
        panel: [
          ['A', 'DSPT standards met for both partners.'],
          ['P', 'The data sharing agreement with Avonmere for the migration is still in draft.'],
          ['A', 'DSPT published; privacy notices drafted for patients.'],
        ],
        agreed: 'A',
        reasons:
          'The data sharing agreement was signed before moderation (evidence log); DSPT standards met by both partners.',
      },
    ],
  },
  {
    reasons:
      'Partially assured: the data migration plan is not yet tested end to end; devices, access and interoperability are assured.',
    criteria: [
      {
        panel: [
          ['P', 'Kingsmead’s RiO instance chosen; migration test 1 reconciled 97% of caseloads.'],
          ['N', 'Test 1 left 3% of caseloads unreconciled and test 2 has not run: the plan is not tested.'],
          ['P', 'System chosen and the approach is sound; the testing is not finished.'],
        ],
        agreed: 'P',
        reasons:
          'Moderated up from one not assured: the 3% not reconciled in test 1 were traced to duplicate records in the ' +
          'current system, and test 2 is scheduled with the fix. Partially assured on condition that test 2 passes ' +
          'and the clinical safety officer signs the migration plan off (condition 3).',
      },
      {
        panel: [
          ['A', 'Devices and smartcards transfer with staff; HSCN connection in place at every base.'],
          ['P', 'Smartcard re-issue for 96 staff needs a date from the registration authority.'],
          ['A', 'The IT plan covers day-one access for every transferring member of staff.'],
        ],
        agreed: 'A',
        reasons:
          'The registration authority confirmed the smartcard dates at moderation; the rest is in place.',
      },
      {
        panel: [
          ['A', 'RiO already exchanges with GP systems through GP Connect.'],
          [
            'A',
            'Discharge summaries from Severn Vale General arrive through the shared care record, as now.',
          ],
          ['A', 'Confirmed with the ICB’s digital team.'],
        ],
        agreed: 'A',
        reasons: 'Interoperability confirmed. The panel was unanimous.',
      },
    ],
  },
  {
    reasons:
      'Partially assured: the plan and communications are in place; licences for two of the three bases are outstanding.',
    criteria: [
      {
        panel: [
          ['A', 'Plan v0.3 has milestones, owners and a critical path through the data migration.'],
          ['A', 'Matches the transition plan in Baton, with two weeks’ slack on the critical path.'],
          ['A', 'Includes the milestones for the council’s reablement interface.'],
        ],
        agreed: 'A',
        reasons: 'Mobilisation plan v0.3 meets the criterion (evidence log).',
      },
      {
        panel: [
          [
            'P',
            'One base agreed (council-owned); licences for the two NHS Property Services bases outstanding.',
          ],
          ['P', 'NHSPS has agreed heads of terms for one base only, with no date for the other.'],
          ['P', 'The council lease for the Millbrook base is agreed; the NHSPS bases are the gap.'],
        ],
        agreed: 'P',
        reasons:
          'Licences for two of the three bases are outstanding. Tracked on the risk register with the landlord ' +
          'consent risk rather than as a condition: NHS Property Services is not a party to the gateway.',
      },
      {
        panel: [
          ['A', 'Letters to patients and GP practices drafted, as the steering group approved.'],
          ['A', 'Staff FAQs and briefings scheduled.'],
          ['A', 'Local Healthwatch consulted on the patient letter.'],
        ],
        agreed: 'A',
        reasons: 'Communications plan in place. The panel was unanimous.',
      },
    ],
  },
  {
    reasons:
      'Assured: affordable within the contract value, mobilisation funded and financial standing sound.',
    criteria: [
      {
        panel: [
          ['A', 'The model balances within the Lot 2 value in every year.'],
          ['A', 'Pay costs use the headline staff numbers; to be refreshed when the full ELI arrives.'],
          ['A', 'The council’s section 75 contribution is correctly reflected.'],
        ],
        agreed: 'A',
        reasons: 'Affordable within the contract value (evidence log).',
      },
      {
        panel: [
          ['A', '£640,000 of mobilisation costs identified and funded by Kingsmead.'],
          ['A', 'Includes the data migration and smartcard costs.'],
          ['P', 'The council’s share of mobilisation costs for the seconded staff is not yet agreed.'],
        ],
        agreed: 'A',
        reasons:
          'The council confirmed at moderation that it has no share: the seconded staff’s costs stay within the ' +
          'section 75 agreement.',
      },
      {
        panel: [
          ['A', 'Kingsmead’s accounts and oversight segment reviewed; no guarantee needed.'],
          [
            'A',
            'Riverbank’s accounts show three months’ reserves; its subcontract is paid monthly in advance.',
          ],
          ['A', 'No concerns.'],
        ],
        agreed: 'A',
        reasons: 'Financial standing assured for both partners.',
      },
    ],
  },
];

/** Evidence logged by the ICB: `criterion` is [domain, criterion] in the template; days are before today. */
const ALLIANCE_EVIDENCE: Array<{
  description: string;
  providedBy: string;
  receivedAgo: number;
  criterion: [number, number];
  reference?: string;
  notes?: string;
  file?: { name: string; content: string };
}> = [
  {
    description: 'Alliance agreement heads of terms, signed by Kingsmead and Riverbank',
    providedBy: 'Kingsmead Health and Care NHS Foundation Trust',
    receivedAgo: 62,
    criterion: [0, 0],
    reference: 'KHC-ALL-HOT-02',
  },
  {
    description: 'Board minutes approving the alliance: Kingsmead board and Riverbank trustees',
    providedBy: 'Kingsmead Health and Care NHS Foundation Trust; Riverbank Wellbeing Collective',
    receivedAgo: 58,
    criterion: [0, 1],
  },
  {
    description: 'Financial model and mobilisation cost schedule for Lot 2',
    providedBy: 'Kingsmead Health and Care NHS Foundation Trust',
    receivedAgo: 52,
    criterion: [7, 0],
  },
  {
    description: 'Mobilisation plan v0.3',
    providedBy: 'Kingsmead Health and Care NHS Foundation Trust',
    receivedAgo: 50,
    criterion: [6, 0],
    notes: 'Milestone summary attached; the full plan is in the transition plan.',
    file: {
      name: 'Lot 2 mobilisation plan v0.3 - milestones.txt',
      content: [
        'Kingsmead Health and Care / Riverbank Wellbeing Collective: Lot 2 mobilisation plan v0.3 (milestones)',
        '',
        'M1  Alliance agreement signed (with risk and gain share schedule)   Owner: Kingsmead director of strategy',
        'M2  Complete employee liability information reviewed               Owner: Kingsmead HR business partner',
        'M3  Data migration test 2 reconciled                               Owner: Kingsmead chief clinical information officer',
        'M4  Licences to occupy for the CMHT bases agreed                   Owner: Kingsmead estates lead',
        'M5  Smartcards re-issued to transferring staff                     Owner: Kingsmead IT service manager',
        'M6  Migration plan signed off by the clinical safety officer        Owner: Kingsmead clinical safety officer',
        'M7  Go/no-go at the transition steering group                      Owner: ICB transition lead',
        '',
        'Critical path: M3 -> M6 -> M7 (two weeks of slack).',
        '',
      ].join('\n'),
    },
  },
  {
    description: 'Letter on the employee liability information timetable for Lot 2',
    providedBy: 'Avonmere Mental Health Partnership NHS Foundation Trust',
    receivedAgo: 47,
    criterion: [3, 1],
    notes: 'Promises the full ELI later than the date in the transfer plan; headline staff list enclosed.',
  },
  {
    description: 'IT data migration approach and test 1 reconciliation report',
    providedBy: 'Kingsmead Health and Care NHS Foundation Trust',
    receivedAgo: 45,
    criterion: [5, 0],
  },
  {
    description: 'CQC confirmation of the registration variation for the three CMHT bases',
    providedBy: 'Care Quality Commission (via Kingsmead)',
    receivedAgo: 41,
    criterion: [4, 0],
  },
  {
    description: 'DSPT status (standards met) and the signed data sharing agreement with Avonmere',
    providedBy: 'Kingsmead Health and Care NHS Foundation Trust',
    receivedAgo: 38,
    criterion: [4, 2],
  },
  {
    description: 'Terms of reference of the alliance quality group',
    providedBy: 'Kingsmead Health and Care NHS Foundation Trust',
    receivedAgo: 34,
    criterion: [1, 1],
    notes: 'Asked for by the panel; received at moderation.',
  },
];

const ALLIANCE_RATIONALE =
  'The panel found Kingsmead Health and Care and its alliance partner Riverbank Wellbeing Collective ready to take ' +
  'on community mental health services (Lot 2) in most respects: leadership, clinical governance, the service ' +
  'model, safeguarding, CQC registration and the finances are assured. Four criteria are only partially assured: ' +
  'the risk and gain share schedule of the alliance agreement, the late and incomplete employee liability ' +
  'information, the untested data migration and licences for two of the three bases. The steering group agreed to ' +
  'progress with three conditions; the estates licences stay on the risk register with the landlord consent risk.';

/** The second gateway: the transition lead's ratings so far, in template order (the rest still to do). */
const PARTNERSHIP_TOM: Array<[TMark, string]> = [
  ['P', 'The agreement between the CIC’s member organisations is still in draft.'],
  ['A', 'The SVCP board and both member organisations’ boards endorsed the plan.'],
  ['P', 'Risk share between the CIC and its members not yet described.'],
  ['A', 'Managing director and clinical director for children’s services named.'],
  ['A', 'Clinical governance framework adopted from Brightwater, refreshed for the 0-19 service.'],
  ['P', 'KPI dashboard designed; not yet tested against the council’s 0-19 returns.'],
  ['A', 'Service model consistent with the Lot 3 and Lot 4 specifications.'],
  ['P', 'Caseload and waiting list data for Lot 3 still awaited from Brightwater.'],
  ['A', 'Named nurse for safeguarding children appointed; the partnership’s requirements are met.'],
  ['A', 'Consultation plan agreed with the Brightwater, Avonmere and Wyebridge staff side.'],
  ['P', 'ELI received for the Wyebridge staff only; Brightwater and Avonmere to follow.'],
];

// ---------------------------------------------------------------------------------------------------------

interface TPerson {
  id: string;
  name: string;
  organisationId: string;
}

interface TDemo {
  db: Database;
  programmeId: string;
  today: TIsoDate;
  admin: TPerson;
}

const at = (day: TIsoDate, hour: number, minute = 0) =>
  new Date(`${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00Z`);

function audit(
  d: TDemo,
  actor: TPerson,
  e: {
    entityType: string;
    entityId: string;
    action: 'create' | 'update';
    organisationId: string | null;
    audience: TAuditAudience;
    summary: string;
    before?: unknown;
    after?: unknown;
  },
) {
  return recordAudit(d.db, { actorUserId: actor.id, programmeId: d.programmeId, ...e });
}

/** As gateway.service.ts records a change of the gateway itself (the panel's side reads it). */
function gatewayEvent(
  d: TDemo,
  g: TGatewayRow,
  summary: string,
  extra: { before?: unknown; after?: unknown; audience?: TAuditAudience } = {},
) {
  return audit(d, d.admin, {
    entityType: 'gateway',
    entityId: g.id,
    action: 'update',
    organisationId: g.assessedOrganisationId,
    audience: { kind: 'full' },
    summary,
    ...extra,
  });
}

async function createGateway(
  d: TDemo,
  f: {
    name: string;
    assessedOrganisationId: string;
    isapCheckpoint: 1 | 2 | 3;
    lotId: string | null;
    scoringOpensOn: TIsoDate;
    panelDueOn: TIsoDate;
    panel: TPerson[];
    createdOn: TIsoDate;
  },
) {
  const panelUserIds = f.panel.map((p) => p.id);
  const id = await insertGateway(d.db, {
    programmeId: d.programmeId,
    assessedOrganisationId: f.assessedOrganisationId,
    name: f.name,
    isapCheckpoint: f.isapCheckpoint,
    lotId: f.lotId,
    scoringOpensOn: f.scoringOpensOn,
    panelDueOn: f.panelDueOn,
    createdBy: d.admin.id,
    panelUserIds,
    domains: GATEWAY_TEMPLATE,
  });
  await sql`update gateways set created_at = ${at(f.createdOn, 9)}, updated_at = ${at(f.createdOn, 9)} where id = ${id}`.execute(
    d.db,
  );
  const g = (await findGateway(d.db, d.programmeId, id))!;
  await audit(d, d.admin, {
    entityType: 'gateway',
    entityId: g.id,
    action: 'create',
    organisationId: g.assessedOrganisationId,
    audience: { kind: 'full' },
    summary: `Gateway “${g.name}” set up for ${g.assessedOrganisationName}`,
    after: { ...g, assessedOrganisationName: undefined, panelUserIds },
  });
  return g;
}

async function advance(d: TDemo, g: TGatewayRow, to: 'scoring' | 'moderation', on: TIsoDate) {
  const after = await setGatewayStatus(d.db, g.id, g.version, to);
  await sql`update gateways set updated_at = ${at(on, 9, 30)} where id = ${g.id}`.execute(d.db);
  await gatewayEvent(d, g, `Gateway “${g.name}” moved to ${GATEWAY_STATUS_LABELS[to].toLowerCase()}`);
  return { ...g, status: after.status as TGatewayRow['status'], version: after.version };
}

async function rate(
  d: TDemo,
  g: TGatewayRow,
  member: TPerson,
  criterionId: string,
  [mark, comment]: [TMark, string],
  on: Date,
) {
  const r = await upsertGatewayRating(d.db, {
    criterionId,
    panelUserId: member.id,
    rating: RATING[mark],
    comment,
  });
  await sql`update gateway_ratings set created_at = ${on}, updated_at = ${on} where id = ${r.id}`.execute(
    d.db,
  );
  // As the API: the rating itself stays out of the trail, which colleagues scoring independently read too.
  await audit(d, member, {
    entityType: 'gateway_rating',
    entityId: r.id,
    action: 'create',
    organisationId: g.assessedOrganisationId,
    audience: { kind: 'full' },
    summary: `Panel rating given on gateway “${g.name}”`,
  });
}

async function addEvidence(
  d: TDemo,
  g: TGatewayRow,
  e: {
    description: string;
    providedBy: string;
    receivedOn: TIsoDate;
    domainId: string | null;
    criterionId: string | null;
    reference?: string | undefined;
    notes?: string | undefined;
    file?: { name: string; content: string } | undefined;
  },
) {
  const fields = {
    description: e.description,
    providedBy: e.providedBy,
    receivedOn: e.receivedOn,
    domainId: e.domainId,
    criterionId: e.criterionId,
    reference: e.reference ?? '',
    notes: e.notes ?? '',
  };
  const row = await insertGatewayEvidence(d.db, { ...fields, gatewayId: g.id, createdBy: d.admin.id });
  const logged = at(e.receivedOn, 16);
  await sql`update gateway_evidence set created_at = ${logged}, updated_at = ${logged} where id = ${row.id}`.execute(
    d.db,
  );
  await audit(d, d.admin, {
    entityType: 'gateway_evidence',
    entityId: row.id,
    action: 'create',
    organisationId: g.assessedOrganisationId,
    audience: { kind: 'full' },
    summary: `Evidence logged on gateway “${g.name}”: ${e.description}`,
    after: fields,
  });
  if (!e.file) return;
  // As document.upload with parentType 'gateway_evidence': the file belongs to the uploader's organisation.
  const content = Buffer.from(e.file.content);
  const doc = await insertDocument(
    d.db,
    {
      programmeId: d.programmeId,
      parentType: 'gateway_evidence',
      parentId: row.id,
      organisationId: d.admin.organisationId,
    },
    {
      fileName: e.file.name,
      mediaType: 'text/plain',
      sizeBytes: content.byteLength,
      sha256: createHash('sha256').update(content).digest('hex'),
      storage: 'database',
      content,
      storageKey: null,
      scanStatus: 'not_scanned',
      note: '',
      uploadedBy: d.admin.id,
    },
  );
  await audit(d, d.admin, {
    entityType: 'document',
    entityId: doc.id,
    action: 'create',
    organisationId: d.admin.organisationId,
    audience: { kind: 'full' },
    summary: `Evidence for ${g.name}: added “${e.file.name}” (not scanned)`,
    after: {
      ...doc,
      versions: doc.versions.map(({ sha256, versionNumber, fileName }) => ({
        sha256,
        versionNumber,
        fileName,
      })),
    },
  });
}

/** What the RAID log's audit trail keeps of an item (raid.service.ts). */
const auditedRaid = (i: TRaidRow) => ({
  ...i,
  risk: i.risk && { id: i.risk.id },
  meeting: i.meeting && { id: i.meeting.id },
});
const raidLabel = (i: Pick<TRaidRow, 'kind' | 'number'>) =>
  `${RAID_KIND_LABELS[i.kind].one} ${raidReference(i.kind, i.number)}`;

function checkRaid(kind: TRaidKind, w: TRaidWrite, today: TIsoDate) {
  const problems = raidProblems(kind, w, today);
  if (Object.keys(problems).length)
    throw new Error(`Demo gateway RAID item “${w.title}”: ${JSON.stringify(problems)}`);
}

async function raiseRaid(d: TDemo, kind: TRaidKind, w: TRaidWrite) {
  checkRaid(kind, w, d.today);
  const item = await insertRaidItem(d.db, d.programmeId, kind, w, d.admin.id);
  await audit(d, d.admin, {
    entityType: 'raid',
    entityId: item.id,
    action: 'create',
    organisationId: item.owningOrganisation.id,
    audience: { kind: 'owners', organisationIds: [item.owningOrganisation.id] },
    summary: `${raidLabel(item)} raised: “${item.title}”`,
    after: auditedRaid(item),
  });
  return item;
}

/** A condition met, as raid.update records it. */
async function closeCondition(d: TDemo, before: TRaidRow, closedOn: TIsoDate, resolution: string) {
  const w: TRaidWrite = {
    title: before.title,
    description: before.description,
    owningOrganisationId: before.owningOrganisation.id,
    ownerUserId: before.owner?.id ?? null,
    status: 'done',
    priority: before.priority,
    impact: before.impact,
    resolution,
    raisedOn: before.raisedOn,
    dueOn: before.dueOn,
    closedOn,
    riskId: before.risk?.id ?? null,
    meetingId: before.meeting?.id ?? null,
    decidedBy: before.decidedBy,
  };
  checkRaid(before.kind, w, d.today);
  const after = await updateRaidItem(d.db, before, w, before.version);
  await audit(d, d.admin, {
    entityType: 'raid',
    entityId: after.id,
    action: 'update',
    organisationId: after.owningOrganisation.id,
    audience: {
      kind: 'owners',
      organisationIds: [before.owningOrganisation.id, after.owningOrganisation.id],
    },
    summary: `${raidLabel(after)} updated (status, closedOn, resolution)`,
    before: auditedRaid(before),
    after: auditedRaid(after),
  });
}

// ---------------------------------------------------------------------------------------------------------

/** Kingsmead's alliance for Lot 2: scored, moderated and decided at the last steering group. */
async function seedAllianceGateway(
  d: TDemo,
  o: {
    assessedOrganisationId: string;
    lotId: string | null;
    panel: TPerson[];
    meeting: { id: string; heldOn: TIsoDate } | null;
  },
) {
  const decidedOn = o.meeting?.heldOn ?? addDays(d.today, -DEMO_STEERING_GROUP_DAYS_AGO);
  const opens = addDays(decidedOn, -21);
  const moderatedOn = addDays(decidedOn, -6);
  let g = await createGateway(d, {
    name: 'Gateway 1: alliance readiness',
    assessedOrganisationId: o.assessedOrganisationId,
    // Before service start: the programme passed checkpoint 2 before the award.
    isapCheckpoint: 3,
    lotId: o.lotId,
    scoringOpensOn: opens,
    panelDueOn: addDays(moderatedOn, -2),
    panel: o.panel,
    createdOn: addDays(opens, -14),
  });
  const domains = await listGatewayDomains(d.db, g.id);
  if (
    domains.length !== ALLIANCE.length ||
    domains.some((dm, i) => dm.criteria.length !== ALLIANCE[i]!.criteria.length)
  )
    throw new Error('The demo gateway follows the Suffolk template: update demo.gateways.ts with it');
  const criterionAt = ([i, j]: [number, number]) => domains[i]!.criteria[j]!;
  const log = (e: (typeof ALLIANCE_EVIDENCE)[number]) =>
    addEvidence(d, g, {
      ...e,
      receivedOn: addDays(d.today, -e.receivedAgo),
      domainId: domains[e.criterion[0]]!.id,
      criterionId: criterionAt(e.criterion).id,
    });

  const evidence = ALLIANCE_EVIDENCE.map((e) => ({ e, on: addDays(d.today, -e.receivedAgo) }));
  for (const { e } of evidence.filter((x) => x.on < opens)) await log(e);
  g = await advance(d, g, 'scoring', opens);
  for (const { e } of evidence.filter((x) => x.on >= opens && x.on < moderatedOn)) await log(e);
  // Each panel member scores over a few days, one after another, all before the panel's due date.
  for (const [k, member] of o.panel.entries()) {
    let n = 0;
    for (const [i, dm] of domains.entries())
      for (const [j, c] of dm.criteria.entries()) {
        const day = addDays(opens, 1 + k * 3 + Math.floor(n / 8));
        await rate(d, g, member, c.id, ALLIANCE[i]!.criteria[j]!.panel[k]!, at(day, 10 + (n % 8), k * 7));
        n++;
      }
  }
  g = await advance(d, g, 'moderation', addDays(moderatedOn, -1));
  for (const { e } of evidence.filter((x) => x.on >= moderatedOn)) await log(e);

  // Moderation: one agreed rating and its reasons for every criterion, then its domain (the weakest criterion).
  for (const [i, dm] of domains.entries()) {
    const spec = ALLIANCE[i]!;
    for (const [j, c] of dm.criteria.entries()) {
      const s = spec.criteria[j]!;
      await moderateGatewayTarget(d.db, 'criterion', c.id, RATING[s.agreed], s.reasons, c.version);
      await audit(d, d.admin, {
        entityType: 'gateway_criterion',
        entityId: c.id,
        action: 'update',
        organisationId: g.assessedOrganisationId,
        audience: { kind: 'full' },
        summary: `Gateway “${g.name}”: criterion agreed as ${GATEWAY_RATING_LABELS[RATING[s.agreed]].toLowerCase()}`,
        before: { agreedRating: c.agreedRating, agreedReasons: c.agreedReasons },
        after: { agreedRating: RATING[s.agreed], agreedReasons: s.reasons },
      });
    }
    const rating = rollUpDomainRating(spec.criteria.map((s) => RATING[s.agreed]))!;
    await moderateGatewayTarget(d.db, 'domain', dm.id, rating, spec.reasons, dm.version);
    await audit(d, d.admin, {
      entityType: 'gateway_domain',
      entityId: dm.id,
      action: 'update',
      organisationId: g.assessedOrganisationId,
      audience: { kind: 'full' },
      summary: `Gateway “${g.name}”: domain agreed as ${GATEWAY_RATING_LABELS[rating].toLowerCase()}`,
      before: { agreedRating: dm.agreedRating, agreedReasons: dm.agreedReasons },
      after: { agreedRating: rating, agreedReasons: spec.reasons },
    });
  }
  await sql`update gateway_criteria set updated_at = ${at(moderatedOn, 15)} where domain_id in (select id from gateway_domains where gateway_id = ${g.id})`.execute(
    d.db,
  );
  await sql`update gateway_domains set updated_at = ${at(moderatedOn, 15)} where gateway_id = ${g.id}`.execute(
    d.db,
  );

  // The steering group's recommendation: its decision, and each condition an action carrying the gateway's id.
  const [helen, tom] = o.panel;
  const recommendation = 'progress_with_conditions' as const;
  const label = GATEWAY_RECOMMENDATION_LABELS[recommendation].toLowerCase();
  const common = {
    owningOrganisationId: d.admin.organisationId,
    priority: null,
    impact: '',
    resolution: '',
    riskId: null,
    meetingId: o.meeting?.id ?? null,
    raisedOn: decidedOn,
    gatewayId: g.id,
  };
  const decision = await raiseRaid(d, 'decision', {
    ...common,
    title: `${g.name} (${g.assessedOrganisationName}): ${label}`,
    description: ALLIANCE_RATIONALE,
    ownerUserId: null,
    status: 'agreed',
    dueOn: null,
    closedOn: decidedOn,
    decidedBy: 'Steering group',
  });
  const conditions = [
    {
      text: 'Alliance agreement, with its risk and gain share schedule, signed by Kingsmead and Riverbank',
      owner: helen!,
      dueOn: addDays(d.today, -10),
    },
    {
      text: 'Complete employee liability information for Lot 2 (pension status and seconded staff) received and reviewed by Kingsmead HR',
      owner: tom!,
      dueOn: addDays(d.today, -7),
    },
    {
      text: 'Data migration test 2 passed and the migration plan signed off by Kingsmead’s clinical safety officer',
      owner: tom!,
      dueOn: addDays(d.today, 21),
    },
  ];
  const actions: TRaidRow[] = [];
  for (const c of conditions)
    actions.push(
      await raiseRaid(d, 'action', {
        ...common,
        title: c.text,
        description: `Condition of ${g.name} (${g.assessedOrganisationName}): ${label}.`,
        ownerUserId: c.owner.id,
        status: 'open',
        dueOn: c.dueOn,
        closedOn: null,
        decidedBy: '',
      }),
    );
  await setGatewayStatus(d.db, g.id, g.version, 'decided', {
    recommendation,
    rationale: ALLIANCE_RATIONALE,
    decidedOn,
    decisionRaidId: decision.id,
  });
  await sql`update gateways set updated_at = ${at(decidedOn, 12)} where id = ${g.id}`.execute(d.db);
  await gatewayEvent(d, g, `Gateway “${g.name}” decided: ${label} (${conditions.length} conditions)`, {
    // The outcome is also the organisation assessed's to read (gatewayAuditAudience(g, true)).
    audience: { kind: 'owners', organisationIds: [g.assessedOrganisationId] },
    after: { recommendation, decidedOn, decisionId: decision.id },
  });

  // The first condition was met two days before it was due.
  await closeCondition(
    d,
    actions[0]!,
    addDays(d.today, -12),
    'Signed by both partners; the ICB holds a copy.',
  );
}

/** Severn Vale Community Partnership's gateway: in panel scoring, one panel member part-way, one not started. */
async function seedPartnershipGateway(
  d: TDemo,
  o: { assessedOrganisationId: string; panel: [TPerson, TPerson] },
) {
  const opens = addDays(d.today, -5);
  let g = await createGateway(d, {
    name: 'Gateway 1: mobilisation readiness (Lots 3 and 4)',
    assessedOrganisationId: o.assessedOrganisationId,
    isapCheckpoint: 3,
    lotId: null,
    scoringOpensOn: opens,
    // Before the next steering group, a week today.
    panelDueOn: addDays(d.today, 5),
    panel: o.panel,
    createdOn: addDays(d.today, -12),
  });
  const domains = await listGatewayDomains(d.db, g.id);
  await addEvidence(d, g, {
    description: 'Mobilisation plan v0.2 for Lots 3 and 4',
    providedBy: 'Severn Vale Community Partnership CIC',
    receivedOn: addDays(d.today, -9),
    domainId: domains[6]?.id ?? null,
    criterionId: domains[6]?.criteria[0]?.id ?? null,
  });
  await addEvidence(d, g, {
    description: 'Draft members’ agreement between the CIC and its member organisations',
    providedBy: 'Severn Vale Community Partnership CIC',
    receivedOn: addDays(d.today, -8),
    domainId: domains[0]?.id ?? null,
    criterionId: domains[0]?.criteria[0]?.id ?? null,
  });
  g = await advance(d, g, 'scoring', opens);
  const [tom] = o.panel;
  const criteria = domains.flatMap((dm) => dm.criteria);
  for (const [n, rating] of PARTNERSHIP_TOM.entries())
    await rate(d, g, tom, criteria[n]!.id, rating, at(addDays(d.today, -3 + Math.floor(n / 6)), 9 + (n % 6)));
}

export async function seedDemoGateways(trx: unknown, today: TIsoDate): Promise<void> {
  const db = trx as Database;
  const programme = await db
    .selectFrom('programmes')
    .select('id')
    .where('code', '=', 'SVCMH')
    .executeTakeFirst();
  if (!programme) return;
  const people = await db
    .selectFrom('users as u')
    .innerJoin('programme_memberships as m', 'm.user_id', 'u.id')
    .select(['u.id', 'u.name', 'u.email', 'u.organisation_id as organisationId'])
    .where('m.programme_id', '=', programme.id)
    .where('u.email', 'in', PANEL)
    .execute();
  const [helen, tom, priya] = PANEL.map((email) => people.find((p) => p.email === email));
  if (!helen || !tom || !priya) return;
  // The incoming providers: the one taking on community mental health (Lot 2) leads the alliance.
  const incoming = await db
    .selectFrom('programme_parties as p')
    .innerJoin('lots as l', 'l.id', 'p.lot_id')
    .select(['p.organisation_id', 'p.lot_id', 'l.code'])
    .where('p.programme_id', '=', programme.id)
    .where('p.role', '=', 'incoming_provider')
    .orderBy('l.code')
    .execute();
  const alliance = incoming.find((p) => p.code === 'Lot 2');
  const partnership = incoming.find((p) => p.organisation_id !== alliance?.organisation_id);
  if (!alliance || !partnership) return;
  // The decision was taken at the last steering group, four weeks ago.
  const meeting = await db
    .selectFrom('meetings')
    .select(['id', 'held_on'])
    .where('programme_id', '=', programme.id)
    .where('held_on', '=', addDays(today, -DEMO_STEERING_GROUP_DAYS_AGO))
    .executeTakeFirst();

  const d: TDemo = { db, programmeId: programme.id, today, admin: helen };
  await seedAllianceGateway(d, {
    assessedOrganisationId: alliance.organisation_id,
    lotId: alliance.lot_id,
    panel: [helen, tom, priya],
    meeting: meeting ? { id: meeting.id, heldOn: meeting.held_on } : null,
  });
  await seedPartnershipGateway(d, {
    assessedOrganisationId: partnership.organisation_id,
    panel: [tom, priya],
  });
}
