import {
  NotFoundError,
  UnauthenticatedError,
  type TAcceptInviteInput,
  type TSignInInput,
} from '@baton/domain';
import {
  claimOpenInvite,
  deleteSession,
  findCredentials,
  findOpenInvite,
  findUserById,
  insertSession,
  recordAudit,
  recordLoginAttempt,
  setPasswordHash,
  type TUserRow,
} from '@baton/db';
import type { Context } from '../../context';
import { beginSignInAttempt, signInSucceeded } from '../../auth/login-throttle';
import { decoyHash, hashNewPassword, verifyPassword } from '../../auth/password';
import { hashToken, newToken } from '../../auth/tokens';

const INVITE_GONE =
  'This invitation link has expired or has already been used. Ask your programme admin for a new one.';

export function publicUser(u: TUserRow) {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    isSystemAdmin: u.isSystemAdmin,
    organisation: u.organisation,
  };
}

async function startSession(ctx: Context, userId: string): Promise<void> {
  const token = newToken();
  const expiresAt = new Date(Date.now() + ctx.auth.sessionTtlDays * 86_400_000);
  await insertSession(ctx.db, {
    tokenHash: hashToken(token),
    userId,
    expiresAt,
    userAgent: ctx.request.userAgent,
    ipAddress: ctx.request.ip,
  });
  ctx.request.setSessionCookie(token, expiresAt);
}

/**
 * Throttled first (auth/login-throttle.ts: a refusal checks no password). An unknown email is checked against
 * a decoy hash, so it takes as long as a wrong password and gets the same answer.
 */
export async function signIn(ctx: Context, input: TSignInInput) {
  const attemptId = await beginSignInAttempt(ctx.db, input.email, ctx.request.ip, ctx.auth);
  const found = await findCredentials(ctx.db, input.email);
  const ok = found?.passwordHash
    ? await verifyPassword(found.passwordHash, input.password)
    : await verifyPassword(await decoyHash(), input.password).then(() => false);
  const user = ok && found && !found.user.disabled ? found.user : null;
  if (!user) throw new UnauthenticatedError('Email or password is incorrect.');
  await signInSucceeded(ctx.db, attemptId);
  await startSession(ctx, user.id);
  // Like every event about a person: seen by their own organisation and by those who see every one.
  await recordAudit(ctx.db, {
    actorUserId: user.id,
    programmeId: null,
    organisationId: user.organisation.id,
    audience: { kind: 'owners', organisationIds: [user.organisation.id] },
    entityType: 'user',
    entityId: user.id,
    action: 'sign_in',
    summary: `${user.name} signed in from ${ctx.request.ip}`,
  });
  return publicUser(user);
}

export async function signOut(ctx: Context) {
  if (ctx.session) {
    await deleteSession(ctx.db, ctx.session.tokenHash);
    const u = ctx.session.user;
    await recordAudit(ctx.db, {
      actorUserId: u.id,
      programmeId: null,
      organisationId: u.organisation.id,
      audience: { kind: 'owners', organisationIds: [u.organisation.id] },
      entityType: 'user',
      entityId: u.id,
      action: 'sign_out',
      summary: `${u.name} signed out`,
    });
  }
  ctx.request.clearSessionCookie();
  return { ok: true as const };
}

export async function inviteDetails(ctx: Context, token: string) {
  const invite = await findOpenInvite(ctx.db, hashToken(token));
  if (!invite) throw new NotFoundError(INVITE_GONE);
  return {
    email: invite.email,
    name: invite.name,
    programmeId: invite.programmeId,
    programmeName: invite.programmeName,
    organisationName: invite.organisationName,
    role: invite.role,
  };
}

/**
 * Sets the invitee's password through the one-time link and signs them in. The link is used up by one
 * conditional update (claimOpenInvite) in the same transaction as the password change, so of any number of
 * simultaneous accepts exactly one sets the password; the others get the same answer as a used link.
 */
export async function acceptInvite(ctx: Context, input: TAcceptInviteInput) {
  const tokenHash = hashToken(input.token);
  const invite = await findOpenInvite(ctx.db, tokenHash);
  if (!invite) throw new NotFoundError(INVITE_GONE);
  const passwordHash = await hashNewPassword(input.password, [
    invite.email,
    invite.name,
    invite.organisationName,
    invite.programmeName,
  ]);
  const userId = await ctx.db.transaction().execute(async (trx) => {
    const claimed = await claimOpenInvite(trx, tokenHash);
    if (!claimed) throw new NotFoundError(INVITE_GONE);
    await setPasswordHash(trx, claimed.userId, passwordHash);
    const user = await findUserById(trx, claimed.userId);
    await recordAudit(trx, {
      actorUserId: claimed.userId,
      programmeId: claimed.programmeId,
      organisationId: user?.organisation.id ?? null,
      // Like every event about a person: seen by their own organisation and by those who see every one.
      audience: user ? { kind: 'owners', organisationIds: [user.organisation.id] } : { kind: 'full' },
      entityType: 'user',
      entityId: claimed.userId,
      action: 'accept_invite',
      summary: `${user?.name ?? invite.name} accepted their invitation`,
    });
    // Proving the link is a sign-in: this address becomes known to the account (see login-throttle.ts).
    await recordLoginAttempt(trx, { email: invite.email, ip: ctx.request.ip, succeeded: true });
    return claimed.userId;
  });
  const user = await findUserById(ctx.db, userId);
  await startSession(ctx, userId);
  return publicUser(user!);
}
