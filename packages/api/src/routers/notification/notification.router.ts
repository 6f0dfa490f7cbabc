import {
  NotFoundError,
  ZMarkNotificationsReadInput,
  ZNotificationListInput,
  ZNotificationPreferencesInput,
  ZOutboxListInput,
} from '@baton/domain';
import {
  countUnreadNotifications,
  findEmailNotifications,
  listNotifications,
  listOutbox,
  markAllNotificationsRead,
  markNotificationsRead,
  recordAudit,
  setEmailNotifications,
} from '@baton/db';
import { authedProcedure, programmeProcedure, router } from '../../trpc';

/**
 * The signed-in user's own notifications (never anyone else's: every query is by the caller's user id), their
 * email preference, and for programme admins the programme's email outbox.
 */
export const notificationRouter = router({
  list: authedProcedure.input(ZNotificationListInput).query(async ({ ctx, input }) => {
    const [page, unread] = await Promise.all([
      listNotifications(ctx.db, ctx.user.id, input),
      countUnreadNotifications(ctx.db, ctx.user.id),
    ]);
    return { ...page, unread };
  }),

  unreadCount: authedProcedure.query(({ ctx }) => countUnreadNotifications(ctx.db, ctx.user.id)),

  /** All or nothing: an id that is not one of the caller's notifications is NOT_FOUND and nothing changes. */
  markRead: authedProcedure.input(ZMarkNotificationsReadInput).mutation(({ ctx, input }) =>
    ctx.db.transaction().execute(async (trx) => {
      const r = await markNotificationsRead(trx, ctx.user.id, input.ids);
      if (r.owned < new Set(input.ids).size) throw new NotFoundError('That notification does not exist.');
      return { updated: r.updated, unread: await countUnreadNotifications(trx, ctx.user.id) };
    }),
  ),

  markAllRead: authedProcedure.mutation(async ({ ctx }) => ({
    updated: await markAllNotificationsRead(ctx.db, ctx.user.id),
    unread: 0,
  })),

  preferences: authedProcedure.query(async ({ ctx }) => ({
    emailNotifications: await findEmailNotifications(ctx.db, ctx.user.id),
    email: ctx.user.email,
  })),

  setPreferences: authedProcedure.input(ZNotificationPreferencesInput).mutation(({ ctx, input }) =>
    ctx.db.transaction().execute(async (trx) => {
      const before = await findEmailNotifications(trx, ctx.user.id);
      if (before !== input.emailNotifications) {
        await setEmailNotifications(trx, ctx.user.id, input.emailNotifications);
        await recordAudit(trx, {
          actorUserId: ctx.user.id,
          programmeId: null,
          organisationId: ctx.user.organisation.id,
          entityType: 'user',
          entityId: ctx.user.id,
          action: 'update',
          summary: `${ctx.user.name} turned email notifications ${input.emailNotifications ? 'on' : 'off'}`,
          before: { emailNotifications: before },
          after: { emailNotifications: input.emailNotifications },
        });
      }
      return { emailNotifications: input.emailNotifications, email: ctx.user.email };
    }),
  ),

  /** The programme's emails (to whom, what, sent or why not), for its admins. */
  outbox: programmeProcedure('members.manage')
    .input(ZOutboxListInput)
    .query(({ ctx, input }) =>
      listOutbox(ctx.db, {
        programmeId: input.programmeId,
        status: input.status,
        cursor: input.cursor,
        limit: input.limit,
      }),
    ),
});
