/**
 * The critical path method over a finish-to-start task network. Days are whole calendar days counted from
 * any origin (negative days are fine); a task occupies [start, start + duration), so a successor may start
 * on its predecessor's finish day plus the lag.
 *
 * Forward pass: a task starts at the latest of its `notBefore` (a start-no-earlier-than date: its planned
 * start, or today) and each predecessor's early finish plus lag, unless its start is FIXED (it has actually
 * started or finished), in which case it starts there and its predecessors do not move it.
 *
 * Backward pass: from the finish reference, the EARLIER of the forecast finish (the latest early finish)
 * and the deadline (the transfer date), as Microsoft Project treats a deadline. Total float = LF - EF; free
 * float = (the earliest of each successor's ES - lag) - EF, or finish reference - EF for a task with no
 * successors. Critical = total float <= 0, so with margin the driving chain has float 0, and when the
 * forecast passes the deadline its float is negative by the days of overrun.
 *
 * A link into a task with a fixed start is history: it neither pushes that task (forward) nor constrains
 * its predecessor (backward), so work finished out of sequence does not show as impossibly late.
 * Finished tasks are never critical: their float is reported but nothing can recover it.
 */

export interface TNetworkTask {
  id: string;
  durationDays: number;
  /** Earliest the task can start regardless of predecessors (its planned start, or today), as a day number. */
  notBefore?: number;
  /** A start that has happened (an actually started or finished task): predecessors do not push it. */
  fixedStart?: number;
  /** Finished work: never critical. */
  finished?: boolean;
}

export interface TDependency {
  predecessorId: string;
  successorId: string;
  /** Extra days between the predecessor's finish and the successor's start (negative = lead). */
  lagDays: number;
}

export interface TScheduledTask {
  id: string;
  earlyStart: number;
  earlyFinish: number;
  lateStart: number;
  lateFinish: number;
  /** Total float (LF - EF), under its old name: the same figure as `totalFloat`. */
  slack: number;
  /** LF - EF: how far the task can slip before it moves the finish reference (negative: already past it). */
  totalFloat: number;
  /** How far the task can slip before it moves any successor (for a task with none: the finish reference). */
  freeFloat: number;
  /** Total float of zero or less, and not finished. */
  critical: boolean;
  finished: boolean;
}

export interface TNetworkSchedule {
  tasks: Map<string, TScheduledTask>;
  /** The forecast finish: the latest early finish (0 for an empty network). */
  projectFinish: number;
  /** Where the backward pass starts: the earlier of `projectFinish` and the deadline. */
  finishReference: number;
  /** The driving chain of critical tasks, first to last, ending at the critical task that finishes last. */
  criticalPath: string[];
}

/** Float at or below this counts as zero (guards against rounding when durations are fractional). */
const FLOAT_EPSILON = 1e-9;

export class DependencyCycleError extends Error {
  constructor(readonly cycle: string[]) {
    super(
      `These tasks depend on each other in a loop: ${cycle.join(' → ')}. Remove one of the dependencies.`,
    );
    this.name = 'DependencyCycleError';
  }
}

/** Kahn's algorithm; on a cycle, names one loop so the user can see which dependency to remove. */
export function topologicalOrder(taskIds: readonly string[], deps: readonly TDependency[]): string[] {
  const known = new Set(taskIds);
  const succ = new Map<string, string[]>(taskIds.map((id) => [id, []]));
  const indegree = new Map<string, number>(taskIds.map((id) => [id, 0]));
  for (const d of deps) {
    if (!known.has(d.predecessorId) || !known.has(d.successorId)) continue;
    succ.get(d.predecessorId)!.push(d.successorId);
    indegree.set(d.successorId, indegree.get(d.successorId)! + 1);
  }
  const queue = taskIds.filter((id) => indegree.get(id) === 0);
  const order: string[] = [];
  while (queue.length) {
    const id = queue.shift()!;
    order.push(id);
    for (const s of succ.get(id)!) {
      indegree.set(s, indegree.get(s)! - 1);
      if (indegree.get(s) === 0) queue.push(s);
    }
  }
  if (order.length < taskIds.length)
    throw new DependencyCycleError(
      findCycle(
        taskIds.filter((id) => indegree.get(id)! > 0),
        succ,
      ),
    );
  return order;
}

