import {
  classifyChanges,
  countChanges,
  riskReference,
  RuleViolationError,
  type TChangeKind,
  type TCreateRiskInput,
  type TReviewRiskInput,
  type TRiskMatrix,
  type TRiskStatus,
  type TUpdateRiskInput,
} from '@baton/domain';
import {
  findRiskMatrix,
  insertRisk,
  listActionsForRisks,
  listAuditEvents,
  listOverdueActions,
  listRisks,
  rederiveRisks,
  replaceRiskTransferLinks,
  riskChangesBetween,
  riskHeatMap,
  riskHistory,
  saveRiskMatrix,
  setRiskTaskImpact,
  takeRiskNumber,
  taskImpactsOfRisk,
  transfersLinkedToRisk,
  updateRisk,
  type TRiskSort,
} from '@baton/db';
import { z } from 'zod';
import type { TMemberContext } from '../../context';
import { mutation, type TWrite } from '../../mutation';
import { notifyMatrixEscalations, notifyRiskEscalated } from '../notification/notify';
import {
  transferAudience,
  visibleTask,
  visibleTransfer,
  visibleTransferIds,
} from '../transition/transition.access';
import {
  assertCanEditRisk,
  canEditRisk,
  riskAuditAudience,
  riskVisibility,
  visibleRisk,
} from './risk.access';
import { toRepositoryFilter } from './risk.filter';
import { presentAction, presentRisk } from './risk.present';
import type { TRiskFilterInput } from './risk.schema';
import { fieldsOf, resolveRiskWrite } from './risk.write';
import { naming } from '../../access/naming';
import { matrixFor } from './risk-matrix.cache';

/* The risk register: reads under the caller's visibility, writes through mutation() with the naming rules. */

export const riskMatrix = (ctx: TMemberContext) => matrixFor(ctx.db, ctx.member);

export function updateMatrix(ctx: TMemberContext, input: { matrix: TRiskMatrix; version: number }) {
  const programmeId = ctx.member.programmeId;
  return mutation(ctx, async ({ trx, audit }) => {
    const before = await findRiskMatrix(trx, programmeId);
    const saved = await saveRiskMatrix(trx, programmeId, input.matrix, input.version);
    const rederived = await rederiveRisks(trx, programmeId, input.matrix, {
      effectiveOn: ctx.today(),
      recordedBy: ctx.user.id,
    });
    await notifyMatrixEscalations(trx, {
      programmeId,
      actorUserId: ctx.user.id,
      riskIds: rederived.escalated,
      matrixVersion: saved.version,
      threshold: input.matrix.escalationThreshold,
    });
    await audit({
      entityType: 'risk_matrix',
      entityId: programmeId,
      action: 'update',
      audience: { kind: 'public' },
      summary: `Changed the risk matrix (${rederived.count} risks re-derived)`,
      before: before.matrix,
      after: input.matrix,
    });
    return saved;
  });
}

const ZDate = z.iso.date();
const ZInt = z.number().int().min(-2_147_483_648).max(2_147_483_647);
const CURSOR_VALUE: Record<TRiskSort, z.ZodType> = {
  score: ZInt,
  reference: ZInt,
  title: z.string(),
  category: z.string(),
  nextReview: ZDate,
  updated: z.iso.datetime({ offset: true }),
};

/** A page cursor must fit the sort it came from: a forged one is a 400, never a failed cast. */
function checkCursor(sort: TRiskSort, cursor: { v: string | number; n: number } | null | undefined) {
  if (!cursor) return undefined;
  if (!CURSOR_VALUE[sort].safeParse(cursor.v).success)
    throw new RuleViolationError('That page of the register is out of date: reload the register.', {
      cursor: ['Not a cursor of this sort order'],
    });
  return cursor;
}

export async function listRegister(
  ctx: TMemberContext,
  input: {
    filter: TRiskFilterInput;
    sort: TRiskSort;
    direction: 'asc' | 'desc';
    limit: number;
    cursor?: { v: string | number; n: number } | null | undefined;
  },
) {
  const today = ctx.today();
  const { matrix } = await riskMatrix(ctx);
  const page = await listRisks(
    ctx.db,
    toRepositoryFilter(ctx.member.programmeId, input.filter, matrix, today, riskVisibility(ctx.member)),
    {
      sort: input.sort,
      direction: input.direction,
      limit: input.limit,
      cursor: checkCursor(input.sort, input.cursor),
    },
  );
  return {
    items: page.items.map(({ openActions, overdueActions, scoreHistory, ...r }) => ({
      ...presentRisk(r, matrix, today, scoreHistory),
      openActions,
      overdueActions,
    })),
    total: page.total,
    nextCursor: page.nextCursor,
  };
}

