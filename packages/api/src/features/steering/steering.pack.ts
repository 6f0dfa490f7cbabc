import {
  addDays,
  assemblePack,
  daysBetween,
  NotFoundError,
  packRaid,
  raidReference,
  riskReference,
  RuleViolationError,
  sinceLabelFor,
  type TIsoDate,
  type TPackOverdueAction,
  type TPackProfileMonth,
  type TPackReadiness,
  type TSteeringPack,
} from '@baton/domain';
import {
  findProgramme,
  listOverdueActions,
  listRaidItems,
  meetingBefore,
  registerAsAt,
  riskProfileByMonth,
  type Executor,
} from '@baton/db';
import type { TMember } from '../../access/membership';
import { packTimelineOf } from '../stage/stage.service';
import { riskVisibility } from '../risk/risk.access';
import { chosenBaseline, variancesOf } from '../transition/baseline.service';
import { goLiveConfidence } from '../transition/go-live-confidence.service';
import { loadVisiblePlans, readinessOfPlans, type TLoadedPlans } from '../transition/plan.service';
import { matrixFor } from '../risk/risk-matrix.cache';

/** Months of history the risk profile chart shows. */
export const PROFILE_MONTHS = 12;
/** With no earlier meeting, "what changed" looks back this far. */
export const DEFAULT_LOOKBACK_DAYS = 28;
const OVERDUE_ACTIONS_SHOWN = 50;
/** Iterations of the go-live simulation per transfer in a pack (seeded: a frozen pack reproduces exactly). */
export const PACK_ITERATIONS = 5_000;

type TConfidenceResult =
  Awaited<ReturnType<typeof goLiveConfidence>> extends Map<string, infer V> ? V : never;
const goLiveOf = (c: TConfidenceResult | undefined) =>
  c && c.p50 && c.p80 && c.p90
    ? {
        p50: c.p50,
        p80: c.p80,
        p90: c.p90,
        probabilityOnTime: c.probabilityOnTime,
        iterations: c.iterations,
        seed: c.seed,
      }
    : null;

/**
 * The pack's dates from what the caller asked: "as at" defaults to today and may look up to a year ahead
 * (a preview of the next meeting's paper); the comparison date must come before it, whichever was defaulted.
 */
export function resolvePackDates(
  input: { asAt?: TIsoDate | undefined; since?: TIsoDate | undefined },
  today: TIsoDate,
) {
  const asAt = input.asAt ?? today;
  if (asAt > addDays(today, 366)) {
    throw new RuleViolationError('Choose a date within the next year.', {
      asAt: ['Choose a date within the next year'],
    });
  }
  if (input.since && input.since >= asAt) {
    throw new RuleViolationError('The comparison date must be before the "as at" date.', {
      since: ['The comparison date must be before the "as at" date'],
    });
  }
  return { asAt, since: input.since };
}

export interface TBuildPackOptions {
  asAt: TIsoDate;
  /** The comparison date; by default the last meeting before `asAt`. */
  since?: TIsoDate | undefined;
  /** The meeting held on `since`, when the caller knows it: the paper then names it. */
  sinceMeeting?: { heldOn: TIsoDate } | undefined;
  /** The real today: readiness is computed as at this date (task data is not kept by date). */
  today: TIsoDate;
  withRegister?: boolean;
  /** The monthly profile is the dearest section; a comparison with a frozen pack does not read it. */
  withProfile?: boolean;
  /**
   * Readiness as at `asAt` rather than today, from the plan rewound to that date (tasks completed later count
   * as open). For papers frozen after the meeting, such as the demo's past meetings.
   */
  rewindPlans?: boolean;
  /** When the paper counts as generated: now, or the freeze time of a pack frozen after the fact. */
  generatedAt?: Date;
  /** The go-live simulation is the dearest part; a caller that only needs the recommendations skips it. */
  withGoLiveConfidence?: boolean;
}

/**
 * The steering group pack as at a date, in a constant number of queries whatever the size of the register or
 * the plans: the register as at the date and at the comparison date (one query over risk_history), overdue
 * actions, the monthly profile, then the plans for readiness and decisions.
 */
