import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import 'dayjs/locale/en-gb';
import { formatUkDate, formatUkDateTime, once, type TCountdown } from '@baton/domain';

dayjs.extend(relativeTime);
dayjs.locale('en-gb');

const LOCALE = 'en-GB';

/** £420m, £1.2bn, £750k, £950: the short form used in headings and tables. */
export function formatMoneyShort(gbp: number | null | undefined): string {
  if (gbp === null || gbp === undefined) return 'Not set';
  const abs = Math.abs(gbp);
  const nf = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1 });
  if (abs >= 1e9) return `£${nf.format(gbp / 1e9)}bn`;
  if (abs >= 1e6) return `£${nf.format(gbp / 1e6)}m`;
  if (abs >= 1e4) return `£${nf.format(gbp / 1e3)}k`;
  return new Intl.NumberFormat(LOCALE, {
    style: 'currency',
    currency: 'GBP',
    maximumFractionDigits: 0,
  }).format(gbp);
}

/** £420,000,000: the exact figure, for titles and screen readers. */
export function formatMoneyExact(gbp: number | null | undefined): string {
  if (gbp === null || gbp === undefined) return 'Not set';
  return new Intl.NumberFormat(LOCALE, {
    style: 'currency',
    currency: 'GBP',
    maximumFractionDigits: 0,
  }).format(gbp);
}

/** 120 -> "10 years"; 90 -> "7 years 6 months"; 18 -> "1 year 6 months"; 9 -> "9 months". */
export function formatTerm(months: number | null | undefined): string {
  if (months === null || months === undefined) return 'Not set';
  const years = Math.floor(months / 12);
  const rest = months % 12;
  const parts: string[] = [];
  if (years > 0) parts.push(`${years} ${years === 1 ? 'year' : 'years'}`);
  if (rest > 0) parts.push(`${rest} ${rest === 1 ? 'month' : 'months'}`);
  return parts.join(' ');
}

/** Calendar dates travel as YYYY-MM-DD; they are UK dates, so format them in UTC to avoid any shift. */
function isoToDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

// Formatters are built once, on first use: making one costs far more than using it (a table formats hundreds
// of dates), and the first costs tens of milliseconds as the browser loads its locale data, which a page that
// never shows such a date should not pay before it can show.
const LONG_DATE = once(() => new Intl.DateTimeFormat(LOCALE, { dateStyle: 'long', timeZone: 'UTC' }));
const DATE_WITH_DAY = once(
  () =>
    new Intl.DateTimeFormat(LOCALE, {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }),
);
const NUMBER = once(() => new Intl.NumberFormat(LOCALE));

/** "1 April 2026" */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return 'Not set';
  return LONG_DATE().format(isoToDate(iso));
}

/** "1 Apr 2026" (fixed month names: ICU's en-GB writes "Sept"). */
export function formatDateShort(iso: string | null | undefined): string {
  if (!iso) return 'Not set';
  return formatUkDate(iso);
}

/** "Wednesday 1 April 2026" */
export function formatDateWithDay(iso: string): string {
  return DATE_WITH_DAY().format(isoToDate(iso));
}

/** A moment in time, as people in the UK read it: "3 Mar 2026, 14:05". */
export function formatTimestamp(at: Date | string): string {
  return formatUkDateTime(at);
}

/** "3 hours ago", "in 2 days". */
export function formatRelative(at: Date | string): string {
  return dayjs(at).fromNow();
}

const plural = (n: number, one: string, many: string) => `${NUMBER().format(n)} ${n === 1 ? one : many}`;

/** "112 days to go", "Today", "3 days ago". */
export function formatCountdown(countdown: TCountdown): string {
  switch (countdown.kind) {
    case 'future':
      return `${plural(countdown.days, 'day', 'days')} to go`;
    case 'today':
      return 'Today';
    case 'past':
      return `${plural(countdown.days, 'day', 'days')} ago`;
  }
}

/** "16 weeks", "about 80 working days": the secondary line under a big countdown. */
export function formatCountdownDetail(countdown: TCountdown): string | null {
  if (countdown.kind !== 'future') return null;
  const weeks = countdown.weeks > 0 ? `${plural(countdown.weeks, 'week', 'weeks')}, ` : '';
  return `${weeks}about ${plural(countdown.workingDaysApprox, 'working day', 'working days')}`;
}

export function formatCount(n: number, one: string, many: string): string {
  return plural(n, one, many);
}
