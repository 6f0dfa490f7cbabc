import {
  ZCreateSiteInput,
  ZCreateStaffGroupInput,
  ZCreateSystemInput,
  ZUpdateSiteInput,
  ZUpdateStaffGroupInput,
  ZUpdateSystemInput,
  ZVersion,
} from '@baton/domain';
import { z } from 'zod';
import { programmeProcedure, router } from '../../trpc';
import {
  createSite,
  createStaffGroup,
  createSystem,
  linkTask,
  removeSite,
  removeStaffGroup,
  removeSystem,
  transferRegisters,
  updateSiteFields,
  updateStaffGroupFields,
  updateSystemFields,
} from './registers.service';

export const registersRouter = router({
  /** The three registers of one transfer, each row with its derived state, linked tasks and risks, and totals. */
  list: programmeProcedure('programme.read')
    .input(z.object({ transferId: z.uuid() }))
    .query(({ ctx, input }) => transferRegisters(ctx, input.transferId)),

  createStaffGroup: programmeProcedure('items.editOwn')
    .input(ZCreateStaffGroupInput)
    .mutation(({ ctx, input }) => createStaffGroup(ctx, input)),
  updateStaffGroup: programmeProcedure('items.editOwn')
    .input(ZUpdateStaffGroupInput)
    .mutation(({ ctx, input }) => updateStaffGroupFields(ctx, input)),
  removeStaffGroup: programmeProcedure('items.editOwn')
    .input(z.object({ staffGroupId: z.uuid(), version: ZVersion }))
    .mutation(({ ctx, input }) => removeStaffGroup(ctx, input)),

  createSite: programmeProcedure('items.editOwn')
    .input(ZCreateSiteInput)
    .mutation(({ ctx, input }) => createSite(ctx, input)),
  updateSite: programmeProcedure('items.editOwn')
    .input(ZUpdateSiteInput)
    .mutation(({ ctx, input }) => updateSiteFields(ctx, input)),
  removeSite: programmeProcedure('items.editOwn')
    .input(z.object({ siteId: z.uuid(), version: ZVersion }))
    .mutation(({ ctx, input }) => removeSite(ctx, input)),

  createSystem: programmeProcedure('items.editOwn')
    .input(ZCreateSystemInput)
    .mutation(({ ctx, input }) => createSystem(ctx, input)),
  updateSystem: programmeProcedure('items.editOwn')
    .input(ZUpdateSystemInput)
    .mutation(({ ctx, input }) => updateSystemFields(ctx, input)),
  removeSystem: programmeProcedure('items.editOwn')
    .input(z.object({ systemId: z.uuid(), version: ZVersion }))
    .mutation(({ ctx, input }) => removeSystem(ctx, input)),

  /** Point a plan task at a staff group, site and/or system of its own transfer (null clears; omitted keeps). */
  linkTask: programmeProcedure('items.editOwn')
    .input(
      z.object({
        taskId: z.uuid(),
        version: ZVersion,
        staffGroupId: z.uuid().nullable().optional(),
        siteId: z.uuid().nullable().optional(),
        systemId: z.uuid().nullable().optional(),
      }),
    )
    .mutation(({ ctx, input }) => linkTask(ctx, input)),
});
