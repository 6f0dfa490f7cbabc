import { addDays, daysBetween, type TIsoDate } from '../shared/dates';
import { RuleViolationError } from '../shared/errors';
import { topologicalOrder, type TDependency } from './critical-path';
import { taskForecastBasis, type TScheduleDependency, type TScheduleTask } from './schedule.rules';

/*
 * Schedule risk analysis: a Monte Carlo simulation of a task network. Each iteration draws every task's
 * duration from its three-point (triangular) estimate, adds the delay events (linked risks) that occur,
 * runs the same forward and backward pass as `schedule` (critical-path.ts) over typed arrays, and records
 * the plan's finish, which deadlines were missed and which tasks were critical (total float <= 0 in that
 * iteration's own network, the backward pass starting from that iteration's finish).
 *
 * Seeded: the same input and seed give identical results, so a frozen steering pack reproduces exactly.
 * Days are day numbers as in critical-path.ts; durations are continuous (not rounded to whole days).
 */

/** Three-point duration estimate in days: optimistic <= most likely <= pessimistic. */
export interface TThreePointEstimate {
  optimistic: number;
  mostLikely: number;
  pessimistic: number;
}

export interface TRiskTask extends TThreePointEstimate {
  id: string;
  /** Earliest start regardless of predecessors (planned start, or today). Default 0. */
  notBefore?: number;
  /** A start that has happened: predecessors do not move it (and are not driven by it). */
  fixedStart?: number;
  /** Finished work: deterministic, from `fixedStart` (default: this day) to here, never critical. */
  fixedFinish?: number;
  /** Earliest the task can finish (work in progress is never forecast to finish before its due date). */
  minFinish?: number;
}

/** A risk linked to a task: with this probability it occurs, and adds `impactDays` to the task's duration. */
export interface TDelayEvent {
  taskId: string;
  /** 0 to 1. */
  probability: number;
  impactDays: number;
}

/** A date a task must finish by (e.g. ELI 28 days before transfer): missed when the task finishes after it. */
export interface TDeadlineCheck {
  key: string;
  taskId: string;
  day: number;
}

export interface TSimulationInput {
  tasks: readonly TRiskTask[];
  dependencies: readonly TDependency[];
  delayEvents?: readonly TDelayEvent[];
  deadlines?: readonly TDeadlineCheck[];
  /** The contractual transfer date as a day number: on time means the plan finishes on or before it. */
  transferDay: number;
  iterations: number;
  /** Any integer (taken modulo 2^32); see `seedFromText` to derive one from a pack's identity. */
  seed: number;
}

/** One bar of the finish-day distribution: iterations finishing on `day` (rounded up to whole days). */
export interface THistogramBar {
  day: number;
  count: number;
  /** Share of iterations finished by the end of this day (the S-curve). */
  cumulative: number;
}

export interface TSimulationResult {
  iterations: number;
  seed: number;
  /** Plan finish day (the latest task finish) at these confidence levels: nearest rank, not rounded. */
  p50: number;
  p80: number;
  p90: number;
  mean: number;
  standardDeviation: number;
  min: number;
  max: number;
  /** Share of iterations finishing on or before `transferDay`. */
  probabilityOnTime: number;
  /** Per deadline key: share of iterations in which its task finished after its day. */
  deadlineMissProbability: Record<string, number>;
  /** Per task: share of iterations in which it was critical (total float <= 0). */
  criticalityIndex: Map<string, number>;
  /** Every whole day from the earliest to the latest finish, zero counts included. */
  histogram: THistogramBar[];
}

/* ---------- estimates and likelihoods ---------- */

export const DEFAULT_ESTIMATE_RULE =
  'Default three-point estimate from the planned duration d: optimistic round(0.8 × d), most likely d, pessimistic ceil(1.5 × d) (whole days). Work seldom finishes much early and often overruns, so the range is skewed late: the mean is about 1.1 × d.';

/** Sensible three-point defaults from a planned duration (see `DEFAULT_ESTIMATE_RULE`); milestones stay 0. */
export function defaultEstimate(days: number): TThreePointEstimate {
  const d = Math.max(0, days);
  return { optimistic: Math.round(0.8 * d), mostLikely: d, pessimistic: Math.ceil(1.5 * d) };
}

