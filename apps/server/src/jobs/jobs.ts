import { runHousekeeping, scanDueNotifications } from '@baton/api';
import { rotateBackup, type Database, type DbHandle } from '@baton/db';
import { todayInUk } from '@baton/domain';
import PgBoss from 'pg-boss';
import type { ServerConfig } from '../config';
import { createMailer, sendPendingEmails, type Mailer } from './mailer';

/*
 * Background work on a PostgreSQL-backed queue (pg-boss, schema `pgboss`), on PGlite as on PostgreSQL: its
 * SQL goes through the app's DbHandle, which on PGlite waits in the same queue as every request's queries.
 * Schedules live in the database, so with several instances each scheduled job runs once, on one of them.
 * Every job is idempotent: run twice, it does the work once (dedupe keys, claimed outbox rows).
 */

export const JOB_NAMES = ['notifications.scan', 'outbox.send', 'housekeeping', 'backup.nightly'] as const;
export type TJobName = (typeof JOB_NAMES)[number];

export interface JobLog {
  info(message: string, details?: object): void;
  error(message: string, details?: object): void;
}

export interface JobsContext {
  db: Database;
  /** null when BATON_SMTP_URL is unset: emails wait in the outbox. */
  mailer: Mailer | null;
  mailFrom: string;
  /** Baton's public address, for links in emails. */
  baseUrl: string;
  today?: () => string;
  log: JobLog;
  /** The embedded database's nightly backup, when this process holds it and backups are on. */
  backup?: () => Promise<unknown>;
}

interface JobSpec {
  cron: string;
  what: string;
  /** Scheduled only where the context can run it (the nightly backup: the embedded database). */
  needs?: 'backup';
  queue: Omit<PgBoss.Queue, 'name'>;
  run(ctx: JobsContext, data: Record<string, unknown>): Promise<unknown>;
}

export const JOBS: Record<TJobName, JobSpec> = {
  'notifications.scan': {
    cron: '0 7 * * *',
    what: 'daily at 07:00 (UK time): due soon, overdue and review-due notifications',
    queue: { policy: 'stately', retryLimit: 2, retryDelay: 300, expireInSeconds: 15 * 60 },
    run: (ctx, data) =>
      scanDueNotifications(
        ctx.db,
        typeof data.today === 'string' ? data.today : (ctx.today?.() ?? todayInUk()),
      ),
  },
  'outbox.send': {
    cron: '* * * * *',
    what: 'every minute: send emails waiting in the outbox',
    queue: { policy: 'stately', retryLimit: 0, expireInSeconds: 10 * 60 },
    run: (ctx) => sendPendingEmails(ctx.db, ctx.mailer, { from: ctx.mailFrom, baseUrl: ctx.baseUrl }),
  },
  housekeeping: {
    cron: '30 3 * * *',
    what: 'daily at 03:30 (UK time): expired sessions, old sign-in attempts, old read notifications and emails',
    queue: { policy: 'stately', retryLimit: 1, retryDelay: 600, expireInSeconds: 15 * 60 },
    run: (ctx) => runHousekeeping(ctx.db),
  },
  'backup.nightly': {
    cron: '0 2 * * *',
    what: 'daily at 02:00 (UK time), embedded database only: a backup to BATON_BACKUP_DIR, keeping the newest BATON_BACKUP_KEEP',
    needs: 'backup',
    queue: { policy: 'stately', retryLimit: 2, retryDelay: 900, expireInSeconds: 30 * 60 },
    run: (ctx) => (ctx.backup ? ctx.backup() : Promise.resolve({ skipped: 'not the embedded database' })),
  },
};

export const isJobName = (name: string): name is TJobName => (JOB_NAMES as readonly string[]).includes(name);

/** Runs one job here and now, outside the queue (the `jobs run` command, tests). */
export function runJobOnce(ctx: JobsContext, name: TJobName, data: Record<string, unknown> = {}) {
  return JOBS[name].run(ctx, data);
}

export interface JobTimings {
  /** How often each worker looks for work (pg-boss minimum 0.5 s). */
  pollingIntervalSeconds?: number;
  cronMonitorIntervalSeconds?: number;
  cronWorkerIntervalSeconds?: number;
}

export interface RunningJobs {
  boss: PgBoss;
  send(name: TJobName, data?: Record<string, unknown>): Promise<string | null>;
  stop(): Promise<void>;
}

