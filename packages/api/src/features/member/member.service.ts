import {
  MEMBERSHIP_ROLE_LABELS,
  NotFoundError,
  RuleViolationError,
  type TChangeMemberRoleInput,
  type TInviteInput,
} from '@baton/domain';
import {
  countAdmins,
  deleteMembership,
  deleteUserSessions,
  findMember,
  findMembershipOfUser,
  findOrganisation,
  findUserByEmail,
  insertInvite,
  insertMembership,
  insertUser,
  listMembers,
  revokeOpenInvites,
  updateMembershipRole,
  type Executor,
} from '@baton/db';
import { hashToken, newToken } from '../../auth/tokens';
import type { AuthConfig, TMemberContext } from '../../context';
import { mutation } from '../../mutation';
import { MEMBER_NOT_FOUND, memberAuditAudience } from './member.access';
import { auditSessionsEnded } from '../auth/sessions.service';

type TAdminContext = TMemberContext & { auth: AuthConfig };

async function issueInvite(
  trx: Executor,
  ctx: TAdminContext,
  i: { userId: string; programmeId: string; invitedBy: string },
): Promise<string> {
  await revokeOpenInvites(trx, i.userId);
  const token = newToken();
  await insertInvite(trx, {
    tokenHash: hashToken(token),
    userId: i.userId,
    programmeId: i.programmeId,
    invitedBy: i.invitedBy,
    expiresAt: new Date(Date.now() + ctx.auth.inviteTtlDays * 86_400_000),
  });
  return `/invite/${token}`;
}

/** A programme always keeps at least one admin, or nobody could manage it again. */
async function assertAdminRemains(trx: Executor, programmeId: string, losingAdmin: boolean) {
  if (losingAdmin && (await countAdmins(trx, programmeId)) <= 1) {
    throw new RuleViolationError(
      'A programme needs at least one programme admin. Make someone else an admin first.',
      { role: ['The last programme admin cannot be changed or removed'] },
    );
  }
}

/** The programme's members the caller may see: a bidder sees only its own organisation's people. */
export const members = (ctx: TMemberContext) =>
  listMembers(ctx.db, ctx.member.programmeId, ctx.member.visibility);

export function inviteMember(ctx: TAdminContext, input: TInviteInput) {
  return mutation(ctx, async ({ trx, audit }) => {
    const organisation = await findOrganisation(trx, input.organisationId);
    if (!organisation) {
      throw new RuleViolationError('Choose an organisation from the list.', {
        organisationId: ['Unknown organisation'],
      });
    }
    const existing = await findUserByEmail(trx, input.email);
    if (existing && existing.organisation.id !== input.organisationId) {
      throw new RuleViolationError(
        `${input.email} already has an account with ${existing.organisation.name}.`,
        {
          organisationId: [`This person belongs to ${existing.organisation.name}`],
        },
      );
    }
    if (existing && (await findMembershipOfUser(trx, input.programmeId, existing.id))) {
      throw new RuleViolationError(`${existing.name} is already a member of this programme.`, {
        email: ['Already a member'],
      });
    }
    const userId =
      existing?.id ??
      (await insertUser(trx, {
        email: input.email,
        name: input.name,
        organisationId: input.organisationId,
        passwordHash: null,
      }));
    const membershipId = await insertMembership(trx, {
      programmeId: input.programmeId,
      userId,
      role: input.role,
    });
    // Someone who already has a password just gains the programme; only new people need a link.
    const inviteUrl = existing?.hasPassword
      ? null
      : await issueInvite(trx, ctx, { userId, programmeId: input.programmeId, invitedBy: ctx.user.id });
    const member = (await findMember(trx, input.programmeId, membershipId))!;
    await audit({
      entityType: 'membership',
      entityId: membershipId,
      action: 'invite',
      organisationId: organisation.id,
      audience: memberAuditAudience(member),
      summary: `Invited ${member.name} (${organisation.shortName}) as ${MEMBERSHIP_ROLE_LABELS[input.role].toLowerCase()}`,
      after: member,
    });
    return { membershipId, inviteUrl };
  });
}

