import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPgliteDb, listBackups, migrateToLatest } from '@baton/db';
import { describe, expect, it } from 'vitest';
import { jobsContextFor, runJobOnce } from '../jobs/jobs';

const log = { info: () => {}, error: () => {} };
const mail = { smtpUrl: undefined, mailFrom: 'Baton <baton@localhost>', publicUrl: undefined, port: 3000 };

describe.skipIf(process.env.DATABASE_URL)('the nightly backup job', () => {
  it('writes a backup into the backup folder; is off when BATON_BACKUP_KEEP is 0', async () => {
    const root = mkdtempSync(join(tmpdir(), 'baton-nightly-'));
    const dir = join(root, 'backups');
    const h = await createPgliteDb(join(root, 'data'));
    await migrateToLatest(h.db);
    try {
      const ctx = { ...jobsContextFor({ ...mail, backupDir: dir, backupKeep: 2 }, log, h), db: h.db };
      expect(ctx.backup).toBeDefined();
      // (Keeping the newest N is tested with the backup module itself, with dated runs.)
      const result = (await runJobOnce(ctx, 'backup.nightly')) as { written: { file: string } };
      expect(listBackups(dir).map((b) => b.file)).toEqual([result.written.file]);
      const off = jobsContextFor({ ...mail, backupDir: dir, backupKeep: 0 }, log, h);
      expect(off.backup).toBeUndefined();
      expect(await runJobOnce({ ...off, db: h.db }, 'backup.nightly')).toEqual({
        skipped: 'not the embedded database',
      });
    } finally {
      await h.close();
    }
  }, 120_000);
});
