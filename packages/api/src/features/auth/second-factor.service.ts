import {
  ConflictError,
  ForbiddenError,
  RuleViolationError,
  UnauthenticatedError,
  type TSecondFactorSignInInput,
} from '@baton/domain';
import {
  countUnusedRecoveryCodes,
  deleteSecondFactor,
  failSignInChallenge,
  findSecondFactor,
  findSignInChallenge,
  findUserById,
  insertSignInChallenge,
  recordAudit,
  replaceRecoveryCodes,
  setSessionMethod,
  takeSignInChallenge,
  upsertPendingSecondFactor,
  useRecoveryCode,
  useSecondFactorStep,
  type Executor,
} from '@baton/db';
import QRCode from 'qrcode';
import type { Context, Session } from '../../context';
import { beginSignInAttempt, signInSucceeded } from '../../auth/login-throttle';
import type { SecretBox } from '../../auth/secret-box';
import { hashToken, newToken } from '../../auth/tokens';
import { auditSignInFailure } from './sign-in.audit';
import { hashRecoveryCode, newRecoveryCodes, newTotpSecret, totpStepFor, totpUri } from '../../auth/totp';

/*
 * A second factor for password accounts: a TOTP authenticator app (RFC 6238) with ten single-use recovery
 * codes. Signing in with a password then takes a code as well (through a short-lived challenge, never a
 * session); a programme can require it of every member who signs in with a password. People who sign in
 * through their organisation's identity provider are covered by that provider's own policies.
 */

type TUserContext = Context & { session: Session; user: Session['user'] };

/** A challenge lives this long, and ends after this many wrong codes (sign in with the password again). */
const CHALLENGE_MINUTES = 5;
const CHALLENGE_MAX_FAILURES = 5;

class WrongCode extends Error {}

const WRONG_CODE = 'That code is not right. Check the time on your phone, or use a recovery code.';

function needSecrets(ctx: Context): SecretBox {
  if (!ctx.secrets)
    throw new ForbiddenError(
      'Second factors are not available: the server has no BATON_SECRET_KEY. Ask your Baton administrator.',
    );
  return ctx.secrets;
}

async function auditFactor(
  db: Executor,
  ctx: TUserContext,
  action: 'second_factor_on' | 'second_factor_off',
  summary: string,
) {
  const u = ctx.user;
  await recordAudit(db, {
    actorUserId: u.id,
    programmeId: null,
    organisationId: u.organisation.id,
    // Like every event about a person: seen by their own organisation and by those who see every one.
    audience: { kind: 'owners', organisationIds: [u.organisation.id] },
    entityType: 'user',
    entityId: u.id,
    action,
    summary,
  });
}

/** The programmes (names) of mine that require a second factor of password users. */
async function programmesRequiringIt(db: Executor, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('programme_memberships as m')
    .innerJoin('programmes as p', 'p.id', 'm.programme_id')
    .select('p.name')
    .where('m.user_id', '=', userId)
    .where('p.require_second_factor', '=', true)
    .orderBy('p.name')
    .execute();
  return rows.map((r) => r.name);
}

export async function secondFactorStatus(ctx: TUserContext) {
  const f = await findSecondFactor(ctx.db, ctx.user.id);
  return {
    usesPassword: ctx.user.hasPassword,
    enabled: !!f?.confirmedAt,
    enabledAt: f?.confirmedAt ?? null,
    recoveryCodesLeft: f?.confirmedAt ? await countUnusedRecoveryCodes(ctx.db, ctx.user.id) : 0,
    requiredBy: await programmesRequiringIt(ctx.db, ctx.user.id),
    /** Whether this session proved a second factor (or signed in through the organisation). */
    thisSessionMethod: ctx.session.method ?? 'password',
  };
}

/** Starts setting up an authenticator app: a new secret, its address and a QR code to scan. */
export async function beginTotp(ctx: TUserContext) {
  const box = needSecrets(ctx);
  if (!ctx.user.hasPassword)
    throw new ForbiddenError(
      'You sign in through your organisation, whose own sign-in protects your account.',
    );
  const secret = newTotpSecret();
  if (!(await upsertPendingSecondFactor(ctx.db, ctx.user.id, box.seal(secret))))
    throw new ConflictError('A second factor is already set up. Turn it off first to use a new app.', null);
  const uri = totpUri(secret, ctx.user.email);
  const qrSvg = await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return { secret, uri, qrSvg };
}

/**
 * Proves the app works with one code: the factor is on, this session counts as two-factor, and ten recovery
 * codes are returned (shown once; only their hashes are kept).
 */
export async function confirmTotp(ctx: TUserContext, code: string) {
  const box = needSecrets(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const f = await findSecondFactor(trx, ctx.user.id);
    if (!f) throw new RuleViolationError('Start setting up the app first.', { code: ['Start again'] });
    if (f.confirmedAt) throw new ConflictError('Your second factor is already on.', null);
    const step = totpStepFor(box.open(f.secretEncrypted), code, ctx.now());
    if (step === null || !(await useSecondFactorStep(trx, ctx.user.id, step)))
      throw new RuleViolationError(WRONG_CODE, { code: [WRONG_CODE] });
    const codes = newRecoveryCodes();
    await replaceRecoveryCodes(trx, ctx.user.id, codes.map(hashRecoveryCode));
    await setSessionMethod(trx, ctx.session.tokenHash, 'password_totp');
    await auditFactor(
      trx,
      ctx,
      'second_factor_on',
      `${ctx.user.name} turned on a second factor (authenticator app)`,
    );
    return { recoveryCodes: codes };
  });
}

