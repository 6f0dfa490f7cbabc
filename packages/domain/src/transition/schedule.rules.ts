import { addDays, daysBetween, type TIsoDate } from '../shared/dates';
import { schedule, type TNetworkTask } from './critical-path';
import type { TTaskStatus } from './plan.schema';
import { milestoneState, transferMilestones } from './statutory.rules';

/** What scheduling needs of a stored task. */
export interface TScheduleTask {
  id: string;
  status: TTaskStatus;
  /** Planned start and finish. */
  startDate: TIsoDate;
  dueDate: TIsoDate;
  /** The actual start (absent or null: not recorded). */
  actualStart?: TIsoDate | null;
  /** The actual finish of a done task. */
  completedOn: TIsoDate | null;
  /** 0 to 100 (absent: 0). Used for work in progress. */
  percentComplete?: number;
  /**
   * A milestone or go/no-go gate of a day or less is an event, not work in a planned window: once it has
   * predecessors it is forecast for when they finish, not pinned to its planned date. That is how the go-live milestone shows the
   * margin the plan has before the transfer date.
   */
  kind?: 'task' | 'milestone' | 'gate';
}

export interface TScheduleDependency {
  predecessorId: string;
  successorId: string;
  lagDays: number;
}

export interface TScheduledTaskDates {
  forecastStart: TIsoDate;
  forecastFinish: TIsoDate;
  /** Total float under its old name: the same figure as `totalFloatDays` (null for done work). */
  slackDays: number | null;
  /**
   * Days the task can slip before it moves the forecast go-live or, when that is already past the transfer
   * date, how many days behind it is (negative). Null for done work, which is never critical.
   */
  totalFloatDays: number | null;
  /** Days the task can slip before it moves any successor. Null for done work. */
  freeFloatDays: number | null;
  /** Total float of zero or less (never done work). */
  critical: boolean;
  /** Days the forecast finish is after the due date; 0 when on time, and always 0 for done work. */
  forecastLateDays: number;
}

export interface TTransferSchedule {
  tasks: Map<string, TScheduledTaskDates>;
  /** The latest forecast finish of any task (null when the plan has no tasks). */
  forecastGoLive: TIsoDate | null;
  /** The driving chain of critical tasks, first to last. */
  criticalPath: string[];
  /** Kept for old callers: the same figure as `marginDays`. */
  slackDays: number | null;
  /** Transfer date minus forecast go-live, in days: negative when the forecast is late. */
  marginDays: number | null;
}

/** How one task enters the network, in day numbers from the plan's epoch. */
export interface TTaskForecastBasis {
  /** Where the task's start is fixed (started or done work), or null if predecessors may still move it. */
  fixedStart: number | null;
  /** Not started work: the earliest it can start (its planned start, or today if later). */
  notBefore: number;
  /** Days from the start to the forecast finish (for not started work, before predecessors move it). */
  durationDays: number;
  /** Work in progress: whole days of work left. Not started: the planned duration. Done: 0. */
  remainingDays: number;
  finished: boolean;
}

/**
 * The forecasting rules for one task, dates as day numbers (`day` maps a date to its number):
 * - done: from the actual start (or the planned start) to the actual finish (or the due date);
 * - in progress or blocked: the start is fixed at the actual start (or the planned start); the work left is
 *   ceil(planned duration x (100 - percent complete) / 100) days, and the forecast finish is the later of the
 *   planned finish and today + the work left (unfinished work is never forecast to finish early, and at 100%
 *   but not marked done it finishes today at the earliest);
 * - not started: starts at the latest of its planned start, today and its predecessors (applied by the
 *   network), and lasts its planned duration.
 */
export function taskForecastBasis(
  t: TScheduleTask,
  today: number,
  day: (d: TIsoDate) => number,
): TTaskForecastBasis {
  const plannedStart = day(t.startDate);
  const plannedFinish = day(t.dueDate);
  const planned = Math.max(0, plannedFinish - plannedStart);
  if (t.status === 'done') {
    const start = day(t.actualStart ?? t.startDate);
    const finish = Math.max(start, day(t.completedOn ?? t.dueDate));
    return {
      fixedStart: start,
      notBefore: start,
      durationDays: finish - start,
      remainingDays: 0,
      finished: true,
    };
  }
  if (t.status === 'in_progress' || t.status === 'blocked') {
    const start = day(t.actualStart ?? t.startDate);
    const percent = Math.min(100, Math.max(0, t.percentComplete ?? 0));
    const remaining = Math.max(0, Math.ceil((planned * (100 - percent)) / 100 - 1e-9));
    const finish = Math.max(plannedFinish, today + remaining, start);
    return {
      fixedStart: start,
      notBefore: start,
      durationDays: finish - start,
      remainingDays: remaining,
      finished: false,
    };
  }
  return {
    fixedStart: null,
    notBefore: Math.max(plannedStart, today),
    durationDays: planned,
    remainingDays: planned,
    finished: false,
  };
}

