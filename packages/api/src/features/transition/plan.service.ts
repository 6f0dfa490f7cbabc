import {
  actualCommencement,
  daysBetween,
  deepFreeze,
  DD_WORKSTREAM,
  ddReference,
  isOpenTask,
  percentComplete,
  DEFAULT_READINESS_SETTINGS,
  eliStatus,
  readinessOf,
  riskReference,
  scheduleTransfer,
  siteReadiness,
  systemReadiness,
  ZReadinessSettings,
  type TDdCategory,
  type TReadinessRegisterItem,
  type TReadinessSettings,
  type TIsoDate,
  type TRiskMatrix,
  type TWorkstream,
  type TReadinessTask,
} from '@baton/domain';
import {
  escalatedRisksForTransfers,
  findProgramme,
  listDependencies,
  listRegistersForTransfers,
  listTasks,
  listTransfers,
  overdueRequestsForTransfers,
  planVersions,
  type Executor,
  type TDependencyRow,
  type TProgrammeRow,
  type TTaskRow,
  type TTransferRow,
} from '@baton/db';
import type { TMember } from '../../access/membership';
import { riskVisibility } from '../risk/risk.access';
import { confidenceFor } from './confidence.service';
import { cachedPlan, planCacheKey, rememberPlan, type TCachedPlan } from './plan.cache';
import { transferVisibility } from './transition.access';
import { matrixFor } from '../risk/risk-matrix.cache';

export type TScheduledPlan = ReturnType<typeof scheduleTransfer>;

/**
 * The tasks, dependencies and schedule of each transfer's plan, from the process's cache when the database's
 * fingerprint of the plan has not changed since it was scheduled (plan.cache.ts), otherwise read (tasks and
 * dependencies once for all the plans missing) and scheduled. `transfers` must be ones the member may see:
 * a visible transfer's plan is visible whole.
 */
export async function scheduledPlans(
  db: Executor,
  member: TMember,
  transfers: readonly TTransferRow[],
  today: TIsoDate,
  rewindTo?: TIsoDate,
): Promise<Map<string, TCachedPlan & { key: string }>> {
  const programmeId = member.programmeId;
  const versions = await planVersions(
    db,
    transfers.map((t) => t.id),
  );
  const keyOf = (t: TTransferRow) =>
    planCacheKey({
      transferId: t.id,
      planVersion: versions.get(t.id) ?? '',
      transferVersion: t.version,
      plannedTransferDate: t.plannedTransferDate,
      today,
      rewindTo,
    });
  const out = new Map<string, TCachedPlan & { key: string }>();
  const missing: TTransferRow[] = [];
  for (const t of transfers) {
    const key = keyOf(t);
    const hit = cachedPlan(key);
    if (hit) out.set(t.id, { ...hit, key });
    else missing.push(t);
  }
  if (!missing.length) return out;
  const missingIds = missing.map((t) => t.id);
  const [stored, deps] = await Promise.all([
    listTasks(db, { programmeId, transferIds: missingIds, visibility: transferVisibility(member) }),
    listDependencies(db, programmeId, missingIds),
  ]);
  const tasks = rewindTo ? rewindTasks(stored, rewindTo) : stored;
  const tasksOf = groupBy(tasks, (t) => t.transferId);
  const transferOfTask = new Map(tasks.map((t) => [t.id, t.transferId]));
  const depsOf = groupBy(deps, (d) => transferOfTask.get(d.successorId) ?? '');
  for (const t of missing) {
    const mine = tasksOf.get(t.id) ?? [];
    const mineDeps = depsOf.get(t.id) ?? [];
    const key = keyOf(t);
    const plan = rememberPlan(key, {
      tasks: mine,
      dependencies: mineDeps,
      schedule: scheduleTransfer(t, mine, mineDeps, today),
    });
    out.set(t.id, { ...plan, key });
  }
  return out;
}

/**
 * Every plan of several transfers, scheduled, in a constant number of queries: tasks, dependencies and
 * escalated linked risks are each read once for all of them, as far as the member may see them. Readiness,
 * the lead's workspace, the joint progress view, the steering pack and the plan download all start here.
 */