/**
 * Checks a code against a person's factor: a TOTP code (each time step once) or an unused recovery code
 * (each once). Both uses are single conditional updates, so of two simultaneous uses of one code exactly one
 * succeeds.
 */
export async function useSecondFactorCode(
  db: Executor,
  box: SecretBox,
  userId: string,
  code: string,
  nowMs: number,
): Promise<'totp' | 'recovery' | null> {
  const f = await findSecondFactor(db, userId);
  if (!f?.confirmedAt) return null;
  if (/^\d{6}$/.test(code)) {
    const step = totpStepFor(box.open(f.secretEncrypted), code, nowMs);
    return step !== null && (await useSecondFactorStep(db, userId, step)) ? 'totp' : null;
  }
  return (await useRecoveryCode(db, userId, hashRecoveryCode(code))) ? 'recovery' : null;
}

/** Turns the factor off (needs a current code); refused while a programme of mine requires it. */
export async function disableTotp(ctx: TUserContext, code: string) {
  const box = needSecrets(ctx);
  const requiredBy = await programmesRequiringIt(ctx.db, ctx.user.id);
  if (requiredBy.length)
    throw new ForbiddenError(
      `${requiredBy.join(', ')} requires a second factor, so it cannot be turned off.`,
    );
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await useSecondFactorCode(trx, box, ctx.user.id, code, ctx.now())))
      throw new RuleViolationError(WRONG_CODE, { code: [WRONG_CODE] });
    await deleteSecondFactor(trx, ctx.user.id);
    await setSessionMethod(trx, ctx.session.tokenHash, 'password');
    await auditFactor(trx, ctx, 'second_factor_off', `${ctx.user.name} turned off their second factor`);
    return { ok: true as const };
  });
}

/** New recovery codes (the old ones stop working); needs a current code. */
export async function renewRecoveryCodes(ctx: TUserContext, code: string) {
  const box = needSecrets(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await useSecondFactorCode(trx, box, ctx.user.id, code, ctx.now())))
      throw new RuleViolationError(WRONG_CODE, { code: [WRONG_CODE] });
    const codes = newRecoveryCodes();
    await replaceRecoveryCodes(trx, ctx.user.id, codes.map(hashRecoveryCode));
    await auditFactor(trx, ctx, 'second_factor_on', `${ctx.user.name} made new recovery codes`);
    return { recoveryCodes: codes };
  });
}

/** Does this person have a second factor to ask for at sign-in? */
export async function hasSecondFactor(db: Executor, userId: string): Promise<boolean> {
  return !!(await findSecondFactor(db, userId))?.confirmedAt;
}

/** The step after a correct password, for someone with a second factor: a challenge token, no session yet. */
export async function startSecondFactorChallenge(db: Executor, userId: string): Promise<string> {
  const token = newToken();
  await insertSignInChallenge(db, {
    tokenHash: hashToken(token),
    userId,
    expiresAt: new Date(Date.now() + CHALLENGE_MINUTES * 60_000),
  });
  return token;
}

/**
 * The second step of signing in. Throttled like a password (the same per-account and per-address limits),
 * and each challenge takes at most five wrong codes. Returns the user to start a session for.
 */
export async function finishSecondFactorChallenge(ctx: Context, input: TSecondFactorSignInInput) {
  const box = needSecrets(ctx);
  const tokenHash = hashToken(input.challenge);
  const userId = await findSignInChallenge(ctx.db, tokenHash);
  const user = userId ? await findUserById(ctx.db, userId) : undefined;
  if (!user || user.disabled)
    throw new UnauthenticatedError('That sign-in has expired. Please enter your email and password again.');
  const attemptId = await beginSignInAttempt(ctx.db, user.email, ctx.request.ip, ctx.auth);
  let used: 'totp' | 'recovery' | null = null;
  try {
    // The challenge is taken first: of two simultaneous right codes one signs in, the other finds it gone.
    // A wrong code rolls back, so the challenge stays (until its fifth wrong code).
    used = await ctx.db.transaction().execute(async (trx) => {
      if (!(await takeSignInChallenge(trx, tokenHash))) return null;
      const r = await useSecondFactorCode(trx, box, user.id, input.code, ctx.now());
      if (!r) throw new WrongCode();
      return r;
    });
  } catch (e) {
    if (!(e instanceof WrongCode)) throw e;
  }
  if (!used) {
    await failSignInChallenge(ctx.db, tokenHash, CHALLENGE_MAX_FAILURES);
    await auditSignInFailure(ctx, user, 'a wrong or already used second-factor code');
    throw new UnauthenticatedError(WRONG_CODE);
  }
  await signInSucceeded(ctx.db, attemptId);
  return { user, usedRecoveryCode: used === 'recovery' };
}
