import {
  bandOf,
  can,
  classifyChanges,
  isActionOverdue,
  isReviewOverdue,
  isTargetAboveTolerance,
  riskReference,
  RuleViolationError,
  trendOf,
  ZActionFields,
  ZCreateActionInput,
  ZCreateRiskInput,
  ZReviewRiskInput,
  ZRiskMatrix,
  ZRiskStatus,
  ZUpdateActionInput,
  ZUpdateRiskInput,
  type TChangeKind,
  type TRiskMatrix,
} from '@baton/domain';
import {
  findAction,
  findTask,
  findTransfer,
  replaceRiskTransferLinks,
  transfersLinkedToRisk,
  findRiskMatrix,
  insertAction,
  insertRisk,
  listActionsForRisks,
  listAuditEvents,
  listOverdueActions,
  listRisks,
  rederiveRisks,
  recordAudit,
  riskChangesBetween,
  riskHeatMap,
  riskHistory,
  saveRiskMatrix,
  takeRiskNumber,
  updateAction,
  updateRisk,
  type Executor,
  type TActionRow,
  type TRiskRow,
} from '@baton/db';
import { z } from 'zod';
import {
  notifyActionAssigned,
  notifyMatrixEscalations,
  notifyRiskEscalated,
} from '../../notifications/notify';
import { programmeProcedure, router } from '../../trpc';
import { assertCanEditFor, onlyOrgOf, visibleRisk, type TMember } from './risk.access';
import { toRepositoryFilter } from './risk.filter';
import { ZRiskFilterInput, ZRiskListInput, ZWhatChangedInput } from './risk.schema';
import { fieldsOf, resolveRiskWrite } from './risk.write';

/** What every screen shows beside a stored risk: band, trend, tolerance and review flags. */
function present(r: TRiskRow, matrix: TRiskMatrix, today: string, scoreHistory?: number[]) {
  return {
    ...r,
    reference: riskReference(r.number),
    band: {
      initial: bandOf(r.initial.score, matrix).key,
      current: bandOf(r.current.score, matrix).key,
      target: bandOf(r.target.score, matrix).key,
    },
    targetAboveTolerance: isTargetAboveTolerance(r.target.score, r.categoryKey, matrix),
    reviewOverdue: isReviewOverdue(r, today),
    ...(scoreHistory ? { trend: trendOf(scoreHistory), scoreHistory } : {}),
  };
}

function presentAction(a: TActionRow, today: string) {
  return { ...a, overdue: isActionOverdue(a, today) };
}

async function audit(
  trx: Executor,
  ctx: { user: { id: string } },
  programmeId: string,
  risk: TRiskRow,
  action: 'create' | 'update',
  summary: string,
  before?: unknown,
) {
  await recordAudit(trx, {
    actorUserId: ctx.user.id,
    programmeId,
    organisationId: risk.owningOrganisation.id,
    entityType: 'risk',
    entityId: risk.id,
    action,
    summary: `${riskReference(risk.number)} ${summary}`,
    before,
    after: risk,
  });
}

async function assertTaskOfProgramme(trx: Executor, programmeId: string, taskId: string | null) {
  if (taskId && !(await findTask(trx, programmeId, taskId))) {
    throw new RuleViolationError('Choose a task of this programme’s transition plan.', {
      taskId: ['Unknown task'],
    });
  }
}

/** An action may be changed by whoever may change its organisation's items, or the risk's. */
function assertCanEditAction(m: TMember, risk: TRiskRow, organisationId: string) {
  try {
    assertCanEditFor(m, organisationId, 'actions');
  } catch {
    assertCanEditFor(m, risk.owningOrganisation.id, 'actions');
  }
}