export async function heatMap(ctx: TMemberContext, filter: TRiskFilterInput) {
  const { matrix } = await riskMatrix(ctx);
  return riskHeatMap(
    ctx.db,
    toRepositoryFilter(ctx.member.programmeId, filter, matrix, ctx.today(), riskVisibility(ctx.member)),
  );
}

export async function getRisk(ctx: TMemberContext, riskId: string) {
  const today = ctx.today();
  const { db, member } = ctx;
  const risk = await visibleRisk(db, member, riskId);
  const [{ matrix }, history, actions, auditTrail, transfers, seenTransfers, taskImpacts] = await Promise.all(
    [
      matrixFor(db, member),
      riskHistory(db, risk.id),
      listActionsForRisks(db, [risk.id]),
      listAuditEvents(db, {
        programmeId: member.programmeId,
        entityId: risk.id,
        limit: 100,
        visibility: member.visibility,
      }),
      transfersLinkedToRisk(db, risk.id, member.visibility),
      visibleTransferIds(db, member),
      taskImpactsOfRisk(db, risk.id, member.visibility),
    ],
  );
  return {
    risk: presentRisk(
      risk,
      matrix,
      today,
      history.map((h) => h.score),
    ),
    transfers,
    /** Plan tasks this risk would delay, by how many days (go-live confidence takes them as delay events). */
    taskImpacts,
    history,
    // A plan task is named on an action only for those who may see its transfer.
    actions: actions.map((a) =>
      presentAction(
        seenTransfers === 'all' || !a.task || seenTransfers.has(a.task.transferId) ? a : { ...a, task: null },
        today,
      ),
    ),
    audit: auditTrail.items,
    canEdit: canEditRisk(member, risk.owningOrganisation.id),
  };
}

export function createRisk(ctx: TMemberContext, input: TCreateRiskInput) {
  return mutation(ctx, (w) => raiseRisk(w, ctx, input));
}

/** A new risk, inside a change that may do more in the same transaction (a request raising its risk). */
export async function raiseRisk(
  { trx, audit }: Pick<TWrite, 'trx' | 'audit'>,
  ctx: TMemberContext,
  input: TCreateRiskInput,
) {
  const { member } = ctx;
  assertCanEditRisk(member, input.owningOrganisationId);
  const today = ctx.today();
  const { matrix } = await findRiskMatrix(trx, member.programmeId);
  const raisedOn = input.raisedOn ?? today;
  const write = await resolveRiskWrite(trx, member, { ...input, raisedOn, lastReviewedOn: raisedOn }, matrix);
  const number = await takeRiskNumber(trx, member.programmeId);
  const risk = await insertRisk(trx, member.programmeId, write, {
    number,
    createdBy: ctx.user.id,
    history: { effectiveOn: raisedOn, recordedBy: ctx.user.id, kind: 'raised' },
  });
  await audit({
    entityType: 'risk',
    entityId: risk.id,
    action: 'create',
    organisationId: risk.owningOrganisation.id,
    audience: riskAuditAudience(risk),
    summary: `${riskReference(risk.number)} raised: ${risk.title}`,
    after: risk,
  });
  await notifyRiskEscalated(trx, { actor: ctx.user, before: null, after: risk });
  return presentRisk(risk, matrix, today);
}

export function updateRiskFields(ctx: TMemberContext, input: TUpdateRiskInput) {
  const { member } = ctx;
  return mutation(ctx, async ({ trx, audit, expectVersion }) => {
    const today = ctx.today();
    const before = await visibleRisk(trx, member, input.riskId);
    assertCanEditRisk(member, before.owningOrganisation.id);
    expectVersion(before, input.version, 'risk');
    const { programmeId: _p, riskId: _r, version, ...patch } = input;
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const next = { ...fieldsOf(before), ...defined };
    if (next.owningOrganisationId !== before.owningOrganisation.id)
      assertCanEditRisk(member, next.owningOrganisationId);
    const { matrix } = await findRiskMatrix(trx, member.programmeId);
    const write = await resolveRiskWrite(trx, member, next, matrix);
    const after = await updateRisk(trx, before, write, {
      version,
      history: { effectiveOn: today, recordedBy: ctx.user.id, kind: 'edit' },
    });
    // Whoever could see the risk before a change of owner may read that it moved away.
    await audit({
      entityType: 'risk',
      entityId: after.id,
      action: 'update',
      organisationId: after.owningOrganisation.id,
      audience: {
        kind: 'owners',
        organisationIds: [before.owningOrganisation.id, after.owningOrganisation.id],
      },
      summary: `${riskReference(after.number)} updated (${Object.keys(defined).join(', ') || 'no fields'})`,
      before,
      after,
    });
    await notifyRiskEscalated(trx, { actor: ctx.user, before, after });
    return presentRisk(after, matrix, today);
  });
}

