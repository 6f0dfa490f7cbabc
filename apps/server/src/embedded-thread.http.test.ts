import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, migrateToLatest, type DbHandle } from '@baton/db';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app';

/*
 * The embedded database runs in its own thread in the server: a long query (a big report, an import) keeps
 * the database busy but never the web server's event loop, so /healthz and other requests are answered.
 */
let dir: string;
let h: DbHandle;
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'baton-thread-'));
  h = await createDb({ dataDir: join(dir, 'data'), thread: true });
  await migrateToLatest(h.db);
  const webDist = mkdtempSync(join(tmpdir(), 'baton-web-'));
  app = await buildApp({
    db: h.db,
    config: { publicUrl: undefined, secureCookies: false, webDist, logLevel: 'silent' },
    today: () => '2026-11-23',
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
}, 60_000);
afterAll(async () => {
  await app?.close();
  await h?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the embedded database off the event loop', () => {
  it('answers /healthz at once while a long query runs', async () => {
    // Several seconds of work inside PostgreSQL (WASM), in the database thread.
    const started = performance.now();
    let longDone = 0;
    const long = sql<{ n: number }>`select count(*)::int as n from generate_series(1, 6000000) a
      where md5(a::text) like '0%'`
      .execute(h.db)
      .then((r) => {
        longDone = performance.now();
        return r.rows[0]!.n;
      });
    await new Promise((r) => setTimeout(r, 100));
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const res = await fetch(`${base}/healthz`);
      expect(res.status).toBe(200);
      times.push(performance.now() - t0);
    }
    const healthzDone = performance.now();
    expect(await long).toBeGreaterThan(0);
    // /healthz answered, quickly, before the long query finished.
    expect(healthzDone).toBeLessThan(longDone);
    expect(Math.max(...times)).toBeLessThan(200);
    expect(longDone - started).toBeGreaterThan(500);
  }, 60_000);

  it('keeps the same answers: errors carry their codes, dates stay dates, transactions roll back', async () => {
    const e = await sql`select 1/0`
      .execute(h.db)
      .catch((x: unknown) => x as { code?: string; message: string });
    expect(e).toMatchObject({ code: '22012' });
    const { rows } = await sql<{ d: string; n: number; t: Date }>`select '2027-04-01'::date as d,
      12.5::numeric as n, now() as t`.execute(h.db);
    expect(rows[0]).toMatchObject({ d: '2027-04-01', n: 12.5 });
    expect(rows[0]!.t).toBeInstanceOf(Date);
    await expect(
      h.db.transaction().execute(async (trx) => {
        await sql`create table thread_probe (x int)`.execute(trx);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    const exists = await sql<{
      n: number;
    }>`select count(*)::int as n from pg_tables where tablename = 'thread_probe'`.execute(h.db);
    expect(exists.rows[0]!.n).toBe(0);
    const dump = await h.dumpDataDir!();
    expect(dump.length).toBeGreaterThan(1000);
  });
});
