import { insertRaidItem, recordAudit, type Database, type TRaidRow, type TRaidWrite } from '@baton/db';
import {
  addDays,
  RAID_KIND_LABELS,
  RAID_STATUS_LABELS,
  raidReference,
  riskReference,
  type TIsoDate,
  type TPackRecommendation,
  type TRaidKind,
  type TSteeringPack,
} from '@baton/domain';

/*
 * The demo programme's RAID log: the issues, assumptions and meeting actions a transition office keeps beside
 * its register, and the steering group's outcome on each recommendation of every past pack (so the decision
 * log runs across meetings and each pack reports what was decided last time). Fictional, realistic in shape.
 */

async function audited(db: Database, actor: string, programmeId: string, item: TRaidRow, summary: string) {
  await recordAudit(db, {
    actorUserId: actor,
    programmeId,
    organisationId: item.owningOrganisation.id,
    audience: { kind: 'owners', organisationIds: [item.owningOrganisation.id] },
    entityType: 'raid',
    entityId: item.id,
    action: 'create',
    summary,
    after: {
      ...item,
      risk: item.risk && { id: item.risk.id },
      meeting: item.meeting && { id: item.meeting.id },
    },
  });
}

const blank = (
  w: Partial<TRaidWrite> & Pick<TRaidWrite, 'title' | 'owningOrganisationId' | 'status' | 'raisedOn'>,
): TRaidWrite => ({
  description: '',
  ownerUserId: null,
  priority: null,
  impact: '',
  resolution: '',
  dueOn: null,
  closedOn: null,
  riskId: null,
  meetingId: null,
  decidedBy: '',
  ...w,
});

/** How the group answered each kind of question, as a real group tends to. */
function outcomeFor(
  r: TPackRecommendation,
  n: number,
): { outcome: 'agreed' | 'amended' | 'deferred' | 'rejected'; note: string } {
  switch (r.kind) {
    case 'acceptEscalation':
      return {
        outcome: 'agreed',
        note: 'Accepted; the owner to report progress on the response at each meeting.',
      };
    case 'approveTolerance':
      return n % 2
        ? {
            outcome: 'rejected',
            note: 'Not accepted: the owner to bring further mitigation to the next meeting.',
          }
        : { outcome: 'agreed', note: 'Accepted for the transition period, to be reviewed after go-live.' };
    case 'closeRisk':
      return { outcome: 'deferred', note: 'Keep open until the transfer has gone live.' };
    case 'replanActions':
      return {
        outcome: 'amended',
        note: 'New dates agreed with the owners; the transition lead to confirm in writing.',
      };
    case 'goNoGo':
      return { outcome: 'deferred', note: 'Criteria not yet all met: to be taken at the next meeting.' };
    case 'recordConfidence':
      return {
        outcome: 'agreed',
        note: 'The group agreed the programme team’s delivery confidence assessment.',
      };
  }
}

/** The group's outcomes on a frozen pack's recommendations (at most six a meeting, as minutes would record). */
export async function recordDemoOutcomes(
  db: Database,
  o: {
    programmeId: string;
    meeting: { id: string; title: string; heldOn: TIsoDate };
    chair: { id: string; organisationId: string };
  },
) {
  const snapshot = await db
    .selectFrom('pack_snapshots')
    .select('pack')
    .where('meeting_id', '=', o.meeting.id)
    .executeTakeFirst();
  const pack = snapshot?.pack as TSteeringPack | undefined;
  for (const [n, r] of (pack?.recommendations ?? []).slice(0, 6).entries()) {
    const { outcome, note } = outcomeFor(r, n);
    const text = r.text.charAt(0).toUpperCase() + r.text.slice(1);
    const item = await insertRaidItem(
      db,
      o.programmeId,
      'decision',
      {
        ...blank({
          title: text,
          owningOrganisationId: o.chair.organisationId,
          status: outcome,
          raisedOn: o.meeting.heldOn,
        }),
        description: r.why,
        resolution: note,
        closedOn: o.meeting.heldOn,
        riskId: r.subject.type === 'risk' ? r.subject.id : null,
        meetingId: o.meeting.id,
        decidedBy: o.meeting.title,
        recommendationKey: r.key,
      },
      o.chair.id,
    );
    await audited(
      db,
      o.chair.id,
      o.programmeId,
      item,
      `Decision recorded at “${o.meeting.title}”: ${RAID_STATUS_LABELS[outcome].toLowerCase()}: ${text}`,
    );
  }
}

interface TSpec {
  kind: TRaidKind;
  org: string;
  ownerEmail?: string;
  title: string;
  description?: string;
  status: TRaidWrite['status'];
  priority?: TRaidWrite['priority'];
  impact?: string;
  resolution?: string;
  raisedAgo: number;
  dueIn?: number;
  closedAgo?: number;
  /** Link the issue to the demo's materialised risk. */
  fromMaterialisedRisk?: boolean;
  /** An action agreed at the last steering group. */
  atLastMeeting?: boolean;
}