export function reviewRisk(ctx: TMemberContext, input: TReviewRiskInput) {
  const { member } = ctx;
  return mutation(ctx, async ({ trx, audit, expectVersion }) => {
    const today = ctx.today();
    const reviewedOn = input.reviewedOn ?? today;
    if (reviewedOn > today)
      throw new RuleViolationError('A review cannot be dated in the future.', {
        reviewedOn: ['Use today or an earlier date'],
      });
    const before = await visibleRisk(trx, member, input.riskId);
    assertCanEditRisk(member, before.owningOrganisation.id);
    expectVersion(before, input.version, 'risk');
    if (reviewedOn < before.lastReviewedOn) {
      throw new RuleViolationError('This risk has a later review already.', {
        reviewedOn: [`The last review was on ${before.lastReviewedOn}`],
      });
    }
    const { matrix } = await findRiskMatrix(trx, member.programmeId);
    const next = { ...fieldsOf(before), current: input.current, lastReviewedOn: reviewedOn };
    const write = await resolveRiskWrite(trx, member, next, matrix);
    const after = await updateRisk(trx, before, write, {
      version: input.version,
      history: { effectiveOn: reviewedOn, recordedBy: ctx.user.id, kind: 'review', note: input.note },
    });
    await audit({
      entityType: 'risk',
      entityId: after.id,
      action: 'update',
      organisationId: after.owningOrganisation.id,
      audience: riskAuditAudience(after),
      summary: `${riskReference(after.number)} reviewed: current score ${before.current.score} → ${after.current.score}`,
      before,
      after,
    });
    await notifyRiskEscalated(trx, { actor: ctx.user, before, after });
    return presentRisk(after, matrix, today);
  });
}

export interface TBulkUpdateInput {
  risks: Array<{ riskId: string; version: number }>;
  patch: {
    status?: TRiskStatus | undefined;
    ownerUserId?: string | null | undefined;
    categoryKey?: string | undefined;
  };
}

/** All or nothing: one stale, hidden or forbidden risk fails the whole batch, and nothing is written. */
export function bulkUpdate(ctx: TMemberContext, input: TBulkUpdateInput) {
  const { member } = ctx;
  return mutation(ctx, async ({ trx, audit, expectVersion }) => {
    const today = ctx.today();
    const { matrix } = await findRiskMatrix(trx, member.programmeId);
    const patch = Object.fromEntries(Object.entries(input.patch).filter(([, v]) => v !== undefined));
    let updated = 0;
    for (const { riskId, version } of input.risks) {
      const before = await visibleRisk(trx, member, riskId);
      assertCanEditRisk(member, before.owningOrganisation.id);
      expectVersion(before, version, 'risk');
      const write = await resolveRiskWrite(trx, member, { ...fieldsOf(before), ...patch }, matrix);
      const after = await updateRisk(trx, before, write, {
        version,
        history: { effectiveOn: today, recordedBy: ctx.user.id, kind: 'edit' },
      });
      await audit({
        entityType: 'risk',
        entityId: after.id,
        action: 'update',
        organisationId: after.owningOrganisation.id,
        audience: riskAuditAudience(after),
        summary: `${riskReference(after.number)} bulk update (${Object.keys(patch).join(', ')})`,
        before,
        after,
      });
      await notifyRiskEscalated(trx, { actor: ctx.user, before, after });
      updated++;
    }
    return { updated };
  });
}

/**
 * On screen "what changed" lists at most this many risks of each kind, in reference order, beside the whole
 * count of each; the page asks for every one when someone wants them all. A programme of thousands of risks
 * moved megabytes for a page that shows the counts first.
 */
export const CHANGES_SCREEN_LIST = 100;

