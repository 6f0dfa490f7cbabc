import {
  MEMBERSHIP_ROLE_LABELS,
  NotFoundError,
  RuleViolationError,
  ZChangeMemberRoleInput,
  ZInviteInput,
} from '@baton/domain';
import {
  countAdmins,
  deleteMembership,
  findMember,
  findMembershipOfUser,
  findOrganisation,
  findUserByEmail,
  insertInvite,
  insertMembership,
  insertUser,
  listMembers,
  recordAudit,
  revokeOpenInvites,
  updateMembershipRole,
  type Executor,
} from '@baton/db';
import { z } from 'zod';
import type { Context } from '../../context';
import { hashToken, newToken } from '../../auth/tokens';
import { programmeProcedure, router } from '../../trpc';

async function issueInvite(
  trx: Executor,
  ctx: Context,
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
      {
        role: ['The last programme admin cannot be changed or removed'],
      },
    );
  }
}

export const memberRouter = router({
  list: programmeProcedure('members.read').query(({ ctx, input }) =>
    listMembers(
      ctx.db,
      input.programmeId,
      ctx.member.visibility.kind === 'own' ? ctx.member.visibility.organisationId : undefined,
    ),
  ),

  invite: programmeProcedure('members.manage')
    .input(ZInviteInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute(async (trx) => {
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
        const member = await findMember(trx, input.programmeId, membershipId);
        await recordAudit(trx, {
          actorUserId: ctx.user.id,
          programmeId: input.programmeId,
          organisationId: organisation.id,
          entityType: 'membership',
          entityId: membershipId,
          action: 'invite',
          summary: `Invited ${member!.name} (${organisation.shortName}) as ${MEMBERSHIP_ROLE_LABELS[input.role].toLowerCase()}`,
          after: member,
        });
        return { membershipId, inviteUrl };
      }),
    ),

  reissueInvite: programmeProcedure('members.manage')
    .input(z.object({ membershipId: z.uuid() }))
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute(async (trx) => {
        const member = await findMember(trx, input.programmeId, input.membershipId);
        if (!member) throw new NotFoundError('That member is no longer part of this programme.');
        if (member.status === 'active') {
          throw new RuleViolationError(`${member.name} has already set a password and can sign in.`);
        }
        const inviteUrl = await issueInvite(trx, ctx, {
          userId: member.userId,
          programmeId: input.programmeId,
          invitedBy: ctx.user.id,
        });
        await recordAudit(trx, {
          actorUserId: ctx.user.id,
          programmeId: input.programmeId,
          organisationId: member.organisation.id,
          entityType: 'membership',
          entityId: member.membershipId,
          action: 'invite',
          summary: `Issued a new invitation link to ${member.name}`,
        });
        return { inviteUrl };
      }),
    ),

  changeRole: programmeProcedure('members.manage')
    .input(ZChangeMemberRoleInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute(async (trx) => {
        const before = await findMember(trx, input.programmeId, input.membershipId);
        if (!before) throw new NotFoundError('That member is no longer part of this programme.');
        await assertAdminRemains(
          trx,
          input.programmeId,
          before.role === 'programme_admin' && input.role !== 'programme_admin',
        );
        const after = await updateMembershipRole(trx, input);
        await recordAudit(trx, {
          actorUserId: ctx.user.id,
          programmeId: input.programmeId,
          organisationId: after.organisation.id,
          entityType: 'membership',
          entityId: after.membershipId,
          action: 'update',
          summary: `Changed ${after.name}'s role from ${MEMBERSHIP_ROLE_LABELS[before.role].toLowerCase()} to ${MEMBERSHIP_ROLE_LABELS[after.role].toLowerCase()}`,
          before,
          after,
        });
        return after;
      }),
    ),

  remove: programmeProcedure('members.manage')
    .input(z.object({ membershipId: z.uuid(), version: z.number().int().positive() }))
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute(async (trx) => {
        const before = await findMember(trx, input.programmeId, input.membershipId);
        if (!before) throw new NotFoundError('That member is no longer part of this programme.');
        await assertAdminRemains(trx, input.programmeId, before.role === 'programme_admin');
        await deleteMembership(trx, input);
        await recordAudit(trx, {
          actorUserId: ctx.user.id,
          programmeId: input.programmeId,
          organisationId: before.organisation.id,
          entityType: 'membership',
          entityId: before.membershipId,
          action: 'delete',
          summary: `Removed ${before.name} from the programme`,
          before,
        });
        return { ok: true as const };
      }),
    ),
});
