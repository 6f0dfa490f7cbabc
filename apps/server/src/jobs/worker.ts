import { parseArgs } from 'node:util';
import { createDb, migrateToLatest } from '@baton/db';
import { ZIsoDate } from '@baton/domain';
import type { ServerConfig } from '../config';
import { consoleJobLog, isJobName, JOB_NAMES, JOBS, jobsContextFor, runJobOnce, startJobs } from './jobs';

/** `baton worker`: only the background jobs, no HTTP (for deployments that split web and worker). */
export async function runWorker(config: ServerConfig): Promise<void> {
  const handle = await createDb(config);
  if (config.migrate) await migrateToLatest(handle.db);
  const log = consoleJobLog(config.logLevel);
  const jobs = await startJobs(handle, jobsContextFor(config, log, handle));
  console.log(
    `Baton worker is running: ${JOB_NAMES.join(', ')} (email ${config.smtpUrl ? 'on' : 'not configured'})`,
  );
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal}: stopping the jobs`);
    await jobs.stop();
    await handle.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

export const JOBS_USAGE = `  jobs list                  the background jobs and when they run
  jobs run <job> [--today YYYY-MM-DD]
                             run one job now, in this process (${JOB_NAMES.join(', ')})`;

/** `baton jobs list|run`: for admins and tests. On the embedded database, stop the server first. */
export async function jobsCommand(config: ServerConfig, args: string[]): Promise<void> {
  const [sub, name, ...rest] = args;
  if (sub === 'list') {
    for (const n of JOB_NAMES) console.log(`${n.padEnd(20)} ${JOBS[n].cron.padEnd(11)} ${JOBS[n].what}`);
    return;
  }
  if (sub !== 'run' || !name || !isJobName(name)) {
    console.log(`Usage:\n${JOBS_USAGE}`);
    process.exitCode = 1;
    return;
  }
  const { values } = parseArgs({ args: rest, options: { today: { type: 'string' } } });
  if (values.today !== undefined && !ZIsoDate.safeParse(values.today).success) {
    throw new Error('--today must be a date in the form YYYY-MM-DD');
  }
  const handle = await createDb(config);
  try {
    await migrateToLatest(handle.db);
    const ctx = { ...jobsContextFor(config, consoleJobLog('silent'), handle), db: handle.db };
    const result = await runJobOnce(ctx, name, values.today ? { today: values.today } : {});
    ctx.mailer?.close();
    console.log(`${name}: ${JSON.stringify(result)}`);
  } finally {
    await handle.close();
  }
}
