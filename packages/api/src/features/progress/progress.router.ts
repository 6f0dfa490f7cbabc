import { programmeProcedure, router } from '../../trpc';
import { jointProgressFor } from './progress.service';

export const progressRouter = router({
  /**
   * Joint progress of every organisation towards go-live, read-only: percent complete by workstream and
   * organisation, milestones, readiness per transfer and the few red items with their owners. Scoped to what
   * the caller's organisation may see.
   */
  joint: programmeProcedure('programme.read').query(({ ctx }) => jointProgressFor(ctx)),
});