export async function loadPlans(
  db: Executor,
  member: TMember,
  transfers: TTransferRow[],
  today: TIsoDate,
  /** What the caller has read already, so it is not read twice. */
  known: { matrix?: TRiskMatrix; programme?: TProgrammeRow | undefined; rewindTo?: TIsoDate } = {},
) {
  const programmeId = member.programmeId;
  const ids = transfers.map((t) => t.id);
  const matrixRead = known.matrix
    ? Promise.resolve(known.matrix)
    : matrixFor(db, member).then((m) => m.matrix);
  const [cached, programme, matrix, [risks, registers, confidence, lateRequests]] = await Promise.all([
    scheduledPlans(db, member, transfers, today, known.rewindTo),
    'programme' in known ? known.programme : findProgramme(db, programmeId),
    matrixRead,
    matrixRead.then((m) =>
      Promise.all([
        escalatedRisksForTransfers(db, ids, m.escalationThreshold, riskVisibility(member)),
        listRegistersForTransfers(db, ids),
        confidenceFor(db, ids, known.rewindTo ?? today),
        // Requests keep no history: a plan rewound to an earlier date is read without them.
        known.rewindTo ? Promise.resolve([]) : overdueRequestsForTransfers(db, ids, today),
      ]),
    ),
  ]);
  const plans = transfers.map((transfer) => {
    const plan = cached.get(transfer.id)!;
    return {
      transfer,
      /** The plan's cache key: tasks and dependencies as of the database's fingerprint, scheduled for `today`. */
      planKey: plan.key,
      tasks: plan.tasks,
      schedule: plan.schedule,
      escalatedRisks: risks.filter((r) => r.transfer_id === transfer.id),
      confidence: confidence.get(transfer.id) ?? [],
      overdueRequests: lateRequests
        .filter((r) => r.transferId === transfer.id)
        .map((r) => ({
          reference: ddReference(r.number),
          title: r.title,
          owner: r.respondingShortName,
          daysOverdue: daysBetween(r.dueOn, today),
          workstream: DD_WORKSTREAM[r.category as TDdCategory],
        })),
      registers: {
        staffGroups: registers.staffGroups.filter((g) => g.transferId === transfer.id),
        sites: registers.sites.filter((x) => x.transferId === transfer.id),
        systems: registers.systems.filter((x) => x.transferId === transfer.id),
      },
    };
  });
  const dependencies: readonly TDependencyRow[] = plans.flatMap(
    (p) => cached.get(p.transfer.id)!.dependencies,
  );
  return { plans, dependencies, programme, matrix };
}

function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/**
 * The plan as it stood on an earlier date, as far as the stored rows tell: a task completed after that date
 * was still open then. (Other edits are not kept by date; this is for papers frozen after the fact.)
 */
export function rewindTasks(tasks: readonly TTaskRow[], to: TIsoDate): TTaskRow[] {
  return tasks.map((t) =>
    t.actualStart !== null && t.actualStart > to
      ? { ...t, status: 'not_started', actualStart: null, completedOn: null, percentComplete: 0 }
      : t.status === 'done' && t.completedOn !== null && t.completedOn > to
        ? { ...t, status: 'in_progress', completedOn: null, percentComplete: Math.min(t.percentComplete, 90) }
        : t,
  );
}

export type TLoadedPlans = Awaited<ReturnType<typeof loadPlans>>;

/*
 * The tasks as the readiness rules read them depend only on the plan and its schedule, which a process keeps
 * per plan fingerprint and date (plan.cache.ts): mapped once per cached plan, not once per request.
 */
const READINESS_TASKS = new WeakMap<object, readonly TReadinessTask[]>();

function readinessTasksOf(
  tasks: TLoadedPlans['plans'][number]['tasks'],
  sched: TLoadedPlans['plans'][number]['schedule'],
) {
  const hit = READINESS_TASKS.get(sched);
  if (hit) return hit;
  const mapped: readonly TReadinessTask[] = Object.freeze(mapReadinessTasks(tasks, sched));
  READINESS_TASKS.set(sched, mapped);
  return mapped;
}

