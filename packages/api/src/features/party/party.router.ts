import { ZAddPartyInput } from '@baton/domain';
import { z } from 'zod';
import { programmeProcedure, router } from '../../trpc';
import { addParty, removeParty } from './party.service';

export const partyRouter = router({
  add: programmeProcedure('parties.manage')
    .input(ZAddPartyInput)
    .mutation(({ ctx, input }) => addParty(ctx, input)),

  remove: programmeProcedure('parties.manage')
    .input(z.object({ partyId: z.uuid() }))
    .mutation(({ ctx, input }) => removeParty(ctx, input.partyId)),
});
