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
    slackDays: s?.slackDays ?? null,
    critical: s?.critical ?? false,
  };
}
