import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createPgliteDb, type DbHandle } from '../client';
import { migrateToLatest } from '../migrate';
import { insertProgramme } from '../repositories/programme.repository';
import { inspectBackup, listBackups, restoreBackup, rotateBackup, writeBackup } from './backup';
import { DataDirBusyError } from './data-dir-lock';

/* Backup and restore of the embedded database, on real data folders. */

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

// The embedded database only: nothing here depends on DATABASE_URL, so the PostgreSQL run skips it.
describe.skipIf(process.env.DATABASE_URL)('embedded database backups', () => {
  it('backs up while open, and a restore brings back exactly what was backed up', async () => {
    const root = mkdtempSync(join(tmpdir(), 'baton-backup-'));
    const dataDir = join(root, 'data');
    const file = join(root, 'backups', 'one.tar.gz');
    let h = await createPgliteDb(dataDir);
    await migrateToLatest(h.db);
    await insertProgramme(h.db, programme('KEPT'));
    const info = await writeBackup(h, file);
    expect(info.bytes).toBeGreaterThan(1000);
    // A change after the backup, which the restore must undo.
    await insertProgramme(h.db, programme('LATER'));
    expect(await codes(h)).toEqual(['KEPT', 'LATER']);

    // While Baton has the folder open, restoring is refused and nothing is touched.
    await expect(restoreBackup(dataDir, file)).rejects.toBeInstanceOf(DataDirBusyError);
    await h.close();

    const contents = await inspectBackup(file);
    expect(contents).toMatchObject({ programmes: 1, risks: 0 });
    expect(contents.migrations.length).toBeGreaterThan(5);
    const restored = await restoreBackup(dataDir, file);
    expect(restored.previousDataDir).not.toBeNull();
    expect(existsSync(restored.previousDataDir!)).toBe(true);

    h = await createPgliteDb(dataDir);
    expect(await codes(h)).toEqual(['KEPT']);
    expect(await migrateToLatest(h.db)).toEqual([]);
    await h.close();
  }, 60_000);

  it('refuses a file that is not a backup, and one made by a newer Baton', async () => {
    const root = mkdtempSync(join(tmpdir(), 'baton-backup-'));
    const junk = join(root, 'junk.tar.gz');
    writeFileSync(junk, 'not a tarball');
    await expect(restoreBackup(join(root, 'data'), junk)).rejects.toThrow(/not a backup of Baton/);
    expect(existsSync(join(root, 'data'))).toBe(false);

    const h = await createPgliteDb(join(root, 'newer'));
    await migrateToLatest(h.db);
    await sql`insert into kysely_migration (name, timestamp) values ('9999-from-the-future', now()::text)`.execute(
      h.db,
    );
    const file = join(root, 'newer.tar.gz');
    await writeBackup(h, file);
    await h.close();
    await expect(restoreBackup(join(root, 'data'), file)).rejects.toThrow(/newer version of Baton/);
  }, 60_000);

  it('keeps the newest N nightly backups', async () => {
    const root = mkdtempSync(join(tmpdir(), 'baton-backup-'));
    const dir = join(root, 'backups');
    const h = await createPgliteDb(join(root, 'data'));
    await migrateToLatest(h.db);
    for (let day = 1; day <= 4; day++) {
      await rotateBackup(h, { dir, keep: 2, now: new Date(`2026-12-0${day}T02:00:00Z`) });
    }
    await h.close();
    expect(listBackups(dir).map((b) => b.file.split('/').at(-1))).toEqual([
      'baton-backup-2026-12-04T0200Z.tar.gz',
      'baton-backup-2026-12-03T0200Z.tar.gz',
    ]);
    expect(readdirSync(dir).some((f) => f.includes('.partial'))).toBe(false);
  }, 60_000);
});
