/**
 * `pnpm bench`: measured figures, printed, never asserted.
 * Start-up: time from spawning `serve` to /readyz answering, on a fresh embedded database (migrations and
 * demo data), on the same database again (warm), and on PostgreSQL when BENCH_DATABASE_URL or DATABASE_URL
 * is set (a scratch database is created and dropped).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const serverDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

async function timeToReady(env: Record<string, string>): Promise<number> {
  const port = 4100 + Math.floor(Math.random() * 800);
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], {
    cwd: serverDir,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error('server exited before it was ready');
      if (performance.now() - started > 120_000) throw new Error('server not ready after 120 s');
      try {
        if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return performance.now() - started;
      } catch {
        /* not yet */
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (ms: number) => `${Math.round(ms)} ms`;

async function main(): Promise<void> {
  console.log(`Start-up to ready (median of ${RUNS})`);
  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'baton-bench-'));
    cold.push(await timeToReady({ DATABASE_URL: '', BATON_DATA_DIR: dir, BATON_DEMO: '1' }));
    warm.push(await timeToReady({ DATABASE_URL: '', BATON_DATA_DIR: dir, BATON_DEMO: '1' }));
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`  PGlite, first start (migrate + demo data): ${fmt(median(cold))}`);
  console.log(`  PGlite, existing database:                 ${fmt(median(warm))}`);

  const base = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!base) {
    console.log('  PostgreSQL: skipped (set BENCH_DATABASE_URL or DATABASE_URL)');
    return;
  }
  const name = `baton_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const pgCold: number[] = [];
  const pgWarm: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.query(`create database ${name}`);
      pgCold.push(await timeToReady({ DATABASE_URL: url.toString(), BATON_DEMO: '1' }));
      pgWarm.push(await timeToReady({ DATABASE_URL: url.toString(), BATON_DEMO: '0' }));
    }
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
  console.log(`  PostgreSQL, first start (migrate + demo):  ${fmt(median(pgCold))}`);
  console.log(`  PostgreSQL, existing database:             ${fmt(median(pgWarm))}`);
}

export const benchStartup = main;
