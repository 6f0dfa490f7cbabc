import { z } from 'zod';
import { programmeProcedure, router } from '../../trpc';
import { leadWorkspaceFor } from './workspace.service';

export const ZWorkspaceInput = z.object({
  scope: z.enum(['mine', 'organisation', 'programme']).default('mine'),
  horizonDays: z.number().int().min(1).max(90).default(14),
});

export const workspaceRouter = router({
  /**
   * The transition lead's day: my (or my organisation's) tasks due soon, overdue, blocked by unfinished
   * predecessors and on the critical path; upcoming statutory dates; and everything awaiting my update.
   */
  lead: programmeProcedure('programme.read')
    .input(ZWorkspaceInput)
    .query(({ ctx, input }) => leadWorkspaceFor(ctx, input)),
});
