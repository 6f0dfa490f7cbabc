import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createPgliteDb, insertProgramme, migrateToLatest, type DbHandle } from '@baton/db';
import { describe, expect, it } from 'vitest';

/*
 * `baton backup` and `baton restore` on a real embedded database folder, as separate processes: backup, change,
 * restore, compare; refused clearly while another process holds the database; PostgreSQL is pointed to pg_dump.
 */

const cli = (args: string[], env: Record<string, string>) =>
  promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: join(import.meta.dirname, '../..'),
    env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'silent', ...env },
  }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );

const programme = (code: string) => ({
  name: `Programme ${code}`,
  code,
  description: '',
  procurementRoute: 'competitive_dialogue' as const,
  stage: 'transition' as const,
  contractValueGbp: null,
  contractTermMonths: null,
  expectedServiceCommencement: '2027-04-01',
  intentionToAwardDate: null,
  contractAwardDate: null,
  longstopDate: null,
});
const codes = async (h: DbHandle) =>
  (await h.db.selectFrom('programmes').select('code').orderBy('code').execute()).map((r) => r.code);

describe.skipIf(process.env.DATABASE_URL)('baton backup and restore (embedded database)', () => {
  it('round-trips: backup, change, restore, and the change is gone; refuses while the database is in use', async () => {
    const root = mkdtempSync(join(tmpdir(), 'baton-cli-backup-'));
    const env = { BATON_DATA_DIR: join(root, 'data') };
    const file = join(root, 'nightly.tar.gz');
    let h = await createPgliteDb(env.BATON_DATA_DIR);
    await migrateToLatest(h.db);
    await insertProgramme(h.db, programme('BEFORE'));

    // The database is open here, as it is while the server runs: the command line refuses, and says why.
    const busy = await cli(['backup', file], env);
    expect(busy.code).toBe(1);
    expect(busy.out).toMatch(/in use by another Baton process \(pid \d+\)/);
    expect(busy.out).toMatch(/every night at 02:00/);
    await h.close();

    const backup = await cli(['backup', file], env);
    expect(backup.out).toMatch(/Backed up the embedded database to .*nightly\.tar\.gz/);
    expect(backup.code).toBe(0);

    h = await createPgliteDb(env.BATON_DATA_DIR);
    await insertProgramme(h.db, programme('AFTER'));
    const refused = await cli(['restore', file], env);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/in use by another Baton process/);
    expect(await codes(h)).toEqual(['AFTER', 'BEFORE']);
    await h.close();

    const restore = await cli(['restore', file], env);
    expect(restore.code).toBe(0);
    expect(restore.out).toMatch(
      /Restored 1 programme\(s\).*The database it replaced is kept at .*before-restore/,
    );
    h = await createPgliteDb(env.BATON_DATA_DIR);
    expect(await codes(h)).toEqual(['BEFORE']);
    await h.close();
  }, 120_000);

  it('points PostgreSQL deployments to pg_dump and pg_restore', async () => {
    const r = await cli(['backup', '/tmp/never.tar.gz'], {
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
    });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/pg_dump --format=custom/);
    expect(r.out).toMatch(/pg_restore/);
  }, 60_000);
});
