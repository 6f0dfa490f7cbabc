import { storeFrozenPack } from '@baton/api';
import { insertConfidence, insertMeeting, recordAudit, type Database, type TMeetingRow } from '@baton/db';
import { addDays, type TConfidenceRating, type TIsoDate } from '@baton/domain';
import type { Kysely } from 'kysely';
import { DEMO_STEERING_GROUP_DAYS_AGO } from './demo.risks';
import { recordDemoOutcomes } from './demo.raid';

/*
 * The demo programme's steering group: it meets every four weeks (the last time four weeks ago, the next in a
 * week), and each past meeting froze its pack on the day, so the meetings page has a run of papers to open
 * and compare with today. Minutes are fictional and written the way a secretariat writes them.
 */

const EVERY_DAYS = 28;
const NEXT_IN_DAYS = 7;

const ATTENDEES = [
  'Helen Marsh (Severn Vale ICB, chair)',
  'Priya Raman (Severn Vale Council)',
  'Tom Okafor (Severn Vale ICB, transition lead)',
  'Dr Ruth Adeyemi (Severn Vale ICB, clinical lead)',
  'Graham Pike (lay member)',
];

const MINUTES: Array<{ decisions: string[]; notes: string; apologies: string[] }> = [
  {
    decisions: [
      'Approved the transition programme plan and governance.',
      'Agreed the risk matrix (NPSA 2008 bands, escalation at 15).',
    ],
    notes: 'First meeting after award. Terms of reference agreed; the group meets every four weeks.',
    apologies: ['Graham Pike (lay member)'],
  },
  {
    decisions: ['Asked Wyebridge CHT for a recovery plan for the staff list and ELI timetable.'],
    notes: 'Estates: landlord engagement started for all community bases. IT migration approach noted.',
    apologies: [],
  },
  {
    decisions: [
      'Escalated the community nursing staffing risk to the ICB board.',
      'Approved the communications plan for patients and GP practices.',
    ],
    notes: 'Staff consultation under way; unions asked for a further joint meeting.',
    apologies: ['Dr Ruth Adeyemi (Severn Vale ICB, clinical lead)'],
  },
  {
    decisions: ['Agreed to hold the go/no-go decisions at this group, with the criteria in the plan.'],
    notes: 'Data migration test 1 reconciled with 97% of caseloads; the rest traced to duplicate records.',
    apologies: [],
  },
  {
    decisions: [
      'Accepted the de-escalation of the landlord consent risk for the Lot 1 bases.',
      'Asked the transition lead to report CQC registration progress at every meeting until approved.',
    ],
    notes: 'Readiness reviewed transfer by transfer; IT migration and CQC registration taken as exceptions.',
    apologies: ['Priya Raman (Severn Vale Council)'],
  },
];

async function recordCreated(db: Database, userId: string, m: TMeetingRow) {
  await recordAudit(db, {
    actorUserId: userId,
    programmeId: m.programmeId,
    organisationId: null,
    audience: { kind: 'full' },
    entityType: 'meeting',
    entityId: m.id,
    action: 'create',
    summary: `Recorded the meeting “${m.title}” (${m.heldOn})`,
    after: m,
  });
}

/**
 * Delivery confidence, as the programme team judged it before each meeting (and, for the last two, each
 * provider's self-assessment): one transfer steady, one sliding then recovering, one worsening.
 */
const CONFIDENCE_PATHS: TConfidenceRating[][] = [
  ['green', 'amber_green', 'amber_green', 'amber', 'amber', 'amber_green'],
  ['amber_green', 'amber', 'amber', 'amber_red', 'amber_red', 'amber'],
  ['amber_green', 'amber_green', 'amber', 'amber', 'amber', 'amber_red'],
  ['amber', 'amber', 'amber_red', 'amber_red', 'amber', 'amber'],
  ['green', 'green', 'amber_green', 'amber_green', 'amber_green', 'amber'],
];
const CONFIDENCE_WHY: Record<TConfidenceRating, string> = {
  green: 'Plan on track and resourced; no issue threatens the transfer date.',
  amber_green: 'Delivery probable: TUPE consultation and estates work need watching, but are in hand.',
  amber:
    'Feasible, with significant issues needing management attention: data migration testing and CQC registration.',
  amber_red: 'In doubt: the landlord consent and the clinical system build are late and the margin has gone.',
  red: 'Appears unachievable on the current date without re-planning.',
};

