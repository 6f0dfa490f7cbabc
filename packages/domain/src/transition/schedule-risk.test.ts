import { describe, expect, it } from 'vitest';
import { RuleViolationError } from '../shared/errors';
import type { TIsoDate } from '../shared/dates';
import { DependencyCycleError, type TDependency } from './critical-path';
import {
  defaultEstimate,
  likelihoodProbability,
  seededRandom,
  seedFromText,
  simulatePlan,
  simulateTransfer,
  type TRiskTask,
  type TSimulationInput,
} from './schedule-risk';
import { scheduleTransfer, type TScheduleTask } from './schedule.rules';

const fs = (p: string, s: string, lagDays = 0): TDependency => ({
  predecessorId: p,
  successorId: s,
  lagDays,
});
const tri = (id: string, a: number, c: number, b: number, extra: Partial<TRiskTask> = {}): TRiskTask => ({
  id,
  optimistic: a,
  mostLikely: c,
  pessimistic: b,
  ...extra,
});
const run = (p: Partial<TSimulationInput> & Pick<TSimulationInput, 'tasks'>) =>
  simulatePlan({ dependencies: [], transferDay: 1000, iterations: 20_000, seed: 42, ...p });

/** Analytic moments and quantiles of a triangular distribution (a, mode c, b). */
const triMean = (a: number, c: number, b: number) => (a + b + c) / 3;
const triVar = (a: number, c: number, b: number) => (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
const triQuantile = (a: number, c: number, b: number, p: number) =>
  p < (c - a) / (b - a) ? a + Math.sqrt(p * (b - a) * (c - a)) : b - Math.sqrt((1 - p) * (b - a) * (b - c));

describe('seeded random numbers', () => {
  it('give the same sequence for the same seed, a different one for another, all in [0, 1)', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const c = seededRandom(8);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 1000 }, () => c())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });
  it('derives a 32-bit seed from text (FNV-1a)', () => {
    expect(seedFromText('')).toBe(0x811c9dc5);
    expect(seedFromText('a')).toBe(0xe40c292c);
    expect(seedFromText('transfer-1/meeting-3')).toBe(seedFromText('transfer-1/meeting-3'));
  });
});

