import { describe, expect, it } from 'vitest';
import type { TIsoDate } from '../shared/dates';
import {
  AFC_BANDS,
  AFC_PAY_2025_26,
  afcBandsIn,
  afcBandWeeklyPay,
  consultationExposure,
  eliExposure,
  newFairDealEligibility,
  staffGroupMoney,
  tupeMoneyTotals,
  weeklyPayOf,
  type TAfcBand,
} from './tupe-money.rules';

/* Transfer on 1 April 2027: ELI due 4 March 2027 (28 days before); inform and consult by 2 March (30 days). */
const TRANSFER = '2027-04-01';

describe('ELI: at least £500 per employee when late or incomplete (TUPE reg. 11-12)', () => {
  const eli = (eliSentOn: TIsoDate | null, eliCompleteOn: TIsoDate | null, today: TIsoDate, headcount = 40) =>
    eliExposure({ transferDate: TRANSFER, today, headcount, eliSentOn, eliCompleteOn });

  it.each<[string, TIsoDate | null, TIsoDate | null, TIsoDate, string, number]>([
    ['complete before the due date', '2027-03-01', '2027-03-03', '2027-03-20', 'complete', 0],
    ['sent and complete on the due date', '2027-03-04', '2027-03-04', '2027-03-20', 'complete', 0],
    ['sent a day late', '2027-03-05', '2027-03-05', '2027-03-20', 'late', 20_000],
    ['not sent, due today', null, null, '2027-03-04', 'not_due', 0],
    ['not sent, due yesterday', null, null, '2027-03-05', 'late', 20_000],
    [
      'sent in time, still incomplete after the due date',
      '2027-03-01',
      null,
      '2027-03-10',
      'incomplete',
      20_000,
    ],
    ['sent in time, completed late', '2027-03-01', '2027-03-10', '2027-03-20', 'incomplete', 20_000],
    ['sent in time, not yet complete, not yet due', '2027-03-01', null, '2027-03-02', 'not_due', 0],
  ])('%s', (_, sent, complete, today, state, minimum) => {
    const r = eli(sent, complete, today);
    expect(r).toMatchObject({
      due: '2027-03-04',
      state,
      employees: 40,
      minimumGbp: minimum,
      atStake: { minimumGbp: 20_000, maximumGbp: null },
      liable: 'The outgoing employer',
    });
    expect(r.maximumGbp).toBe(minimum ? null : 0);
    expect(r.rule).toMatch(/reg\. 12\(4\)/);
    expect(r.rule).toMatch(/not less than £500 for each employee/);
  });

  it('says why, with the figure and that there is no upper limit', () => {
    expect(eli('2027-03-05', null, '2027-03-20').reason).toBe(
      'ELI sent on 5 Mar 2027, 1 day after it was due (4 Mar 2027): at least £20,000 (40 employees × £500), no upper limit',
    );
    expect(eli(null, null, '2027-03-01').reason).toBe(
      'ELI not sent; due by 4 Mar 2027. If missed: at least £20,000',
    );
    expect(eli(null, null, '2027-03-10', 1).reason).toBe(
      'ELI not sent by its due date (4 Mar 2027): at least £500 (1 employee × £500), no upper limit',
    );
  });
});