export async function buildPack(db: Executor, member: TMember, o: TBuildPackOptions): Promise<TSteeringPack> {
  const programmeId = member.programmeId;
  const visibility = riskVisibility(member);
  const [programme, { matrix, version: matrixVersion }, previousMeeting] = await Promise.all([
    findProgramme(db, programmeId),
    matrixFor(db, member),
    // Meetings are not shown to bidders: their pack compares with the default look-back instead.
    o.since || visibility.kind !== 'all'
      ? Promise.resolve(undefined)
      : meetingBefore(db, programmeId, o.asAt),
  ]);
  if (!programme) throw new NotFoundError('Programme not found.');
  const since = o.since ?? previousMeeting?.heldOn ?? addDays(o.asAt, -DEFAULT_LOOKBACK_DAYS);

  const [risks, overdue, profileRows, decided, openRaid, timeline] = await Promise.all([
    registerAsAt(db, { programmeId, asAt: o.asAt, since, visibility }),
    listOverdueActions(db, {
      programmeId,
      asOf: o.asAt,
      visibility,
      limit: OVERDUE_ACTIONS_SHOWN,
    }),
    o.withProfile === false
      ? Promise.resolve([])
      : riskProfileByMonth(db, {
          programmeId,
          asAt: o.asAt,
          months: PROFILE_MONTHS,
          bands: matrix.bands,
          visibility,
        }),
    listRaidItems(db, programmeId, visibility, { kind: 'decision' }),
    listRaidItems(db, programmeId, visibility, { statuses: ['open', 'in_progress'] }),
    packTimelineOf(db, programme, o.today),
  ]);
  // Questions answered at meetings before this pack are not asked again (a deferred one is).
  const answered = new Set(
    decided
      .filter((d) => d.recommendationKey && d.meeting && d.meeting.heldOn < o.asAt && d.status !== 'deferred')
      .map((d) => d.recommendationKey!),
  );
  const lastDecisions = decided
    .filter((d) => d.meeting && d.meeting.heldOn === since)
    .sort((a, b) => a.number - b.number)
    .map((d) => ({
      reference: raidReference('decision', d.number),
      title: d.title,
      outcome: d.status as 'agreed' | 'amended' | 'deferred' | 'rejected',
      note: d.resolution,
      decidedOn: d.closedOn ?? d.meeting!.heldOn,
    }));
  const readinessDate = o.rewindPlans ? o.asAt : o.today;
  const loaded = await loadVisiblePlans(db, member, readinessDate, {
    matrix,
    programme,
    ...(o.rewindPlans ? { rewindTo: o.asAt } : {}),
  });
  const readiness = readinessOfPlans(loaded, readinessDate);
  const [goLiveVariance, confidence] = await Promise.all([
    goLiveVariances(db, member, loaded),
    o.withGoLiveConfidence === false
      ? Promise.resolve(new Map() as Awaited<ReturnType<typeof goLiveConfidence>>)
      : goLiveConfidence(db, member, loaded, readinessDate, { iterations: PACK_ITERATIONS }),
  ]);

  const overdueActions: { total: number; items: TPackOverdueAction[] } = {
    total: overdue.total,
    items: overdue.items.map((a) => ({
      id: a.id,
      description: a.description,
      owner: a.owner?.name ?? null,
      organisation: a.organisation.shortName,
      dueDate: a.dueDate,
      daysOverdue: daysBetween(a.dueDate, o.asAt),
      risk: { id: a.risk.id, reference: riskReference(a.risk.number), title: a.risk.title },
    })),
  };

  return assemblePack(
    {
      programme: {
        id: programme.id,
        name: programme.name,
        code: programme.code,
        expectedServiceCommencement: programme.expectedServiceCommencement,
        stage: programme.stage,
        ...(programme.governanceGroupName ? { governanceGroup: programme.governanceGroupName } : {}),
        protectiveMarking: programme.protectiveMarking,
      },
      scope: visibility.kind === 'all' ? 'all' : 'own',
      asAt: o.asAt,
      since,
      sinceLabel: sinceLabelFor(since, o.sinceMeeting ?? previousMeeting ?? null, o.asAt),
      readinessAsOf: readinessDate,
      generatedAt: (o.generatedAt ?? new Date()).toISOString(),
      matrix,
      matrixVersion,
      risks,
      overdueActions,
      profile: profileOf(profileRows),
      readiness: readiness.map((r): TPackReadiness => ({
        transferId: r.transfer.id,
        name: r.transfer.name,
        lotCode: r.transfer.lotCode,
        outgoing: r.transfer.outgoing.shortName,
        incoming: r.transfer.incoming.shortName,
        plannedTransferDate: r.transfer.plannedTransferDate,
        forecastGoLive: r.forecastGoLive,
        daysToTransfer: r.countdownDays,
        rag: r.readiness.overall.rag,
        reasons: r.readiness.overall.reasons,
        percentComplete: r.percentComplete,
        workstreams: r.readiness.workstreams.map(({ workstream, label, rag, reasons, done, total }) => ({
          workstream,
          label,
          rag,
          reasons,
          done,
          total,
        })),
        marginDays: r.marginDays,
        goLiveVarianceDays: goLiveVariance.get(r.transfer.id) ?? null,
        goLive: goLiveOf(confidence.get(r.transfer.id)),
        confidence: r.confidence.map(({ kind, organisation, rating, label, previous, move, assessedOn }) => ({
          kind,
          organisation,
          rating,
          label,
          previous,
          move,
          assessedOn,
        })),
      })),
      answered,
      lastDecisions,
      // The RAID log is not kept by date: a pack shows it as it stands when the pack is made.
      ...(timeline ? { timeline } : {}),
      raid: packRaid(
        openRaid.map((i) => ({
          id: i.id,
          kind: i.kind,
          number: i.number,
          title: i.title,
          priority: i.priority,
          status: i.status,
          owner: i.owner?.name ?? null,
          organisation: i.owningOrganisation.name,
          raisedOn: i.raisedOn,
          dueOn: i.dueOn,
        })),
        o.today,
      ),
      openGates: readiness.flatMap((r) =>
        r.gates
          .filter((g) => g.status !== 'done' && g.status !== 'cancelled')
          .map((g) => ({
            taskId: g.id,
            transferId: r.transfer.id,
            transferName: r.transfer.name,
            title: g.title,
            dueDate: g.dueDate,
            criteria: g.criteria,
            criteriaMet: g.met,
            owner: g.owner,
          })),
      ),
    },
    { withRegister: o.withRegister ?? false },
  );
}

