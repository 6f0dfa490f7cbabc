import {
  ForbiddenError,
  NotFoundError,
  RuleViolationError,
  type TCreateOrganisationInput,
  type TUpdateOrganisationInput,
} from '@baton/domain';
import {
  findOrganisation,
  insertOrganisation,
  isAdminOfAnyProgramme,
  listOrganisations,
  listOrganisationsVisibleTo,
  organisationNameTaken,
  updateOrganisation,
} from '@baton/db';
import type { TUserContext } from '../../context';
import { mutation } from '../../mutation';

/*
 * The directory of organisations is shared by every programme. System admins and programme admins maintain
 * it and see all of it (they add parties and invite people from it); everyone else sees their own
 * organisation and the parties of their programmes, which for a bidder means only the commissioners.
 */

const ORGANISATION_NOT_FOUND = 'That organisation does not exist.';

async function maintainsDirectory(ctx: TUserContext): Promise<boolean> {
  return ctx.user.isSystemAdmin || isAdminOfAnyProgramme(ctx.db, ctx.user.id);
}

async function assertCanManage(ctx: TUserContext) {
  if (!(await maintainsDirectory(ctx)))
    throw new ForbiddenError('Only programme admins can add or change organisations.');
}

export async function organisationDirectory(ctx: TUserContext) {
  return (await maintainsDirectory(ctx))
    ? listOrganisations(ctx.db)
    : listOrganisationsVisibleTo(ctx.db, { id: ctx.user.id, organisationId: ctx.user.organisation.id });
}

/** The directory is programme-wide to nobody: its events sit outside any programme. */
const directoryAudience = { kind: 'full' } as const;

const nameTaken = () =>
  new RuleViolationError('An organisation with that name already exists.', {
    name: ['Already in the directory'],
  });

export async function createOrganisation(ctx: TUserContext, input: TCreateOrganisationInput) {
  await assertCanManage(ctx);
  return mutation(ctx, async ({ trx, audit }) => {
    if (await organisationNameTaken(trx, input.name)) throw nameTaken();
    const o = await insertOrganisation(trx, input);
    await audit({
      programmeId: null,
      organisationId: o.id,
      entityType: 'organisation',
      entityId: o.id,
      action: 'create',
      audience: directoryAudience,
      summary: `Added organisation ${o.name}`,
      after: o,
    });
    return o;
  });
}

export async function updateOrganisationDetails(ctx: TUserContext, input: TUpdateOrganisationInput) {
  await assertCanManage(ctx);
  return mutation(ctx, async ({ trx, audit, expectVersion }) => {
    const before = await findOrganisation(trx, input.organisationId);
    if (!before) throw new NotFoundError(ORGANISATION_NOT_FOUND);
    expectVersion(before, input.version, 'organisation');
    if (await organisationNameTaken(trx, input.name, input.organisationId)) throw nameTaken();
    const o = await updateOrganisation(trx, input);
    await audit({
      programmeId: null,
      organisationId: o.id,
      entityType: 'organisation',
      entityId: o.id,
      action: 'update',
      audience: directoryAudience,
      summary: `Updated organisation ${o.name}`,
      before,
      after: o,
    });
    return o;
  });
}
