import { addDays, daysBetween, type TIsoDate, type TWorkstream } from '@baton/domain';

/** Geometry of the timeline, in CSS pixels. Rows have one height so the HTML labels line up with the SVG. */
export const ROW_H = 30;
export const HEADER_TIERS = { top: 22, second: 20, markers: 22 } as const;
export const HEADER_H = HEADER_TIERS.top + HEADER_TIERS.second + HEADER_TIERS.markers;

export type Zoom = 'week' | 'month' | 'fit';
/** Pixels per day; 'fit' is worked out from the window's width (see Gantt). */
export const PX_PER_DAY: Record<Zoom, number> = { week: 14, month: 5, fit: 5 };

export interface GanttTaskInput {
  id: string;
  title: string;
  workstream: TWorkstream;
  kind: 'task' | 'milestone' | 'gate';
  startDate: TIsoDate;
  dueDate: TIsoDate;
  forecastStart: TIsoDate;
  forecastFinish: TIsoDate;
  critical: boolean;
}

export type GanttRow<T> =
  { type: 'group'; workstream: TWorkstream; count: number } | { type: 'task'; task: T };

/** Rows: a header per workstream (in the given order), then its tasks in the API's order. */
export function ganttRows<T extends GanttTaskInput>(
  tasks: readonly T[],
  order: readonly TWorkstream[],
): GanttRow<T>[] {
  const rows: GanttRow<T>[] = [];
  for (const ws of order) {
    const mine = tasks.filter((t) => t.workstream === ws);
    if (!mine.length) continue;
    rows.push({ type: 'group', workstream: ws, count: mine.length });
    for (const task of mine) rows.push({ type: 'task', task });
  }
  return rows;
}

const dayOfWeek = (d: TIsoDate) => new Date(`${d}T00:00:00Z`).getUTCDay();

/** The span the chart shows: every bar, ghost, today and the transfer date, with a margin, snapped to a boundary. */
export function ganttRange(
  tasks: readonly GanttTaskInput[],
  marks: readonly TIsoDate[],
  zoom: Zoom,
): { start: TIsoDate; end: TIsoDate; days: number } {
  const dates = [
    ...marks,
    ...tasks.flatMap((t) => [t.startDate, t.dueDate, t.forecastStart, t.forecastFinish]),
  ];
  const min = dates.reduce((m, d) => (d < m ? d : m), dates[0]!);
  const max = dates.reduce((m, d) => (d > m ? d : m), dates[0]!);
  let start = addDays(min, -7);
  let end = addDays(max, 14);
  if (zoom === 'week') {
    start = addDays(start, -((dayOfWeek(start) + 6) % 7)); // back to Monday
    end = addDays(end, ((7 - dayOfWeek(end)) % 7) + 1);
  } else {
    start = `${start.slice(0, 7)}-01`;
    const next = new Date(`${end.slice(0, 7)}-01T00:00:00Z`);
    next.setUTCMonth(next.getUTCMonth() + 1);
    end = next.toISOString().slice(0, 10);
  }
  return { start, end, days: daysBetween(start, end) };
}

/** First days of each month from `start` (inclusive, if it is one) up to `end`. */
export function monthStarts(start: TIsoDate, end: TIsoDate): TIsoDate[] {
  const out: TIsoDate[] = [];
  const d = new Date(`${start.slice(0, 7)}-01T00:00:00Z`);
  if (start.slice(8) !== '01') d.setUTCMonth(d.getUTCMonth() + 1);
  while (d.toISOString().slice(0, 10) < end) {
    out.push(d.toISOString().slice(0, 10));
    d.setUTCMonth(d.getUTCMonth() + 1);
  }
  return out;
}

/** Mondays from `start` up to `end`. */
export function mondays(start: TIsoDate, end: TIsoDate): TIsoDate[] {
  const out: TIsoDate[] = [];
  let d = addDays(start, (8 - dayOfWeek(start)) % 7);
  while (d < end) {
    out.push(d);
    d = addDays(d, 7);
  }
  return out;
}

export function isWeekend(d: TIsoDate): boolean {
  const w = dayOfWeek(d);
  return w === 0 || w === 6;
}

/**
 * An elbow connector from a predecessor's finish (x1, y1) to a successor's start (x2, y2). When the
 * successor starts left of (or just after) the predecessor's end, it doubles back between the rows.
 */
export function dependencyPath(x1: number, y1: number, x2: number, y2: number, rowH = ROW_H): string {
  const out = x1 + 6;
  if (x2 - out >= 6) return `M ${x1} ${y1} H ${out} V ${y2} H ${x2}`;
  const between = y2 > y1 ? y2 - rowH / 2 : y2 + rowH / 2;
  return `M ${x1} ${y1} H ${out} V ${between} H ${x2 - 10} V ${y2} H ${x2}`;
}

/** A dependency is on the critical path when both ends are critical and it is the one driving the successor. */
export function isCriticalLink(
  pred: { critical: boolean; forecastFinish: TIsoDate },
  succ: { critical: boolean; forecastStart: TIsoDate },
  lagDays: number,
): boolean {
  return pred.critical && succ.critical && daysBetween(pred.forecastFinish, succ.forecastStart) === lagDays;
}