/**
 * Probability that a delay event occurs, by the NHS 5x5 likelihood level (index = level). The NPSA 2008
 * likelihood table's percentages describe how often incidents recur, which would make a one-off project
 * event almost never happen; project registers need the chance that the event happens before go-live,
 * so these are chosen values near the middle of each word's usual meaning, and a programme may pass its own.
 */
export const LIKELIHOOD_PROBABILITIES = [0, 0.05, 0.2, 0.5, 0.7, 0.9] as const;
export const LIKELIHOOD_PROBABILITY_RULE =
  'Likelihood to probability: 1 Rare 5%, 2 Unlikely 20%, 3 Possible 50%, 4 Likely 70%, 5 Almost certain 90%.';

export function likelihoodProbability(
  level: number,
  table: readonly number[] = LIKELIHOOD_PROBABILITIES,
): number {
  if (!Number.isInteger(level) || level < 1 || level > 5)
    throw new RuleViolationError(`A likelihood level is 1 to 5, not ${level}`);
  return table[level]!;
}

/* ---------- seeded random numbers ---------- */

/** A 32-bit seed from text (FNV-1a), e.g. from a transfer id and the meeting whose pack is frozen. */
export function seedFromText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** xoshiro128** seeded through splitmix32: uniform numbers in [0, 1), the same sequence for the same seed. */
export function seededRandom(seed: number): () => number {
  let x = seed >>> 0;
  const splitmix = () => {
    x = (x + 0x9e3779b9) | 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let s0 = splitmix();
  let s1 = splitmix();
  let s2 = splitmix();
  let s3 = splitmix();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;
  return () => {
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    return result / 4294967296;
  };
}

/* ---------- the simulation ---------- */

const EPSILON = 1e-7;

function validate(input: TSimulationInput): void {
  if (!Number.isInteger(input.iterations) || input.iterations < 1 || input.iterations > 1_000_000)
    throw new RuleViolationError('Run between 1 and 1,000,000 iterations');
  if (!Number.isFinite(input.seed)) throw new RuleViolationError('The seed must be a number');
  for (const t of input.tasks) {
    const { optimistic: a, mostLikely: c, pessimistic: b } = t;
    if (![a, b, c].every(Number.isFinite) || a < 0)
      throw new RuleViolationError(`Task ${t.id}: estimates must be days of zero or more`);
    if (a > c || c > b)
      throw new RuleViolationError(
        `Task ${t.id}: the estimates must run optimistic (${a}) ≤ most likely (${c}) ≤ pessimistic (${b})`,
      );
  }
  for (const e of input.delayEvents ?? []) {
    if (!(e.probability >= 0 && e.probability <= 1))
      throw new RuleViolationError(`A delay event's probability is 0 to 1, not ${e.probability}`);
    if (!Number.isFinite(e.impactDays))
      throw new RuleViolationError('A delay event needs its impact in days');
  }
}

/**
 * Monte Carlo schedule risk over a task network (see the top of this file). The network is compiled once
 * into typed arrays in dependency order; each iteration is a forward and a backward pass over them.
 * Delay events on unknown tasks are ignored; a deadline on an unknown task is an error.
 */
export function simulatePlan(input: TSimulationInput): TSimulationResult {
  validate(input);
  const { tasks, iterations } = input;
  const n = tasks.length;
  const order = topologicalOrder(
    tasks.map((t) => t.id),
    input.dependencies,
  );
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const pos = new Map(order.map((id, k) => [id, k]));

  // Per task, by position in dependency order.
  const lo = new Float64Array(n);
  const hi = new Float64Array(n);
  const modeShare = new Float64Array(n); // F(mode) = (c - a) / (b - a)
  const kLo = new Float64Array(n); // (b - a)(c - a)
  const kHi = new Float64Array(n); // (b - a)(b - c)
  const random = new Uint8Array(n); // 1 when the duration is drawn
  const fixed = new Uint8Array(n); // 1 when the start is fixed
  const finished = new Uint8Array(n);
  const fixedStart = new Float64Array(n);
  const fixedFinish = new Float64Array(n);
  const notBefore = new Float64Array(n);
  const minFinish = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const t = byId.get(order[k]!)!;
    const a = t.optimistic;
    const c = t.mostLikely;
    const b = t.pessimistic;
    lo[k] = a;
    hi[k] = b;
    if (b > a) {
      random[k] = 1;
      modeShare[k] = (c - a) / (b - a);
      kLo[k] = (b - a) * (c - a);
      kHi[k] = (b - a) * (b - c);
    }
    notBefore[k] = t.notBefore ?? 0;
    minFinish[k] = t.minFinish ?? -Infinity;
    if (t.fixedFinish !== undefined) {
      finished[k] = 1;
      fixed[k] = 1;
      fixedStart[k] = Math.min(t.fixedStart ?? t.fixedFinish, t.fixedFinish);
      fixedFinish[k] = t.fixedFinish;
    } else if (t.fixedStart !== undefined) {
      fixed[k] = 1;
      fixedStart[k] = t.fixedStart;
    }
  }

  // Links that count (successor's start not fixed), as compressed rows of predecessors and of successors.
  const links = input.dependencies.filter(
    (d) => pos.has(d.predecessorId) && pos.has(d.successorId) && !fixed[pos.get(d.successorId)!],
  );
  const predStart = new Int32Array(n + 1);
  const succStart = new Int32Array(n + 1);
  for (const d of links) {
    predStart[pos.get(d.successorId)! + 1]!++;
    succStart[pos.get(d.predecessorId)! + 1]!++;
  }
  for (let k = 0; k < n; k++) {
    predStart[k + 1]! += predStart[k]!;
    succStart[k + 1]! += succStart[k]!;
  }
  const predFrom = new Int32Array(links.length);
  const predLag = new Float64Array(links.length);
  const succTo = new Int32Array(links.length);
  const succLag = new Float64Array(links.length);
  {
    const pFill = predStart.slice(0, n);
    const sFill = succStart.slice(0, n);
    for (const d of links) {
      const p = pos.get(d.predecessorId)!;
      const s = pos.get(d.successorId)!;
      const i = pFill[s]!++;
      predFrom[i] = p;
      predLag[i] = d.lagDays;
      const j = sFill[p]!++;
      succTo[j] = s;
      succLag[j] = d.lagDays;
    }
  }

  // Delay events grouped by task.
  const events = (input.delayEvents ?? []).filter((e) => pos.has(e.taskId) && e.probability > 0);
  const evStart = new Int32Array(n + 1);
  for (const e of events) evStart[pos.get(e.taskId)! + 1]!++;
  for (let k = 0; k < n; k++) evStart[k + 1]! += evStart[k]!;
  const evProb = new Float64Array(events.length);
  const evImpact = new Float64Array(events.length);
  {
    const fill = evStart.slice(0, n);
    for (const e of events) {
      const i = fill[pos.get(e.taskId)!]!++;
      evProb[i] = e.probability;
      evImpact[i] = e.impactDays;
    }
  }

  const deadlines = input.deadlines ?? [];
  const dlPos = new Int32Array(deadlines.length);
  const dlDay = new Float64Array(deadlines.length);
  const dlMissed = new Float64Array(deadlines.length);
  deadlines.forEach((d, i) => {
    const p = pos.get(d.taskId);
    if (p === undefined) throw new RuleViolationError(`Deadline ${d.key} names a task not in the plan`);
    dlPos[i] = p;
    dlDay[i] = d.day;
  });

  const rand = seededRandom(input.seed);
  const es = new Float64Array(n);
  const ef = new Float64Array(n);
  const ls = new Float64Array(n);
  const critical = new Float64Array(n);
  const finishes = new Float64Array(iterations);
  const onTimeBy = input.transferDay + EPSILON;
  let onTime = 0;
  let sum = 0;

  for (let it = 0; it < iterations; it++) {
    let finish = -Infinity;
    for (let k = 0; k < n; k++) {
      if (finished[k]) {
        es[k] = fixedStart[k]!;
        ef[k] = fixedFinish[k]!;
      } else {
        let d = lo[k]!;
        if (random[k]) {
          const u = rand();
          d = u < modeShare[k]! ? lo[k]! + Math.sqrt(u * kLo[k]!) : hi[k]! - Math.sqrt((1 - u) * kHi[k]!);
        }
        for (let e = evStart[k]!, end = evStart[k + 1]!; e < end; e++)
          if (rand() < evProb[e]!) d += evImpact[e]!;
        let start: number;
        if (fixed[k]) start = fixedStart[k]!;
        else {
          start = notBefore[k]!;
          for (let i = predStart[k]!, end = predStart[k + 1]!; i < end; i++) {
            const s = ef[predFrom[i]!]! + predLag[i]!;
            if (s > start) start = s;
          }
        }
        es[k] = start;
        const f = start + d;
        ef[k] = f > minFinish[k]! ? f : minFinish[k]!;
      }
      if (ef[k]! > finish) finish = ef[k]!;
    }
    for (let k = n - 1; k >= 0; k--) {
      let lf = Infinity;
      const first = succStart[k]!;
      const end = succStart[k + 1]!;
      if (first === end) lf = finish;
      else
        for (let i = first; i < end; i++) {
          const l = ls[succTo[i]!]! - succLag[i]!;
          if (l < lf) lf = l;
        }
      ls[k] = lf - (ef[k]! - es[k]!);
      if (!finished[k] && lf - ef[k]! <= EPSILON) critical[k]!++;
    }
    for (let i = 0; i < dlPos.length; i++) if (ef[dlPos[i]!]! > dlDay[i]! + EPSILON) dlMissed[i]!++;
    if (finish <= onTimeBy) onTime++;
    finishes[it] = finish;
    sum += finish;
  }

  const mean = sum / iterations;
  let squares = 0;
  for (let i = 0; i < iterations; i++) squares += (finishes[i]! - mean) ** 2;
  const sorted = finishes.slice().sort();
  const quantile = (p: number) => sorted[Math.max(0, Math.ceil(p * iterations) - 1)]!;
  const criticalityIndex = new Map<string, number>();
  for (const t of tasks) criticalityIndex.set(t.id, critical[pos.get(t.id)!]! / iterations);
  const deadlineMissProbability: Record<string, number> = {};
  deadlines.forEach((d, i) => (deadlineMissProbability[d.key] = dlMissed[i]! / iterations));
  return {
    iterations,
    seed: input.seed,
    p50: quantile(0.5),
    p80: quantile(0.8),
    p90: quantile(0.9),
    mean,
    standardDeviation: iterations > 1 ? Math.sqrt(squares / (iterations - 1)) : 0,
    min: sorted[0]!,
    max: sorted[iterations - 1]!,
    probabilityOnTime: onTime / iterations,
    deadlineMissProbability,
    criticalityIndex,
    histogram: histogramOf(sorted),
  };
}

