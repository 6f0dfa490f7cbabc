import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { DbHandle } from '@baton/db';
import { createTestDb, testEngine } from '@baton/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { JOB_NAMES, startJobs, type JobLog } from './jobs';
import type { Mailer } from './mailer';
import { seedJobsFixture } from './jobs.testing';

const TODAY = '2026-11-23';

let h: DbHandle;
let fx: Awaited<ReturnType<typeof seedJobsFixture>>;
beforeAll(async () => {
  h = await createTestDb();
  fx = await seedJobsFixture(h.db, TODAY);
});
afterAll(() => h.close());

/** A mail transport that keeps what it is given (the SMTP path has its own test against a real server). */
function keepingMailer() {
  const sent: Array<{ to: string; subject: string; text: string }> = [];
  const mailer: Mailer = {
    sendMail: async (m) => void sent.push({ to: m.to, subject: m.subject, text: m.text }),
    close: () => {},
  };
  return { mailer, sent };
}

function recordingLog() {
  const errors: string[] = [];
  const done: string[] = [];
  const log: JobLog = {
    info: (message) => void done.push(message),
    error: (message, details) => void errors.push(`${message} ${JSON.stringify(details)}`),
  };
  return { log, errors, done };
}

describe(`background jobs (pg-boss) on ${testEngine()}`, () => {
  it('start, store the schedules in the database, run a sent and a scheduled job, and stop cleanly', async () => {
    const { mailer, sent } = keepingMailer();
    const { log, errors, done } = recordingLog();
    const jobs = await startJobs(
      h,
      { mailer, mailFrom: 'Baton <baton@test.example>', baseUrl: 'https://baton.test', log },
      { pollingIntervalSeconds: 0.5, cronMonitorIntervalSeconds: 1, cronWorkerIntervalSeconds: 1 },
    );
    try {
      const schedules = await sql<{ name: string; cron: string; timezone: string }>`
        select name, cron, timezone from pgboss.schedule order by name`.execute(h.db);
      expect(schedules.rows).toEqual([
        { name: 'housekeeping', cron: '30 3 * * *', timezone: 'Europe/London' },
        { name: 'notifications.scan', cron: '0 7 * * *', timezone: 'Europe/London' },
        { name: 'outbox.send', cron: '* * * * *', timezone: 'Europe/London' },
      ]);

      // A job sent to the queue: the scan for a given day notifies the assignee and queues their emails,
      // which the scan's follow-up outbox.send delivers.
      await jobs.send('notifications.scan', { today: TODAY });
      await vi.waitFor(
        async () => {
          const rows = await h.db
            .selectFrom('notifications')
            .select(['kind', 'title'])
            .where('user_id', '=', fx.userId)
            .execute();
          expect(rows.map((r) => r.kind).sort()).toEqual(['due_soon', 'overdue']);
        },
        { timeout: 20_000, interval: 200 },
      );
      await vi.waitFor(() => expect(sent.map((m) => m.to)).toEqual([fx.email, fx.email]), {
        timeout: 20_000,
        interval: 200,
      });
      expect(sent.map((m) => m.subject).sort()).toEqual([
        'Baton: Task due tomorrow: Send the ELI',
        'Baton: Task overdue: Agree the lease',
      ]);
      expect(sent[0]!.text).toContain('Open in Baton: https://baton.test/p/');

      // The every-minute schedule fires through pg-boss's cron (its send-it queue) and the job runs.
      await vi.waitFor(
        async () => {
          const r = await sql<{ n: number }>`
            select count(*)::int as n from pgboss.job
            where name = '__pgboss__send-it' and data->>'name' = 'outbox.send' and state = 'completed'`.execute(
            h.db,
          );
          expect(r.rows[0]!.n).toBeGreaterThan(0);
        },
        { timeout: 20_000, interval: 250 },
      );
      await vi.waitFor(
        async () => {
          const r = await sql<{ name: string; n: number }>`
            select name, count(*)::int as n from pgboss.job where state = 'completed' and name = any(${[...JOB_NAMES]})
            group by name order by name`.execute(h.db);
          expect(r.rows.map((x) => x.name)).toEqual(['notifications.scan', 'outbox.send']);
        },
        { timeout: 20_000, interval: 250 },
      );
      expect(done).toContain('job notifications.scan done');
    } finally {
      await jobs.stop();
    }
    expect(errors).toEqual([]);
    // The database is free and usable after the stop (on PGlite: no statement or transaction left open).
    const r = await sql<{ ok: number }>`select 1 as ok`.execute(h.db);
    expect(r.rows[0]!.ok).toBe(1);
    const active = await sql<{ n: number }>`
      select count(*)::int as n from pgboss.job where state = 'active'`.execute(h.db);
    expect(active.rows[0]!.n).toBe(0);
  }, 60_000);

  it('a second start finds its schema and schedules in place, and a rerun of the scan notifies nothing new', async () => {
    const { mailer } = keepingMailer();
    const { log, errors } = recordingLog();
    const before = await h.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const jobs = await startJobs(
      h,
      { mailer, mailFrom: 'Baton <baton@test.example>', baseUrl: 'https://baton.test', log },
      { pollingIntervalSeconds: 0.5 },
    );
    try {
      const id = await jobs.send('notifications.scan', { today: TODAY });
      expect(id).toBeTruthy();
      await vi.waitFor(
        async () => {
          const job = await jobs.boss.getJobById<object>('notifications.scan', id!);
          expect(job?.state).toBe('completed');
          expect(job?.output).toMatchObject({ today: TODAY, notified: 0, emails: 0, considered: 2 });
        },
        { timeout: 20_000, interval: 200 },
      );
    } finally {
      await jobs.stop();
    }
    const after = await h.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect(errors).toEqual([]);
  }, 60_000);
});

describe('the jobs command', () => {
  it('runs the scan once from the command line (embedded database)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-jobs-'));
    try {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', 'src/cli.ts', 'jobs', 'run', 'notifications.scan', '--today', TODAY],
        {
          cwd: join(import.meta.dirname, '../..'),
          env: { ...process.env, DATABASE_URL: '', BATON_DATA_DIR: dir, LOG_LEVEL: 'silent' },
        },
      );
      expect(stdout.trim()).toBe(
        `notifications.scan: ${JSON.stringify({ today: TODAY, considered: 0, notified: 0, emails: 0 })}`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
