import { ZAddStageInput, ZUpdateStageInput, ZVersion } from '@baton/domain';
import { z } from 'zod';
import { programmeProcedure, router } from '../../trpc';
import {
  addStage,
  applyTemplate,
  raiseRiskFromStage,
  removeStage,
  timelineOf,
  updateStageDates,
} from './stage.service';

export const stageRouter = router({
  /** The programme timeline: each stage with where it stands today, the slipping ones, the standstill rule. */
  timeline: programmeProcedure('programme.read')
    .input(z.object({ programmeId: z.uuid() }))
    .query(({ ctx }) => timelineOf(ctx)),

  /** Lay out the route's stages from the expected service commencement (replace: start again). */
  applyTemplate: programmeProcedure('programme.update')
    .input(z.object({ programmeId: z.uuid(), replace: z.boolean().default(false) }))
    .mutation(({ ctx, input }) => applyTemplate(ctx, input)),

  update: programmeProcedure('programme.update')
    .input(ZUpdateStageInput)
    .mutation(({ ctx, input }) => updateStageDates(ctx, input)),

  add: programmeProcedure('programme.update')
    .input(ZAddStageInput)
    .mutation(({ ctx, input }) => addStage(ctx, input)),

  /** A slipping or late stage raises a risk on the register, linked to it (once). */
  raiseRisk: programmeProcedure('programme.update')
    .input(z.object({ programmeId: z.uuid(), stageId: z.uuid(), version: ZVersion }))
    .mutation(({ ctx, input }) => raiseRiskFromStage(ctx, input)),

  remove: programmeProcedure('programme.update')
    .input(z.object({ programmeId: z.uuid(), stageId: z.uuid(), version: ZVersion }))
    .mutation(({ ctx, input }) => removeStage(ctx, input)),
});