export const riskRouter = router({
  matrix: programmeProcedure('programme.read').query(({ ctx, input }) =>
    findRiskMatrix(ctx.db, input.programmeId),
  ),

  updateMatrix: programmeProcedure('programme.update')
    .input(z.object({ matrix: ZRiskMatrix, version: z.number().int().min(0) }))
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute(async (trx) => {
        const before = await findRiskMatrix(trx, input.programmeId);
        const saved = await saveRiskMatrix(trx, input.programmeId, input.matrix, input.version);
        const rederived = await rederiveRisks(trx, input.programmeId, input.matrix, {
          effectiveOn: ctx.today(),
          recordedBy: ctx.user.id,
        });
        await notifyMatrixEscalations(trx, {
          programmeId: input.programmeId,
          actorUserId: ctx.user.id,
          riskIds: rederived.escalated,
          matrixVersion: saved.version,
          threshold: input.matrix.escalationThreshold,
        });
        await recordAudit(trx, {
          actorUserId: ctx.user.id,
          programmeId: input.programmeId,
          organisationId: null,
          entityType: 'risk_matrix',
          entityId: input.programmeId,
          action: 'update',
          summary: `Changed the risk matrix (${rederived.count} risks re-derived)`,
          before: before.matrix,
          after: input.matrix,
        });
        return saved;
      }),
    ),

  list: programmeProcedure('programme.read')
    .input(ZRiskListInput)
    .query(async ({ ctx, input }) => {
      const today = ctx.today();
      const { matrix } = await findRiskMatrix(ctx.db, input.programmeId);
      const page = await listRisks(
        ctx.db,
        toRepositoryFilter(input.programmeId, input.filter, matrix, today, onlyOrgOf(ctx.member)),
        {
          sort: input.sort,
          direction: input.direction,
          limit: input.limit,
          cursor: input.cursor ?? undefined,
        },
      );
      return {
        items: page.items.map(({ openActions, overdueActions, scoreHistory, ...r }) => ({
          ...present(r, matrix, today, scoreHistory),
          openActions,
          overdueActions,
        })),
        total: page.total,
        nextCursor: page.nextCursor,
      };
    }),

  heatMap: programmeProcedure('programme.read')
    .input(z.object({ filter: ZRiskFilterInput.default({}) }))
    .query(async ({ ctx, input }) => {
      const { matrix } = await findRiskMatrix(ctx.db, input.programmeId);
      const filter = toRepositoryFilter(
        input.programmeId,
        input.filter,
        matrix,
        ctx.today(),
        onlyOrgOf(ctx.member),
      );
      return riskHeatMap(ctx.db, filter);
    }),

  get: programmeProcedure('programme.read')
    .input(z.object({ riskId: z.uuid() }))
    .query(async ({ ctx, input }) => {
      const today = ctx.today();
      const risk = await visibleRisk(ctx.db, ctx.member, input.programmeId, input.riskId);
      const [{ matrix }, history, actions, auditTrail, transfers] = await Promise.all([
        findRiskMatrix(ctx.db, input.programmeId),
        riskHistory(ctx.db, risk.id),
        listActionsForRisks(ctx.db, [risk.id]),
        listAuditEvents(ctx.db, { programmeId: input.programmeId, entityId: risk.id, limit: 100 }),
        transfersLinkedToRisk(ctx.db, risk.id),
      ]);
      return {
        risk: present(
          risk,
          matrix,
          today,
          history.map((h) => h.score),
        ),
        transfers,
        history,
        actions: actions.map((a) => presentAction(a, today)),
        audit: auditTrail.items,
        canEdit:
          can(ctx.member.role, 'items.editAny') ||
          (can(ctx.member.role, 'items.editOwn') && ctx.member.organisationId === risk.owningOrganisation.id),
      };
    }),

  create: programmeProcedure('items.editOwn')
    .input(ZCreateRiskInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute(async (trx) => {
        assertCanEditFor(ctx.member, input.owningOrganisationId, 'risks');
        const today = ctx.today();
        const { matrix } = await findRiskMatrix(trx, input.programmeId);
        const raisedOn = input.raisedOn ?? today;
        const write = await resolveRiskWrite(
          trx,
          input.programmeId,
          { ...input, raisedOn, lastReviewedOn: raisedOn },
          matrix,
        );
        const number = await takeRiskNumber(trx, input.programmeId);
        const risk = await insertRisk(trx, input.programmeId, write, {
          number,
          createdBy: ctx.user.id,
          history: { effectiveOn: raisedOn, recordedBy: ctx.user.id, kind: 'raised' },
        });
        await audit(trx, ctx, input.programmeId, risk, 'create', `raised: ${risk.title}`);
        await notifyRiskEscalated(trx, { actor: ctx.user, before: null, after: risk });
        return present(risk, matrix, today);
      }),
    ),

  update: programmeProcedure('items.editOwn')
    .input(ZUpdateRiskInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute(async (trx) => {
        const today = ctx.today();
        const before = await visibleRisk(trx, ctx.member, input.programmeId, input.riskId);
        assertCanEditFor(ctx.member, before.owningOrganisation.id, 'risks');
        const { programmeId: _p, riskId: _r, version, ...patch } = input;
        const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
        const next = { ...fieldsOf(before), ...defined };
        if (next.owningOrganisationId !== before.owningOrganisation.id)
          assertCanEditFor(ctx.member, next.owningOrganisationId, 'risks');
        const { matrix } = await findRiskMatrix(trx, input.programmeId);
        const write = await resolveRiskWrite(trx, input.programmeId, next, matrix);
        const after = await updateRisk(trx, before, write, {
          version,
          history: { effectiveOn: today, recordedBy: ctx.user.id, kind: 'edit' },
        });
        await audit(
          trx,
          ctx,
          input.programmeId,
          after,
          'update',
          `updated (${Object.keys(defined).join(', ') || 'no fields'})`,
          before,
        );
        await notifyRiskEscalated(trx, { actor: ctx.user, before, after });
        return present(after, matrix, today);
      }),
    ),

  review: programmeProcedure('items.editOwn')
    .input(ZReviewRiskInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute(async (trx) => {
        const today = ctx.today();
        const reviewedOn = input.reviewedOn ?? today;
        if (reviewedOn > today)
          throw new RuleViolationError('A review cannot be dated in the future.', {
            reviewedOn: ['Use today or an earlier date'],
          });
        const before = await visibleRisk(trx, ctx.member, input.programmeId, input.riskId);
        assertCanEditFor(ctx.member, before.owningOrganisation.id, 'risks');
        if (reviewedOn < before.lastReviewedOn) {
          throw new RuleViolationError('This risk has a later review already.', {
            reviewedOn: [`The last review was on ${before.lastReviewedOn}`],
          });
        }
        const { matrix } = await findRiskMatrix(trx, input.programmeId);
        const next = { ...fieldsOf(before), current: input.current, lastReviewedOn: reviewedOn };
        const write = await resolveRiskWrite(trx, input.programmeId, next, matrix);
        const after = await updateRisk(trx, before, write, {
          version: input.version,
          history: { effectiveOn: reviewedOn, recordedBy: ctx.user.id, kind: 'review', note: input.note },
        });
        await audit(
          trx,
          ctx,
          input.programmeId,
          after,
          'update',
          `reviewed: current score ${before.current.score} → ${after.current.score}`,
          before,
        );
        await notifyRiskEscalated(trx, { actor: ctx.user, before, after });
        return present(after, matrix, today);
      }),
    ),

  bulkUpdate: programmeProcedure('items.editOwn')
    .input(
      z.object({
        risks: z
          .array(z.object({ riskId: z.uuid(), version: z.number().int().positive() }))
          .min(1)
          .max(500),
        patch: z
          .object({
            status: ZRiskStatus.optional(),
            ownerUserId: z.uuid().nullable().optional(),
            categoryKey: z.string().max(40).optional(),
          })
          .refine(
            (p) => Object.values(p).some((v) => v !== undefined),
            'Choose at least one change to apply',
          ),
      }),
    )
    .mutation(({ ctx, input }) =>
      // All or nothing: one stale or forbidden risk fails the whole batch, and nothing is written.
      ctx.db.transaction().execute(async (trx) => {
        const today = ctx.today();
        const { matrix } = await findRiskMatrix(trx, input.programmeId);
        const patch = Object.fromEntries(Object.entries(input.patch).filter(([, v]) => v !== undefined));
        let updated = 0;
        for (const { riskId, version } of input.risks) {
          const before = await visibleRisk(trx, ctx.member, input.programmeId, riskId);
          assertCanEditFor(ctx.member, before.owningOrganisation.id, 'risks');
          const write = await resolveRiskWrite(
            trx,
            input.programmeId,
            { ...fieldsOf(before), ...patch },
            matrix,
          );
          const after = await updateRisk(trx, before, write, {
            version,
            history: { effectiveOn: today, recordedBy: ctx.user.id, kind: 'edit' },
          });
          await audit(
            trx,
            ctx,
            input.programmeId,
            after,
            'update',
            `bulk update (${Object.keys(patch).join(', ')})`,
            before,
          );
          await notifyRiskEscalated(trx, { actor: ctx.user, before, after });
          updated++;
        }
        return { updated };
      }),
    ),

  whatChanged: programmeProcedure('programme.read')
    .input(ZWhatChangedInput)
    .query(async ({ ctx, input }) => {
      const only = onlyOrgOf(ctx.member);
      const [changes, overdueActions, { matrix }] = await Promise.all([
        riskChangesBetween(ctx.db, {
          programmeId: input.programmeId,
          from: input.from,
          to: input.to,
          onlyOrganisationId: only,
        }),
        listOverdueActions(ctx.db, {
          programmeId: input.programmeId,
          asOf: input.to,
          onlyOrganisationId: only,
        }),
        findRiskMatrix(ctx.db, input.programmeId),
      ]);
      const withRef = <T extends { number: number }>(r: T) => ({ ...r, reference: riskReference(r.number) });
      // One rule for every screen and paper (the steering pack uses it too); a risk raised inside the window
      // is new even if its history starts earlier.
      const c = classifyChanges(
        changes.map((ch) => ({ risk: ch, from: ch.raisedOn > input.from ? null : ch.from, to: ch.to })),
      );
      const list = (k: TChangeKind) => c[k].map((p) => withRef(p.risk));
      return {
        from: input.from,
        to: input.to,
        new: list('new'),
        rescoredUp: list('rescoredUp'),
        rescoredDown: list('rescoredDown'),
        escalated: list('escalated'),
        deescalated: list('deescalated'),
        closed: list('closed'),
        materialised: list('materialised'),
        reopened: list('reopened'),
        overdueActions: overdueActions.items.map((a) => ({ ...a, risk: withRef(a.risk) })),
        overdueActionsTotal: overdueActions.total,
        bands: matrix.bands,
      };
    }),

  setTransferLinks: programmeProcedure('items.editOwn')
    .input(z.object({ riskId: z.uuid(), transferIds: z.array(z.uuid()).max(50) }))
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute(async (trx) => {
        const risk = await visibleRisk(trx, ctx.member, input.programmeId, input.riskId);
        assertCanEditFor(ctx.member, risk.owningOrganisation.id, 'risks');
        for (const id of input.transferIds) {
          if (!(await findTransfer(trx, input.programmeId, id))) {
            throw new RuleViolationError('Choose transfers of this programme.', {
              transferIds: ['Unknown transfer'],
            });
          }
        }
        const before = await transfersLinkedToRisk(trx, risk.id);
        await replaceRiskTransferLinks(trx, risk.id, input.transferIds);
        const after = await transfersLinkedToRisk(trx, risk.id);
        await recordAudit(trx, {
          actorUserId: ctx.user.id,
          programmeId: input.programmeId,
          organisationId: risk.owningOrganisation.id,
          entityType: 'risk',
          entityId: risk.id,
          action: 'update',
          summary: `${riskReference(risk.number)} linked to ${after.length ? after.map((t) => t.name).join(', ') : 'no transfers'}`,
          before,
          after,
        });
        return after;
      }),
    ),

  addAction: programmeProcedure('items.editOwn')
    .input(ZCreateActionInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute(async (trx) => {
        const risk = await visibleRisk(trx, ctx.member, input.programmeId, input.riskId);
        assertCanEditAction(ctx.member, risk, input.organisationId);
        await assertTaskOfProgramme(trx, input.programmeId, input.taskId);
        const action = await insertAction(trx, {
          ...input,
          completedOn: input.status === 'done' ? (input.completedOn ?? ctx.today()) : input.completedOn,
        });
        await recordAudit(trx, {
          actorUserId: ctx.user.id,
          programmeId: input.programmeId,
          organisationId: action.organisation.id,
          entityType: 'risk',
          entityId: risk.id,
          action: 'create',
          summary: `${riskReference(risk.number)} action added: ${action.description}`,
          after: action,
        });
        await notifyActionAssigned(trx, { actor: ctx.user, before: null, after: action, risk });
        return presentAction(action, ctx.today());
      }),
    ),

  updateAction: programmeProcedure('items.editOwn')
    .input(ZUpdateActionInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute(async (trx) => {
        const before = await findAction(trx, input.programmeId, input.actionId);
        if (!before) throw new RuleViolationError('That action no longer exists.');
        const risk = await visibleRisk(trx, ctx.member, input.programmeId, before.riskId);
        assertCanEditAction(ctx.member, risk, before.organisation.id);
        const { programmeId: _p, actionId: _a, version, ...patch } = input;
        const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
        const merged = ZActionFields.parse({
          description: before.description,
          ownerUserId: before.owner?.id ?? null,
          organisationId: before.organisation.id,
          dueDate: before.dueDate,
          status: before.status,
          expectedEffect: before.expectedEffect,
          evidence: before.evidence,
          completedOn: before.completedOn,
          taskId: before.task?.id ?? null,
          ...defined,
        });
        if (merged.organisationId !== before.organisation.id)
          assertCanEditAction(ctx.member, risk, merged.organisationId);
        // Completing an action dates it; re-opening one clears the date.
        if (merged.status === 'done' && !merged.completedOn) merged.completedOn = ctx.today();
        if (merged.status !== 'done') merged.completedOn = null;
        const after = await updateAction(trx, before, merged, version);
        await recordAudit(trx, {
          actorUserId: ctx.user.id,
          programmeId: input.programmeId,
          organisationId: after.organisation.id,
          entityType: 'risk',
          entityId: risk.id,
          action: 'update',
          summary: `${riskReference(risk.number)} action updated: ${after.description}`,
          before,
          after,
        });
        await notifyActionAssigned(trx, { actor: ctx.user, before, after, risk });
        return presentAction(after, ctx.today());
      }),
    ),
});
