import { recordAudit, type TAuditAction, type TUserRow } from '@baton/db';
import type { Context } from '../../context';

/**
 * An event about a person's own account (signing in or out, a refused sign-in). Like every event about a
 * person: seen by their own organisation and by those who see every one.
 */
function recordAccountEvent(
  ctx: Context,
  user: TUserRow,
  e: { action: TAuditAction; summary: string; byThePerson: boolean },
) {
  return recordAudit(ctx.db, {
    actorUserId: e.byThePerson ? user.id : null,
    programmeId: null,
    organisationId: user.organisation.id,
    audience: { kind: 'owners', organisationIds: [user.organisation.id] },
    entityType: 'user',
    entityId: user.id,
    action: e.action,
    summary: e.summary,
  });
}

/** Every sign-in is an event against the person, saying how. */
export async function auditSignIn(ctx: Context, user: TUserRow, how: string) {
  await recordAccountEvent(ctx, user, {
    action: 'sign_in',
    summary: `${user.name} signed in ${how} from ${ctx.request.ip}`,
    byThePerson: true,
  });
}

/** Signing out of this browser, by the person. */
export async function auditSignOut(ctx: Context, user: TUserRow) {
  await recordAccountEvent(ctx, user, {
    action: 'sign_out',
    summary: `${user.name} signed out`,
    byThePerson: true,
  });
}

/**
 * A refused sign-in to a known account is an event against the person, saying why (a wrong password, a wrong
 * second-factor code, a password where the organisation requires its own sign-in, a disabled account).
 * Attempts at an email with no account, and attempts the throttle turns away before any check, are kept only
 * in login_attempts (or not at all): there is nobody to record them against, and an unthrottled write per
 * guess would let anyone fill the audit trail.
 */
export async function auditSignInFailure(ctx: Context, user: TUserRow, why: string) {
  // Nobody proved to be the person: the event has no actor.
  await recordAccountEvent(ctx, user, {
    action: 'sign_in_failed',
    summary: `Sign-in as ${user.name} from ${ctx.request.ip} refused: ${why}`,
    byThePerson: false,
  });
}