/**
 * pg-boss's view of the database: the DbHandle's executeSql, counted, so that stopping can wait for the last
 * in-flight statement before the database is closed (pg-boss does not await everything it starts).
 */
function bossDb(handle: DbHandle) {
  const inFlight = new Set<Promise<unknown>>();
  let closed = false;
  return {
    executeSql(text: string, values?: unknown[]) {
      if (closed) return Promise.resolve({ rows: [] });
      const p = handle.executeSql(text, values);
      inFlight.add(p);
      void p.then(
        () => inFlight.delete(p),
        () => inFlight.delete(p),
      );
      return p;
    },
    async close() {
      closed = true;
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
  };
}

/** Starts pg-boss on the app's database: creates its schema and queues, stores the schedules, starts workers. */
export async function startJobs(
  handle: DbHandle,
  ctx: Omit<JobsContext, 'db'>,
  timings: JobTimings = {},
): Promise<RunningJobs> {
  const started = performance.now();
  const db = bossDb(handle);
  const boss = new PgBoss({
    db,
    schema: 'pgboss',
    cronMonitorIntervalSeconds: timings.cronMonitorIntervalSeconds ?? 30,
    cronWorkerIntervalSeconds: timings.cronWorkerIntervalSeconds ?? 5,
  });
  boss.on('error', (e) => ctx.log.error('job queue error', { err: e.message }));
  await boss.start();
  const context: JobsContext = { ...ctx, db: handle.db };
  const send = (name: TJobName, data: Record<string, unknown> = {}) => boss.send(name, data);

  for (const name of JOB_NAMES) {
    const spec = JOBS[name];
    if (spec.needs === 'backup' && !context.backup) continue;
    await boss.createQueue(name, { name, ...spec.queue });
    await boss.schedule(name, spec.cron, {}, { tz: 'Europe/London' });
    await boss.work<Record<string, unknown>>(
      name,
      { pollingIntervalSeconds: timings.pollingIntervalSeconds ?? 10 },
      async ([job]) => {
        if (!job) return;
        const t0 = performance.now();
        try {
          const result = await spec.run(context, job.data ?? {});
          ctx.log.info(`job ${name} done`, { ms: Math.round(performance.now() - t0), result });
          // New notifications may have queued emails: send them now rather than at the next minute.
          if (name === 'notifications.scan') await send('outbox.send');
          return result;
        } catch (e) {
          ctx.log.error(`job ${name} failed`, { err: e instanceof Error ? e.message : String(e) });
          throw e;
        }
      },
    );
  }
  // Drain whatever waited while no worker was running.
  await send('outbox.send');
  ctx.log.info('background jobs started', {
    ms: Math.round(performance.now() - started),
    jobs: JOB_NAMES,
    email: ctx.mailer ? 'on' : 'not configured',
  });

  let stopping: Promise<void> | null = null;
  return {
    boss,
    send,
    stop() {
      stopping ??= (async () => {
        await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
        await db.close();
      })();
      return stopping;
    },
  };
}

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

/** For the CLI: one line per event on the console, at LOG_LEVEL. */
export function consoleJobLog(level: string): JobLog {
  const at = (l: string) => level !== 'silent' && LEVELS.indexOf(l) >= LEVELS.indexOf(level);
  const line = (message: string, details?: object) =>
    details ? `${message} ${JSON.stringify(details)}` : message;
  return {
    info: (m, d) => at('info') && console.log(line(m, d)),
    error: (m, d) => at('error') && console.error(line(m, d)),
  };
}

/** The jobs' context from the server's settings (and the open database, for the embedded backup). */
export function jobsContextFor(
  config: Pick<ServerConfig, 'smtpUrl' | 'mailFrom' | 'publicUrl' | 'port'> &
    Partial<Pick<ServerConfig, 'backupDir' | 'backupKeep'>>,
  log: JobLog,
  handle?: DbHandle,
): Omit<JobsContext, 'db'> {
  const { backupDir, backupKeep } = config;
  return {
    mailer: config.smtpUrl ? createMailer(config.smtpUrl) : null,
    mailFrom: config.mailFrom,
    baseUrl: config.publicUrl ?? `http://localhost:${config.port}`,
    log,
    ...(handle?.dumpDataDir && backupDir && backupKeep
      ? { backup: () => rotateBackup(handle, { dir: backupDir, keep: backupKeep }) }
      : {}),
  };
}
