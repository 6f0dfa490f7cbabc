import {
  ZCreateActionInput,
  ZCreateRiskInput,
  ZReviewRiskInput,
  ZRiskMatrixUpdate,
  ZRiskCategoryKey,
  ZRiskStatus,
  ZVersion,
  ZVersionOrZero,
  zInt,
  refuseControlCharactersDeep,
  ZUpdateActionInput,
  ZUpdateRiskInput,
} from '@baton/domain';
import { z } from 'zod';
import { programmeProcedure, router } from '../../trpc';
import { addAction, updateActionFields } from './action.service';
import { ZRiskFilterInput, ZRiskListInput, ZWhatChangedInput } from './risk.schema';
import {
  bulkUpdate,
  createRisk,
  getRisk,
  heatMap,
  listRegister,
  reviewRisk,
  riskMatrix,
  setTaskImpact,
  setTransferLinks,
  updateMatrix,
  updateRiskFields,
  whatChanged,
} from './risk.service';

export const riskRouter = router({
  matrix: programmeProcedure('programme.read').query(({ ctx }) => riskMatrix(ctx)),

  updateMatrix: programmeProcedure('programme.update')
    .input(z.object({ matrix: refuseControlCharactersDeep(ZRiskMatrixUpdate), version: ZVersionOrZero }))
    .mutation(({ ctx, input }) => updateMatrix(ctx, input)),

  list: programmeProcedure('programme.read')
    .input(ZRiskListInput)
    .query(({ ctx, input }) => listRegister(ctx, input)),

  heatMap: programmeProcedure('programme.read')
    .input(z.object({ filter: ZRiskFilterInput.default({}) }))
    .query(({ ctx, input }) => heatMap(ctx, input.filter)),

  get: programmeProcedure('programme.read')
    .input(z.object({ riskId: z.uuid() }))
    .query(({ ctx, input }) => getRisk(ctx, input.riskId)),

  create: programmeProcedure('items.editOwn')
    .input(ZCreateRiskInput)
    .mutation(({ ctx, input }) => createRisk(ctx, input)),

  update: programmeProcedure('items.editOwn')
    .input(ZUpdateRiskInput)
    .mutation(({ ctx, input }) => updateRiskFields(ctx, input)),

  review: programmeProcedure('items.editOwn')
    .input(ZReviewRiskInput)
    .mutation(({ ctx, input }) => reviewRisk(ctx, input)),

  bulkUpdate: programmeProcedure('items.editOwn')
    .input(
      z.object({
        risks: z
          .array(z.object({ riskId: z.uuid(), version: ZVersion }))
          .min(1)
          .max(500),
        patch: z
          .object({
            status: ZRiskStatus.optional(),
            ownerUserId: z.uuid().nullable().optional(),
            categoryKey: ZRiskCategoryKey.optional(),
          })
          .refine(
            (p) => Object.values(p).some((v) => v !== undefined),
            'Choose at least one change to apply',
          ),
      }),
    )
    .mutation(({ ctx, input }) => bulkUpdate(ctx, input)),

  whatChanged: programmeProcedure('programme.read')
    .input(ZWhatChangedInput)
    .query(({ ctx, input }) => whatChanged(ctx, input)),

  setTransferLinks: programmeProcedure('items.editOwn')
    .input(z.object({ riskId: z.uuid(), transferIds: z.array(z.uuid()).max(50) }))
    .mutation(({ ctx, input }) => setTransferLinks(ctx, input)),

  setTaskImpact: programmeProcedure('items.editOwn')
    .input(
      z.object({
        riskId: z.uuid(),
        taskId: z.uuid(),
        impactDays: zInt(1, 365, '1 to 365 days').nullable(),
      }),
    )
    .mutation(({ ctx, input }) => setTaskImpact(ctx, input)),

  addAction: programmeProcedure('items.editOwn')
    .input(ZCreateActionInput)
    .mutation(({ ctx, input }) => addAction(ctx, input)),

  updateAction: programmeProcedure('items.editOwn')
    .input(ZUpdateActionInput)
    .mutation(({ ctx, input }) => updateActionFields(ctx, input)),
});
