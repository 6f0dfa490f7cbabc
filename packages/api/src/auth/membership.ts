import {
  can,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
  visibilityFor,
  type TCapability,
} from '@baton/domain';
import { findMembershipContext, type Executor } from '@baton/db';
import { z } from 'zod';

/**
 * The caller's membership of a programme, with what they may see, for one capability. Outsiders (and ids that
 * are not ids) get NotFound, since a programme's existence is itself confidential; members lacking the
 * capability get Forbidden. Every procedure about a programme and every file download goes through here.
 */
export async function membershipFor(
  db: Executor,
  userId: string,
  programmeId: unknown,
  capability: TCapability,
) {
  const id = z.uuid().safeParse(programmeId);
  const m = id.success ? await findMembershipContext(db, id.data, userId) : undefined;
  if (!id.success || !m) throw new NotFoundError('Programme not found, or you are not a member of it.');
  if (!can(m.role, capability)) throw new ForbiddenError('Your role in this programme does not allow that.');
  return {
    programmeId: id.data,
    member: { ...m, visibility: visibilityFor(m.organisationId, m.organisationPartyRoles) },
  };
}

/** The same for a download outside tRPC, where the session may be missing. */
export function sessionMembershipFor(
  ctx: { db: Executor; session: { user: { id: string } } | null },
  programmeId: unknown,
  capability: TCapability,
) {
  if (!ctx.session) throw new UnauthenticatedError('Please sign in to continue.');
  return membershipFor(ctx.db, ctx.session.user.id, programmeId, capability);
}
