import {
  ForbiddenError,
  RuleViolationError,
  ZCreateOrganisationInput,
  ZUpdateOrganisationInput,
} from '@baton/domain';
import {
  findOrganisation,
  insertOrganisation,
  isAdminOfAnyProgramme,
  listOrganisations,
  organisationNameTaken,
  recordAudit,
  updateOrganisation,
} from '@baton/db';
import type { Context } from '../../context';
import { authedProcedure, router } from '../../trpc';

/** The directory of organisations is shared: system admins and programme admins maintain it. */
async function assertCanManage(ctx: Context & { user: { id: string; isSystemAdmin: boolean } }) {
  if (ctx.user.isSystemAdmin || (await isAdminOfAnyProgramme(ctx.db, ctx.user.id))) return;
  throw new ForbiddenError('Only programme admins can add or change organisations.');
}

const nameTaken = () =>
  new RuleViolationError('An organisation with that name already exists.', {
    name: ['Already in the directory'],
  });

export const organisationRouter = router({
  list: authedProcedure.query(({ ctx }) => listOrganisations(ctx.db)),

  create: authedProcedure.input(ZCreateOrganisationInput).mutation(async ({ ctx, input }) => {
    await assertCanManage(ctx);
    return ctx.db.transaction().execute(async (trx) => {
      if (await organisationNameTaken(trx, input.name)) throw nameTaken();
      const o = await insertOrganisation(trx, input);
      await recordAudit(trx, {
        actorUserId: ctx.user.id,
        programmeId: null,
        organisationId: o.id,
        entityType: 'organisation',
        entityId: o.id,
        action: 'create',
        summary: `Added organisation ${o.name}`,
        after: o,
      });
      return o;
    });
  }),

  update: authedProcedure.input(ZUpdateOrganisationInput).mutation(async ({ ctx, input }) => {
    await assertCanManage(ctx);
    return ctx.db.transaction().execute(async (trx) => {
      if (await organisationNameTaken(trx, input.name, input.organisationId)) throw nameTaken();
      const before = await findOrganisation(trx, input.organisationId);
      const o = await updateOrganisation(trx, input);
      await recordAudit(trx, {
        actorUserId: ctx.user.id,
        programmeId: null,
        organisationId: o.id,
        entityType: 'organisation',
        entityId: o.id,
        action: 'update',
        summary: `Updated organisation ${o.name}`,
        before,
        after: o,
      });
      return o;
    });
  }),
});
