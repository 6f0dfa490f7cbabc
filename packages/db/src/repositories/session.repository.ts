import type { Executor } from '../client';
import { findUserById, type TUserRow } from './user.repository';

export async function insertSession(
  db: Executor,
  s: { tokenHash: string; userId: string; expiresAt: Date; userAgent: string | null },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ token_hash: s.tokenHash, user_id: s.userId, expires_at: s.expiresAt, user_agent: s.userAgent })
    .execute();
}

/** The signed-in user for a session token hash, if the session is live and the user not disabled. */
export async function findSessionUser(db: Executor, tokenHash: string): Promise<TUserRow | undefined> {
  const s = await db
    .selectFrom('sessions')
    .select('user_id')
    .where('token_hash', '=', tokenHash)
    .where('expires_at', '>', new Date())
    .executeTakeFirst();
  if (!s) return undefined;
  const user = await findUserById(db, s.user_id);
  return user && !user.disabled ? user : undefined;
}

export async function deleteSession(db: Executor, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export async function deleteExpiredSessions(db: Executor): Promise<number> {
  const r = await db.deleteFrom('sessions').where('expires_at', '<=', new Date()).executeTakeFirst();
  return Number(r.numDeletedRows);
}
