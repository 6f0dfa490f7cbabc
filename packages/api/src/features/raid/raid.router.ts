import {
  ZCreateRaidInput,
  ZRaidListInput,
  ZUpdateRaidInput,
  ZVersion,
  zLines,
  ZCalendarDate,
} from '@baton/domain';
import { z } from 'zod';
import { programmeProcedure, router } from '../../trpc';
import { createRaid, getRaid, listRaid, raiseIssueFromRisk, updateRaid } from './raid.service';

export const raidRouter = router({
  /** The RAID log the caller may see (a bidder only its own organisation's items). */
  list: programmeProcedure('programme.read')
    .input(ZRaidListInput)
    .query(({ ctx, input }) => listRaid(ctx, input)),

  get: programmeProcedure('programme.read')
    .input(z.object({ raidId: z.uuid() }))
    .query(({ ctx, input }) => getRaid(ctx, input.raidId)),

  create: programmeProcedure('items.editOwn')
    .input(ZCreateRaidInput)
    .mutation(({ ctx, input }) => createRaid(ctx, input)),

  update: programmeProcedure('items.editOwn')
    .input(ZUpdateRaidInput)
    .mutation(({ ctx, input }) => updateRaid(ctx, input)),

  /** A risk that has happened: marked materialised and raised as a linked issue, in one step. */
  raiseIssue: programmeProcedure('items.editOwn')
    .input(
      z.object({
        riskId: z.uuid(),
        version: ZVersion,
        impact: zLines({ max: 5_000, tooLong: 'Keep the impact under 5,000 characters' }).optional(),
        dueOn: ZCalendarDate.nullable().optional(),
      }),
    )
    .mutation(({ ctx, input }) => raiseIssueFromRisk(ctx, input)),
});
