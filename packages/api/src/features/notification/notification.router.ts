import {
  ZMarkNotificationsReadInput,
  ZNotificationListInput,
  ZNotificationPreferencesInput,
  ZOutboxListInput,
} from '@baton/domain';
import { authedProcedure, programmeProcedure, router } from '../../trpc';
import {
  markAllRead,
  markRead,
  myNotifications,
  outbox,
  preferences,
  setPreferences,
  unreadCount,
} from './notification.service';

export const notificationRouter = router({
  list: authedProcedure.input(ZNotificationListInput).query(({ ctx, input }) => myNotifications(ctx, input)),

  unreadCount: authedProcedure.query(({ ctx }) => unreadCount(ctx)),

  /** All or nothing: an id that is not one of the caller's notifications is NOT_FOUND and nothing changes. */
  markRead: authedProcedure
    .input(ZMarkNotificationsReadInput)
    .mutation(({ ctx, input }) => markRead(ctx, input)),

  markAllRead: authedProcedure.mutation(({ ctx }) => markAllRead(ctx)),

  preferences: authedProcedure.query(({ ctx }) => preferences(ctx)),

  setPreferences: authedProcedure
    .input(ZNotificationPreferencesInput)
    .mutation(({ ctx, input }) => setPreferences(ctx, input)),

  /** The programme's emails (to whom, what, sent or why not), for its admins. */
  outbox: programmeProcedure('members.manage')
    .input(ZOutboxListInput)
    .query(({ ctx, input }) => outbox(ctx, input)),
});