const ICB = 'Severn Vale ICB';
const WYE = 'Wyebridge CHT';
const AVON = 'Avonmere MHP';
const BRIGHT = 'Brightwater CIC';
const KINGS = 'Kingsmead H&C';

const SPECS: TSpec[] = [
  // Issues: risks that happened, and problems raised directly.
  {
    kind: 'issue',
    org: WYE,
    title: 'Payroll extract for district nursing staff incomplete',
    description:
      'The first payroll extract for the Lot 1 staff list is missing 23 people on bank contracts and all pension data.',
    status: 'in_progress',
    priority: 'high',
    impact: 'ELI cannot be completed for 23 staff; incoming payroll set-up delayed.',
    raisedAgo: 26,
    dueIn: 9,
    fromMaterialisedRisk: true,
  },
  {
    kind: 'issue',
    org: ICB,
    title: 'Landlord of Millbrook Clinic has not replied on the licence to assign',
    status: 'open',
    priority: 'critical',
    impact: 'Without consent the podiatry service has no base at go-live.',
    raisedAgo: 19,
    dueIn: 14,
  },
  {
    kind: 'issue',
    org: BRIGHT,
    title: 'Smartcard registration authority not yet set up for Brightwater',
    status: 'open',
    priority: 'high',
    impact: 'Clinicians cannot access the Spine on day one.',
    raisedAgo: 12,
    dueIn: 21,
  },
  {
    kind: 'issue',
    org: AVON,
    title: 'Caseload data migration test 2 failed reconciliation (94%)',
    description: 'Duplicate NHS numbers in the outgoing system; 312 records to trace.',
    status: 'in_progress',
    priority: 'high',
    impact: 'Second test must be re-run before the go/no-go.',
    raisedAgo: 9,
    dueIn: -2,
  },
  {
    kind: 'issue',
    org: KINGS,
    title: 'Two community therapy vacancies unfilled after the TUPE list closed',
    status: 'open',
    priority: 'medium',
    impact: 'Reduced capacity in the first month; agency cover needed.',
    raisedAgo: 6,
    dueIn: 30,
  },
  {
    kind: 'issue',
    org: ICB,
    title: 'GP practices not told about the change of referral address',
    status: 'resolved',
    priority: 'medium',
    resolution: 'Bulletin sent via the LMC and each practice manager emailed; referral templates updated.',
    raisedAgo: 48,
    closedAgo: 30,
  },
  {
    kind: 'issue',
    org: WYE,
    title: 'Union requested a further joint consultation meeting',
    status: 'closed',
    priority: 'low',
    resolution: 'Meeting held; measures letter re-issued with the pension information.',
    raisedAgo: 70,
    closedAgo: 50,
  },
  // Assumptions the plan rests on.
  {
    kind: 'assumption',
    org: ICB,
    title: 'CQC registration variations are approved within 10 weeks of submission',
    impact:
      'If wrong, services cannot legally transfer on 1 April; contingency is a short extension of the outgoing contracts.',
    status: 'open',
    raisedAgo: 90,
    dueIn: 20,
  },
  {
    kind: 'assumption',
    org: ICB,
    title: 'All staff in scope transfer under TUPE with no measures beyond those notified',
    impact: 'If wrong, consultation must restart and the transfer date is at risk.',
    status: 'validated',
    resolution: 'Measures letters confirmed by both employers and the unions.',
    raisedAgo: 110,
    closedAgo: 40,
  },
  {
    kind: 'assumption',
    org: AVON,
    title: 'The clinical system supplier can deliver the new instance by 1 February',
    impact: 'If wrong, data migration testing slips and go-live needs a paper fallback.',
    status: 'open',
    raisedAgo: 60,
    dueIn: 10,
  },
  {
    kind: 'assumption',
    org: ICB,
    title: 'NHS Property Services leases can be novated rather than re-let',
    impact: 'If wrong, new leases take 6 to 9 months.',
    status: 'invalid',
    resolution:
      'NHSPS require new occupancy agreements for three sites: the estates plan now includes licences to occupy.',
    raisedAgo: 100,
    closedAgo: 35,
  },
  {
    kind: 'assumption',
    org: KINGS,
    title: 'Pension admission agreements are in place before the transfer date',
    impact: 'If wrong, staff lose NHS Pension access: New Fair Deal breach.',
    status: 'open',
    raisedAgo: 45,
    dueIn: 40,
  },
  // Meeting actions.
  {
    kind: 'action',
    org: WYE,
    ownerEmail: 'wyebridge',
    title: 'Send the complete ELI for Lot 1 staff to Brightwater',
    status: 'open',
    raisedAgo: 28,
    dueIn: -3,
    atLastMeeting: true,
  },
  {
    kind: 'action',
    org: ICB,
    ownerEmail: 'severnvale-icb',
    title: 'Report CQC registration progress for every transfer',
    status: 'open',
    raisedAgo: 28,
    dueIn: 7,
    atLastMeeting: true,
  },
  {
    kind: 'action',
    org: AVON,
    ownerEmail: 'avonmere',
    title: 'Re-run caseload migration test 2 after tracing duplicates',
    status: 'open',
    raisedAgo: 28,
    dueIn: 12,
    atLastMeeting: true,
  },
  {
    kind: 'action',
    org: ICB,
    ownerEmail: 'severnvale-icb',
    title: 'Circulate the go/no-go criteria for the Lot 1 transfers',
    status: 'done',
    raisedAgo: 28,
    dueIn: -14,
    closedAgo: 16,
    atLastMeeting: true,
  },
  {
    kind: 'action',
    org: BRIGHT,
    ownerEmail: 'brightwater',
    title: 'Confirm the registration authority sponsor for smartcards',
    status: 'open',
    raisedAgo: 12,
    dueIn: 5,
  },
  {
    kind: 'action',
    org: KINGS,
    ownerEmail: 'kingsmead',
    title: 'Share the recruitment plan for the two therapy vacancies',
    status: 'cancelled',
    resolution: 'Superseded by the agency cover agreement.',
    raisedAgo: 20,
    closedAgo: 8,
  },
];

