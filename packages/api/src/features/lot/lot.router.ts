import { ZCreateLotInput, ZUpdateLotInput, ZVersion } from '@baton/domain';
import { z } from 'zod';
import { programmeProcedure, router } from '../../trpc';
import { createLot, removeLot, updateLotDetails } from './lot.service';

export const lotRouter = router({
  create: programmeProcedure('lots.manage')
    .input(ZCreateLotInput)
    .mutation(({ ctx, input }) => createLot(ctx, input)),

  update: programmeProcedure('lots.manage')
    .input(ZUpdateLotInput)
    .mutation(({ ctx, input }) => updateLotDetails(ctx, input)),

  remove: programmeProcedure('lots.manage')
    .input(z.object({ lotId: z.uuid(), version: ZVersion }))
    .mutation(({ ctx, input }) => removeLot(ctx, input)),
});
