import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween, formatUkDate, formatUkDateTime, todayInUk } from './dates';
import { ZIsoDate } from './iso-date';

describe('calendar dates', () => {
  it.each([
    ['2027-04-01', true],
    ['2028-02-29', true],
    ['2027-02-29', false],
    ['2027-13-01', false],
    ['1/4/2027', false],
  ])('%s is a valid ISO date: %s', (s, ok) => {
    expect(ZIsoDate.safeParse(s).success).toBe(ok);
  });

  it('counts days across a clock change without drifting', () => {
    expect(daysBetween('2027-03-27', '2027-03-29')).toBe(2);
    expect(addDays('2027-10-30', 2)).toBe('2027-11-01');
  });

  it('adds months clamping to the last day of a shorter month', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2027-11-15', 4)).toBe('2028-03-15');
    expect(addMonths('2027-04-01', -3)).toBe('2027-01-01');
  });

  it("takes today's date in the UK, not UTC", () => {
    expect(todayInUk(new Date('2027-06-30T23:30:00Z'))).toBe('2027-07-01');
    expect(todayInUk(new Date('2027-12-31T23:30:00Z'))).toBe('2027-12-31');
  });
});

describe('UK dates on papers', () => {
  it.each([
    ['2026-09-01', '1 Sep 2026'],
    ['2027-12-25', '25 Dec 2027'],
    ['2026-11-29', '29 Nov 2026'],
  ])('%s prints as %s', (iso, uk) => {
    expect(formatUkDate(iso)).toBe(uk);
  });
});

describe('UK moments on papers', () => {
  it.each([
    ['2026-09-23T13:05:00Z', '23 Sep 2026, 14:05'],
    ['2026-12-31T23:30:00Z', '31 Dec 2026, 23:30'],
    ['2026-06-30T23:30:00Z', '1 Jul 2026, 00:30'],
  ])('%s prints as %s (UK time)', (at, text) => {
    expect(formatUkDateTime(at)).toBe(text);
  });
});

describe('day arithmetic on day numbers', () => {
  // The Date-based definitions the fast path must agree with, day for day.
  const slowBetween = (a: string, b: string) =>
    Math.round((new Date(`${b}T00:00:00Z`).getTime() - new Date(`${a}T00:00:00Z`).getTime()) / 86_400_000);
  const slowAdd = (a: string, n: number) =>
    new Date(new Date(`${a}T00:00:00Z`).getTime() + n * 86_400_000).toISOString().slice(0, 10);

  it('agrees with the Date definitions on every day from 1900 to 2200, and on odd inputs', () => {
    const start = Date.UTC(1900, 0, 1);
    // Mismatches are gathered and compared once: 220,000 separate expect() calls took 4-6 s on a busy
    // machine, over the test's time limit, for the same check.
    const mismatches: string[] = [];
    let checked = 0;
    for (let t = start; t <= Date.UTC(2200, 0, 1); t += 86_400_000 * 7) {
      const day = new Date(t).toISOString().slice(0, 10);
      for (const n of [-400, -31, -1, 0, 1, 29, 365]) {
        checked++;
        if (addDays(day, n) !== slowAdd(day, n)) mismatches.push(`addDays(${day}, ${n})`);
      }
      if (daysBetween('2026-12-03', day) !== slowBetween('2026-12-03', day))
        mismatches.push(`daysBetween(2026-12-03, ${day})`);
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(100_000);
    for (const odd of ['2026-02-30', '2024-02-29', '0099-01-01', '2026-04-31'])
      expect(addDays(odd, 1)).toBe(slowAdd(odd, 1));
    expect(Number.isNaN(daysBetween('2026-13-01', '2026-01-01'))).toBe(true);
    expect(() => addDays('not a date', 1)).toThrow();
  });
});
