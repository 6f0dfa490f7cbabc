import { closeCompute } from '@baton/api';
import { createDb, migrateToLatest } from '@baton/db';
import { buildApp } from './app';
import type { ServerConfig } from './config';
import { printDemoSignIns } from './demo/print-sign-ins';
import { seedDemo } from './demo/demo.seed';
import { jobsContextFor, startJobs } from './jobs/jobs';

export async function serve(config: ServerConfig): Promise<void> {
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
  const app = await buildApp({ db: handle.db, config });
  await app.listen({ port: config.port, host: config.host });
  const ms = Math.round(performance.now() - started);
  const shown = config.publicUrl ?? `http://localhost:${config.port}`;
  console.log(`Baton is ready at ${shown} (database: ${where}; ready in ${ms} ms)`);
  console.log(
    config.trustedProxies.length > 0
      ? `Client addresses: X-Forwarded-For as set by the trusted proxies ${config.trustedProxies.join(', ')}`
      : 'Client addresses: the connection’s own (no trusted proxy; set BATON_TRUSTED_PROXIES behind one)',
  );
  // Background jobs (notifications scan, email outbox, housekeeping) unless this is a web-only instance.
  const jobs = config.jobs
    ? await startJobs(
        handle,
        jobsContextFor(
          config,
          {
            info: (message, details) => app.log.info(details ?? {}, message),
            error: (message, details) => app.log.error(details ?? {}, message),
          },
          handle,
        ),
      )
    : null;

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal}: shutting down`);
    await app.close();
    await jobs?.stop();
    await closeCompute();
    await handle.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}
