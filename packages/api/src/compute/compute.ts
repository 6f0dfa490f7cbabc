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

/**
 * One transfer's simulation as the caller describes it: the plan by its key (its database fingerprint and the
 * date: plan.cache.ts) with a way to build the plan's part of the input, only called when the result is not
 * kept; the rest of the input (linked risks, deadlines, seed) is small and hashed into the key.
 */
export interface TSimulation {
  planKey: string;
  head: Omit<TTransferRiskInput, 'tasks' | 'dependencies'>;
  plan: () => Pick<TTransferRiskInput, 'tasks' | 'dependencies'>;
}

const keyOf = (s: TSimulation): string =>
  `${s.planKey}|${createHash('sha256').update(JSON.stringify(s.head)).digest('base64url')}`;

function remember(key: string, result: TResult) {
  cache.delete(key);
  cache.set(key, result);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
}

/** The Monte Carlo of several transfers, in a worker thread, each plan at most once per distinct input. */
export async function simulateTransfers(simulations: TSimulation[]): Promise<TResult[]> {
  if (!simulations.length) return [];
  const keys = simulations.map(keyOf);
  const missing = simulations.flatMap((s, i) =>
    cache.has(keys[i]!) ? [] : [{ input: { ...s.head, ...s.plan() } as TTransferRiskInput, key: keys[i]! }],
  );
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
