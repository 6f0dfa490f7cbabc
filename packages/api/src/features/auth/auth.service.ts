import {
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
  type TAcceptInviteInput,
  type TSecondFactorSignInInput,
  type TSignInInput,
} from '@baton/domain';
import {
  claimOpenInvite,
  countUnusedRecoveryCodes,
  deleteSession,
  findOrganisationProvider,
  organisationRequiresSso,
  providersForDomain,
  findCredentials,
  findOpenInvite,
  findUserById,
  insertSession,
  recordAudit,
  recordLoginAttempt,
  setPasswordHash,
  type TSessionMethod,
  type TUserRow,
} from '@baton/db';
import type { Context } from '../../context';
import { beginSignInAttempt, signInSucceeded } from '../../auth/login-throttle';
import { decoyHash, hashNewPassword, verifyPassword } from '../../auth/password';
import { hashToken, newToken } from '../../auth/tokens';
import { providerSignOut } from '../sso/sso.service';
import { auditSignIn, auditSignInFailure, auditSignOut } from './sign-in.audit';
import {
  finishSecondFactorChallenge,
  hasSecondFactor,
  startSecondFactorChallenge,
} from './second-factor.service';

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

export async function startSession(
  ctx: Context,
  userId: string,
  how: { method: TSessionMethod; providerId?: string | null } = { method: 'password' },
): Promise<void> {
  const token = newToken();
  const expiresAt = new Date(Date.now() + ctx.auth.sessionTtlDays * 86_400_000);
  await insertSession(ctx.db, {
    tokenHash: hashToken(token),
    userId,
    expiresAt,
    userAgent: ctx.request.userAgent,
    ipAddress: ctx.request.ip,
    method: how.method,
    providerId: how.providerId ?? null,
  });
  ctx.request.setSessionCookie(token, expiresAt);
}

const SSO_REQUIRED = 'a password, where the organisation requires its own sign-in';

/** The organisation signs its staff in through its own provider: a password is not accepted. */
async function refuseWhereSsoIsRequired(ctx: Context, email: string, organisationId?: string) {
  const domain = email.split('@')[1] ?? '';
  const byDomain = (await providersForDomain(ctx.db, domain)).find((p) => p.requireSso);
  const byOrganisation =
    organisationId && !byDomain && (await organisationRequiresSso(ctx.db, organisationId))
      ? await findOrganisationProvider(ctx.db, organisationId)
      : undefined;
  const p = byDomain ?? byOrganisation;
  if (p)
    throw new ForbiddenError(
      `${p.organisation.name} signs its staff in with their work account: use “Sign in with ${p.displayName}”. Passwords are not accepted for it.`,
    );
}

/**
 * Throttled first (auth/login-throttle.ts: a refusal checks no password). An unknown email is checked against
 * a decoy hash, so it takes as long as a wrong password and gets the same answer. A refusal of a known account
 * (wrong password, single sign-on required, disabled) is audited against it (./sign-in.audit.ts).
 */
export async function signIn(
  ctx: Context,
  input: TSignInInput,
): Promise<
  | ({ secondFactorRequired: false } & ReturnType<typeof publicUser>)
  | { secondFactorRequired: true; challenge: string }
> {
  const attemptId = await beginSignInAttempt(ctx.db, input.email, ctx.request.ip, ctx.auth);
  const found = await findCredentials(ctx.db, input.email);
  // An email in a domain whose organisation requires its own sign-in: refused before any password is checked.
  try {
    await refuseWhereSsoIsRequired(ctx, input.email);
  } catch (e) {
    if (found) await auditSignInFailure(ctx, found.user, SSO_REQUIRED);
    throw e;
  }
  const ok = found?.passwordHash
    ? await verifyPassword(found.passwordHash, input.password)
    : await verifyPassword(await decoyHash(), input.password).then(() => false);
  const user = ok && found && !found.user.disabled ? found.user : null;
  if (!user) {
    if (found)
      await auditSignInFailure(
        ctx,
        found.user,
        !found.passwordHash
          ? 'a password, but the account has none (it signs in through its organisation)'
          : ok
            ? 'the account is disabled'
            : 'wrong password',
      );
    throw new UnauthenticatedError('Email or password is incorrect.');
  }
  await signInSucceeded(ctx.db, attemptId);
  // Only someone who knows the password learns that the organisation moved to single sign-on.
  try {
    await refuseWhereSsoIsRequired(ctx, user.email, user.organisation.id);
  } catch (e) {
    await auditSignInFailure(ctx, user, SSO_REQUIRED);
    throw e;
  }
  if (await hasSecondFactor(ctx.db, user.id))
    return { secondFactorRequired: true, challenge: await startSecondFactorChallenge(ctx.db, user.id) };
  await startSession(ctx, user.id);
  await auditSignIn(ctx, user, 'with a password');
  return { secondFactorRequired: false, ...publicUser(user) };
}

/** The second step of signing in with a password: a code from the app, or a recovery code. */
export async function signInSecondFactor(ctx: Context, input: TSecondFactorSignInInput) {
  const { user, usedRecoveryCode } = await finishSecondFactorChallenge(ctx, input);
  await startSession(ctx, user.id, { method: 'password_totp' });
  await auditSignIn(
    ctx,
    user,
    usedRecoveryCode ? 'with a password and a recovery code' : 'with a password and an authenticator code',
  );
  return {
    ...publicUser(user),
    usedRecoveryCode,
    recoveryCodesLeft: await countUnusedRecoveryCodes(ctx.db, user.id),
  };
}

/**
 * Ends this browser's session. A session that signed in through the organisation's provider also gets the
 * provider's own sign-out address, which the sign-in page offers (Baton cannot end the provider's session).
 */
export async function signOut(ctx: Context) {
  let provider: { displayName: string; url: string } | null = null;
  if (ctx.session) {
    await deleteSession(ctx.db, ctx.session.tokenHash);
    await auditSignOut(ctx, ctx.session.user);
    provider = await providerSignOut(ctx, ctx.session, `${ctx.request.origin}/signin`);
  }
  ctx.request.clearSessionCookie();
  return { ok: true as const, provider };
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