function histogramOf(sorted: Float64Array): THistogramBar[] {
  if (!sorted.length || !Number.isFinite(sorted[0]!)) return [];
  const dayOf = (f: number) => Math.ceil(f - EPSILON);
  const first = dayOf(sorted[0]!);
  const counts = new Array<number>(dayOf(sorted[sorted.length - 1]!) - first + 1).fill(0);
  for (const f of sorted) counts[dayOf(f) - first]!++;
  let running = 0;
  return counts.map((count, i) => {
    running += count;
    return { day: first + i, count, cumulative: running / sorted.length };
  });
}

/* ---------- a transfer's plan, in dates ---------- */

export interface TRiskLink {
  taskId: string;
  /** The NHS likelihood level 1-5 (converted with `likelihoodProbability`), or a probability directly. */
  likelihood?: number;
  probability?: number;
  impactDays: number;
}

export interface TTransferRiskInput {
  transfer: { plannedTransferDate: TIsoDate };
  /** Tasks as `scheduleTransfer` takes them, each with its stored three-point estimate if it has one. */
  tasks: ReadonlyArray<TScheduleTask & { estimate?: TThreePointEstimate | null }>;
  dependencies: readonly TScheduleDependency[];
  today: TIsoDate;
  risks?: readonly TRiskLink[];
  /** Dates tasks must finish by, e.g. { key: 'eli_due', taskId: <the ELI task>, date: transfer - 28 days }. */
  deadlines?: ReadonlyArray<{ key: string; taskId: string; date: TIsoDate }>;
  /** Default 10,000. */
  iterations?: number;
  seed: number | string;
  /** Likelihood level to probability (default `LIKELIHOOD_PROBABILITIES`). */
  likelihoods?: readonly number[];
}

