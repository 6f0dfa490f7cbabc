import {
  can,
  ForbiddenError,
  NotFoundError,
  SecondFactorRequiredError,
  READ_ONLY_CAPABILITIES,
  UnauthenticatedError,
  visibilityFor,
  type TCapability,
  type TMembershipRole,
  type TPartyRole,
  type TVisibility,
} from '@baton/domain';
import { findMembershipContext, type Executor, type TSessionMethod } from '@baton/db';
import { z } from 'zod';

/** The caller as a member of one programme: their role, organisation and whose rows they may see. */
export interface TMember {
  programmeId: string;
  userId: string;
  role: TMembershipRole;
  organisationId: string;
  visibility: TVisibility;
  /** The member's organisation's roles in this programme (lead commissioner, bidder...). */
  partyRoles: readonly TPartyRole[];
  /** The programme's stored risk matrix version as the membership was read (absent: not read). */
  matrixVersion?: number;
}

export const SECOND_FACTOR_REQUIRED =
  'This programme asks everyone who signs in with a password to use a second factor too. Set one up in Your account, then come back.';

export const PROGRAMME_NOT_FOUND = 'Programme not found, or you are not a member of it.';

/**
 * The caller's membership of a programme, for one capability. Outsiders (and ids that are not ids) get
 * NotFound, since a programme's existence is itself confidential; members lacking the capability get
 * Forbidden. Every procedure about a programme and every file download goes through here.
 */
export async function membershipFor(
  db: Executor,
  userId: string,
  programmeId: unknown,
  capability: TCapability,
  /** How the caller's session signed in; absent for work done on a member's behalf (a calendar feed). */
  sessionMethod?: TSessionMethod,
): Promise<TMember> {
  const id = z.uuid().safeParse(programmeId);
  const m = id.success ? await findMembershipContext(db, id.data, userId) : undefined;
  if (!id.success || !m) throw new NotFoundError(PROGRAMME_NOT_FOUND);
  if (m.requiresSecondFactor && sessionMethod === 'password')
    throw new SecondFactorRequiredError(SECOND_FACTOR_REQUIRED);
  if (!can(m.role, capability)) throw new ForbiddenError('Your role in this programme does not allow that.');
  if (m.programmeStatus === 'closed' && !READ_ONLY_CAPABILITIES.has(capability))
    throw new ForbiddenError(
      'This programme is closed: its records are kept read-only. A programme admin can reopen it.',
    );
  return {
    programmeId: id.data,
    userId,
    role: m.role,
    organisationId: m.organisationId,
    visibility: visibilityFor(m.organisationId, m.organisationPartyRoles),
    partyRoles: m.organisationPartyRoles,
    matrixVersion: m.matrixVersion,
  };
}

/** The same for a download outside tRPC, where the session may be missing. */
export function sessionMembershipFor(
  ctx: { db: Executor; session: { user: { id: string }; method?: TSessionMethod } | null },
  programmeId: unknown,
  capability: TCapability,
): Promise<TMember> {
  if (!ctx.session) throw new UnauthenticatedError('Please sign in to continue.');
  return membershipFor(
    ctx.db,
    ctx.session.user.id,
    programmeId,
    capability,
    ctx.session.method ?? 'password',
  );
}

/** Members who see every organisation's rows (everyone but bidders in a live procurement). */
export const seesEveryOrganisation = (m: TMember): boolean => m.visibility.kind === 'all';
