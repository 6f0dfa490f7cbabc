import { describe, expect, it } from 'vitest';
import { actualCommencement, milestoneState, psrStandstillEnd, transferMilestones } from './statutory.rules';

describe('dates that follow from a transfer date', () => {
  const base = {
    transferDate: '2027-04-01',
    proposedRedundancies: 0,
    firstDismissalDate: null,
    legacyAccessDays: 90,
  };
  it('ELI is due 28 days before the transfer; legacy access ends 90 days after', () => {
    const m = Object.fromEntries(transferMilestones(base).map((x) => [x.key, x.date]));
    expect(m.eli_due).toBe('2027-03-04');
    expect(m.legacy_access_end).toBe('2027-06-30');
    expect(m.collective_consultation).toBeUndefined();
  });
  it.each([
    [19, undefined],
    [20, '2027-04-02'],
    [99, '2027-04-02'],
    [100, '2027-03-18'],
  ])('%i proposed redundancies: consultation starts by %s', (n, date) => {
    const m = transferMilestones({ ...base, proposedRedundancies: n, firstDismissalDate: '2027-05-02' });
    expect(m.find((x) => x.key === 'collective_consultation')?.date).toBe(date);
  });
  it('cites the rule for every date', () => {
    for (const m of transferMilestones(base)) expect(m.rule.length).toBeGreaterThan(20);
  });
});

describe('milestone state', () => {
  const deadline = { date: '2026-11-20', isDeadline: true };
  it.each([
    [deadline, null, '2026-11-23', 'missed'],
    [deadline, '2026-11-19', '2026-11-23', 'done'],
    [deadline, null, '2026-11-10', 'due_soon'],
    [deadline, null, '2026-10-01', 'upcoming'],
    [{ date: '2026-11-20', isDeadline: false }, null, '2026-11-23', 'done'],
  ] as const)('%j done %s on %s is %s', (m, done, today, state) => {
    expect(milestoneState(m, done, today)).toBe(state);
  });
});

describe('PSR standstill', () => {
  it.each([
    ['2026-11-02', '2026-11-13'], // Mon: begins Tue 3, eight working days later is Fri 13
    ['2026-11-06', '2026-11-18'], // Fri: begins Sat 7; Mon 9 .. Wed 18
    ['2026-12-18', '2027-01-04'], // over Christmas and New Year bank holidays
    ['2027-03-24', '2027-04-08'], // over Easter 2027: Good Friday and Easter Monday do not count
  ])('notice published %s: standstill ends at midnight at the end of %s', (published, end) => {
    expect(psrStandstillEnd(published)).toBe(end);
  });
});

describe('actual service commencement', () => {
  it('is the expected date when every condition was met before it', () => {
    const r = actualCommencement(
      '2027-04-01',
      [{ id: 'a', title: 'CQC registration', metOn: '2027-03-10' }],
      '2027-07-01',
    );
    expect(r).toMatchObject({ kind: 'set', date: '2027-04-01', beyondLongstop: false });
  });
  it('is the day after the last condition is met when that is later', () => {
    const r = actualCommencement(
      '2027-04-01',
      [
        { id: 'a', title: 'CQC registration', metOn: '2027-03-10' },
        { id: 'b', title: 'DSPT standards met', metOn: '2027-04-14' },
      ],
      '2027-04-10',
    );
    expect(r).toMatchObject({ kind: 'set', date: '2027-04-15', beyondLongstop: true });
  });
  it('is not yet known while a condition is open, and says which', () => {
    const r = actualCommencement(
      '2027-04-01',
      [{ id: 'a', title: 'Clinical safety case', metOn: null }],
      null,
    );
    expect(r).toEqual({
      kind: 'awaiting',
      openConditions: ['Clinical safety case'],
      reason: '1 condition precedent not yet met',
    });
  });
});
