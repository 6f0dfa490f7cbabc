import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';

/*
 * The embedded database belongs to one process: two PGlite instances on one folder would corrupt it. Whoever
 * opens the folder (the server, a CLI command, a backup) holds `<dataDir>.lock` with its process id; a second
 * opener is refused with who holds it. A lock left by a process that died is taken over.
 */

export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database at ${dataDir} is in use by another Baton process (pid ${pid}). ` +
        'Stop that process first (it may be the server), then run this again.',
    );
    this.name = 'DataDirBusyError';
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

export const lockFileOf = (dataDir: string) => `${dataDir.replace(/[/\\]+$/, '')}.lock`;

/** Takes the folder's lock or throws DataDirBusyError; returns the release function. */
export function lockDataDir(dataDir: string): () => void {
  const file = lockFileOf(dataDir);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(file, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(file, 'utf-8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid))
        throw new DataDirBusyError(dataDir, pid);
      if (pid === process.pid) throw new DataDirBusyError(dataDir, pid);
      // A stale lock from a process that is gone.
      rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock ${file}`);
}
