import http from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppRouter } from '@baton/api';
import { createPostgresDb, type DbHandle } from '@baton/db';
import { createTestDb, testEngine } from '@baton/db/testing';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app';
import { DEMO_PASSWORD, seedDemo } from './demo/demo.seed';
import { runJobOnce, startJobs, type JobLog, type RunningJobs } from './jobs/jobs';

/*
 * Baton is stateless between requests: two instances on one PostgreSQL, behind a round-robin proxy, behave
 * as one. Sessions made on one are good on the other, a job sent once runs once, two instances scanning for
 * due work at the same moment notify once, and a stale edit is caught whichever instance it reaches.
 * (PostgreSQL only: the embedded database belongs to one process.)
 */
const TODAY = '2026-11-23';
const onPostgres = testEngine() === 'postgres';

let h1: DbHandle;
let h2: DbHandle;
const apps: FastifyInstance[] = [];
let proxy: http.Server;
let base: string;
const hits = [0, 0];

async function listen(app: FastifyInstance): Promise<number> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const a = app.server.address();
  return typeof a === 'object' && a ? a.port : 0;
}

beforeAll(async () => {
  if (!onPostgres) return;
  h1 = await createTestDb();
  await seedDemo(h1.db, { today: TODAY });
  const { rows } = await sql<{ db: string }>`select current_database() as db`.execute(h1.db);
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${rows[0]!.db}`;
  h2 = createPostgresDb(url.toString(), { max: 5 });
  const webDist = mkdtempSync(join(tmpdir(), 'baton-web-'));
  const ports: number[] = [];
  for (const h of [h1, h2]) {
    const app = await buildApp({
      db: h.db,
      config: { publicUrl: undefined, secureCookies: false, webDist, logLevel: 'silent' },
      today: () => TODAY,
    });
    apps.push(app);
    ports.push(await listen(app));
  }
  // The smallest round-robin proxy: each request to the next instance in turn.
  let next = 0;
  proxy = http.createServer((req, res) => {
    const i = next++ % 2;
    hits[i]!++;
    const upstream = http.request(
      { host: '127.0.0.1', port: ports[i], path: req.url, method: req.method, headers: req.headers },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
});

afterAll(async () => {
  if (!onPostgres) return;
  await new Promise((r) => proxy.close(() => r(undefined)));
  for (const app of apps) await app.close();
  await h2.close();
  await h1.close();
});

function browser() {
  let cookie = '';
  const client = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${base}/trpc`,
        transformer: superjson,
        fetch: async (url, init) => {
          const res = await fetch(url, {
            ...(init as RequestInit),
            headers: { ...(init?.headers as Record<string, string>), cookie, origin: base },
          });
          const set = res.headers.get('set-cookie');
          if (set) cookie = set.split(';')[0]!;
          return res;
        },
      }),
    ],
  });
  return client;
}

const quietLog = (): JobLog & { done: string[] } => {
  const done: string[] = [];
  return { done, info: (m) => void done.push(m), error: () => {} };
};

describe.skipIf(!onPostgres)(`two instances behind a round-robin proxy on ${testEngine()}`, () => {
  it('a session made on one instance is good on both, and signing out ends it on both', async () => {
    const client = browser();
    await client.auth.signIn.mutate({ email: 'helen.marsh@severnvale-icb.example', password: DEMO_PASSWORD });
    const before = [...hits];
    for (let i = 0; i < 6; i++) expect((await client.programme.list.query()).length).toBeGreaterThan(0);
    expect(hits[0]! - before[0]!).toBe(3);
    expect(hits[1]! - before[1]!).toBe(3);
    await client.auth.signOut.mutate();
    for (let i = 0; i < 2; i++) {
      const e = await client.programme.list.query().catch((x: unknown) => x);
      expect(e).toBeInstanceOf(TRPCError());
      expect((e as TRPCClientError<AppRouter>).data?.code).toBe('UNAUTHORIZED');
    }
  });

  it('a stale edit is a conflict whichever instance it reaches', async () => {
    const client = browser();
    await client.auth.signIn.mutate({ email: 'tom.okafor@severnvale-icb.example', password: DEMO_PASSWORD });
    const programmeId = (await client.programme.list.query()).find((p) => p.code === 'SVCMH')!.id;
    const task = (await client.transition.myTasks.query({ programmeId, scope: 'mine' }))[0]!;
    // Two saves naming the same version: one lands on each instance; the second is refused.
    const first = await client.transition.updateTask.mutate({
      programmeId,
      taskId: task.id,
      version: task.version,
      percentComplete: 55,
    });
    expect(first.version).toBe(task.version + 1);
    const second = await client.transition.updateTask
      .mutate({ programmeId, taskId: task.id, version: task.version, percentComplete: 60 })
      .catch((x: unknown) => x);
    expect((second as TRPCClientError<AppRouter>).data?.code).toBe('CONFLICT');
  });

  it('jobs sent once run once across both instances; two scans at the same moment notify once', async () => {
    const logs = [quietLog(), quietLog()];
    const timings = {
      pollingIntervalSeconds: 0.5,
      cronMonitorIntervalSeconds: 30,
      cronWorkerIntervalSeconds: 30,
    };
    const jobs: RunningJobs[] = [];
    for (const [i, h] of [h1, h2].entries())
      jobs.push(
        await startJobs(
          h,
          { mailer: null, mailFrom: 'Baton <b@test.example>', baseUrl: base, log: logs[i]! },
          timings,
        ),
      );
    try {
      const ran = () => logs.flatMap((l) => l.done).filter((m) => m === 'job housekeeping done').length;
      // Each sent in turn (the queue keeps one waiting at a time), alternately from each instance: both
      // instances poll the queue, and each job runs once.
      for (let i = 0; i < 4; i++) {
        expect(await jobs[i % 2]!.send('housekeeping', { n: i })).not.toBeNull();
        const deadline = Date.now() + 20_000;
        while (ran() < i + 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      }
      await new Promise((r) => setTimeout(r, 1500));
      expect(ran()).toBe(4);

      const count = async () =>
        Number((await sql<{ n: string }>`select count(*) as n from notifications`.execute(h1.db)).rows[0]!.n);
      const before = await count();
      const ctx = (h: DbHandle) => ({
        db: h.db,
        mailer: null,
        mailFrom: 'Baton <b@test.example>',
        baseUrl: base,
        log: quietLog(),
      });
      const [a, b] = await Promise.all([
        runJobOnce(ctx(h1), 'notifications.scan', { today: '2026-12-20' }),
        runJobOnce(ctx(h2), 'notifications.scan', { today: '2026-12-20' }),
      ]);
      const made = (await count()) - before;
      expect(made).toBeGreaterThan(0);
      expect(made).toBe((a as { notified: number }).notified + (b as { notified: number }).notified);
      // Scanning again finds nothing new: every notification was made exactly once.
      await runJobOnce(ctx(h2), 'notifications.scan', { today: '2026-12-20' });
      expect(await count()).toBe(before + made);
    } finally {
      for (const j of jobs) await j.stop();
    }
  });
});

/** TRPCClientError as a constructor for toBeInstanceOf (it is exported as a class). */
function TRPCError() {
  return TRPCClientError;
}
