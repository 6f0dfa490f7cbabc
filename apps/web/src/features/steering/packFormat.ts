import { formatUkMonth } from '@baton/domain';
import type { PackBand } from './types';

/** Highest band first: how a steering group reads them. */
export function bandsHighestFirst(bands: readonly PackBand[]): PackBand[] {
  return [...bands].sort((a, b) => b.min - a.min);
}

const MONTH_LONG = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "2026-11" -> "November 2026", or short: "Nov ’26" */
export function monthLabel(month: string, short = false): string {
  if (short) return formatUkMonth(`${month}-01`, '2-digit');
  return MONTH_LONG.format(new Date(`${month}-01T00:00:00Z`));
}

/** A change in a figure in words, so the direction never rests on colour or an arrow alone. */
export function deltaText(then: number, now: number): string {
  const d = now - then;
  if (d === 0) return 'No change';
  return d > 0 ? `Up ${d}` : `Down ${-d}`;
}

/** The export routes for the pack as at a date, and for a meeting's frozen pack. */
export function packDownloadHref(programmeId: string, format: 'pdf' | 'xlsx', asAt: string): string {
  return `/export/programmes/${programmeId}/steering-pack.${format}?asAt=${encodeURIComponent(asAt)}`;
}
export function frozenPackDownloadHref(
  programmeId: string,
  meetingId: string,
  format: 'pdf' | 'xlsx',
): string {
  return `/export/programmes/${programmeId}/meetings/${meetingId}/pack.${format}`;
}
