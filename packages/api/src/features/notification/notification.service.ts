import {
  NotFoundError,
  type TMarkNotificationsReadInput,
  type TNotificationListInput,
  type TOutboxListInput,
} from '@baton/domain';
import {
  countUnreadNotifications,
  findEmailNotifications,
  listNotifications,
  listOutbox,
  markAllNotificationsRead,
  markNotificationsRead,
  setEmailNotifications,
} from '@baton/db';
import type { TMemberContext, TUserContext } from '../../context';
import { mutation } from '../../mutation';

/*
 * The signed-in user's own notifications (never anyone else's: every query is by the caller's user id; who
 * hears of an item was decided, under bidder isolation, when it was written), their email preference, and for
 * programme admins the programme's email outbox.
 */

const READ_STATE = 'whether a person has read their own notifications is theirs alone';

export async function myNotifications(ctx: TUserContext, input: TNotificationListInput) {
  const [page, unread] = await Promise.all([
    listNotifications(ctx.db, ctx.user.id, input),
    countUnreadNotifications(ctx.db, ctx.user.id),
  ]);
  return { ...page, unread };
}

export const unreadCount = (ctx: TUserContext) => countUnreadNotifications(ctx.db, ctx.user.id);

/** All or nothing: an id that is not one of the caller's notifications is NOT_FOUND and nothing changes. */
export function markRead(ctx: TUserContext, input: TMarkNotificationsReadInput) {
  return mutation(
    ctx,
    async ({ trx }) => {
      const r = await markNotificationsRead(trx, ctx.user.id, input.ids);
      if (r.owned < new Set(input.ids).size) throw new NotFoundError('That notification does not exist.');
      return { updated: r.updated, unread: await countUnreadNotifications(trx, ctx.user.id) };
    },
    { unaudited: READ_STATE },
  );
}

export function markAllRead(ctx: TUserContext) {
  return mutation(
    ctx,
    async ({ trx }) => ({ updated: await markAllNotificationsRead(trx, ctx.user.id), unread: 0 }),
    { unaudited: READ_STATE },
  );
}

export async function preferences(ctx: TUserContext) {
  return { emailNotifications: await findEmailNotifications(ctx.db, ctx.user.id), email: ctx.user.email };
}

export function setPreferences(ctx: TUserContext, input: { emailNotifications: boolean }) {
  return mutation(
    ctx,
    async ({ trx, audit }) => {
      const before = await findEmailNotifications(trx, ctx.user.id);
      if (before !== input.emailNotifications) {
        await setEmailNotifications(trx, ctx.user.id, input.emailNotifications);
        await audit({
          programmeId: null,
          organisationId: ctx.user.organisation.id,
          entityType: 'user',
          entityId: ctx.user.id,
          action: 'update',
          audience: { kind: 'owners', organisationIds: [ctx.user.organisation.id] },
          summary: `${ctx.user.name} turned email notifications ${input.emailNotifications ? 'on' : 'off'}`,
          before: { emailNotifications: before },
          after: { emailNotifications: input.emailNotifications },
        });
      }
      return { emailNotifications: input.emailNotifications, email: ctx.user.email };
    },
    { unaudited: 'setting a preference to what it already is changes nothing' },
  );
}

/** The programme's emails (to whom, what, sent or why not), for its admins. */
export const outbox = (ctx: TMemberContext, input: TOutboxListInput) =>
  listOutbox(ctx.db, {
    programmeId: ctx.member.programmeId,
    status: input.status,
    cursor: input.cursor,
    limit: input.limit,
  });
