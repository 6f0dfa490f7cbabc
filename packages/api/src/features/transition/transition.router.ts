import {
  ZCreateTaskInput,
  ZCreateTransferInput,
  ZDependencyInput,
  ZTransferFields,
  ZUpdateTaskInput,
  ZVersion,
} from '@baton/domain';
import { z } from 'zod';
import { programmeProcedure, router } from '../../trpc';
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
  transferPlan,
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
    .input(z.object({ transferId: z.uuid() }))
    .query(({ ctx, input }) => transferPlan(ctx, input.transferId)),

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

  /** Programme-level dates: PSR standstill from the intention-to-award notice. */
  programmeDates: programmeProcedure('programme.read').query(({ ctx }) => programmeDates(ctx)),
});
