/**
 * `pnpm bench:load`: the whole server under a programme's worth of people (issue #12). Starts Baton in
 * production mode on each database (BENCH_DB=postgres,pglite), signs in the demo programme's people, and
 * drives two shapes of load for BENCH_LOAD_SECONDS each, printing requests/s, p50/p95/p99, errors and the
 * latency of /healthz during the run:
 *   (a) open loop: 200 users each sending a request every 2 s on average (about 100 requests/s), over a mix
 *       of register pages, heat map, steering pack, plan, workspace, joint progress and some writes;
 *       latency counts from when a request was due, so a stalled server cannot hide its queue;
 *   (b) saturation: 200 clients in a closed loop with no think time on the register page, beside a minimal
 *       handler in this process that runs the bare SQL for the same page (PostgreSQL only): the ceiling.
 * The load generator shares the machine's cores with the server: figures are noisy; ratios in one run hold.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import superjson from 'superjson';
import { createDb } from '@baton/db';
import { DEMO_PASSWORD, seedDemo } from '../src/demo/demo.seed';

const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 20);
const USERS = Number(process.env.BENCH_LOAD_USERS ?? 200);
const ENGINES = (process.env.BENCH_DB ?? 'postgres,pglite').split(',').map((s) => s.trim());
const ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const serverDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const agent = new http.Agent({ keepAlive: true, maxSockets: USERS + 20 });

interface Answer {
  status: number;
  ms: number;
  /** When the request was due or sent (ms since the run began), for BENCH_LOAD_TIMELINE. */
  at?: number;
}

function request(
  port: number,
  path: string,
  o: { cookie?: string; method?: 'GET' | 'POST'; body?: string; asBrowser?: boolean } = {},
): Promise<Answer & { text: string; headers: http.IncomingHttpHeaders }> {
  const start = performance.now();
  return new Promise((resolveReq) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: o.method ?? 'GET',
        agent,
        timeout: 30_000,
        headers: {
          ...(o.cookie ? { cookie: o.cookie } : {}),
          // As Chromium asks: the server compresses large answers (the load's answers are timed, not read).
          ...(o.asBrowser ? { 'accept-encoding': 'gzip, deflate, br, zstd' } : {}),
          ...(o.body ? { 'content-type': 'application/json', origin: `http://127.0.0.1:${port}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolveReq({
            status: res.statusCode ?? 0,
            ms: performance.now() - start,
            text: Buffer.concat(chunks).toString('utf8'),
            headers: res.headers,
          }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolveReq({ status: 0, ms: performance.now() - start, text: '', headers: {} }));
    if (o.body) req.write(o.body);
    req.end();
  });
}

const query = (proc: string, input: unknown) =>
  `/trpc/${proc}?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function summary(label: string, answers: Answer[], seconds: number, conflicts = 0) {
  const ms = answers.map((a) => a.ms).sort((a, b) => a - b);
  const errors = answers.filter((a) => a.status === 0 || a.status >= 500).length;
  const f = (n: number) => (Number.isNaN(n) ? '-' : n < 10 ? n.toFixed(1) : Math.round(n).toString());
  console.log(
    `  ${label.padEnd(44)} ${(answers.length / seconds).toFixed(1).padStart(7)} req/s  p50 ${f(percentile(ms, 50)).padStart(5)} ms  p95 ${f(percentile(ms, 95)).padStart(5)} ms  p99 ${f(percentile(ms, 99)).padStart(5)} ms  errors ${errors}${conflicts ? `  (${conflicts} edit conflicts, expected)` : ''}`,
  );
}

async function freePort(): Promise<number> {
  return new Promise((r) => {
    const s = http.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => r(port));
    });
  });
}

async function startServer(env: Record<string, string>, port: number): Promise<ChildProcess> {
  // BENCH_PROFILE_DIR: each server process writes a CPU profile there when it stops (where the time goes).
  const profile = process.env.BENCH_PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${resolve(process.env.BENCH_PROFILE_DIR)}`]
    : [];
  const child = spawn('npx', ['tsx', ...profile, 'src/cli.ts', 'serve'], {
    cwd: serverDir,
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      BATON_DEMO: '0',
      BATON_BACKUP_KEEP: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (/Baton is ready/.test(output)) return child;
    if (child.exitCode !== null) throw new Error(`The server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`The server took over 2 minutes to start:\n${output}`);
}

function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((r) => {
    child.once('exit', () => r());
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      r();
    }
    setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, 10_000).unref();
  });
}

interface Session {
  email: string;
  cookie: string;
}

