import { ZCreateOrganisationInput, ZUpdateOrganisationInput } from '@baton/domain';
import { authedProcedure, router } from '../../trpc';
import { createOrganisation, organisationDirectory, updateOrganisationDetails } from './organisation.service';

export const organisationRouter = router({
  list: authedProcedure.query(({ ctx }) => organisationDirectory(ctx)),

  create: authedProcedure
    .input(ZCreateOrganisationInput)
    .mutation(({ ctx, input }) => createOrganisation(ctx, input)),

  update: authedProcedure
    .input(ZUpdateOrganisationInput)
    .mutation(({ ctx, input }) => updateOrganisationDetails(ctx, input)),
});
