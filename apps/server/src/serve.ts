import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { closeCompute } from '@baton/api';
import { createDb, migrateToLatest, type DbHandle } from '@baton/db';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import type { ServerConfig } from './config';
import { printDemoSignIns } from './demo/print-sign-ins';
import { seedDemo } from './demo/demo.seed';
import { jobsContextFor, startJobs } from './jobs/jobs';
import { resolveSecretKey } from './secret-key';

/*
 * One process, or on PostgreSQL several (BATON_WEB_PROCESSES): the primary migrates, loads the demo and runs
 * the background jobs; each worker process serves HTTP on the shared port (node:cluster hands connections
 * round-robin), so a machine's cores all serve requests. Sessions, limits and jobs live in the database, so
 * the processes share nothing else.
 */

export function webProcessCount(config: ServerConfig, engine: DbHandle['engine']): number {
  if (engine === 'pglite') return 1;
  return config.webProcesses === 'auto' ? availableParallelism() : config.webProcesses;
}

export async function serve(config: ServerConfig): Promise<void> {
  if (cluster.isWorker) return serveHttpWorker(config);
  const started = performance.now();
  const handle = await createDb(config);
  const where =
    handle.engine === 'pglite' ? `embedded PGlite at ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)';
  if (config.migrate) {
    const applied = await migrateToLatest(handle.db);
    if (applied.length) console.log(`Migrations applied: ${applied.join(', ')}`);
  }
  if (config.demo) {
    const result = await seedDemo(handle.db);
    if (result.loaded) printDemoSignIns(result);
  }
  config = { ...config, secretKey: resolveSecretKey(config, handle.engine) };
  if (handle.engine === 'pglite' && config.webProcesses !== 1)
    console.log('BATON_WEB_PROCESSES applies to PostgreSQL: the embedded database serves from one process.');
  const processes = webProcessCount(config, handle.engine);
  let app: FastifyInstance | null = null;
  if (processes > 1) {
    await forkHttpWorkers(processes);
  } else {
    app = await buildApp({ db: handle.db, config });
    await app.listen({ port: config.port, host: config.host });
  }
  const ms = Math.round(performance.now() - started);
  const shown = config.publicUrl ?? `http://localhost:${config.port}`;
  console.log(
    `Baton is ready at ${shown} (database: ${where}; ${processes > 1 ? `${processes} HTTP processes; ` : ''}ready in ${ms} ms)`,
  );
  console.log(
    config.trustedProxies.length > 0
      ? `Client addresses: X-Forwarded-For as set by the trusted proxies ${config.trustedProxies.join(', ')}`
      : 'Client addresses: the connection’s own (no trusted proxy; set BATON_TRUSTED_PROXIES behind one)',
  );
  const log = {
    info: (message: string, details?: Record<string, unknown>) =>
      app ? app.log.info(details ?? {}, message) : console.log(message, details ?? ''),
    error: (message: string, details?: Record<string, unknown>) =>
      app ? app.log.error(details ?? {}, message) : console.error(message, details ?? ''),
  };
  // Background jobs (notifications scan, email outbox, housekeeping) unless this is a web-only instance.
  const jobs = config.jobs ? await startJobs(handle, jobsContextFor(config, log, handle)) : null;

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal}: shutting down`);
    for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM');
    await app?.close();
    await jobs?.stop();
    await closeCompute();
    await handle.close();
    process.exit(0);
  };
  if (processes > 1)
    cluster.on('exit', (worker, code, signal) => {
      if (closing) return;
      console.error(`HTTP process ${worker.process.pid} ended (${signal ?? code}); starting another`);
      cluster.fork();
    });
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

/** Starts the HTTP processes and waits until every one is listening. */
function forkHttpWorkers(n: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let listening = 0;
    for (let i = 0; i < n; i++) {
      const w = cluster.fork();
      w.once('listening', () => {
        if (++listening === n) resolve();
      });
      w.once('exit', (code) => {
        if (listening < n) reject(new Error(`An HTTP process ended while starting (exit code ${code})`));
      });
    }
  });
}

/** A worker process: HTTP only, on the primary's port; no migrations, demo or jobs. */
async function serveHttpWorker(config: ServerConfig): Promise<void> {
  const handle = await createDb(config);
  const app = await buildApp({ db: handle.db, config });
  await app.listen({ port: config.port, host: config.host });
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await app.close();
    await closeCompute();
    await handle.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
}
