import type { TIsoDate, TScheduledTaskDates } from '@baton/domain';
import type { TTaskRow } from '@baton/db';

/** A task as every screen shows it: overdue flag, forecast dates, float and whether it is critical. */
export function presentTask(t: TTaskRow, s: TScheduledTaskDates | undefined, today: TIsoDate) {
  const open = t.status !== 'done' && t.status !== 'cancelled';
  return {
    ...t,
    overdue: open && t.dueDate < today,
    forecastStart: s?.forecastStart ?? t.startDate,
    forecastFinish: s?.forecastFinish ?? t.dueDate,
    /** Total float: days the task can slip before it moves the forecast go-live (or, past the deadline, how far behind). */
    slackDays: s?.slackDays ?? null,
    totalFloatDays: s?.totalFloatDays ?? null,
    freeFloatDays: s?.freeFloatDays ?? null,
    /** Days the forecast finish is after the task's own due date (0: on time). */
    forecastLateDays: open ? (s?.forecastLateDays ?? 0) : 0,
    critical: s?.critical ?? false,
  };
}
