import { once } from './once';
/**
 * Calendar dates travel as ISO `YYYY-MM-DD` strings: no time zone can shift a contract date by a day. The
 * schema that checks one is `ZIsoDate` (./iso-date.ts), kept apart so a page that only formats dates does not
 * download the validation library.
 */
export type TIsoDate = string;

const DAY_MS = 86_400_000;

export function toIsoDate(d: Date): TIsoDate {
  return d.toISOString().slice(0, 10);
}

export function parseIsoDate(s: TIsoDate): Date {
  return new Date(`${s}T00:00:00Z`);
}

/*
 * Day arithmetic is the hottest code in scheduling (a plan of 500 tasks parses thousands of dates per request),
 * so it works on day numbers (days since 1970-01-01) without building Date objects or strings where it can.
 * Results are identical to the Date-based definitions; anything unusual (years before 100, out-of-range
 * months or days) takes the Date path.
 */
const NUMBER_OF_DAY = new Map<string, number>();
const DAY_OF_NUMBER = new Map<number, TIsoDate>();
const CACHE_LIMIT = 20_000;

/** Days since 1970-01-01 of an ISO date (NaN when it is not a date). */
export function dayNumber(s: TIsoDate): number {
  const cached = NUMBER_OF_DAY.get(s);
  if (cached !== undefined) return cached;
  let n: number;
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(5, 7));
  const d = Number(s.slice(8, 10));
  if (s.length === 10 && s[4] === '-' && s[7] === '-' && y >= 100 && m >= 1 && m <= 12 && d >= 1 && d <= 31)
    n = Date.UTC(y, m - 1, d) / DAY_MS;
  else n = Math.round(parseIsoDate(s).getTime() / DAY_MS);
  if (NUMBER_OF_DAY.size >= CACHE_LIMIT) NUMBER_OF_DAY.clear();
  NUMBER_OF_DAY.set(s, n);
  return n;
}

/** The ISO date of a day number. */
export function dateOfDayNumber(n: number): TIsoDate {
  const cached = DAY_OF_NUMBER.get(n);
  if (cached !== undefined) return cached;
  const iso = toIsoDate(new Date(n * DAY_MS));
  if (DAY_OF_NUMBER.size >= CACHE_LIMIT) DAY_OF_NUMBER.clear();
  DAY_OF_NUMBER.set(n, iso);
  return iso;
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: TIsoDate, to: TIsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

export function addDays(date: TIsoDate, days: number): TIsoDate {
  const n = dayNumber(date) + days;
  // Fractional or non-finite inputs keep the Date definition's rounding and errors.
  return Number.isInteger(n)
    ? dateOfDayNumber(n)
    : toIsoDate(new Date(parseIsoDate(date).getTime() + days * DAY_MS));
}

export function addMonths(date: TIsoDate, months: number): TIsoDate {
  const d = parseIsoDate(date);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return toIsoDate(d);
}

// Built once, on first use: an Intl formatter with a time zone costs more to make than most requests spend on
// their data, and every request asks for today; a browser page that never asks should not pay for it.
const UK_DATE = once(
  () =>
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/London',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }),
);

/** Today in the UK, as a calendar date (the programme's dates are all UK dates). */
export function todayInUk(now: Date = new Date()): TIsoDate {
  return UK_DATE().format(now);
}

/** Short month names as UK papers print them (ICU's en-GB now writes "Sept", which they don't). */
export const UK_SHORT_MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

/** A calendar date as a UK paper prints it: 1 Nov 2026. */
export function formatUkDate(date: TIsoDate): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${d} ${UK_SHORT_MONTHS[m! - 1]} ${y}`;
}

/**
 * A month as a chart axis prints it: "Nov", "Nov ’26" or "Nov 2026". The short year carries an apostrophe:
 * "Nov 26" reads as the 26th of November.
 */
export function formatUkMonth(date: TIsoDate, year: 'none' | '2-digit' | 'numeric' = 'numeric'): string {
  const [y, m] = date.split('-');
  const month = UK_SHORT_MONTHS[Number(m) - 1]!;
  return year === 'none' ? month : `${month} ${year === '2-digit' ? `’${y!.slice(2)}` : y}`;
}

const UK_CLOCK = once(
  () =>
    new Intl.DateTimeFormat('en-GB', {
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
      timeZone: 'Europe/London',
    }),
);

/** A moment as a UK paper prints it, in UK time: 23 Nov 2026, 14:05. */
export function formatUkDateTime(at: Date | string): string {
  const d = typeof at === 'string' ? new Date(at) : at;
  return `${formatUkDate(todayInUk(d))}, ${UK_CLOCK().format(d)}`;
}
