import { describe, expect, it } from 'vitest';
import { countdownTo, isAllowedStageChange, keyDatesOf } from './programme.rules';
import { ZCreateProgrammeInput } from './programme.schema';

describe('countdown to commencement', () => {
  it.each([
    ['2027-04-01', '2026-11-23', { kind: 'future', days: 129, weeks: 18, workingDaysApprox: 92 }],
    ['2027-04-01', '2027-04-01', { kind: 'today' }],
    ['2027-04-01', '2027-04-11', { kind: 'past', days: 10 }],
  ] as const)('to %s from %s', (target, today, expected) => {
    expect(countdownTo(target, today)).toEqual(expected);
  });
});

describe('stage changes', () => {
  it.each([
    ['procurement', 'evaluation', true],
    ['procurement', 'transition', true],
    ['transition', 'contract_award', true],
    ['transition', 'procurement', false],
    ['live', 'live', true],
  ] as const)('%s -> %s allowed: %s', (from, to, ok) => {
    expect(isAllowedStageChange(from, to)).toBe(ok);
  });
});

describe('key dates', () => {
  it('orders the dates, skips missing ones and marks each done, today or upcoming', () => {
    const dates = keyDatesOf(
      {
        intentionToAwardDate: '2026-08-01',
        contractAwardDate: null,
        expectedServiceCommencement: '2027-04-01',
        longstopDate: '2026-11-23',
      },
      '2026-11-23',
    );
    expect(dates.map((d) => [d.key, d.date, d.status])).toEqual([
      ['intentionToAward', '2026-08-01', 'done'],
      ['standstillEnd', '2026-08-12', 'done'],
      ['longstop', '2026-11-23', 'today'],
      ['isapCheckpoint3', '2027-03-31', 'upcoming'],
      ['serviceCommencement', '2027-04-01', 'upcoming'],
    ]);
    expect(dates.find((d) => d.key === 'standstillEnd')?.rule).toMatch(/eighth working day/);
  });
});

describe('programme input', () => {
  const valid = {
    name: 'Programme',
    code: 'PRG-1',
    procurementRoute: 'psr_competitive',
    stage: 'procurement',
    contractValueGbp: 1,
    contractTermMonths: 60,
    expectedServiceCommencement: '2027-04-01',
    intentionToAwardDate: null,
    contractAwardDate: null,
    longstopDate: null,
  };
  it('accepts a valid programme and defaults the description', () => {
    expect(ZCreateProgrammeInput.parse(valid).description).toBe('');
  });
  it('rejects a longstop date before commencement, on the longstop field', () => {
    const r = ZCreateProgrammeInput.safeParse({ ...valid, longstopDate: '2027-03-01' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['longstopDate']);
  });
});