function mapReadinessTasks(
  tasks: TLoadedPlans['plans'][number]['tasks'],
  sched: TLoadedPlans['plans'][number]['schedule'],
): TReadinessTask[] {
  return tasks
    .filter((t) => t.status !== 'cancelled')
    .map((t) => {
      const s = sched.tasks.get(t.id);
      const forecastFinish = s?.forecastFinish ?? t.dueDate;
      return {
        title: t.title,
        workstream: t.workstream,
        owner: t.owningOrganisation.shortName,
        startDate: t.startDate,
        dueDate: t.dueDate,
        done: t.status === 'done',
        started: t.status !== 'not_started',
        forecastFinish,
        forecastLateDays: Math.max(0, daysBetween(t.dueDate, forecastFinish)),
        critical: s?.critical ?? false,
        conditionPrecedent: t.conditionPrecedent,
        isGate: t.kind === 'gate',
        gateCriteriaMet: t.gateCriteriaMet,
      };
    });
}

/*
 * A plan's readiness is a pure function of the cached plan (tasks and schedule, kept per fingerprint and date)
 * and a few small inputs read on every request: the transfer, its registers, its escalated risks and late
 * requests, the programme's settings and longstop date, the date. A process keeps each cached plan's last
 * answer with the exact inputs it came from, and reuses it only while every one of them is the same: the
 * steering pack, joint progress and the transfers page read every plan's readiness on each request.
 */
const READINESS = new WeakMap<object, { inputs: string; value: TPlanReadiness }>();

type TPlanReadiness = ReturnType<typeof computeReadiness>;

/** Readiness (RAG with reasons) and the headline figures of each transfer. */
export function readinessOfPlans(loaded: TLoadedPlans, today: TIsoDate) {
  const settings = readinessSettingsOf(loaded.programme);
  const longstop = loaded.programme?.longstopDate ?? null;
  return loaded.plans.map((plan) => {
    const { transfer, schedule, escalatedRisks, registers, overdueRequests, confidence } = plan;
    const inputs = JSON.stringify([
      today,
      settings,
      longstop,
      transfer,
      registers,
      escalatedRisks,
      overdueRequests,
    ]);
    let kept = READINESS.get(schedule);
    if (kept?.inputs !== inputs) {
      kept = { inputs, value: deepFreeze(computeReadiness(plan, settings, longstop, today)) };
      READINESS.set(schedule, kept);
    }
    // The request's own rows ride along: a kept answer never carries one request's objects to another.
    const { readiness, ...figures } = kept.value;
    return { transfer, readiness, confidence, ...figures };
  });
}

