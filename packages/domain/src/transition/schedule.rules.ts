import { addDays, daysBetween, type TIsoDate } from '../shared/dates';
import { schedule } from './critical-path';
import type { TTaskStatus } from './plan.schema';
import { milestoneState, transferMilestones } from './statutory.rules';

/** What scheduling needs of a stored task. */
export interface TScheduleTask {
  id: string;
  status: TTaskStatus;
  startDate: TIsoDate;
  dueDate: TIsoDate;
  completedOn: TIsoDate | null;
}

export interface TScheduleDependency {
  predecessorId: string;
  successorId: string;
  lagDays: number;
}

export interface TScheduledTaskDates {
  forecastStart: TIsoDate;
  forecastFinish: TIsoDate;
  slackDays: number;
  critical: boolean;
}

export interface TTransferSchedule {
  tasks: Map<string, TScheduledTaskDates>;
  forecastGoLive: TIsoDate | null;
  criticalPath: string[];
  slackDays: number | null;
}

/**
 * Dates in, dates out: the critical-path code works in day numbers from the earliest start. Done tasks
 * sit where they happened; an open task past its due date is forecast to finish no earlier than tomorrow,
 * which is how a slip moves its successors, the milestones and the forecast go-live.
 */
export function scheduleTransfer(
  transfer: { plannedTransferDate: TIsoDate },
  tasks: readonly TScheduleTask[],
  deps: readonly TScheduleDependency[],
  today: TIsoDate,
): TTransferSchedule {
  const live = tasks.filter((t) => t.status !== 'cancelled');
  if (!live.length) return { tasks: new Map(), forecastGoLive: null, criticalPath: [], slackDays: null };
  const epoch = live.reduce((m, t) => (t.startDate < m ? t.startDate : m), live[0]!.startDate);
  const day = (d: TIsoDate) => daysBetween(epoch, d);
  const tomorrow = day(addDays(today, 1));
  const network = live.map((t) => {
    const start = day(t.startDate);
    const planned = day(t.dueDate) - start;
    if (t.status === 'done') {
      const finish = t.completedOn ? day(t.completedOn) : day(t.dueDate);
      return { id: t.id, notBefore: start, durationDays: Math.max(0, finish - start) };
    }
    const forecastFinish = Math.max(start + planned, day(t.dueDate) < day(today) ? tomorrow : 0);
    return { id: t.id, notBefore: start, durationDays: forecastFinish - start };
  });
  const ids = new Set(live.map((t) => t.id));
  const s = schedule(
    network,
    deps.filter((d) => ids.has(d.predecessorId) && ids.has(d.successorId)),
    day(transfer.plannedTransferDate),
  );
  const dates = new Map<string, TScheduledTaskDates>();
  for (const [id, t] of s.tasks) {
    dates.set(id, {
      forecastStart: addDays(epoch, t.earlyStart),
      forecastFinish: addDays(epoch, t.earlyFinish),
      slackDays: t.slack,
      critical: t.critical,
    });
  }
  const minSlack = Math.min(...[...s.tasks.values()].map((t) => t.slack));
  return {
    tasks: dates,
    forecastGoLive: addDays(epoch, s.projectFinish),
    criticalPath: s.criticalPath,
    slackDays: minSlack,
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