function findCycle(candidates: string[], succ: Map<string, string[]>): string[] {
  const inCandidates = new Set(candidates);
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): string[] | null => {
    state.set(id, 'visiting');
    stack.push(id);
    for (const s of succ.get(id) ?? []) {
      if (!inCandidates.has(s)) continue;
      if (state.get(s) === 'visiting') return [...stack.slice(stack.indexOf(s)), s];
      if (!state.has(s)) {
        const found = visit(s);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(id, 'done');
    return null;
  };
  for (const id of candidates) {
    if (!state.has(id)) {
      const c = visit(id);
      if (c) return c;
    }
  }
  return candidates;
}

/** Would adding this dependency close a loop? Checked before a dependency is saved. */
export function wouldCreateCycle(
  taskIds: readonly string[],
  deps: readonly TDependency[],
  added: TDependency,
): string[] | null {
  if (added.predecessorId === added.successorId) return [added.predecessorId, added.successorId];
  try {
    topologicalOrder(taskIds, [...deps, added]);
    return null;
  } catch (e) {
    if (e instanceof DependencyCycleError) return e.cycle;
    throw e;
  }
}

/**
 * Forward and backward pass (see the top of this file). `deadline` is the transfer date as a day number;
 * without it the backward pass starts from the forecast finish.
 */
export function schedule(
  tasks: readonly TNetworkTask[],
  deps: readonly TDependency[],
  deadline?: number,
): TNetworkSchedule {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const order = topologicalOrder(
    tasks.map((t) => t.id),
    deps,
  );
  // Links that count: both ends known, and the successor's start not fixed.
  const preds = new Map<string, TDependency[]>(tasks.map((t) => [t.id, []]));
  const succs = new Map<string, TDependency[]>(tasks.map((t) => [t.id, []]));
  for (const d of deps) {
    const successor = byId.get(d.successorId);
    if (!byId.has(d.predecessorId) || !successor || successor.fixedStart !== undefined) continue;
    preds.get(d.successorId)!.push(d);
    succs.get(d.predecessorId)!.push(d);
  }
  const es = new Map<string, number>();
  const ef = new Map<string, number>();
  for (const id of order) {
    const t = byId.get(id)!;
    let start = t.fixedStart ?? t.notBefore ?? 0;
    if (t.fixedStart === undefined)
      for (const d of preds.get(id)!) start = Math.max(start, ef.get(d.predecessorId)! + d.lagDays);
    es.set(id, start);
    ef.set(id, start + t.durationDays);
  }
  let projectFinish = order.length ? -Infinity : 0;
  for (const f of ef.values()) projectFinish = Math.max(projectFinish, f);
  const finishReference = deadline === undefined ? projectFinish : Math.min(projectFinish, deadline);
  const ls = new Map<string, number>();
  const lf = new Map<string, number>();
  const ff = new Map<string, number>();
  for (let k = order.length - 1; k >= 0; k--) {
    const id = order[k]!;
    const t = byId.get(id)!;
    const out = succs.get(id)!;
    let finish = out.length ? Infinity : finishReference;
    let free = out.length ? Infinity : finishReference;
    for (const d of out) {
      finish = Math.min(finish, ls.get(d.successorId)! - d.lagDays);
      free = Math.min(free, es.get(d.successorId)! - d.lagDays);
    }
    lf.set(id, finish);
    ls.set(id, finish - t.durationDays);
    ff.set(id, free - ef.get(id)!);
  }
  const result = new Map<string, TScheduledTask>();
  for (const id of order) {
    const finished = byId.get(id)!.finished === true;
    const totalFloat = lf.get(id)! - ef.get(id)!;
    result.set(id, {
      id,
      earlyStart: es.get(id)!,
      earlyFinish: ef.get(id)!,
      lateStart: ls.get(id)!,
      lateFinish: lf.get(id)!,
      slack: totalFloat,
      totalFloat,
      freeFloat: ff.get(id)!,
      critical: !finished && totalFloat <= FLOAT_EPSILON,
      finished,
    });
  }
  return { tasks: result, projectFinish, finishReference, criticalPath: drivingChain(order, result, preds) };
}

/**
 * The critical path as one ordered chain: start at the critical task that finishes last (ties go to the
 * later task in dependency order, so a zero-length go-live milestone ends the path) and walk back through
 * critical predecessors, preferring the one that drives the start (latest finish plus lag), then the one
 * with the least float. It stops where no predecessor is critical: a fixed start, a date constraint (a
 * planned start or today) or finished work set the start there.
 */
function drivingChain(
  order: readonly string[],
  s: ReadonlyMap<string, TScheduledTask>,
  preds: ReadonlyMap<string, TDependency[]>,
): string[] {
  let end: TScheduledTask | null = null;
  for (const id of order) {
    const t = s.get(id)!;
    if (t.critical && (!end || t.earlyFinish >= end.earlyFinish)) end = t;
  }
  if (!end) return [];
  const chain = [end.id];
  let current = end.id;
  for (;;) {
    let best: { id: string; reach: number; float: number } | null = null;
    for (const d of preds.get(current)!) {
      const p = s.get(d.predecessorId)!;
      if (!p.critical) continue;
      const reach = p.earlyFinish + d.lagDays;
      if (!best || reach > best.reach || (reach === best.reach && p.totalFloat < best.float))
        best = { id: p.id, reach, float: p.totalFloat };
    }
    if (!best) break;
    chain.unshift(best.id);
    current = best.id;
  }
  return chain;
}