describe('inform and consult: up to 13 weeks’ uncapped pay per affected employee (TUPE reg. 13, 15-16)', () => {
  const pay = { weeklyGbp: 600, basis: 'recorded average weekly pay £600' };
  const consult = (
    start: TIsoDate | null,
    end: TIsoDate | null,
    today: TIsoDate,
    weeklyPay: typeof pay | null = pay,
  ) =>
    consultationExposure({
      transferDate: TRANSFER,
      today,
      affectedEmployees: 40,
      weeklyPay,
      consultationStart: start,
      consultationEnd: end,
    });

  it.each<[string, TIsoDate | null, TIsoDate | null, TIsoDate, string, number]>([
    ['started in time and ended before the transfer', '2027-01-10', '2027-03-15', '2027-03-20', 'met', 0],
    ['not started, not yet due', null, null, '2027-02-01', 'not_due', 0],
    ['not started on the inform-by date itself', null, null, '2027-03-02', 'not_due', 0],
    ['not started a day after the inform-by date', null, null, '2027-03-03', 'late', 312_000],
    ['started after the inform-by date', '2027-03-10', null, '2027-03-20', 'late', 312_000],
    ['under way, started in time', '2027-01-10', null, '2027-03-20', 'in_progress', 0],
    ['set to end after the transfer', '2027-01-10', '2027-04-10', '2027-03-20', 'late', 312_000],
    ['not ended by the transfer date', '2027-01-10', null, '2027-04-01', 'failed', 312_000],
    ['never started, transfer passed', null, null, '2027-05-01', 'failed', 312_000],
  ])('%s', (_, start, end, today, state, maximum) => {
    const r = consult(start, end, today);
    expect(r).toMatchObject({
      informBy: '2027-03-02',
      state,
      minimumGbp: 0,
      maximumGbp: maximum,
      atStake: { minimumGbp: 0, maximumGbp: 312_000 },
      liable: 'The outgoing and incoming employers, jointly and severally',
    });
    expect(r.rule).toMatch(/statutory cap on a week’s pay .* does not apply/);
    expect(r.rule).toMatch(/jointly and severally liable/);
  });

  it('does not cap a week’s pay: £1,500 a week gives £19,500 per employee', () => {
    const r = consultationExposure({
      transferDate: TRANSFER,
      today: '2027-04-02',
      affectedEmployees: 1,
      weeklyPay: { weeklyGbp: 1500, basis: 'recorded average weekly pay £1,500' },
      consultationStart: null,
      consultationEnd: null,
    });
    expect(r.maximumGbp).toBe(19_500);
    expect(r.reason).toBe(
      'Staff representatives were not informed and consulted before the transfer (1 Apr 2027): up to £19,500 (1 affected employee × 13 weeks × £1,500 a week: recorded average weekly pay £1,500; no cap on a week’s pay)',
    );
  });

  it('without pay or bands the maximum is unknown, and says what to record', () => {
    const r = consult(null, null, '2027-03-10', null);
    expect(r).toMatchObject({ state: 'late', maximumGbp: null, atStake: { maximumGbp: null } });
    expect(r.reason).toMatch(/record the weekly pay or bands/);
  });

  it('takes the inform-by lead time as a programme setting', () => {
    const r = consultationExposure({
      transferDate: TRANSFER,
      today: '2027-02-01',
      affectedEmployees: 10,
      weeklyPay: pay,
      consultationStart: null,
      consultationEnd: null,
      informByDaysBefore: 90,
    });
    expect(r).toMatchObject({ informBy: '2027-01-01', state: 'late', maximumGbp: 78_000 });
  });
});

describe('Agenda for Change band midpoints (2025/26, England, indicative)', () => {
  it('covers every band, each bottom no higher than its top, rising band by band', () => {
    expect(AFC_PAY_2025_26).toMatchObject({
      year: '2025/26',
      effectiveFrom: '2025-04-01',
      appliesTo: 'England',
    });
    let previous = 0;
    for (const b of AFC_BANDS) {
      const { entry, top } = AFC_PAY_2025_26.bands[b];
      expect(entry).toBeLessThanOrEqual(top);
      expect(entry).toBeGreaterThanOrEqual(previous);
      previous = entry;
    }
  });
  it('band 5: midpoint £34,422.50 a year, £661.97 a week', () => {
    const w = afcBandWeeklyPay('5');
    expect(w.weeklyGbp).toBeCloseTo(661.97, 2);
    expect(w.basis).toBe(
      'Agenda for Change band 5 midpoint £34,423 a year (2025/26, England, indicative) ÷ 52',
    );
  });
  it.each<[string, TAfcBand[]]>([
    ['5', ['5']],
    ['Band 6', ['6']],
    ['Band 5-7', ['5', '6', '7']],
    ['3 to 5, 8a', ['3', '4', '5', '8a']],
    ['8a–8c', ['8a', '8b', '8c']],
    ['Bands 2 and 9', ['2', '9']],
    ['7-5', ['5', '6', '7']],
    ['', []],
    ['various', []],
    ['10', []],
  ])('reads “%s” as %j', (text, bands) => {
    expect(afcBandsIn(text)).toEqual(bands);
  });
  it('uses recorded pay first, then the average of the bands’ midpoints, else nothing', () => {
    expect(weeklyPayOf({ weeklyPayGbp: 700, bands: '5' })?.weeklyGbp).toBe(700);
    expect(weeklyPayOf({ weeklyPayGbp: null, bands: '5-7' })?.weeklyGbp).toBeCloseTo(822.52, 2);
    expect(weeklyPayOf({ weeklyPayGbp: null, bands: 'unknown' })).toBeNull();
    expect(weeklyPayOf({})).toBeNull();
  });
});