async function signInAll(port: number, emails: string[]): Promise<Session[]> {
  const out: Session[] = [];
  for (const email of emails) {
    const r = await request(port, '/trpc/auth.signIn', {
      method: 'POST',
      body: JSON.stringify(superjson.serialize({ email, password: DEMO_PASSWORD })),
    });
    const cookie = String(r.headers['set-cookie'] ?? '').split(';')[0];
    if (r.status === 200 && cookie) out.push({ email, cookie });
  }
  return out;
}

/** What each simulated person asks for, weighted as a steering week and a go-live week look. */
function requestMix(programmeId: string, transferIds: string[]) {
  const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!;
  return [
    { weight: 30, name: 'register page', path: () => query('risk.list', { programmeId }) },
    { weight: 10, name: 'heat map', path: () => query('risk.heatMap', { programmeId }) },
    { weight: 8, name: 'steering pack', path: () => query('steering.pack', { programmeId }) },
    {
      weight: 20,
      name: 'plan',
      path: () => query('transition.plan', { programmeId, transferId: pick(transferIds) }),
    },
    { weight: 12, name: 'workspace', path: () => query('workspace.lead', { programmeId }) },
    { weight: 10, name: 'joint progress', path: () => query('progress.joint', { programmeId }) },
    { weight: 5, name: 'notifications', path: () => query('notification.unreadCount', undefined) },
    {
      weight: 5,
      name: 'write: mark notifications read',
      write: true,
      path: () => '/trpc/notification.markAllRead',
    },
  ];
}

async function openLoop(port: number, sessions: Session[], programmeId: string, transferIds: string[]) {
  const mix = requestMix(programmeId, transferIds);
  const total = mix.reduce((s, m) => s + m.weight, 0);
  const answers: Answer[] = [];
  const byKind = new Map<string, Answer[]>();
  const health: Answer[] = [];
  const start = performance.now();
  const end = start + SECONDS * 1000;
  const pending: Promise<void>[] = [];
  const healthLoop = (async () => {
    while (performance.now() < end) {
      health.push(await request(port, '/healthz'));
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  for (let u = 0; u < USERS; u++) {
    const session = sessions[u % sessions.length]!;
    pending.push(
      (async () => {
        // Exponential think time, mean 2 s: requests arrive as from people, not in lockstep. The first wait is
        // exponential too, so each person is a Poisson process from the start and the whole arrives at an even
        // 100 requests/s (a first request spread uniformly over 2 s, as before, made seconds 1-2 a burst of up
        // to twice the rate, measured as 170 requests in second 1, and the run's p99 was that burst's).
        const think = () => -Math.log(1 - Math.random()) * 2000;
        let due = performance.now() + think();
        while (due < end) {
          const wait = due - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          let x = Math.random() * total;
          const kind = mix.find((m) => (x -= m.weight) < 0) ?? mix[0]!;
          const r = await request(port, kind.path(), {
            cookie: session.cookie,
            asBrowser: true,
            ...(kind.write ? { method: 'POST' as const, body: JSON.stringify({ json: null }) } : {}),
          });
          // Latency from when the request was due: a queue in the server shows up here.
          const a = { status: r.status, ms: performance.now() - due, at: due - start };
          answers.push(a);
          const list = byKind.get(kind.name);
          if (list) list.push(a);
          else byKind.set(kind.name, [a]);
          due += think();
        }
      })(),
    );
  }
  await Promise.all([...pending, healthLoop]);
  summary(`(a) ${USERS} users, a request every 2 s each`, answers, SECONDS);
  for (const [name, list] of byKind) summary(`    ${name}`, list, SECONDS);
  summary('    /healthz during the run', health, SECONDS);
  if (process.env.BENCH_LOAD_TIMELINE) timeline(answers);
}

/** BENCH_LOAD_TIMELINE=1: latency by second of the run, to tell a steady queue from a few stalls. */
function timeline(answers: Answer[]) {
  for (let s = 0; s < SECONDS; s++) {
    const ms = answers
      .filter((a) => a.at! >= s * 1000 && a.at! < (s + 1) * 1000)
      .map((a) => a.ms)
      .sort((a, b) => a - b);
    console.log(
      `      second ${String(s).padStart(2)}: ${String(ms.length).padStart(4)} requests, p50 ${percentile(ms, 50).toFixed(0).padStart(4)} ms, p99 ${percentile(ms, 99).toFixed(0).padStart(5)} ms, max ${(ms.at(-1) ?? 0).toFixed(0).padStart(5)} ms`,
    );
  }
}

async function closedLoop(label: string, port: number, path: string, cookies: string[]) {
  const answers: Answer[] = [];
  const end = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: USERS }, async (_, i) => {
      while (performance.now() < end)
        answers.push(await request(port, path, { cookie: cookies[i % cookies.length], asBrowser: true }));
    }),
  );
  summary(label, answers, SECONDS);
  return answers.length / SECONDS;
}

