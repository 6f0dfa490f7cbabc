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

/** The Monte Carlo of several transfers, in a worker thread. */
export async function simulateTransfers(inputs: TTransferRiskInput[]): Promise<TResult[]> {
  if (!inputs.length) return [];
  const p = computePool();
  if (!p)
    return inputs.map((i) => {
      const r = simulateTransfer(i);
      return { ...r, criticalityIndex: Object.fromEntries(r.criticalityIndex) };
    });
  return (await p.run(inputs)) as TResult[];
}

/** Stops the worker threads (server shutdown, end of a test file). */
export async function closeCompute(): Promise<void> {
  const p = pool;
  pool = undefined;
  await p?.destroy();
}
