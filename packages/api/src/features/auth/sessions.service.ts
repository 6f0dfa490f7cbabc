import { NotFoundError } from '@baton/domain';
import {
  deleteUserSession,
  deleteUserSessions,
  listUserSessions,
  recentLoginAttempts,
  recordAudit,
  type Executor,
} from '@baton/db';
import Bowser from 'bowser';
import type { Context, Session } from '../../context';
import { providerSignOut } from '../sso/sso.service';

/** A signed-in call: its session and the request (to clear this browser's cookie). */
type TUserContext = Context & { session: Session; user: Session['user'] };

/*
 * Sessions people can see: every browser signed in to their account, with where and when, and a way to end any
 * of them (or all but this one). Ending a session is recorded in the audit trail against the person.
 */

/** "Firefox 133 on Windows 10", from the user agent the session signed in with. */
export function deviceOf(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device';
  const p = Bowser.parse(userAgent);
  const browser = [p.browser.name, p.browser.version?.split('.')[0]].filter(Boolean).join(' ');
  const os = [p.os.name, p.os.versionName ?? p.os.version].filter(Boolean).join(' ');
  if (!browser && !os) return 'Unknown device';
  return os ? `${browser || 'A browser'} on ${os}` : browser;
}

export async function mySessions(ctx: TUserContext) {
  const rows = await listUserSessions(ctx.db, ctx.user.id);
  return rows.map((s) => ({
    id: s.id,
    device: deviceOf(s.userAgent),
    ipAddress: s.ipAddress,
    signedInAt: s.createdAt,
    lastUsedAt: s.lastUsedAt,
    expiresAt: s.expiresAt,
    current: s.tokenHash === ctx.session.tokenHash,
  }));
}

export async function auditSessionsEnded(
  db: Executor,
  p: {
    actorUserId: string;
    user: { id: string; name: string; organisationId: string };
    count: number;
    how: string;
    programmeId?: string | null;
  },
) {
  if (!p.count) return;
  await recordAudit(db, {
    actorUserId: p.actorUserId,
    programmeId: p.programmeId ?? null,
    organisationId: p.user.organisationId,
    // Like every event about a person: seen by their own organisation and by those who see every one.
    audience: { kind: 'owners', organisationIds: [p.user.organisationId] },
    entityType: 'user',
    entityId: p.user.id,
    action: 'sign_out',
    summary: `${p.count === 1 ? 'A session' : `${p.count} sessions`} of ${p.user.name} ended: ${p.how}`,
  });
}

const who = (ctx: TUserContext) => ({
  id: ctx.user.id,
  name: ctx.user.name,
  organisationId: ctx.user.organisation.id,
});

/**
 * Ends one of my sessions; ending this one signs this browser out too, and (as signing out does) offers the
 * provider's own sign-out when this session signed in through the organisation's provider.
 */
export async function endMySession(ctx: TUserContext, sessionId: string) {
  const ended = await ctx.db.transaction().execute(async (trx) => {
    const current = (await listUserSessions(trx, ctx.user.id)).find((s) => s.id === sessionId);
    if (!current || !(await deleteUserSession(trx, ctx.user.id, sessionId)))
      throw new NotFoundError('That session has already ended.');
    const isThis = current.tokenHash === ctx.session.tokenHash;
    await auditSessionsEnded(trx, {
      actorUserId: ctx.user.id,
      user: who(ctx),
      count: 1,
      how: isThis ? 'signed out' : `signed out of ${deviceOf(current.userAgent)} from another device`,
    });
    if (isThis) ctx.request.clearSessionCookie();
    return { ended: 1, signedOutHere: isThis };
  });
  const provider = ended.signedOutHere
    ? await providerSignOut(ctx, ctx.session, `${ctx.request.origin}/signin`)
    : null;
  return { ...ended, provider };
}

/** Signs out everywhere but here. */
export function endMyOtherSessions(ctx: TUserContext) {
  return ctx.db.transaction().execute(async (trx) => {
    const ended = await deleteUserSessions(trx, ctx.user.id, ctx.session.tokenHash);
    await auditSessionsEnded(trx, {
      actorUserId: ctx.user.id,
      user: who(ctx),
      count: ended,
      how: 'signed out everywhere else',
    });
    return { ended };
  });
}

/** My account's latest sign-in attempts, failed ones included, with the address each came from. */
export const mySignInAttempts = (ctx: TUserContext) => recentLoginAttempts(ctx.db, ctx.user.email);
