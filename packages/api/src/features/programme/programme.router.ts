import { ZCreateProgrammeInput, ZUpdateProgrammeInput } from '@baton/domain';
import { authedProcedure, programmeProcedure, router } from '../../trpc';
import {
  createProgramme,
  myProgrammes,
  programmeOverview,
  updateProgrammeDetails,
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
});
