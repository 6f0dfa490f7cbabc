import { ZIdentityProviderInput, ZVersion } from '@baton/domain';
import { z } from 'zod';
import { authedProcedure, router } from '../../trpc';
import { checkProvider, listProviders, removeProvider, saveProvider } from './sso.service';

/** Setting up organisations' identity providers: system administrators only. */
export const ssoRouter = router({
  providers: authedProcedure.query(({ ctx }) => listProviders(ctx)),

  saveProvider: authedProcedure
    .input(ZIdentityProviderInput)
    .mutation(({ ctx, input }) => saveProvider(ctx, input)),

  removeProvider: authedProcedure
    .input(z.object({ id: z.uuid(), version: ZVersion }))
    .mutation(({ ctx, input }) => removeProvider(ctx, input)),

  checkProvider: authedProcedure
    .input(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) => checkProvider(ctx, input.id)),
});
