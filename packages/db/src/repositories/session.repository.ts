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

export async function recordLoginAttempt(
  db: Executor,
  a: { email: string; ip: string; succeeded: boolean },
): Promise<void> {
  await db.insertInto('login_attempts').values(a).execute();
}

/** Failed attempts since `since`, per email and per address: both are limited. */
export async function countRecentFailures(
  db: Executor,
  email: string,
  ip: string,
  since: Date,
): Promise<{ byEmail: number; byIp: number }> {
  const r = await db
    .selectFrom('login_attempts')
    .select((eb) => [
      eb.fn.countAll<number>().filterWhere('email', '=', email).as('by_email'),
      eb.fn.countAll<number>().filterWhere('ip', '=', ip).as('by_ip'),
    ])
    .where('succeeded', '=', false)
    .where('attempted_at', '>', since)
    .where((eb) => eb.or([eb('email', '=', email), eb('ip', '=', ip)]))
    .executeTakeFirstOrThrow();
  return { byEmail: Number(r.by_email), byIp: Number(r.by_ip) };
}