function computeReadiness(
  {
    transfer,
    tasks: mine,
    schedule: sched,
    escalatedRisks,
    registers,
    overdueRequests,
  }: TLoadedPlans['plans'][number],
  settings: TReadinessSettings,
  longstop: TIsoDate | null,
  today: TIsoDate,
) {
  const margin = marginOf(transfer.plannedTransferDate, sched.forecastGoLive);
  // The forecast is set by the last unfinished piece of work on the driving chain (not the go-live milestone).
  const byId = new Map(mine.map((t) => [t.id, t]));
  const driving = [...sched.criticalPath]
    .reverse()
    .map((id) => byId.get(id))
    .find((t) => t && t.kind === 'task' && t.status !== 'done');
  const readiness = readinessOf({
    today,
    transferDate: transfer.plannedTransferDate,
    forecastGoLive: sched.forecastGoLive,
    marginDays: margin,
    drivingTask: driving ? { title: driving.title, owner: driving.owningOrganisation.shortName } : null,
    settings,
    tasks: readinessTasksOf(mine, sched),
    escalatedRisks: escalatedRisks.map((r) => ({
      reference: riskReference(r.number),
      title: r.title,
      score: r.current_score,
      workstream: r.workstream as TWorkstream | null,
      owner: r.owner_short_name,
    })),
    registers: registerItems(transfer, registers, today),
    overdueRequests,
  });
  const conditions = mine.filter((t) => t.conditionPrecedent && t.status !== 'cancelled');
  return {
    readiness,
    forecastGoLive: sched.forecastGoLive,
    /** Transfer date minus forecast go-live, in days: negative when the forecast is late. */
    marginDays: margin,
    slackDays: margin,
    percentComplete: percentComplete(mine),
    openConditions: conditions
      .filter((t) => t.status !== 'done')
      .map((t) => ({ id: t.id, title: t.title, dueDate: t.dueDate })),
    overdueCritical: mine
      .filter((t) => isOpenTask(t) && t.dueDate < today && sched.tasks.get(t.id)?.critical)
      .map((t) => ({
        id: t.id,
        title: t.title,
        dueDate: t.dueDate,
        owner: t.owningOrganisation.shortName,
      })),
    gates: mine
      .filter((t) => t.kind === 'gate')
      .map((t) => ({
        id: t.id,
        title: t.title,
        dueDate: t.dueDate,
        criteria: t.gateCriteria,
        met: t.gateCriteriaMet,
        status: t.status,
        owner: t.owningOrganisation.shortName,
      })),
    escalatedRisks: escalatedRisks.map((r) => ({
      id: r.id,
      reference: riskReference(r.number),
      title: r.title,
      score: r.current_score,
    })),
    commencement: actualCommencement(
      transfer.plannedTransferDate,
      conditions.map((t) => ({
        id: t.id,
        title: t.title,
        metOn: t.status === 'done' ? (t.completedOn ?? t.dueDate) : null,
      })),
      longstop,
    ),
    countdownDays: daysBetween(today, transfer.plannedTransferDate),
  };
}

/** Every plan the member may see, scheduled. */
export async function loadVisiblePlans(
  db: Executor,
  member: TMember,
  today: TIsoDate,
  known: Parameters<typeof loadPlans>[4] = {},
) {
  const transfers = await listTransfers(db, member.programmeId, transferVisibility(member));
  return loadPlans(db, member, transfers, today, known);
}

/** Transfer date minus forecast go-live, in days (negative: the forecast is after the transfer date). */
export const marginOf = (transferDate: TIsoDate, forecastGoLive: TIsoDate | null) =>
  forecastGoLive ? daysBetween(forecastGoLive, transferDate) : null;

export function readinessSettingsOf(programme: TProgrammeRow | undefined): TReadinessSettings {
  const parsed = ZReadinessSettings.safeParse(programme?.readinessSettings ?? {});
  return parsed.success ? parsed.data : DEFAULT_READINESS_SETTINGS;
}

type TRegisters = TLoadedPlans['plans'][number]['registers'];

/** Each register row's own verdict, with the organisation that must act on it. */
function registerItems(transfer: TTransferRow, r: TRegisters, today: TIsoDate): TReadinessRegisterItem[] {
  const transferDate = transfer.plannedTransferDate;
  const items: TReadinessRegisterItem[] = [];
  for (const s of r.sites) {
    const v = siteReadiness({ ...s, today, transferDate });
    items.push({
      kind: 'site',
      name: s.name,
      rag: v.rag,
      reason: v.reasons[0] ?? '',
      owner: transfer.incoming.shortName,
    });
  }
  for (const s of r.systems) {
    const v = systemReadiness({ ...s, today, transferDate });
    items.push({
      kind: 'system',
      name: s.name,
      rag: v.rag,
      reason: v.reasons[0] ?? '',
      owner: transfer.incoming.shortName,
    });
  }
  for (const g of r.staffGroups) {
    const eli = eliStatus({ transferDate, eliSentOn: g.eliSentOn, today });
    const rag = eli.state === 'late' ? 'amber' : eli.state === 'due_soon' ? 'amber' : 'green';
    items.push({
      kind: 'staff_group',
      name: g.service,
      rag,
      reason: eli.reason,
      owner: g.outgoingEmployer.shortName,
    });
  }
  return items;
}
