import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  daysBetween,
  formatUkDate,
  formatUkDateTime,
  todayInUk,
  ZIsoDate,
} from './dates';

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