export async function whatChanged(
  ctx: TMemberContext,
  input: { from: string; to: string; full?: boolean | undefined },
) {
  const { db, member } = ctx;
  const visibility = riskVisibility(member);
  const [changes, overdueActions, { matrix }] = await Promise.all([
    riskChangesBetween(db, { programmeId: member.programmeId, from: input.from, to: input.to, visibility }),
    listOverdueActions(db, { programmeId: member.programmeId, asOf: input.to, visibility }),
    matrixFor(db, member),
  ]);
  const withRef = <T extends { number: number }>(r: T) => ({ ...r, reference: riskReference(r.number) });
  // One rule for every screen and paper (the steering pack uses it too); a risk raised inside the window
  // is new even if its history starts earlier.
  const c = classifyChanges(
    changes.map((ch) => ({ risk: ch, from: ch.raisedOn > input.from ? null : ch.from, to: ch.to })),
  );
  const shown = input.full ? Infinity : CHANGES_SCREEN_LIST;
  const list = (k: TChangeKind) => c[k].slice(0, shown).map((p) => withRef(p.risk));
  return {
    from: input.from,
    to: input.to,
    /** How many risks of each kind changed: whole, whatever the lists show. */
    counts: countChanges(c),
    /** The most each list shows (null: every one). */
    listLimit: input.full ? null : CHANGES_SCREEN_LIST,
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
}

/**
 * The transfers a risk threatens. Every transfer named must be one the caller may see (a hidden one is
 * refused exactly as a missing one) and one everybody who sees the risk may see.
 */
export function setTransferLinks(ctx: TMemberContext, input: { riskId: string; transferIds: string[] }) {
  const { member } = ctx;
  return mutation(ctx, async ({ trx, audit }) => {
    const risk = await visibleRisk(trx, member, input.riskId);
    assertCanEditRisk(member, risk.owningOrganisation.id);
    const check = naming(trx, member, [risk.owningOrganisation.id], 'risk');
    for (const id of new Set(input.transferIds)) {
      const transfer = await visibleTransfer(trx, member, id).catch(() => {
        throw new RuleViolationError('Choose transfers of this programme.', {
          transferIds: ['Unknown transfer'],
        });
      });
      check.row('transferIds', transferAudience(transfer));
    }
    await check.check();
    const before = await transfersLinkedToRisk(trx, risk.id, member.visibility);
    await replaceRiskTransferLinks(trx, risk.id, input.transferIds);
    const after = await transfersLinkedToRisk(trx, risk.id, member.visibility);
    await audit({
      entityType: 'risk',
      entityId: risk.id,
      action: 'update',
      organisationId: risk.owningOrganisation.id,
      audience: riskAuditAudience(risk),
      summary: `${riskReference(risk.number)} linked to ${after.length ? after.map((t) => t.name).join(', ') : 'no transfers'}`,
      before,
      after,
    });
    return after;
  });
}

/**
 * A risk would delay a plan task by some days if it happened (null: no longer): the schedule risk analysis
 * takes it as a delay event, with the probability of the risk's current likelihood.
 */
export function setTaskImpact(
  ctx: TMemberContext,
  input: { riskId: string; taskId: string; impactDays: number | null },
) {
  const { member } = ctx;
  return mutation(ctx, async ({ trx, audit }) => {
    const risk = await visibleRisk(trx, member, input.riskId);
    assertCanEditRisk(member, risk.owningOrganisation.id);
    const { task, transfer } = await visibleTask(trx, member, input.taskId).catch(() => {
      throw new RuleViolationError('Choose a task of this programme’s transition plan.', {
        taskId: ['Unknown task'],
      });
    });
    await naming(trx, member, [risk.owningOrganisation.id], 'risk')
      .row('taskId', transferAudience(transfer))
      .check();
    await setRiskTaskImpact(trx, {
      programmeId: member.programmeId,
      riskId: risk.id,
      taskId: task.id,
      impactDays: input.impactDays,
    });
    await audit({
      entityType: 'risk',
      entityId: risk.id,
      action: 'update',
      organisationId: risk.owningOrganisation.id,
      audience: riskAuditAudience(risk),
      summary:
        input.impactDays === null
          ? `${riskReference(risk.number)} no longer delays “${task.title}”`
          : `${riskReference(risk.number)} would delay “${task.title}” by ${input.impactDays} days`,
      after: input,
    });
    return taskImpactsOfRisk(trx, risk.id, member.visibility);
  });
}
