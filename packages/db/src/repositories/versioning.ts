import { ConflictError, NotFoundError } from '@baton/domain';
import { sql } from 'kysely';

/** `set` fragment every versioned update adds: bump the version the next writer must name. */
export const bumpVersion = () => ({ version: sql<number>`version + 1`, updated_at: sql<Date>`now()` });

/**
 * An update that matched no row either lost a race or names a row that is gone: tell the caller which,
 * and hand back the current state so the client can show it.
 */
export function staleOrMissing(what: string, current: unknown): never {
  if (current === undefined) throw new NotFoundError(`That ${what} no longer exists`);
  throw new ConflictError(
    `Someone else changed this ${what} while you were editing. The latest version is shown; check it and try again.`,
    current,
  );
}
