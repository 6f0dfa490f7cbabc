import {
  ZAcceptInviteInput,
  ZSecondFactorSignInInput,
  ZSignInInput,
  ZSsoOptionsInput,
  ZTotpCodeInput,
  ZSecondFactorCode,
} from '@baton/domain';
import { z } from 'zod';
import { authedProcedure, publicProcedure, router } from '../../trpc';
import { acceptInvite, inviteDetails, publicUser, signIn, signInSecondFactor, signOut } from './auth.service';
import {
  beginTotp,
  confirmTotp,
  disableTotp,
  renewRecoveryCodes,
  secondFactorStatus,
} from './second-factor.service';
import { ssoOptions } from '../sso/sso.service';
import { endMyOtherSessions, endMySession, mySessions, mySignInAttempts } from './sessions.service';

export const authRouter = router({
  me: publicProcedure.query(({ ctx }) => (ctx.session ? publicUser(ctx.session.user) : null)),

  signIn: publicProcedure.input(ZSignInInput).mutation(({ ctx, input }) => signIn(ctx, input)),

  /** The second step for an account with a second factor: the challenge from signIn and a code. */
  signInSecondFactor: publicProcedure
    .input(ZSecondFactorSignInInput)
    .mutation(({ ctx, input }) => signInSecondFactor(ctx, input)),

  /** Which organisations' sign-in this email may use, and whether a password is accepted for it. */
  ssoOptions: publicProcedure.input(ZSsoOptionsInput).query(({ ctx, input }) => ssoOptions(ctx, input.email)),

  signOut: publicProcedure.mutation(({ ctx }) => signOut(ctx)),

  /** My second factor: on or off, recovery codes left, and which of my programmes require one. */
  secondFactor: authedProcedure.query(({ ctx }) => secondFactorStatus(ctx)),

  /** Starts setting up an authenticator app: its secret, address and QR code (nothing is on until confirmed). */
  beginTotp: authedProcedure.mutation(({ ctx }) => beginTotp(ctx)),

  /** Turns the factor on with a first code; returns ten recovery codes, shown once. */
  confirmTotp: authedProcedure
    .input(ZTotpCodeInput)
    .mutation(({ ctx, input }) => confirmTotp(ctx, input.code)),

  disableTotp: authedProcedure
    .input(z.object({ code: ZSecondFactorCode }))
    .mutation(({ ctx, input }) => disableTotp(ctx, input.code)),

  newRecoveryCodes: authedProcedure
    .input(z.object({ code: ZSecondFactorCode }))
    .mutation(({ ctx, input }) => renewRecoveryCodes(ctx, input.code)),

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
