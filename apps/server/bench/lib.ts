import { createCaller, createContextInner } from '@baton/api';
import {
  createPgliteDb,
  createPostgresDb,
  findUserById,
  migrateToLatest,
  type Database,
  type DbHandle,
} from '@baton/db';
import pg from 'pg';

/** A scratch database (PGlite in memory, or a new database on BENCH_DATABASE_URL) that counts its queries. */
export async function benchDb(engine: 'pglite' | 'postgres'): Promise<DbHandle & { queries: () => number }> {
  let queries = 0;
  const log = (e: { level: string; queryDurationMillis?: number; query?: { sql: string } }) => {
    if (e.level === 'query') queries++;
    if (process.env.BENCH_SLOW && (e.queryDurationMillis ?? 0) >= Number(process.env.BENCH_SLOW))
      console.log(
        `    slow ${Math.round(e.queryDurationMillis!)} ms: ${e.query?.sql.replace(/\s+/g, ' ').slice(0, 160)}`,
      );
  };
  if (engine === 'pglite') {
    const h = await createPgliteDb(undefined, { log });
    await migrateToLatest(h.db);
    return { ...h, queries: () => queries };
  }
  const base = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL!;
  const name = `baton_bench_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const h = createPostgresDb(url.toString(), { log });
  await migrateToLatest(h.db);
  return {
    ...h,
    queries: () => queries,
    async close() {
      await h.close();
      const a = new pg.Client({ connectionString: base });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

export async function callerFor(db: Database, userId: string, today: string) {
  const user = await findUserById(db, userId);
  return createCaller(
    createContextInner({ db, session: { user: user!, tokenHash: 'bench' }, today: () => today }),
  );
}

/** Median wall time and queries per call of `fn`, after warm-up runs. */
export async function measure(
  h: { queries: () => number },
  fn: () => Promise<unknown>,
  runs = 15,
): Promise<{ medianMs: number; queries: number }> {
  for (let i = 0; i < 3; i++) await fn();
  const times: number[] = [];
  let q = 0;
  for (let i = 0; i < runs; i++) {
    const q0 = h.queries();
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
    q = h.queries() - q0;
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)]!, queries: q };
}

export const engines = (): Array<'pglite' | 'postgres'> =>
  process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export function report(label: string, r: { medianMs: number; queries: number }) {
  console.log(
    `  ${label.padEnd(48)} ${r.medianMs.toFixed(1).padStart(8)} ms  ${String(r.queries).padStart(3)} queries`,
  );
}

/** Median of `fn` and of its bare-SQL counterpart, run alternately so both see the same machine load. */
export async function measurePair(
  h: { queries: () => number },
  fn: () => Promise<unknown>,
  bare: () => Promise<unknown>,
  runs = 9,
): Promise<{ medianMs: number; bareMs: number; queries: number }> {
  for (let i = 0; i < 3; i++) await Promise.all([fn(), bare()]);
  const times: number[] = [];
  const bareTimes: number[] = [];
  let q = 0;
  for (let i = 0; i < runs; i++) {
    const q0 = h.queries();
    let t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
    q = h.queries() - q0;
    t0 = performance.now();
    await bare();
    bareTimes.push(performance.now() - t0);
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { medianMs: median(times), bareMs: median(bareTimes), queries: q };
}
