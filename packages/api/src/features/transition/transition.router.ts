import {
  ZConfidenceInput,
  ZCreateTaskInput,
  ZCreateTransferInput,
  ZDependencyInput,
  ZReadinessSettings,
  ZTransferFields,
  ZUpdateTaskInput,
  ZVersion,
  zLine,
} from '@baton/domain';
import { z } from 'zod';
import { programmeProcedure, router } from '../../trpc';
import { baselines, setBaseline } from './baseline.service';
import { assessConfidence, confidenceHistory } from './confidence.service';
import { transferGoLiveConfidence } from './go-live-confidence.service';
import {
  addDependency,
  createTask,
  myTasks,
  removeDependency,
  taskDetail,
  taskOptions,
  updateTaskFields,
} from './task.service';
import {
  createTransfer,
  programmeDates,
  readinessRulesOf,
  transferPlan,
  updateReadinessSettings,
  transfersWithReadiness,
  updateTransferFields,
} from './transfer.service';

export const transitionRouter = router({
  transfers: programmeProcedure('programme.read').query(({ ctx }) => transfersWithReadiness(ctx)),

  createTransfer: programmeProcedure('items.editAny')
    .input(ZCreateTransferInput)
    .mutation(({ ctx, input }) => createTransfer(ctx, input)),

  updateTransfer: programmeProcedure('items.editAny')
    .input(z.object({ programmeId: z.uuid(), transferId: z.uuid(), version: ZVersion }).and(ZTransferFields))
    .mutation(({ ctx, input }) => updateTransferFields(ctx, input)),

  plan: programmeProcedure('programme.read')
    .input(z.object({ transferId: z.uuid(), baselineId: z.uuid().nullish() }))
    .query(({ ctx, input }) => transferPlan(ctx, input.transferId, input.baselineId)),

  /** Record a delivery confidence assessment (the commissioner's, or a provider's self-assessment). */
  assessConfidence: programmeProcedure('items.editOwn')
    .input(ZConfidenceInput)
    .mutation(({ ctx, input }) => assessConfidence(ctx, input)),

  /** Every delivery confidence assessment of a transfer, newest first, and the programme's scale. */
  confidence: programmeProcedure('programme.read')
    .input(z.object({ transferId: z.uuid() }))
    .query(({ ctx, input }) => confidenceHistory(ctx, input.transferId)),

  /** Go-live confidence: P50/P80/P90, the chance of going live on time and of missing each statutory date. */
  goLiveConfidence: programmeProcedure('programme.read')
    .input(z.object({ transferId: z.uuid() }))
    .query(({ ctx, input }) => transferGoLiveConfidence(ctx, input.transferId)),

  /** The plan's baselines, newest first. */
  baselines: programmeProcedure('programme.read').query(({ ctx }) => baselines(ctx)),

  /** Keep a baseline of every task's planned dates now. */
  setBaseline: programmeProcedure('items.editAny')
    .input(z.object({ name: zLine({ min: 3, max: 120, tooShort: 'Name the baseline' }) }))
    .mutation(({ ctx, input }) => setBaseline(ctx, input.name)),

  task: programmeProcedure('programme.read')
    .input(z.object({ taskId: z.uuid() }))
    .query(({ ctx, input }) => taskDetail(ctx, input.taskId)),

  /** Every task the caller can see, for pickers (e.g. "delivered by plan task" on a mitigation). */
  taskOptions: programmeProcedure('programme.read').query(({ ctx }) => taskOptions(ctx)),

  myTasks: programmeProcedure('programme.read')
    .input(z.object({ scope: z.enum(['mine', 'organisation']).default('mine') }))
    .query(({ ctx, input }) => myTasks(ctx, input.scope)),

  createTask: programmeProcedure('items.editOwn')
    .input(ZCreateTaskInput)
    .mutation(({ ctx, input }) => createTask(ctx, input)),

  updateTask: programmeProcedure('items.editOwn')
    .input(ZUpdateTaskInput)
    .mutation(({ ctx, input }) => updateTaskFields(ctx, input)),

  addDependency: programmeProcedure('items.editOwn')
    .input(ZDependencyInput)
    .mutation(({ ctx, input }) => addDependency(ctx, input)),

  removeDependency: programmeProcedure('items.editOwn')
    .input(z.object({ dependencyId: z.uuid() }))
    .mutation(({ ctx, input }) => removeDependency(ctx, input.dependencyId)),

  /** The readiness rules in words and the programme's settings for them. */
  readinessRules: programmeProcedure('programme.read').query(({ ctx }) => readinessRulesOf(ctx)),

  updateReadinessSettings: programmeProcedure('programme.update')
    .input(z.object({ version: ZVersion, settings: ZReadinessSettings }))
    .mutation(({ ctx, input }) => updateReadinessSettings(ctx, input)),

  /** Programme-level dates: PSR standstill from the intention-to-award notice. */
  programmeDates: programmeProcedure('programme.read').query(({ ctx }) => programmeDates(ctx)),
});
