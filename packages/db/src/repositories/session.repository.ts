import type { Executor } from '../client';
import { selectUsers, toUser, type TUserRow } from './user.repository';

export async function insertSession(
  db: Executor,
  s: {
    tokenHash: string;
    userId: string;
    expiresAt: Date;
    userAgent: string | null;
    ipAddress?: string | null;
    /** How it signed in: a programme may require more than a password (see TSessionMethod). */
    method?: TSessionMethod;
    /** The identity provider it signed in through, to offer the provider's own sign-out. */
    providerId?: string | null;
  },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      token_hash: s.tokenHash,
      user_id: s.userId,
      expires_at: s.expiresAt,
      user_agent: s.userAgent,
      ip_address: s.ipAddress ?? null,
      auth_method: s.method ?? 'password',
      provider_id: s.providerId ?? null,
    })
    .execute();
}

/** "Last used" is kept to within this much: a request touches its session only when it is older. */
export const SESSION_TOUCH_MS = 5 * 60_000;

/**
 * How a session signed in: a password alone; a password and a second factor; the organisation's identity
 * provider (its own policies, usually multi-factor, apply there). Accepting an invitation counts as a password.
 */
export type TSessionMethod = 'password' | 'password_totp' | 'sso';

export interface TLiveSession {
  user: TUserRow;
  method: TSessionMethod;
  providerId: string | null;
}

/** The signed-in user for a session token hash, if the session is live and the user not disabled. */
export async function findSessionUser(db: Executor, tokenHash: string): Promise<TLiveSession | undefined> {
  // One round trip: every request of a signed-in person starts here.
  const s = await selectUsers(db)
    .innerJoin('sessions as s', 's.user_id', 'u.id')
    .select(['s.last_used_at', 's.auth_method', 's.provider_id'])
    .where('s.token_hash', '=', tokenHash)
    .where('s.expires_at', '>', new Date())
    .executeTakeFirst();
  if (!s) return undefined;
  const user = toUser(s);
  if (user.disabled) return undefined;
  if (Date.now() - s.last_used_at.getTime() > SESSION_TOUCH_MS)
    await db
      .updateTable('sessions')
      .set({ last_used_at: new Date() })
      .where('token_hash', '=', tokenHash)
      .execute();
  return { user, method: s.auth_method as TSessionMethod, providerId: s.provider_id };
}

/** A second factor proved in this session (enrolling one proves it): the session now counts as two-factor. */
export async function setSessionMethod(
  db: Executor,
  tokenHash: string,
  method: TSessionMethod,
): Promise<void> {
  await db.updateTable('sessions').set({ auth_method: method }).where('token_hash', '=', tokenHash).execute();
}

export async function deleteSession(db: Executor, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export async function deleteExpiredSessions(db: Executor): Promise<number> {
  const r = await db.deleteFrom('sessions').where('expires_at', '<=', new Date()).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export interface TSessionRow {
  id: string;
  tokenHash: string;
  createdAt: Date;
  lastUsedAt: Date;
  expiresAt: Date;
  userAgent: string | null;
  ipAddress: string | null;
}

/** A person's live sessions, most recently used first. */
export async function listUserSessions(db: Executor, userId: string): Promise<TSessionRow[]> {
  const rows = await db
    .selectFrom('sessions')
    .select(['id', 'token_hash', 'created_at', 'last_used_at', 'expires_at', 'user_agent', 'ip_address'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', new Date())
    .orderBy('last_used_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    tokenHash: r.token_hash,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    expiresAt: r.expires_at,
    userAgent: r.user_agent,
    ipAddress: r.ip_address,
  }));
}

/** Ends one of a person's sessions by its public id; false when it is not theirs or already gone. */
export async function deleteUserSession(db: Executor, userId: string, sessionId: string): Promise<boolean> {
  const r = await db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .where('id', '=', sessionId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Ends every session of a person (but the one kept, when given); how many ended. */
export async function deleteUserSessions(
  db: Executor,
  userId: string,
  keepTokenHash?: string,
): Promise<number> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepTokenHash) q = q.where('token_hash', '<>', keepTokenHash);
  const r = await q.executeTakeFirst();
  return Number(r.numDeletedRows);
}