describe('New Fair Deal: NHS Pension Scheme access for more than 50% of time on the service', () => {
  it.each<[string, Parameters<typeof newFairDealEligibility>[0], boolean | null, string]>([
    [
      '60% on the service, to an independent provider',
      { percentTimeOnService: 60, incomingIsNhsEmployer: false },
      true,
      'new_fair_deal',
    ],
    ['51%', { percentTimeOnService: 51, incomingIsNhsEmployer: false }, true, 'new_fair_deal'],
    [
      'exactly 50% is not more than half',
      { percentTimeOnService: 50, incomingIsNhsEmployer: false },
      false,
      'none',
    ],
    ['20%', { percentTimeOnService: 20, incomingIsNhsEmployer: false }, false, 'none'],
    ['not known yet', { percentTimeOnService: null, incomingIsNhsEmployer: false }, null, 'unknown'],
    [
      'to an NHS trust, whatever the share',
      { percentTimeOnService: 10, incomingIsNhsEmployer: true },
      true,
      'nhs_employer',
    ],
    [
      'moved by choice, not by TUPE',
      { percentTimeOnService: 90, incomingIsNhsEmployer: false, compulsorilyTransferred: false },
      false,
      'none',
    ],
    [
      'not in the NHS Pension Scheme now',
      { percentTimeOnService: 90, incomingIsNhsEmployer: false, nhsPensionAccessNow: false },
      false,
      'none',
    ],
  ])('%s', (_, input, eligible, route) => {
    const r = newFairDealEligibility(input);
    expect(r).toMatchObject({ eligible, route });
    expect(r.rule).toMatch(/more than 50% of their time/);
  });
  it('gives its reason', () => {
    expect(newFairDealEligibility({ percentTimeOnService: 50, incomingIsNhsEmployer: false }).reason).toBe(
      '50% of their time on the service, not more than 50%: not eligible under New Fair Deal',
    );
  });
});

describe('a transfer’s staff groups, with totals', () => {
  const base = {
    eliSentOn: null,
    eliCompleteOn: null,
    consultationStart: null,
    consultationEnd: null,
    incomingIsNhsEmployer: false,
  };
  const groups = [
    { ...base, headcount: 10, bands: 'Band 5', percentTimeOnService: 80 },
    {
      ...base,
      headcount: 25,
      weeklyPayGbp: null,
      bands: '6',
      percentTimeOnService: 40,
      eliSentOn: '2027-02-01',
      eliCompleteOn: '2027-02-10',
    },
    {
      ...base,
      headcount: 4,
      percentTimeOnService: null,
      consultationStart: '2027-01-05',
      consultationEnd: '2027-02-20',
    },
  ];

  it('on 10 March 2027: ELI late for two groups, consultation late where not started', () => {
    const money = groups.map((g) => ({
      headcount: g.headcount,
      ...staffGroupMoney(g, { transferDate: TRANSFER, today: '2027-03-10' }),
    }));
    expect(money.map((m) => [m.eli.state, m.eli.minimumGbp])).toEqual([
      ['late', 5_000],
      ['complete', 0],
      ['late', 2_000],
    ]);
    expect(money.map((m) => [m.consultation.state, m.consultation.maximumGbp])).toEqual([
      ['late', 86_056],
      ['late', 266_444],
      ['met', 0],
    ]);
    expect(money.map((m) => m.pensions.eligible)).toEqual([true, false, null]);
    expect(tupeMoneyTotals(money)).toEqual({
      eliMinimumGbp: 7_000,
      consultationMaximumGbp: 352_500,
      atStake: { eliMinimumGbp: 19_500, consultationMaximumGbp: null },
      pensionEligibleHeadcount: 10,
      pensionUnknownHeadcount: 4,
    });
  });
});