export function reissueInvite(ctx: TAdminContext, membershipId: string) {
  return mutation(ctx, async ({ trx, audit }) => {
    const member = await findMember(trx, ctx.member.programmeId, membershipId);
    if (!member) throw new NotFoundError(MEMBER_NOT_FOUND);
    if (member.status === 'active') {
      throw new RuleViolationError(`${member.name} has already set a password and can sign in.`);
    }
    const inviteUrl = await issueInvite(trx, ctx, {
      userId: member.userId,
      programmeId: ctx.member.programmeId,
      invitedBy: ctx.user.id,
    });
    await audit({
      entityType: 'membership',
      entityId: member.membershipId,
      action: 'invite',
      organisationId: member.organisation.id,
      audience: memberAuditAudience(member),
      summary: `Issued a new invitation link to ${member.name}`,
    });
    return { inviteUrl };
  });
}

export function changeRole(ctx: TMemberContext, input: TChangeMemberRoleInput) {
  return mutation(ctx, async ({ trx, audit, expectVersion }) => {
    const before = await findMember(trx, input.programmeId, input.membershipId);
    if (!before) throw new NotFoundError(MEMBER_NOT_FOUND);
    expectVersion(before, input.version, 'member');
    await assertAdminRemains(
      trx,
      input.programmeId,
      before.role === 'programme_admin' && input.role !== 'programme_admin',
    );
    const after = await updateMembershipRole(trx, input);
    await audit({
      entityType: 'membership',
      entityId: after.membershipId,
      action: 'update',
      organisationId: after.organisation.id,
      audience: memberAuditAudience(after),
      summary: `Changed ${after.name}'s role from ${MEMBERSHIP_ROLE_LABELS[before.role].toLowerCase()} to ${MEMBERSHIP_ROLE_LABELS[after.role].toLowerCase()}`,
      before,
      after,
    });
    return after;
  });
}

export function removeMember(ctx: TMemberContext, input: { membershipId: string; version: number }) {
  const programmeId = ctx.member.programmeId;
  return mutation(ctx, async ({ trx, audit, expectVersion }) => {
    const before = await findMember(trx, programmeId, input.membershipId);
    if (!before) throw new NotFoundError(MEMBER_NOT_FOUND);
    expectVersion(before, input.version, 'member');
    await assertAdminRemains(trx, programmeId, before.role === 'programme_admin');
    await deleteMembership(trx, { programmeId, ...input });
    // Whoever is removed is signed out everywhere at once, not when their sessions expire.
    const ended = await deleteUserSessions(trx, before.userId);
    await auditSessionsEnded(trx, {
      actorUserId: ctx.user.id,
      user: { id: before.userId, name: before.name, organisationId: before.organisation.id },
      count: ended,
      how: 'removed from the programme',
      programmeId,
    });
    await audit({
      entityType: 'membership',
      entityId: before.membershipId,
      action: 'delete',
      organisationId: before.organisation.id,
      audience: memberAuditAudience(before),
      summary: `Removed ${before.name} from the programme`,
      before,
    });
    return { ok: true as const };
  });
}

/** A programme admin signs a member out of every browser (a lost laptop, a compromised account). */
export function endMemberSessions(ctx: TMemberContext, input: { membershipId: string }) {
  const programmeId = ctx.member.programmeId;
  return mutation(ctx, async ({ trx, audit }) => {
    const member = await findMember(trx, programmeId, input.membershipId);
    if (!member) throw new NotFoundError(MEMBER_NOT_FOUND);
    const ended = await deleteUserSessions(trx, member.userId);
    await audit({
      entityType: 'user',
      entityId: member.userId,
      action: 'sign_out',
      organisationId: member.organisation.id,
      audience: memberAuditAudience(member),
      summary: `Ended ${ended === 1 ? 'the session' : `all ${ended} sessions`} of ${member.name}`,
    });
    return { ended };
  });
}
