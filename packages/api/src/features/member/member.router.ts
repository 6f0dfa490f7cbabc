import { ZChangeMemberRoleInput, ZInviteInput, ZVersion } from '@baton/domain';
import { z } from 'zod';
import { programmeProcedure, router } from '../../trpc';
import {
  changeRole,
  endMemberSessions,
  inviteMember,
  members,
  reissueInvite,
  removeMember,
} from './member.service';

export const memberRouter = router({
  list: programmeProcedure('members.read').query(({ ctx }) => members(ctx)),

  invite: programmeProcedure('members.manage')
    .input(ZInviteInput)
    .mutation(({ ctx, input }) => inviteMember(ctx, input)),

  reissueInvite: programmeProcedure('members.manage')
    .input(z.object({ membershipId: z.uuid() }))
    .mutation(({ ctx, input }) => reissueInvite(ctx, input.membershipId)),

  changeRole: programmeProcedure('members.manage')
    .input(ZChangeMemberRoleInput)
    .mutation(({ ctx, input }) => changeRole(ctx, input)),

  /** Signs a member out of every browser at once. */
  endSessions: programmeProcedure('members.manage')
    .input(z.object({ membershipId: z.uuid() }))
    .mutation(({ ctx, input }) => endMemberSessions(ctx, input)),

  remove: programmeProcedure('members.manage')
    .input(z.object({ membershipId: z.uuid(), version: ZVersion }))
    .mutation(({ ctx, input }) => removeMember(ctx, input)),
});