/** The ceiling: the register page's bare SQL behind the smallest HTTP handler, on one pg pool. */
async function bareHandler(
  databaseUrl: string,
  programmeId: string,
): Promise<{ port: number; close(): Promise<void> }> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const server = http.createServer(async (_req, res) => {
    const [page, count] = await Promise.all([
      pool.query(
        `select r.*, o.name as org_name, o.short_name as org_short_name, u.name as owner_name,
                array(select rl.lot_id from risk_lots rl where rl.risk_id = r.id) as lot_ids,
                array(select ra.organisation_id from risk_affected_organisations ra where ra.risk_id = r.id) as affected_ids
           from risks r join organisations o on o.id = r.owning_organisation_id left join users u on u.id = r.owner_user_id
          where r.programme_id = $1 order by r.current_score desc, r.number limit 50`,
        [programmeId],
      ),
      pool.query('select count(*)::int as n from risks where programme_id = $1', [programmeId]),
    ]);
    const body = JSON.stringify({ result: { data: { json: { items: page.rows, total: count.rows[0].n } } } });
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  return {
    port,
    close: async () => {
      await new Promise((r) => server.close(() => r(undefined)));
      await pool.end();
    },
  };
}

async function run(engine: string) {
  console.log(
    `\n${engine === 'pglite' ? 'Embedded PGlite (one process)' : 'PostgreSQL (one HTTP process per core)'}, ${SECONDS} s per shape`,
  );
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  let databaseUrl: string | undefined;
  if (engine === 'postgres') {
    const name = `baton_load_${process.pid}`;
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
    await admin.end();
    databaseUrl = ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
    env = { DATABASE_URL: databaseUrl, BATON_WEB_PROCESSES: 'auto' };
    cleanup = async () => {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'baton-load-'));
    env = { BATON_DATA_DIR: dir };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  // The demo programme, loaded before the server starts (the server then finds it there).
  const handle = await createDb({ databaseUrl, dataDir: env.BATON_DATA_DIR ?? '' } as never);
  const { migrateToLatest } = await import('@baton/db');
  await migrateToLatest(handle.db);
  const seeded = await seedDemo(handle.db);
  await handle.close();
  if (!seeded.loaded) throw new Error('The demo did not load into the fresh database');
  const port = await freePort();
  const server = await startServer(env, port);
  try {
    const emails = seeded.users.filter((u) => u.programme === 'SVCMH').map((u) => u.email);
    const sessions = await signInAll(port, emails);
    const lead = sessions[0]!;
    const programmes = superjson.deserialize<Array<{ id: string; code: string }>>(
      JSON.parse((await request(port, query('programme.list', undefined), { cookie: lead.cookie })).text)
        .result.data,
    );
    const programmeId = programmes.find((p) => p.code === 'SVCMH')!.id;
    const transfers = superjson.deserialize<Array<{ transfer: { id: string } }>>(
      JSON.parse(
        (await request(port, query('transition.transfers', { programmeId }), { cookie: lead.cookie })).text,
      ).result.data,
    );
    console.log(`  ${sessions.length} demo people signed in, shared by ${USERS} simulated users`);
    const transferIds = transfers.map((t) => t.transfer.id);
    // Warm up: every request of the mix, on every HTTP process, as a day's first minutes would (modules
    // compiled, code optimised, plans scheduled); a cold start is not what 200 people meet at a meeting.
    await warmUp(port, requestMix(programmeId, transferIds), lead.cookie);
    await openLoop(port, sessions, programmeId, transferIds);
    const register = query('risk.list', { programmeId });
    const baton = await closedLoop(
      `(b) ${USERS} clients, no think time: register page`,
      port,
      register,
      sessions.map((s) => s.cookie),
    );
    if (databaseUrl) {
      const bare = await bareHandler(databaseUrl, programmeId);
      const ceiling = await closedLoop(`    the same page's bare SQL, minimal handler`, bare.port, '/', ['']);
      await bare.close();
      console.log(
        `    register page at ${((baton / ceiling) * 100).toFixed(0)}% of the bare handler's throughput`,
      );
    }
  } finally {
    await stopServer(server);
    await cleanup();
  }
}

async function warmUp(port: number, mix: ReturnType<typeof requestMix>, cookie: string) {
  for (const kind of mix.filter((k) => !k.write))
    for (let round = 0; round < 5; round++)
      await Promise.all(Array.from({ length: 4 }, () => request(port, kind.path(), { cookie })));
}

for (const engine of ENGINES) await run(engine);
agent.destroy();
