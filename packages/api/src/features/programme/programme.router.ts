import {
  ZCloseProgrammeInput,
  ZCreateProgrammeInput,
  ZDeletionStepInput,
  ZGovernanceInput,
  ZProgrammeSecurityInput,
  ZUpdateProgrammeInput,
  ZVersion,
} from '@baton/domain';
import { z } from 'zod';
import { authedProcedure, programmeProcedure, router } from '../../trpc';
import {
  closeTheProgramme,
  confirmDeletion,
  reopenTheProgramme,
  requestDeletion,
  withdrawDeletion,
} from './programme.retention';
import {
  createProgramme,
  myProgrammes,
  programmeOverview,
  updateGovernance,
  updateProgrammeDetails,
  updateSecurity,
} from './programme.service';

export const programmeRouter = router({
  list: authedProcedure.query(({ ctx }) => myProgrammes(ctx)),

  overview: programmeProcedure('programme.read').query(({ ctx }) => programmeOverview(ctx)),

  create: authedProcedure
    .input(ZCreateProgrammeInput)
    .mutation(({ ctx, input }) => createProgramme(ctx, input)),

  update: programmeProcedure('programme.update')
    .input(ZUpdateProgrammeInput)
    .mutation(({ ctx, input }) => updateProgrammeDetails(ctx, input)),

  /** The governance group the papers go to and their protective marking. */
  updateGovernance: programmeProcedure('programme.update')
    .input(ZGovernanceInput)
    .mutation(({ ctx, input }) => updateGovernance(ctx, input)),

  /** Whether members who sign in with a password must also use a second factor. */
  updateSecurity: programmeProcedure('programme.update')
    .input(ZProgrammeSecurityInput)
    .mutation(({ ctx, input }) => updateSecurity(ctx, input, ctx.session.method ?? 'password')),

  /** Close: read-only from now, its records kept until `retainUntil`. */
  close: programmeProcedure('programme.records')
    .input(ZCloseProgrammeInput)
    .mutation(({ ctx, input }) => closeTheProgramme(ctx, input)),

  reopen: programmeProcedure('programme.records')
    .input(z.object({ version: ZVersion }))
    .mutation(({ ctx, input }) => reopenTheProgramme(ctx, input)),

  /** The first of two steps of deleting a closed programme after its retention date. */
  requestDeletion: programmeProcedure('programme.records')
    .input(ZDeletionStepInput)
    .mutation(({ ctx, input }) => requestDeletion(ctx, input)),

  withdrawDeletion: programmeProcedure('programme.records')
    .input(z.object({ version: ZVersion }))
    .mutation(({ ctx, input }) => withdrawDeletion(ctx, input)),

  /** The second step, by someone other than the person who asked: deletes the programme and all in it. */
  confirmDeletion: authedProcedure
    .input(ZDeletionStepInput)
    .mutation(({ ctx, input }) => confirmDeletion(ctx, input)),
});