export interface TTransferRisk {
  iterations: number;
  seed: number;
  /** Go-live dates at 50%, 80% and 90% confidence (the simulated finish, rounded up to a whole day). */
  p50: TIsoDate | null;
  p80: TIsoDate | null;
  p90: TIsoDate | null;
  probabilityOnTime: number;
  deadlineMissProbability: Record<string, number>;
  criticalityIndex: Map<string, number>;
  histogram: Array<{ date: TIsoDate; count: number; cumulative: number }>;
}

/**
 * The Monte Carlo for one transfer, on the same forecasting rules as `scheduleTransfer` (taskForecastBasis):
 * done work is fixed at its actual dates; work in progress keeps its start, and the work left (its estimate
 * scaled by the share left, or `defaultEstimate` of the days left) runs from today, never finishing before
 * its due date; work not started waits for its planned start, today and its predecessors, and lasts its
 * estimate (or `defaultEstimate` of its planned duration). Cancelled tasks are left out. With every
 * estimate a single point and no risks, P50 = P80 = P90 = the deterministic forecast go-live.
 */
export function simulateTransfer(i: TTransferRiskInput): TTransferRisk {
  const seed = typeof i.seed === 'string' ? seedFromText(i.seed) : i.seed;
  const iterations = i.iterations ?? 10_000;
  const live = i.tasks.filter((t) => t.status !== 'cancelled');
  if (!live.length)
    return {
      iterations,
      seed,
      p50: null,
      p80: null,
      p90: null,
      probabilityOnTime: 1,
      deadlineMissProbability: Object.fromEntries((i.deadlines ?? []).map((d) => [d.key, 0])),
      criticalityIndex: new Map(),
      histogram: [],
    };
  const epoch = live.reduce((m, t) => (t.startDate < m ? t.startDate : m), live[0]!.startDate);
  const day = (d: TIsoDate) => daysBetween(epoch, d);
  const today = day(i.today);
  const tasks: TRiskTask[] = live.map((t) => {
    const b = taskForecastBasis(t, today, day);
    const planned = Math.max(0, day(t.dueDate) - day(t.startDate));
    if (b.finished)
      return {
        id: t.id,
        optimistic: 0,
        mostLikely: 0,
        pessimistic: 0,
        fixedStart: b.fixedStart!,
        fixedFinish: b.fixedStart! + b.durationDays,
      };
    if (b.fixedStart !== null) {
      const share = planned > 0 ? b.remainingDays / planned : 0;
      const e = t.estimate
        ? {
            optimistic: t.estimate.optimistic * share,
            mostLikely: t.estimate.mostLikely * share,
            pessimistic: t.estimate.pessimistic * share,
          }
        : defaultEstimate(b.remainingDays);
      return {
        id: t.id,
        ...e,
        fixedStart: today,
        minFinish: Math.max(day(t.dueDate), b.fixedStart),
      };
    }
    return { id: t.id, ...(t.estimate ?? defaultEstimate(planned)), notBefore: b.notBefore };
  });
  const ids = new Set(live.map((t) => t.id));
  const r = simulatePlan({
    tasks,
    dependencies: i.dependencies.filter((d) => ids.has(d.predecessorId) && ids.has(d.successorId)),
    delayEvents: (i.risks ?? []).map((x) => ({
      taskId: x.taskId,
      probability: x.probability ?? likelihoodProbability(x.likelihood ?? 0, i.likelihoods),
      impactDays: x.impactDays,
    })),
    deadlines: (i.deadlines ?? [])
      .filter((d) => ids.has(d.taskId))
      .map((d) => ({ key: d.key, taskId: d.taskId, day: day(d.date) })),
    transferDay: day(i.transfer.plannedTransferDate),
    iterations,
    seed,
  });
  const date = (f: number) => addDays(epoch, Math.ceil(f - EPSILON));
  return {
    iterations,
    seed,
    p50: date(r.p50),
    p80: date(r.p80),
    p90: date(r.p90),
    probabilityOnTime: r.probabilityOnTime,
    deadlineMissProbability: r.deadlineMissProbability,
    criticalityIndex: r.criticalityIndex,
    histogram: r.histogram.map((h) => ({
      date: addDays(epoch, h.day),
      count: h.count,
      cumulative: h.cumulative,
    })),
  };
}
