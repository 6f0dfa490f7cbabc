import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { DbHandle } from '../client';
import { migrations } from '../migrations/index';
import { lockDataDir } from './data-dir-lock';

/*
 * Backups of the embedded database: the whole data folder as a gzipped tarball (PGlite's own format), written
 * atomically. A backup is taken by the process that has the database open, between two queries, so it is
 * consistent while the server runs (the nightly job); from the command line it needs the server stopped (the
 * folder's lock says so). Restoring checks the file first, keeps the folder it replaces, and refuses a backup
 * made by a newer Baton. On PostgreSQL use pg_dump and pg_restore (see the README).
 */

export interface TBackupInfo {
  file: string;
  bytes: number;
  takenAt: Date;
}

/** Writes the open embedded database to `file` (tmp file, then rename: a half-written backup never exists). */
export async function writeBackup(handle: DbHandle, file: string): Promise<TBackupInfo> {
  if (!handle.dumpDataDir)
    throw new Error(
      'Backups of PostgreSQL are taken with pg_dump (see the README): this command backs up the embedded database.',
    );
  const takenAt = new Date();
  const tarball = await handle.dumpDataDir();
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.partial-${process.pid}`;
  writeFileSync(tmp, tarball);
  renameSync(tmp, file);
  return { file, bytes: tarball.length, takenAt };
}

export interface TBackupContents {
  /** Migrations the backup's database has applied. */
  migrations: string[];
  programmes: number;
  risks: number;
  auditEvents: number;
  /** When the last change recorded in it happened. */
  lastChangeAt: Date | null;
}

/** Opens a backup in memory and reads what it holds; throws a clear error if it is not a Baton backup. */
export async function inspectBackup(file: string): Promise<TBackupContents> {
  if (!existsSync(file)) throw new Error(`There is no file at ${file}.`);
  let pg: PGlite | undefined;
  try {
    pg = await PGlite.create({ loadDataDir: new Blob([readFileSync(file)]) });
  } catch {
    throw new Error(`${file} is not a backup of Baton's embedded database (it could not be opened).`);
  }
  try {
    const has = await pg.query<{ n: number }>(
      `select count(*)::int as n from information_schema.tables where table_name = 'kysely_migration'`,
    );
    if (has.rows[0]?.n !== 1) throw new Error(`${file} is a database, but not a Baton database.`);
    const applied = (
      await pg.query<{ name: string }>('select name from kysely_migration order by name')
    ).rows.map((r) => r.name);
    const count = async (table: string) =>
      (await pg!.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]?.n ?? 0;
    const last = await pg.query<{ at: Date | null }>('select max(occurred_at) as at from audit_events');
    return {
      migrations: applied,
      programmes: await count('programmes'),
      risks: await count('risks'),
      auditEvents: await count('audit_events'),
      lastChangeAt: last.rows[0]?.at ? new Date(last.rows[0].at) : null,
    };
  } finally {
    await pg.close();
  }
}

export interface TRestoreResult extends TBackupContents {
  /** Where the folder that was replaced now is, or null when there was none. */
  previousDataDir: string | null;
}

/**
 * Replaces the embedded database at `dataDir` with the backup in `file`. Refuses while Baton has the folder
 * open, refuses a file that is not a Baton backup or that was made by a newer Baton (it has migrations this
 * one does not know), and keeps the replaced folder beside it. The next start applies any newer migrations.
 */
export async function restoreBackup(
  dataDir: string,
  file: string,
  now = new Date(),
): Promise<TRestoreResult> {
  const contents = await inspectBackup(file);
  const unknown = contents.migrations.filter((m) => !(m in migrations));
  if (unknown.length)
    throw new Error(
      `${basename(file)} was made by a newer version of Baton (it has migrations ${unknown.join(', ')}): ` +
        'upgrade Baton before restoring it.',
    );
  const release = lockDataDir(dataDir);
  try {
    let previousDataDir: string | null = null;
    if (existsSync(dataDir) && readdirSync(dataDir).length) {
      previousDataDir = `${dataDir.replace(/[/\\]+$/, '')}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
      renameSync(dataDir, previousDataDir);
    }
    mkdirSync(dataDir, { recursive: true });
    const pg = await PGlite.create({ dataDir, loadDataDir: new Blob([readFileSync(file)]) });
    await pg.query('select 1');
    await pg.close();
    return { ...contents, previousDataDir };
  } finally {
    release();
  }
}

export interface TBackupFile {
  file: string;
  bytes: number;
  modifiedAt: Date;
}

export const BACKUP_PREFIX = 'baton-backup-';

/** The backups in a folder, newest first. */
export function listBackups(dir: string): TBackupFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.startsWith(BACKUP_PREFIX) && f.endsWith('.tar.gz'))
    .map((f) => {
      const st = statSync(join(dir, f));
      return { file: join(dir, f), bytes: st.size, modifiedAt: st.mtime };
    })
    .sort((a, b) => b.file.localeCompare(a.file));
}

/** A dated name that sorts in time order: baton-backup-2026-12-02T0200Z.tar.gz. */
export const backupFileName = (at: Date) =>
  `${BACKUP_PREFIX}${at.toISOString().slice(0, 16).replace(':', '')}Z.tar.gz`;

/** The nightly backup: one more file in `dir`, then only the newest `keep` are kept. */
export async function rotateBackup(
  handle: DbHandle,
  o: { dir: string; keep: number; now?: Date },
): Promise<{ written: TBackupInfo; removed: string[] }> {
  const written = await writeBackup(handle, join(o.dir, backupFileName(o.now ?? new Date())));
  const removed = listBackups(o.dir)
    .slice(Math.max(1, o.keep))
    .map((b) => b.file);
  for (const f of removed) rmSync(f, { force: true });
  return { written, removed };
}
