import {
  RateLimitedError,
  UnauthenticatedError,
  NotFoundError,
  ZAcceptInviteInput,
  ZSignInInput,
} from '@baton/domain';
import {
  countRecentFailures,
  deleteSession,
  findCredentials,
  findOpenInvite,
  findUserById,
  insertSession,
  markInviteAccepted,
  recordAudit,
  recordLoginAttempt,
  setPasswordHash,
  type TUserRow,
} from '@baton/db';
import { z } from 'zod';
import type { Context } from '../../context';
import { decoyHash, hashPassword, verifyPassword } from '../../auth/password';
import { hashToken, newToken } from '../../auth/tokens';
import { publicProcedure, router } from '../../trpc';

function publicUser(u: TUserRow) {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    isSystemAdmin: u.isSystemAdmin,
    organisation: u.organisation,
  };
}

async function startSession(ctx: Context, userId: string): Promise<void> {
  const token = newToken();
  const expiresAt = new Date(Date.now() + ctx.auth.sessionTtlDays * 86_400_000);
  await insertSession(ctx.db, {
    tokenHash: hashToken(token),
    userId,
    expiresAt,
    userAgent: ctx.request.userAgent,
  });
  ctx.request.setSessionCookie(token, expiresAt);
}

export const authRouter = router({
  me: publicProcedure.query(({ ctx }) => (ctx.session ? publicUser(ctx.session.user) : null)),

  signIn: publicProcedure.input(ZSignInInput).mutation(async ({ ctx, input }) => {
    const since = new Date(Date.now() - ctx.auth.failureWindowMinutes * 60_000);
    const failures = await countRecentFailures(ctx.db, input.email, ctx.request.ip, since);
    if (failures.byEmail >= ctx.auth.maxFailuresPerEmail || failures.byIp >= ctx.auth.maxFailuresPerIp) {
      throw new RateLimitedError(
        `Too many failed sign-in attempts. Wait ${ctx.auth.failureWindowMinutes} minutes and try again.`,
        ctx.auth.failureWindowMinutes * 60,
      );
    }
    const found = await findCredentials(ctx.db, input.email);
    const ok = found?.passwordHash
      ? await verifyPassword(found.passwordHash, input.password)
      : await verifyPassword(await decoyHash(), input.password).then(() => false);
    const user = ok && found && !found.user.disabled ? found.user : null;
    await recordLoginAttempt(ctx.db, { email: input.email, ip: ctx.request.ip, succeeded: user !== null });
    if (!user) throw new UnauthenticatedError('Email or password is incorrect.');
    await startSession(ctx, user.id);
    return publicUser(user);
  }),

  signOut: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.session) await deleteSession(ctx.db, ctx.session.tokenHash);
    ctx.request.clearSessionCookie();
    return { ok: true as const };
  }),

  inviteDetails: publicProcedure
    .input(z.object({ token: z.string().min(20).max(200) }))
    .query(async ({ ctx, input }) => {
      const invite = await findOpenInvite(ctx.db, hashToken(input.token));
      if (!invite)
        throw new NotFoundError(
          'This invitation link has expired or has already been used. Ask your programme admin for a new one.',
        );
      return {
        email: invite.email,
        name: invite.name,
        programmeId: invite.programmeId,
        programmeName: invite.programmeName,
        organisationName: invite.organisationName,
        role: invite.role,
      };
    }),

  acceptInvite: publicProcedure.input(ZAcceptInviteInput).mutation(async ({ ctx, input }) => {
    const passwordHash = await hashPassword(input.password);
    const userId = await ctx.db.transaction().execute(async (trx) => {
      const invite = await findOpenInvite(trx, hashToken(input.token));
      if (!invite)
        throw new NotFoundError(
          'This invitation link has expired or has already been used. Ask your programme admin for a new one.',
        );
      await setPasswordHash(trx, invite.userId, passwordHash);
      await markInviteAccepted(trx, invite.inviteId);
      const user = await findUserById(trx, invite.userId);
      await recordAudit(trx, {
        actorUserId: invite.userId,
        programmeId: invite.programmeId,
        organisationId: user?.organisation.id ?? null,
        entityType: 'user',
        entityId: invite.userId,
        action: 'accept_invite',
        summary: `${invite.name} accepted their invitation`,
      });
      return invite.userId;
    });
    const user = await findUserById(ctx.db, userId);
    await startSession(ctx, userId);
    return publicUser(user!);
  }),
});