/** Rows of (month, band, count) into one entry per month; months before the register began are dropped. */
function profileOf(rows: Awaited<ReturnType<typeof riskProfileByMonth>>): TPackProfileMonth[] {
  const months = new Map<string, TPackProfileMonth>();
  for (const r of rows) {
    const m = months.get(r.month) ?? { month: r.month, asAt: r.asAt, counts: {}, total: 0 };
    if (r.band) {
      m.counts[r.band] = (m.counts[r.band] ?? 0) + r.count;
      m.total += r.count;
    }
    months.set(r.month, m);
  }
  const all = [...months.values()].sort((a, b) => a.month.localeCompare(b.month));
  const first = all.findIndex((m) => m.total > 0);
  return first < 0 ? all.slice(-1) : all.slice(first);
}

/** Each transfer's forecast go-live against the latest baseline the member may see (days later than agreed). */
async function goLiveVariances(db: Executor, member: TMember, loaded: TLoadedPlans) {
  const baseline = await chosenBaseline(db, member);
  const goLives = loaded.plans.flatMap((p) => {
    const t = p.tasks.find((x) => x.templateKey === 'go_live');
    const s = t && p.schedule.tasks.get(t.id);
    return t && s ? [{ id: t.id, transferId: p.transfer.id, forecastFinish: s.forecastFinish }] : [];
  });
  const v = await variancesOf(db, baseline?.id ?? null, goLives);
  return new Map(goLives.map((g) => [g.transferId, v.get(g.id)?.varianceDays ?? null]));
}