describe('Monte Carlo schedule risk: known distributions', () => {
  it('a fixed seed reproduces exactly; another seed differs', () => {
    const input = {
      tasks: [tri('A', 2, 4, 9), tri('B', 1, 3, 8), tri('C', 2, 2, 6)],
      dependencies: [fs('A', 'C'), fs('B', 'C')],
      delayEvents: [{ taskId: 'B', probability: 0.3, impactDays: 4 }],
      deadlines: [{ key: 'b', taskId: 'B', day: 5 }],
      iterations: 5000,
    };
    const first = run({ ...input, seed: 2027 });
    expect(run({ ...input, seed: 2027 })).toEqual(first);
    expect(run({ ...input, seed: 2028 }).mean).not.toBe(first.mean);
  });

  it('a chain of independent triangular durations has the analytic mean and variance of their sum', () => {
    const points: Array<[number, number, number]> = [
      [2, 4, 9],
      [1, 3, 4],
      [5, 5, 12],
      [0, 2, 2],
      [3, 6, 15],
    ];
    const tasks = points.map(([a, c, b], i) => tri(`T${i}`, a, c, b));
    const deps = tasks.slice(1).map((t, i) => fs(tasks[i]!.id, t.id));
    const r = run({ tasks, dependencies: deps, iterations: 40_000 });
    const mean = points.reduce((s, [a, c, b]) => s + triMean(a, c, b), 0);
    const variance = points.reduce((s, [a, c, b]) => s + triVar(a, c, b), 0);
    expect(mean).toBeCloseTo(24 + 1 / 3, 10);
    // Within 4 standard errors of the mean; the standard deviation within 3%.
    expect(Math.abs(r.mean - mean)).toBeLessThan((4 * Math.sqrt(variance)) / Math.sqrt(40_000));
    expect(r.standardDeviation / Math.sqrt(variance)).toBeGreaterThan(0.97);
    expect(r.standardDeviation / Math.sqrt(variance)).toBeLessThan(1.03);
    // Every task of a single chain is always critical.
    for (const t of tasks) expect(r.criticalityIndex.get(t.id)).toBe(1);
  });

  it("a single triangular task's P50, P80 and P90 are its analytic quantiles", () => {
    const [a, c, b] = [10, 15, 30];
    const r = run({ tasks: [tri('X', a, c, b)], transferDay: 20 });
    expect(r.p50).toBeCloseTo(triQuantile(a, c, b, 0.5), 0); // 17.75
    expect(Math.abs(r.p50 - (30 - Math.sqrt(150)))).toBeLessThan(0.2);
    expect(Math.abs(r.p80 - (30 - Math.sqrt(60)))).toBeLessThan(0.2); // 22.25
    expect(Math.abs(r.p90 - (30 - Math.sqrt(30)))).toBeLessThan(0.25); // 24.52
    // P(X <= 20) = 1 - (30 - 20)^2 / (20 x 15) = 2/3.
    expect(Math.abs(r.probabilityOnTime - 2 / 3)).toBeLessThan(0.015);
    expect(r.min).toBeGreaterThanOrEqual(10);
    expect(r.max).toBeLessThanOrEqual(30);
  });

  it('a deadline is missed as often as its task finishes after it', () => {
    const r = run({
      tasks: [tri('X', 10, 15, 30), tri('Y', 0, 0, 0, { notBefore: 40 })],
      dependencies: [fs('X', 'Y')],
      deadlines: [
        { key: 'x-by-20', taskId: 'X', day: 20 },
        { key: 'x-by-30', taskId: 'X', day: 30 },
        { key: 'x-by-9', taskId: 'X', day: 9 },
      ],
    });
    expect(Math.abs(r.deadlineMissProbability['x-by-20']! - 1 / 3)).toBeLessThan(0.015);
    expect(r.deadlineMissProbability['x-by-30']).toBe(0);
    expect(r.deadlineMissProbability['x-by-9']).toBe(1);
    // Y waits for day 40 whatever X does: X never drives the finish.
    expect(r.p90).toBe(40);
    expect(r.criticalityIndex.get('X')).toBe(0);
    expect(r.criticalityIndex.get('Y')).toBe(1);
  });

  it('a delay event with probability p adds its impact in that share of iterations', () => {
    const r = run({
      tasks: [tri('X', 10, 10, 10)],
      delayEvents: [{ taskId: 'X', probability: 0.3, impactDays: 5 }],
    });
    expect(r.p50).toBe(10);
    expect(r.p80).toBe(15);
    expect(r.p90).toBe(15);
    expect(Math.abs(r.mean - 11.5)).toBeLessThan(0.05);
    expect(r.histogram).toEqual([
      { day: 10, count: r.histogram[0]!.count, cumulative: r.histogram[0]!.cumulative },
      { day: 11, count: 0, cumulative: r.histogram[0]!.cumulative },
      { day: 12, count: 0, cumulative: r.histogram[0]!.cumulative },
      { day: 13, count: 0, cumulative: r.histogram[0]!.cumulative },
      { day: 14, count: 0, cumulative: r.histogram[0]!.cumulative },
      { day: 15, count: 20_000 - r.histogram[0]!.count, cumulative: 1 },
    ]);
    expect(Math.abs(r.histogram[0]!.cumulative - 0.7)).toBeLessThan(0.015);
  });

  it('two independent events on one task combine: 10, 12, 14 or 16 days, a quarter each', () => {
    const r = run({
      tasks: [tri('X', 10, 10, 10)],
      delayEvents: [
        { taskId: 'X', probability: 0.5, impactDays: 2 },
        { taskId: 'X', probability: 0.5, impactDays: 4 },
      ],
    });
    const share = (day: number) => r.histogram.find((h) => h.day === day)!.count / r.iterations;
    for (const day of [10, 12, 14, 16]) expect(Math.abs(share(day) - 0.25)).toBeLessThan(0.015);
    expect(r.mean).toBeCloseTo(13, 1);
  });

  it('an event on a task with float only moves the finish when it exceeds the float', () => {
    // A (10) and B (6) in parallel into END: B has 4 days of float; a 3-day delay never shows, a 6-day one does.
    const tasks = [tri('A', 10, 10, 10), tri('B', 6, 6, 6), tri('END', 0, 0, 0)];
    const deps = [fs('A', 'END'), fs('B', 'END')];
    const small = run({
      tasks,
      dependencies: deps,
      delayEvents: [{ taskId: 'B', probability: 0.5, impactDays: 3 }],
    });
    expect(small.max).toBe(10);
    expect(small.criticalityIndex.get('B')).toBe(0);
    const big = run({
      tasks,
      dependencies: deps,
      delayEvents: [{ taskId: 'B', probability: 0.5, impactDays: 6 }],
    });
    expect(big.max).toBe(12);
    expect(Math.abs(big.criticalityIndex.get('B')! - 0.5)).toBeLessThan(0.015);
    expect(big.criticalityIndex.get('A')! + big.criticalityIndex.get('B')!).toBeCloseTo(1, 10);
  });

  it('two equal parallel chains are each critical about half the time', () => {
    const tasks = [
      tri('S', 0, 0, 0),
      tri('A1', 5, 10, 20),
      tri('A2', 5, 10, 20),
      tri('B1', 5, 10, 20),
      tri('B2', 5, 10, 20),
      tri('END', 0, 0, 0),
    ];
    const deps = [
      fs('S', 'A1'),
      fs('A1', 'A2'),
      fs('A2', 'END'),
      fs('S', 'B1'),
      fs('B1', 'B2'),
      fs('B2', 'END'),
    ];
    const r = run({ tasks, dependencies: deps });
    const ci = (id: string) => r.criticalityIndex.get(id)!;
    expect(Math.abs(ci('A1') - 0.5)).toBeLessThan(0.02);
    expect(Math.abs(ci('B1') - 0.5)).toBeLessThan(0.02);
    expect(ci('A1')).toBe(ci('A2'));
    expect(ci('A1') + ci('B1')).toBeCloseTo(1, 10);
    expect(ci('S')).toBe(1);
    expect(ci('END')).toBe(1);
  });

  it('single-point estimates reproduce the critical path method exactly', () => {
    const durations: Record<string, number> = { A: 3, B: 4, C: 2, D: 5, E: 1, F: 2 };
    const tasks = Object.entries(durations).map(([id, d]) => tri(id, d, d, d));
    const deps = [fs('A', 'B'), fs('A', 'C'), fs('B', 'D'), fs('C', 'E'), fs('D', 'F'), fs('E', 'F')];
    const r = run({ tasks, dependencies: deps, transferDay: 14, iterations: 100 });
    expect([r.p50, r.p80, r.p90, r.min, r.max, r.standardDeviation]).toEqual([14, 14, 14, 14, 14, 0]);
    expect(r.probabilityOnTime).toBe(1);
    expect(Object.fromEntries(r.criticalityIndex)).toEqual({ A: 1, B: 1, C: 0, D: 1, E: 0, F: 1 });
    expect(r.histogram).toEqual([{ day: 14, count: 100, cumulative: 1 }]);
    expect(run({ tasks, dependencies: deps, transferDay: 13, iterations: 10 }).probabilityOnTime).toBe(0);
  });

  it('lags, done work (fixed, never critical), fixed starts and a minimum finish', () => {
    const r = run({
      tasks: [
        tri('done', 0, 0, 0, { fixedStart: 0, fixedFinish: 8 }),
        tri('wip', 2, 2, 2, { fixedStart: 5, minFinish: 9 }),
        tri('next', 3, 3, 3),
      ],
      dependencies: [fs('done', 'wip'), fs('done', 'next', 1), fs('wip', 'next')],
      iterations: 10,
    });
    // wip starts on 5 (not pushed by done), would finish on 7, but not before 9; next starts 9 (= 8 + 1 lag, 9).
    expect(r.p50).toBe(12);
    expect(Object.fromEntries(r.criticalityIndex)).toEqual({ done: 0, wip: 1, next: 1 });
  });

  it('refuses impossible input: estimates out of order, bad probabilities, loops, unknown deadline tasks', () => {
    expect(() => run({ tasks: [tri('X', 5, 3, 8)] })).toThrow(RuleViolationError);
    expect(() => run({ tasks: [tri('X', 5, 3, 8)] })).toThrow(/optimistic \(5\) ≤ most likely \(3\)/);
    expect(() => run({ tasks: [tri('X', -1, 3, 8)] })).toThrow(RuleViolationError);
    expect(() =>
      run({ tasks: [tri('X', 1, 3, 8)], delayEvents: [{ taskId: 'X', probability: 1.5, impactDays: 2 }] }),
    ).toThrow(RuleViolationError);
    expect(() => run({ tasks: [tri('X', 1, 3, 8)], iterations: 0 })).toThrow(RuleViolationError);
    expect(() =>
      run({ tasks: [tri('X', 1, 3, 8)], deadlines: [{ key: 'k', taskId: 'nope', day: 3 }] }),
    ).toThrow(/Deadline k names a task not in the plan/);
    expect(() =>
      run({ tasks: [tri('X', 1, 1, 1), tri('Y', 1, 1, 1)], dependencies: [fs('X', 'Y'), fs('Y', 'X')] }),
    ).toThrow(DependencyCycleError);
  });
});

