import { recordAudit, type TUserRow } from '@baton/db';
import type { Context } from '../../context';

/** Every sign-in is an event against the person, saying how. */
export async function auditSignIn(ctx: Context, user: TUserRow, how: string) {
  // Like every event about a person: seen by their own organisation and by those who see every one.
  await recordAudit(ctx.db, {
    actorUserId: user.id,
    programmeId: null,
    organisationId: user.organisation.id,
    audience: { kind: 'owners', organisationIds: [user.organisation.id] },
    entityType: 'user',
    entityId: user.id,
    action: 'sign_in',
    summary: `${user.name} signed in ${how} from ${ctx.request.ip}`,
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
  await recordAudit(ctx.db, {
    actorUserId: null,
    programmeId: null,
    organisationId: user.organisation.id,
    audience: { kind: 'owners', organisationIds: [user.organisation.id] },
    entityType: 'user',
    entityId: user.id,
    action: 'sign_in_failed',
    summary: `Sign-in as ${user.name} from ${ctx.request.ip} refused: ${why}`,
  });
}
