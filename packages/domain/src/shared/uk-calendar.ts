import { addDays, dayNumber, toIsoDate, type TIsoDate } from './dates';

/*
 * Bank holidays in England and Wales, computed from the rules (with the one-off changes proclaimed since
 * 2020), so dates years ahead are right without a lookup table to keep current. A programme can add
 * its own non-working days on top.
 */

function easterSunday(year: number): TIsoDate {
  // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return toIsoDate(new Date(Date.UTC(year, month - 1, day)));
}

// 0 Sunday .. 6 Saturday (1 January 1970 was a Thursday).
const weekday = (d: TIsoDate) => (((dayNumber(d) + 4) % 7) + 7) % 7;
const iso = (y: number, m: number, d: number) => toIsoDate(new Date(Date.UTC(y, m - 1, d)));

function firstMonday(year: number, month: number): TIsoDate {
  const first = iso(year, month, 1);
  return addDays(first, (8 - weekday(first)) % 7);
}

function lastMonday(year: number, month: number): TIsoDate {
  const last = toIsoDate(new Date(Date.UTC(year, month, 0)));
  return addDays(last, -((weekday(last) + 6) % 7));
}

/** Proclaimed changes: moved and extra days. */
const MOVED: Record<string, TIsoDate> = {
  '2020-05-04': '2020-05-08', // VE Day 75
  '2022-05-30': '2022-06-02', // Platinum Jubilee
};
const EXTRA: TIsoDate[] = ['2022-06-03', '2022-09-19', '2023-05-08'];

export function englishBankHolidays(year: number): TIsoDate[] {
  const days: TIsoDate[] = [];
  const newYear = iso(year, 1, 1);
  days.push(
    weekday(newYear) === 6 ? addDays(newYear, 2) : weekday(newYear) === 0 ? addDays(newYear, 1) : newYear,
  );
  const easter = easterSunday(year);
  days.push(addDays(easter, -2), addDays(easter, 1));
  days.push(firstMonday(year, 5), lastMonday(year, 5), lastMonday(year, 8));
  const christmas = iso(year, 12, 25);
  const cw = weekday(christmas);
  if (cw === 6) days.push(iso(year, 12, 27), iso(year, 12, 28));
  else if (cw === 0) days.push(iso(year, 12, 26), iso(year, 12, 27));
  else if (cw === 5) days.push(christmas, iso(year, 12, 28));
  else days.push(christmas, iso(year, 12, 26));
  const moved = days.map((d) => MOVED[d] ?? d);
  return [...moved, ...EXTRA.filter((d) => d.startsWith(`${year}-`))].sort();
}

const cache = new Map<number, Set<TIsoDate>>();
function holidaysOf(year: number): Set<TIsoDate> {
  let s = cache.get(year);
  if (!s) cache.set(year, (s = new Set(englishBankHolidays(year))));
  return s;
}

export function isWorkingDay(d: TIsoDate, extraNonWorking: ReadonlySet<TIsoDate> = new Set()): boolean {
  const w = weekday(d);
  return w !== 0 && w !== 6 && !holidaysOf(Number(d.slice(0, 4))).has(d) && !extraNonWorking.has(d);
}

/** The `n`th working day after `d` (n >= 1), not counting `d` itself. */
export function addWorkingDays(d: TIsoDate, n: number, extraNonWorking?: ReadonlySet<TIsoDate>): TIsoDate {
  let day = d;
  let left = n;
  while (left > 0) {
    day = addDays(day, 1);
    if (isWorkingDay(day, extraNonWorking)) left--;
  }
  return day;
}
