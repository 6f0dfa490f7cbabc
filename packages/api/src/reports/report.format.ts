import {
  bandContaining,
  daysBetween,
  formatUkDate,
  formatUkDateTime,
  RAG_LABELS,
  type TIsoDate,
  type TMilestoneState,
  type TPackBand,
  type TRag,
  type TTrend,
} from '@baton/domain';

/* What the PDF and XLSX papers share: colours, words, dates, file names. */

export const NHS_BLUE = '#005eb8';
export const NHS_DARK_GREY = '#425563';
export const NHS_PALE_GREY = '#e8edee';
export const NHS_TEXT = '#212b32';

export const CONTENT_TYPES = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
export type TReportFormat = keyof typeof CONTENT_TYPES;

/** RAG as a coloured cell that also says the word (colour alone never carries the meaning). */
export const RAG_STYLE: Record<TRag, { label: string; fill: string; text: string }> = {
  red: { label: RAG_LABELS.red, fill: '#d5281b', text: '#ffffff' },
  amber: { label: RAG_LABELS.amber, fill: '#ffb81c', text: NHS_TEXT },
  green: { label: RAG_LABELS.green, fill: '#007f3b', text: '#ffffff' },
};

export const TREND_WORDS: Record<TTrend, string> = {
  up: 'Up',
  down: 'Down',
  steady: 'Steady',
  new: 'New',
};

export const MILESTONE_STATE_LABELS: Record<TMilestoneState, string> = {
  done: 'Done',
  missed: 'Missed',
  due_soon: 'Due soon',
  upcoming: 'Upcoming',
};

/** The band a score falls in, from the bands the pack carries (a frozen pack keeps the bands of its day). */
export const bandForScore = (bands: readonly TPackBand[], score: number) => bandContaining(bands, score);

export const ukDate = (d: TIsoDate | null | undefined): string => (d ? formatUkDate(d) : '');

/** A moment as a UK paper prints it: 23 Nov 2026, 14:05 (UK time). */
export const ukDateTime = (at: string | Date): string => formatUkDateTime(at);

/** The programme code as it may appear in a file name. */
export const fileCode = (code: string): string => code.replace(/[^A-Za-z0-9_-]+/g, '-') || 'programme';

/** An ISO date as a spreadsheet date (midnight UTC, so no time zone can move it). */
export const excelDate = (d: TIsoDate | null | undefined): Date | null =>
  d ? new Date(`${d}T00:00:00Z`) : null;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "12 days late", "on time", "3 days early": a forecast against the planned date. */
export function slipText(planned: TIsoDate, forecast: TIsoDate | null): string {
  if (!forecast) return 'no forecast';
  const d = daysBetween(planned, forecast);
  if (d === 0) return 'on time';
  return d > 0 ? `${plural(d, 'day')} late` : `${plural(-d, 'day')} early`;
}