async function recordConfidence(
  db: Database,
  o: {
    programmeId: string;
    transfers: Array<{ id: string; outgoing_organisation_id: string; incoming_organisation_id: string }>;
    meetingIndex: number;
    meetings: number;
    assessedOn: TIsoDate;
    commissioner: { organisationId: string; userId: string };
  },
) {
  for (const [t, transfer] of o.transfers.entries()) {
    const path = CONFIDENCE_PATHS[t % CONFIDENCE_PATHS.length]!;
    const rating = path[Math.min(o.meetingIndex, path.length - 1)]!;
    const rows: Array<{
      organisationId: string;
      kind: 'commissioner' | 'provider';
      rating: TConfidenceRating;
    }> = [{ organisationId: o.commissioner.organisationId, kind: 'commissioner', rating }];
    if (o.meetingIndex >= o.meetings - 2) {
      // Providers are a step more hopeful than the commissioner, as self-assessments tend to be.
      const better: Record<TConfidenceRating, TConfidenceRating> = {
        red: 'amber_red',
        amber_red: 'amber',
        amber: 'amber_green',
        amber_green: 'amber_green',
        green: 'green',
      };
      rows.push(
        {
          organisationId: transfer.outgoing_organisation_id,
          kind: 'provider' as const,
          rating: better[rating],
        },
        { organisationId: transfer.incoming_organisation_id, kind: 'provider' as const, rating },
      );
    }
    for (const r of rows)
      await insertConfidence(db, {
        programmeId: o.programmeId,
        transferId: transfer.id,
        organisationId: r.organisationId,
        kind: r.kind,
        scale: 'five',
        rating: r.rating,
        rationale: CONFIDENCE_WHY[r.rating],
        assessedOn: o.assessedOn,
        createdBy: o.commissioner.userId,
      });
  }
}

export async function seedDemoMeetings(trx: Kysely<any>, today: TIsoDate): Promise<void> {
  const db = trx as unknown as Database;
  const programme = await db
    .selectFrom('programmes')
    .select('id')
    .where('code', '=', 'SVCMH')
    .executeTakeFirst();
  const chair = await db
    .selectFrom('users')
    .select(['id', 'organisation_id'])
    .where('email', '=', 'helen.marsh@severnvale-icb.example')
    .executeTakeFirst();
  if (!programme || !chair) return;
  const member = {
    programmeId: programme.id,
    userId: chair.id,
    role: 'programme_admin' as const,
    organisationId: chair.organisation_id,
    visibility: { kind: 'all' as const },
    partyRoles: ['lead_commissioner' as const],
  };

  const last = addDays(today, -DEMO_STEERING_GROUP_DAYS_AGO);
  const past = MINUTES.map((_, i) => addDays(last, -EVERY_DAYS * (MINUTES.length - 1 - i)));
  const transfers = await db
    .selectFrom('transfers')
    .select(['id', 'outgoing_organisation_id', 'incoming_organisation_id'])
    .where('programme_id', '=', programme.id)
    .orderBy('name')
    .execute();
  for (const [i, heldOn] of past.entries()) {
    const m = MINUTES[i]!;
    await recordConfidence(db, {
      programmeId: programme.id,
      transfers,
      meetingIndex: i,
      meetings: past.length,
      assessedOn: addDays(heldOn, -2),
      commissioner: { organisationId: chair.organisation_id, userId: chair.id },
    });
    const meeting = await insertMeeting(
      db,
      programme.id,
      {
        title: `Transition steering group ${i + 1}`,
        heldOn,
        location: i % 2 ? 'MS Teams' : 'Severn House, Board Room',
        attendees: ATTENDEES.filter((a) => !m.apologies.includes(a)),
        apologies: m.apologies,
        decisions: m.decisions,
        notes: m.notes,
      },
      chair.id,
    );
    await recordCreated(db, chair.id, meeting);
    await storeFrozenPack(
      db,
      (e) =>
        recordAudit(db, {
          ...e,
          actorUserId: chair.id,
          programmeId: e.programmeId ?? programme.id,
          organisationId: e.organisationId ?? null,
        }),
      {
        member,
        userId: chair.id,
        meeting,
        today: heldOn,
        rewindPlans: true,
        frozenAt: new Date(`${heldOn}T08:30:00Z`),
      },
    );
    // The chair records the group's answers before the next meeting's pack is made, which then reports them.
    await recordDemoOutcomes(db, {
      programmeId: programme.id,
      meeting: { id: meeting.id, title: meeting.title, heldOn },
      chair: { id: chair.id, organisationId: chair.organisation_id },
    });
  }
  const next = await insertMeeting(
    db,
    programme.id,
    {
      title: `Transition steering group ${past.length + 1}`,
      heldOn: addDays(today, NEXT_IN_DAYS),
      location: 'Severn House, Board Room',
      attendees: [],
      apologies: [],
      decisions: [],
      notes: 'Agenda: risk register and readiness by exception; go/no-go criteria for the Lot 1 transfers.',
    },
    chair.id,
  );
  await recordCreated(db, chair.id, next);
}