export async function seedDemoRaid(trx: unknown, today: TIsoDate): Promise<void> {
  const db = trx as Database;
  const programme = await db
    .selectFrom('programmes')
    .select('id')
    .where('code', '=', 'SVCMH')
    .executeTakeFirst();
  if (!programme) return;
  const orgs = new Map(
    (
      await db
        .selectFrom('programme_parties as p')
        .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
        .select(['o.id', 'o.short_name'])
        .where('p.programme_id', '=', programme.id)
        .execute()
    ).map((o) => [o.short_name, o.id]),
  );
  const members = await db
    .selectFrom('programme_memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.email', 'u.organisation_id'])
    .where('m.programme_id', '=', programme.id)
    .orderBy('u.email')
    .execute();
  const lastMeeting = await db
    .selectFrom('meetings')
    .select(['id', 'title', 'held_on'])
    .where('programme_id', '=', programme.id)
    .where('held_on', '<=', today)
    .orderBy('held_on', 'desc')
    .executeTakeFirst();
  const materialised = await db
    .selectFrom('risks')
    .select(['id', 'number', 'owning_organisation_id', 'owner_user_id'])
    .where('programme_id', '=', programme.id)
    .where('status', '=', 'materialised')
    .orderBy('number')
    .executeTakeFirst();
  const actor = members.find((m) => m.email.startsWith('tom.okafor'))?.id ?? members[0]!.id;

  for (const s of SPECS) {
    let orgId = orgs.get(s.org);
    if (!orgId) continue;
    let owner = members.find(
      (m) => m.organisation_id === orgId && (!s.ownerEmail || m.email.includes(s.ownerEmail)),
    );
    let riskId: string | null = null;
    if (s.fromMaterialisedRisk && materialised) {
      riskId = materialised.id;
      orgId = materialised.owning_organisation_id;
      owner = members.find((m) => m.id === materialised.owner_user_id) ?? owner;
    }
    const raisedOn = addDays(today, -s.raisedAgo);
    const atMeeting = s.atLastMeeting && lastMeeting;
    const item = await insertRaidItem(
      db,
      programme.id,
      s.kind,
      blank({
        title: s.title,
        description: s.description ?? '',
        owningOrganisationId: orgId,
        ownerUserId: owner?.id ?? null,
        status: s.status,
        priority: s.priority ?? null,
        impact: s.impact ?? '',
        resolution: s.resolution ?? '',
        raisedOn: atMeeting ? lastMeeting.held_on : raisedOn,
        dueOn: s.dueIn === undefined ? null : addDays(today, s.dueIn),
        closedOn: s.closedAgo === undefined ? null : addDays(today, -s.closedAgo),
        riskId,
        meetingId: atMeeting ? lastMeeting.id : null,
      }),
      actor,
    );
    await audited(
      db,
      actor,
      programme.id,
      item,
      riskId && materialised
        ? `${riskReference(materialised.number)} materialised: raised as an issue`
        : `${RAID_KIND_LABELS[s.kind].one} ${raidReference(s.kind, item.number)} raised: “${item.title}”`,
    );
  }
}
