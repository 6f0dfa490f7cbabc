import { scheduleTransfer, type TIsoDate } from '@baton/domain';
import type { TDependencyRow, TTaskRow } from '@baton/db';

/*
 * Scheduled plans kept against the database's fingerprint of each plan (`transfers.plan_version`, changed by
 * triggers whenever a task, a dependency or a name a task carries changes, from a sequence so a number never
 * names two plans). Readiness, joint progress, the workspace and the steering pack read every visible plan
 * on each request; between two plan changes they now read and schedule each plan once per process. Several
 * processes or instances agree, because the key comes from the shared database.
 *
 * A cached plan is shared by every request that reads it: its rows are frozen so a caller that tried to change
 * one would fail loudly rather than corrupt everyone's answer.
 */

export interface TCachedPlan {
  tasks: readonly TTaskRow[];
  dependencies: readonly TDependencyRow[];
  schedule: ReturnType<typeof scheduleTransfer>;
}

const CAPACITY = 128;
const plans = new Map<string, TCachedPlan>();

export const planCacheKey = (p: {
  transferId: string;
  planVersion: string;
  transferVersion: number;
  plannedTransferDate: TIsoDate;
  today: TIsoDate;
  rewindTo: TIsoDate | undefined;
}) =>
  `${p.transferId}|${p.planVersion}|${p.transferVersion}|${p.plannedTransferDate}|${p.today}|${p.rewindTo ?? ''}`;

export function cachedPlan(key: string): TCachedPlan | undefined {
  const hit = plans.get(key);
  if (hit) {
    plans.delete(key);
    plans.set(key, hit);
  }
  return hit;
}

export function rememberPlan(key: string, plan: TCachedPlan): TCachedPlan {
  for (const t of plan.tasks) Object.freeze(t);
  for (const d of plan.dependencies) Object.freeze(d);
  const frozen = Object.freeze({
    tasks: Object.freeze(plan.tasks),
    dependencies: Object.freeze(plan.dependencies),
    schedule: plan.schedule,
  });
  plans.set(key, frozen);
  if (plans.size > CAPACITY) plans.delete(plans.keys().next().value!);
  return frozen;
}

/** Empties the cache (a test that proves answers come from the database). */
export function clearPlanCache() {
  plans.clear();
}
