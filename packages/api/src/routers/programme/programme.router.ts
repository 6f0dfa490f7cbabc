import {
  canSeeOrganisationItem,
  capabilitiesOf,
  countdownTo,
  ForbiddenError,
  isAllowedStageChange,
  isPublicPartyRole,
  keyDatesOf,
  PROGRAMME_STAGE_LABELS,
  RuleViolationError,
  ZCreateProgrammeInput,
  ZUpdateProgrammeInput,
} from '@baton/domain';
import {
  countMembers,
  findProgramme,
  insertMembership,
  insertProgramme,
  listLots,
  listParties,
  listProgrammesForUser,
  programmeCodeTaken,
  recordAudit,
  updateProgramme,
} from '@baton/db';
import { authedProcedure, programmeProcedure, router } from '../../trpc';

export const programmeRouter = router({
  list: authedProcedure.query(async ({ ctx }) => {
    const today = ctx.today();
    const rows = await listProgrammesForUser(ctx.db, ctx.user.id);
    return rows.map((p) => ({
      id: p.id,
      name: p.name,
      code: p.code,
      stage: p.stage,
      procurementRoute: p.procurementRoute,
      expectedServiceCommencement: p.expectedServiceCommencement,
      role: p.role,
      countdown: countdownTo(p.expectedServiceCommencement, today),
    }));
  }),

  overview: programmeProcedure('programme.read').query(async ({ ctx, input }) => {
    const { member } = ctx;
    const own = member.visibility.kind === 'own' ? member.visibility.organisationId : undefined;
    const [programme, lots, parties, memberCount] = await Promise.all([
      findProgramme(ctx.db, input.programmeId),
      listLots(ctx.db, input.programmeId),
      listParties(ctx.db, input.programmeId),
      countMembers(ctx.db, input.programmeId, own),
    ]);
    const today = ctx.today();
    return {
      programme: programme!,
      me: {
        role: member.role,
        capabilities: capabilitiesOf(member.role),
        organisationId: member.organisationId,
        visibility: member.visibility,
      },
      lots,
      parties: parties
        .filter(
          (p) => isPublicPartyRole(p.role) || canSeeOrganisationItem(member.visibility, p.organisation.id),
        )
        .map(({ id, role, lotId, organisation }) => ({ id, role, lotId, organisation })),
      keyDates: keyDatesOf(programme!, today),
      countdown: countdownTo(programme!.expectedServiceCommencement, today),
      memberCount,
    };
  }),

  create: authedProcedure.input(ZCreateProgrammeInput).mutation(async ({ ctx, input }) => {
    if (!ctx.user.isSystemAdmin)
      throw new ForbiddenError('Only system administrators can create programmes.');
    return ctx.db.transaction().execute(async (trx) => {
      if (await programmeCodeTaken(trx, input.code)) {
        throw new RuleViolationError('That programme code is already in use.', {
          code: ['Choose another code'],
        });
      }
      const p = await insertProgramme(trx, input);
      await insertMembership(trx, { programmeId: p.id, userId: ctx.user.id, role: 'programme_admin' });
      await recordAudit(trx, {
        actorUserId: ctx.user.id,
        programmeId: p.id,
        organisationId: null,
        entityType: 'programme',
        entityId: p.id,
        action: 'create',
        summary: `Created programme ${p.name}`,
        after: p,
      });
      return { id: p.id };
    });
  }),

  update: programmeProcedure('programme.update')
    .input(ZUpdateProgrammeInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute(async (trx) => {
        const before = await findProgramme(trx, input.programmeId);
        if (before && !isAllowedStageChange(before.stage, input.stage)) {
          throw new RuleViolationError(
            `A programme cannot move back from ${PROGRAMME_STAGE_LABELS[before.stage]} to ${PROGRAMME_STAGE_LABELS[input.stage]}.`,
            { stage: ['Stages only move forward, or back one step to correct a mistake'] },
          );
        }
        if (await programmeCodeTaken(trx, input.code, input.programmeId)) {
          throw new RuleViolationError('That programme code is already in use.', {
            code: ['Choose another code'],
          });
        }
        const after = await updateProgramme(trx, input);
        await recordAudit(trx, {
          actorUserId: ctx.user.id,
          programmeId: after.id,
          organisationId: null,
          entityType: 'programme',
          entityId: after.id,
          action: 'update',
          summary: `Updated programme details`,
          before,
          after,
        });
        return after;
      }),
    ),
});
