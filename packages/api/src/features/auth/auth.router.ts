import { ZAcceptInviteInput, ZSignInInput } from '@baton/domain';
import { z } from 'zod';
import { authedProcedure, publicProcedure, router } from '../../trpc';
import { acceptInvite, inviteDetails, publicUser, signIn, signOut } from './auth.service';
import { endMyOtherSessions, endMySession, mySessions, mySignInAttempts } from './sessions.service';

export const authRouter = router({
  me: publicProcedure.query(({ ctx }) => (ctx.session ? publicUser(ctx.session.user) : null)),

  signIn: publicProcedure.input(ZSignInInput).mutation(({ ctx, input }) => signIn(ctx, input)),

  signOut: publicProcedure.mutation(({ ctx }) => signOut(ctx)),

  inviteDetails: publicProcedure
    .input(z.object({ token: z.string().min(20).max(200) }))
    .query(({ ctx, input }) => inviteDetails(ctx, input.token)),

  /** Every browser signed in to my account: device, address, signed in, last used; which one is this. */
  sessions: authedProcedure.query(({ ctx }) => mySessions(ctx)),

  /** My account's latest sign-in attempts (succeeded or failed) and where from: to spot someone guessing. */
  signInAttempts: authedProcedure.query(({ ctx }) => mySignInAttempts(ctx)),

  /** Ends one of my sessions (this one signs this browser out). */
  endSession: authedProcedure
    .input(z.object({ sessionId: z.uuid() }))
    .mutation(({ ctx, input }) => endMySession(ctx, input.sessionId)),

  /** Signs out everywhere but here. */
  endOtherSessions: authedProcedure.mutation(({ ctx }) => endMyOtherSessions(ctx)),

  acceptInvite: publicProcedure
    .input(ZAcceptInviteInput)
    .mutation(({ ctx, input }) => acceptInvite(ctx, input)),
});
