import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { simulateTransfer, type TTransferRiskInput } from '@baton/domain';
import { Piscina } from 'piscina';

/*
 * Heavy pure computation (the schedule risk analysis) runs off the request thread, in a small pool of worker
 * threads, so one lead opening a plan never stalls everyone else's requests. BATON_COMPUTE_THREADS=0 computes
 * in-line (a one-off script, or a machine where threads are not wanted).
 */

type TResult =
  ReturnType<typeof simulateTransfer> extends infer R
    ? Omit<R, 'criticalityIndex'> & { criticalityIndex: Record<string, number> }
    : never;

let pool: Piscina | undefined;

function threads(): number {
  const configured = Number(process.env.BATON_COMPUTE_THREADS);
  if (Number.isInteger(configured) && configured >= 0) return configured;
  return Math.max(1, Math.min(2, availableParallelism() - 1));
}

function computePool(): Piscina | null {
  if (threads() === 0) return null;
  pool ??= new Piscina({
    filename: new URL('./ts-worker.mjs', import.meta.url).href,
    workerData: { tsModule: new URL('./schedule-risk.worker.ts', import.meta.url).href },
    minThreads: 0,
    maxThreads: threads(),
    idleTimeout: 30_000,
  });
  return pool;
}

/*
 * The simulation is a pure function of its input (the plan, the linked risks, the date, the seed), so its
 * result is kept against a hash of that input: the joint progress view and the steering pack, opened by
 * many people between two plan changes, simulate each plan once. Any change to a task, a dependency, a
 * linked risk or the date changes the input, and so the key. The input holds only what the caller may
 * see, so a cached answer is never one computed from rows the caller could not see.
 */
const CACHE_SIZE = 256;
const cache = new Map<string, TResult>();

function keyOf(input: TTransferRiskInput, planKey: string | undefined): string {
  // With the plan's own key (its database fingerprint and the date: plan.cache.ts) only the rest of the input
  // is hashed; hashing a plan of hundreds of tasks on every view cost more than the view's queries.
  const hashed = planKey ? { ...input, tasks: undefined, dependencies: undefined } : input;
  return `${planKey ?? ''}|${createHash('sha256').update(JSON.stringify(hashed)).digest('base64url')}`;
}

function remember(key: string, result: TResult) {
  cache.delete(key);
  cache.set(key, result);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
}

/** The Monte Carlo of several transfers, in a worker thread, each plan at most once per distinct input. */
export async function simulateTransfers(
  inputs: TTransferRiskInput[],
  /** Each input's plan key, when its tasks and dependencies are exactly the plan that key names. */
  planKeys: ReadonlyArray<string | undefined> = [],
): Promise<TResult[]> {
  if (!inputs.length) return [];
  const keys = inputs.map((input, i) => keyOf(input, planKeys[i]));
  const missing = inputs.flatMap((input, i) => (cache.has(keys[i]!) ? [] : [{ input, key: keys[i]! }]));
  if (missing.length) {
    const p = computePool();
    const fresh: TResult[] = p
      ? ((await p.run(missing.map((m) => m.input))) as TResult[])
      : missing.map((m) => {
          const r = simulateTransfer(m.input);
          return { ...r, criticalityIndex: Object.fromEntries(r.criticalityIndex) };
        });
    missing.forEach((m, i) => remember(m.key, fresh[i]!));
  }
  return keys.map((k) => {
    const r = cache.get(k)!;
    remember(k, r);
    return r;
  });
}

/** Stops the worker threads (server shutdown, end of a test file). */
export async function closeCompute(): Promise<void> {
  const p = pool;
  pool = undefined;
  await p?.destroy();
}
