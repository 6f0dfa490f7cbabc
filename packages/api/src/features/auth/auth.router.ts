import { ZAcceptInviteInput, ZSignInInput } from '@baton/domain';
import { z } from 'zod';
import { publicProcedure, router } from '../../trpc';
import { acceptInvite, inviteDetails, publicUser, signIn, signOut } from './auth.service';

export const authRouter = router({
  me: publicProcedure.query(({ ctx }) => (ctx.session ? publicUser(ctx.session.user) : null)),

  signIn: publicProcedure.input(ZSignInInput).mutation(({ ctx, input }) => signIn(ctx, input)),

  signOut: publicProcedure.mutation(({ ctx }) => signOut(ctx)),

  inviteDetails: publicProcedure
    .input(z.object({ token: z.string().min(20).max(200) }))
    .query(({ ctx, input }) => inviteDetails(ctx, input.token)),

  acceptInvite: publicProcedure
    .input(ZAcceptInviteInput)
    .mutation(({ ctx, input }) => acceptInvite(ctx, input)),
});
