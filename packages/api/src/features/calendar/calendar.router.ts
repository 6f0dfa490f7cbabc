import { programmeProcedure, router } from '../../trpc';
import { calendarFeedStatus, createCalendarFeed, revokeCalendarFeed } from './calendar.service';

/** The caller's own calendar feed link for a programme; the feed itself is served at /calendar/<secret>.ics. */
export const calendarRouter = router({
  feed: programmeProcedure('programme.read').query(({ ctx }) => calendarFeedStatus(ctx)),
  createFeed: programmeProcedure('programme.read').mutation(({ ctx }) => createCalendarFeed(ctx)),
  revokeFeed: programmeProcedure('programme.read').mutation(({ ctx }) => revokeCalendarFeed(ctx)),
});
