import { findSessionUser, type Database } from '@baton/db';
import type { Session } from '../context';
import { hashToken } from './tokens';

/** The HTTP layer's cookie lookup: a live session for this token, or null. */
export async function sessionFromToken(db: Database, token: string | undefined): Promise<Session | null> {
  if (!token || token.length > 200) return null;
  const tokenHash = hashToken(token);
  const live = await findSessionUser(db, tokenHash);
  return live ? { user: live.user, tokenHash, method: live.method, providerId: live.providerId } : null;
}
