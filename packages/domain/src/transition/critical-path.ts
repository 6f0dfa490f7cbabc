/**
 * Finish-to-start scheduling over a task network: forward and backward pass, slack, the critical path,
 * and the forecast finish implied by each task's current forecast. Days are whole calendar days; a task
 * occupies [start, start + duration), so a successor may start on its predecessor's finish day plus lag.
 */

export interface TNetworkTask {
  id: string;
  durationDays: number;
  /** Earliest the task can start regardless of predecessors (its planned or actual start), as a day number. */
  notBefore?: number;
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
  slack: number;
  critical: boolean;
}

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
 * Forward and backward pass. The project finishes at `deadline` when given (the transfer date), else at the
 * latest early finish; slack is measured against it, so negative slack means the deadline is already missed.
 */
export function schedule(
  tasks: readonly TNetworkTask[],
  deps: readonly TDependency[],
  deadline?: number,
): { tasks: Map<string, TScheduledTask>; projectFinish: number; criticalPath: string[] } {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const order = topologicalOrder(
    tasks.map((t) => t.id),
    deps,
  );
  const preds = new Map<string, TDependency[]>(tasks.map((t) => [t.id, []]));
  const succs = new Map<string, TDependency[]>(tasks.map((t) => [t.id, []]));
  for (const d of deps) {
    if (!byId.has(d.predecessorId) || !byId.has(d.successorId)) continue;
    preds.get(d.successorId)!.push(d);
    succs.get(d.predecessorId)!.push(d);
  }
  const es = new Map<string, number>();
  const ef = new Map<string, number>();
  for (const id of order) {
    const t = byId.get(id)!;
    let start = t.notBefore ?? 0;
    for (const d of preds.get(id)!) start = Math.max(start, ef.get(d.predecessorId)! + d.lagDays);
    es.set(id, start);
    ef.set(id, start + t.durationDays);
  }
  const latestFinish = Math.max(0, ...ef.values());
  const projectFinish = deadline ?? latestFinish;
  const ls = new Map<string, number>();
  const lf = new Map<string, number>();
  for (const id of [...order].reverse()) {
    const t = byId.get(id)!;
    let finish = projectFinish;
    for (const d of succs.get(id)!) finish = Math.min(finish, ls.get(d.successorId)! - d.lagDays);
    lf.set(id, finish);
    ls.set(id, finish - t.durationDays);
  }
  const chain = drivingChain(order, es, ef, ls, preds);
  const onChain = new Set(chain);
  const result = new Map<string, TScheduledTask>();
  for (const id of order) {
    result.set(id, {
      id,
      earlyStart: es.get(id)!,
      earlyFinish: ef.get(id)!,
      lateStart: ls.get(id)!,
      lateFinish: lf.get(id)!,
      slack: ls.get(id)! - es.get(id)!,
      critical: onChain.has(id),
    });
  }
  return { tasks: result, projectFinish: latestFinish, criticalPath: chain };
}

/**
 * The critical path: from the task that finishes last, walk back through the predecessor with the least
 * slack (the one driving it) until a task has none. In a plan with fixed start dates and buffers this is
 * still the chain that decides the go-live date, where "zero slack" alone might leave a single milestone.
 */
function drivingChain(
  order: string[],
  es: Map<string, number>,
  ef: Map<string, number>,
  ls: Map<string, number>,
  preds: Map<string, TDependency[]>,
): string[] {
  if (!order.length) return [];
  let end = order[0]!;
  // Ties go to the later task in dependency order: a zero-length go-live milestone ends the path.
  for (const id of order) if (ef.get(id)! >= ef.get(end)!) end = id;
  const slack = (id: string) => ls.get(id)! - es.get(id)!;
  const chain = [end];
  let current = end;
  for (;;) {
    const candidates = preds.get(current)!;
    if (!candidates.length) break;
    let best = candidates[0]!;
    for (const d of candidates) {
      const better =
        slack(d.predecessorId) < slack(best.predecessorId) ||
        (slack(d.predecessorId) === slack(best.predecessorId) &&
          ef.get(d.predecessorId)! + d.lagDays > ef.get(best.predecessorId)! + best.lagDays);
      if (better) best = d;
    }
    chain.unshift(best.predecessorId);
    current = best.predecessorId;
  }
  return chain;
}