/**
 * Dates in, dates out: forecast every task from its actual dates and progress (see `taskForecastBasis`),
 * run the critical path method with the transfer date as the deadline, and give each task its float and
 * whether it is forecast after its due date, and the plan its forecast go-live and margin. Cancelled tasks
 * and their dependencies are left out.
 */
export function scheduleTransfer(
  transfer: { plannedTransferDate: TIsoDate },
  tasks: readonly TScheduleTask[],
  deps: readonly TScheduleDependency[],
  today: TIsoDate,
): TTransferSchedule {
  const live = tasks.filter((t) => t.status !== 'cancelled');
  if (!live.length)
    return { tasks: new Map(), forecastGoLive: null, criticalPath: [], slackDays: null, marginDays: null };
  const epoch = live.reduce((m, t) => (t.startDate < m ? t.startDate : m), live[0]!.startDate);
  const day = (d: TIsoDate) => daysBetween(epoch, d);
  const todayDay = day(today);
  const liveIds = new Set(live.map((t) => t.id));
  const hasPredecessors = new Set(
    deps.filter((d) => liveIds.has(d.predecessorId) && liveIds.has(d.successorId)).map((d) => d.successorId),
  );
  const network: TNetworkTask[] = live.map((t) => {
    const b = taskForecastBasis(t, todayDay, day);
    const event =
      (t.kind === 'milestone' || t.kind === 'gate') &&
      daysBetween(t.startDate, t.dueDate) <= 1 &&
      hasPredecessors.has(t.id);
    return {
      id: t.id,
      durationDays: b.durationDays,
      notBefore: event && b.fixedStart === null ? todayDay : b.notBefore,
      ...(b.fixedStart === null ? {} : { fixedStart: b.fixedStart }),
      finished: b.finished,
    };
  });
  const ids = new Set(live.map((t) => t.id));
  const s = schedule(
    network,
    deps.filter((d) => ids.has(d.predecessorId) && ids.has(d.successorId)),
    day(transfer.plannedTransferDate),
  );
  const dates = new Map<string, TScheduledTaskDates>();
  for (const t of live) {
    const n = s.tasks.get(t.id)!;
    const forecastFinish = addDays(epoch, n.earlyFinish);
    const totalFloat = n.finished ? null : n.totalFloat;
    dates.set(t.id, {
      forecastStart: addDays(epoch, n.earlyStart),
      forecastFinish,
      slackDays: totalFloat,
      totalFloatDays: totalFloat,
      freeFloatDays: n.finished ? null : n.freeFloat,
      critical: n.critical,
      forecastLateDays: n.finished ? 0 : Math.max(0, daysBetween(t.dueDate, forecastFinish)),
    });
  }
  const forecastGoLive = addDays(epoch, s.projectFinish);
  const margin = daysBetween(forecastGoLive, transfer.plannedTransferDate);
  return {
    tasks: dates,
    forecastGoLive,
    criticalPath: s.criticalPath,
    slackDays: margin,
    marginDays: margin,
  };
}

/** The statutory and contractual dates of a transfer, each with its rule and whether it is met or missed. */
export function transferMilestonesWithState(
  transfer: {
    plannedTransferDate: TIsoDate;
    proposedRedundancies: number;
    firstDismissalDate: TIsoDate | null;
    legacyAccessDays: number;
  },
  tasks: ReadonlyArray<{ templateKey: string | null; status: TTaskStatus; completedOn: TIsoDate | null }>,
  today: TIsoDate,
) {
  const doneOn = (key: string) =>
    tasks.find((t) => t.templateKey === key && t.status === 'done')?.completedOn ?? null;
  const byMilestone: Record<string, string> = {
    eli_due: 'eli',
    measures_letter: 'measures',
    transfer: 'go_live',
  };
  return transferMilestones({
    transferDate: transfer.plannedTransferDate,
    proposedRedundancies: transfer.proposedRedundancies,
    firstDismissalDate: transfer.firstDismissalDate,
    legacyAccessDays: transfer.legacyAccessDays,
  }).map((m) => {
    const done = byMilestone[m.key] ? doneOn(byMilestone[m.key]!) : null;
    return { ...m, doneOn: done, state: milestoneState(m, done, today) };
  });
}