describe('estimates and likelihoods', () => {
  it.each([
    [0, 0, 0, 0],
    [1, 1, 1, 2],
    [5, 4, 5, 8],
    [7, 6, 7, 11],
    [10, 8, 10, 15],
    [56, 45, 56, 84],
  ])('a %i-day task defaults to %i / %i / %i days', (days, a, c, b) => {
    expect(defaultEstimate(days)).toEqual({ optimistic: a, mostLikely: c, pessimistic: b });
  });
  it.each([
    [1, 0.05],
    [2, 0.2],
    [3, 0.5],
    [4, 0.7],
    [5, 0.9],
  ])('likelihood %i (Rare ... Almost certain) is a probability of %f', (level, p) => {
    expect(likelihoodProbability(level)).toBe(p);
  });
  it('refuses a level outside 1-5 and takes a programme table', () => {
    expect(() => likelihoodProbability(0)).toThrow(RuleViolationError);
    expect(() => likelihoodProbability(6)).toThrow(RuleViolationError);
    expect(likelihoodProbability(3, [0, 0.1, 0.25, 0.4, 0.6, 0.8])).toBe(0.4);
  });
});

describe('go-live confidence of a transfer, in dates', () => {
  const TODAY = '2026-11-23';
  const TRANSFER = { plannedTransferDate: '2026-12-31' };
  const point = (d: number) => ({ optimistic: d, mostLikely: d, pessimistic: d });
  const task = (
    id: string,
    p: Partial<TScheduleTask> & {
      startDate: TIsoDate;
      dueDate: TIsoDate;
      estimate?: ReturnType<typeof point>;
    },
  ) => ({
    id,
    status: 'not_started' as const,
    actualStart: null,
    completedOn: null,
    percentComplete: 0,
    ...p,
  });
  const plan = (buildPercent: number) => [
    task('design', {
      status: 'done',
      startDate: '2026-10-01',
      dueDate: '2026-10-15',
      actualStart: '2026-10-01',
      completedOn: '2026-10-16',
    }),
    task('build', {
      status: 'in_progress',
      startDate: '2026-10-16',
      dueDate: '2026-11-20',
      actualStart: '2026-10-16',
      percentComplete: buildPercent,
      estimate: point(35),
    }),
    task('test', { startDate: '2026-11-20', dueDate: '2026-12-10', estimate: point(20) }),
    task('golive', { startDate: '2026-12-31', dueDate: '2026-12-31' }),
    task('comms', { startDate: '2026-11-01', dueDate: '2026-11-10', estimate: point(9) }),
  ];
  const deps = [fs('design', 'build'), fs('build', 'test'), fs('test', 'golive')];

  it('with single-point estimates and no risks it gives the deterministic forecast, 10 days late', () => {
    const r = simulateTransfer({
      transfer: TRANSFER,
      tasks: plan(20),
      dependencies: deps,
      today: TODAY,
      deadlines: [{ key: 'test_by_new_year', taskId: 'test', date: '2027-01-01' }],
      iterations: 200,
      seed: 'frozen-pack',
    });
    const s = scheduleTransfer(TRANSFER, plan(20), deps, TODAY);
    expect(s.forecastGoLive).toBe('2027-01-10');
    expect([r.p50, r.p80, r.p90]).toEqual(['2027-01-10', '2027-01-10', '2027-01-10']);
    expect(r.probabilityOnTime).toBe(0);
    expect(r.deadlineMissProbability).toEqual({ test_by_new_year: 1 });
    expect(Object.fromEntries(r.criticalityIndex)).toEqual({
      design: 0,
      build: 1,
      test: 1,
      golive: 1,
      comms: 0,
    });
    expect(r.seed).toBe(seedFromText('frozen-pack'));
  });

  it('a linked risk (likelihood 2, Unlikely: 20%) of 10 days on a task with 4 days of float', () => {
    const r = simulateTransfer({
      transfer: TRANSFER,
      tasks: plan(60),
      dependencies: deps,
      today: TODAY,
      risks: [{ taskId: 'test', likelihood: 2, impactDays: 10 }],
      iterations: 20_000,
      seed: 1,
    });
    // 80%: test ends 27 Dec and go-live holds 31 Dec; 20%: test ends 6 Jan and go-live follows.
    expect(r.p50).toBe('2026-12-31');
    expect(r.p90).toBe('2027-01-06');
    expect(Math.abs(r.probabilityOnTime - 0.8)).toBeLessThan(0.015);
    expect(Math.abs(r.criticalityIndex.get('test')! - 0.2)).toBeLessThan(0.015);
    expect(r.histogram.at(-1)).toMatchObject({ date: '2027-01-06', cumulative: 1 });
  });

  it('without stored estimates, defaults apply: the P80 is later than the deterministic forecast', () => {
    const tasks = plan(20).map(({ estimate: _, ...t }) => t);
    const r = simulateTransfer({ transfer: TRANSFER, tasks, dependencies: deps, today: TODAY, seed: 3 });
    expect(r.iterations).toBe(10_000);
    // The defaults are skewed late (mean about 1.1 x the planned days), so the go-live moves later.
    expect(r.p50! >= '2027-01-10').toBe(true);
    expect(r.p80! > r.p50! || r.p80 === r.p50).toBe(true);
    expect(r.p90! > '2027-01-10').toBe(true);
  });

  it('an empty plan has no go-live distribution', () => {
    expect(
      simulateTransfer({ transfer: TRANSFER, tasks: [], dependencies: [], today: TODAY, seed: 1 }),
    ).toMatchObject({ p50: null, p80: null, p90: null, histogram: [] });
  });
});
