import { describe, expect, it } from 'vitest';
import { PROCUREMENT_ROUTES } from './programme.schema';
import {
  stagesFromTemplate,
  stageStateOf,
  stageTemplate,
  standstillEndOf,
  timelineSummaryOf,
  type TStageInput,
} from './stages.rules';

const stage = (over: Partial<TStageInput>): TStageInput => ({
  key: 'itpd',
  kind: 'stage',
  plannedStart: '2026-11-01',
  plannedEnd: '2026-11-30',
  actualStart: null,
  actualEnd: null,
  forecastEnd: null,
  ...over,
});

describe('the stages of each procurement route', () => {
  it.each(PROCUREMENT_ROUTES)(
    '%s runs from engagement to the post-transfer review, with the ISAP checkpoints',
    (route) => {
      const keys = stageTemplate(route).map((x) => x.key);
      expect(keys[0]).toBe('engagement');
      expect(keys.at(-1)).toBe('post_transfer_review');
      expect(keys).toEqual(
        expect.arrayContaining(['isap_1', 'isap_2', 'isap_3', 'contract_award', 'commencement']),
      );
      expect(new Set(keys).size).toBe(keys.length);
    },
  );

  it.each([
    [
      'competitive_dialogue',
      ['selection', 'itpd', 'itcd', 'final_tenders', 'evaluation', 'preferred_bidder'],
      true,
    ],
    ['most_capable_provider', ['mcp_notice', 'gateway_1', 'gateway_2'], true],
    ['psr_direct_award_a', ['decision'], false],
    ['psr_direct_award_b', ['decision'], false],
    ['psr_direct_award_c', ['assessment'], true],
    ['psr_most_suitable_provider', ['assessment'], true],
    ['psr_competitive', ['tender', 'evaluation'], true],
  ] as const)('%s has its own steps, and a standstill: %s', (route, steps, standstill) => {
    const keys = stageTemplate(route).map((x) => x.key);
    expect(keys.filter((k) => (steps as readonly string[]).includes(k))).toEqual(steps);
    expect(keys.includes('standstill')).toBe(standstill);
  });

  it('derives the standstill from the route: eight working days under the PSR, ten calendar days under PCR 2015', () => {
    // Published Thursday 17 Dec 2026: Christmas, Boxing Day (observed Monday 28) and New Year's Day are not working days.
    expect(standstillEndOf('psr_competitive', '2026-12-17')).toBe('2027-01-04');
    expect(standstillEndOf('competitive_dialogue', '2026-12-17')).toBe('2026-12-27');
    expect(standstillEndOf('psr_direct_award_a', '2026-12-17')).toBeNull();
  });

  it('lays out a first plan so that service commencement falls on the expected date, stages end to end', () => {
    const plan = stagesFromTemplate('psr_competitive', '2027-10-01');
    const commencement = plan.find((x) => x.key === 'commencement')!;
    expect([commencement.plannedStart, commencement.plannedEnd]).toEqual(['2027-10-01', '2027-10-01']);
    for (const [a, b] of plan.slice(0, -1).map((x, i) => [x, plan[i + 1]!] as const))
      expect(b.plannedStart >= a.plannedStart, `${a.key} then ${b.key}`).toBe(true);
    expect(plan.find((x) => x.key === 'isap_3')!.plannedEnd).toBe('2027-09-30');
  });
});

describe('where a stage stands', () => {
  it.each([
    ['before its start', {}, '2026-10-20', 'not_started', 0, 'green'],
    ['under way on plan', {}, '2026-11-10', 'in_progress', 0, 'green'],
    ['forecast to end a week late', { forecastEnd: '2026-12-07' }, '2026-11-10', 'slipping', 7, 'amber'],
    ['open three days after its planned end', {}, '2026-12-03', 'late', 3, 'amber'],
    ['open three weeks after its planned end', {}, '2026-12-21', 'late', 21, 'red'],
    ['late with a later forecast', { forecastEnd: '2027-01-10' }, '2026-12-03', 'late', 41, 'red'],
    ['completed on time', { actualEnd: '2026-11-28' }, '2026-12-21', 'complete', 0, 'green'],
    ['completed ten days late', { actualEnd: '2026-12-10' }, '2026-12-21', 'complete', 10, 'green'],
  ] as const)('%s', (_what, over, today, status, slip, rag) => {
    const s = stageStateOf(stage(over), today);
    expect([s.status, s.slipDays, s.rag]).toEqual([status, slip, rag]);
  });

  it('summarises the slipping stages, worst first, and the stage under way', () => {
    const summary = timelineSummaryOf(
      [
        {
          ...stage({ key: 'engagement', actualEnd: '2026-09-01', plannedEnd: '2026-08-20' }),
          label: 'Engagement',
        },
        { ...stage({ key: 'itpd' }), label: 'ITPD' },
        {
          ...stage({
            key: 'itcd',
            plannedStart: '2026-12-01',
            plannedEnd: '2026-12-20',
            forecastEnd: '2027-01-30',
          }),
          label: 'ITCD',
        },
      ],
      '2026-12-05',
    );
    expect(summary).toEqual({
      current: 'ITPD',
      slipping: [
        { key: 'itcd', label: 'ITCD', slipDays: 41, rag: 'red' },
        { key: 'itpd', label: 'ITPD', slipDays: 5, rag: 'amber' },
      ],
      worstSlipDays: 41,
    });
  });
});
