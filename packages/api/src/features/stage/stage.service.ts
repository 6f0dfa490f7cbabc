import {
  addDays,
  GATEWAY_RECOMMENDATION_LABELS,
  ISAP_STAGE_KEYS,
  NotFoundError,
  PROCUREMENT_ROUTE_LABELS,
  RuleViolationError,
  riskDraftFromStage,
  riskFromStageRefusal,
  riskReference,
  stageDateProblems,
  stageStateOf,
  stagesFromTemplate,
  standstillEndOf,
  timelineSummaryOf,
  type TAddStageInput,
  type TIsoDate,
  type TPackTimeline,
  type TProcurementRoute,
  type TUpdateStageInput,
} from '@baton/domain';
import {
  deleteStage,
  findRiskMatrix,
  findProgramme,
  findStage,
  insertStage,
  linkStageRisk,
  listStages,
  replaceStages,
  updateStage,
  type Executor,
  type TStageRow,
} from '@baton/db';
import { can } from '@baton/domain';
import type { TMember } from '../../access/membership';
import type { TMemberContext } from '../../context';
import { mutation } from '../../mutation';
import { listGatewaysFor } from '../gateway/gateway.service';
import { raiseRisk } from '../risk/risk.service';

/*
 * The programme timeline. Everyone in the programme reads it (the procurement's stages and dates are what
 * bidders plan by); its notes are the programme team's, so a bidder reads the dates without them. Programme
 * admins change it. The standstill's dates are never typed: they follow the intention to award and the route.
 */

const STAGE_NOT_FOUND = 'That stage does not exist.';

/** The standstill's dates from the intention to award, by the route's rule; other stages as stored. */
function withDerivedStandstill(rows: TStageRow[], route: TProcurementRoute, today: TIsoDate) {
  const ita = rows.find((r) => r.key === 'intention_to_award');
  return rows.map((r) => {
    if (r.kind !== 'standstill' || !ita) return { ...r, derived: false };
    const plannedEnd = standstillEndOf(route, ita.plannedEnd);
    if (!plannedEnd) return { ...r, derived: false };
    const actualEnd = ita.actualEnd ? standstillEndOf(route, ita.actualEnd) : null;
    return {
      ...r,
      plannedStart: addDays(ita.plannedEnd, 1),
      plannedEnd,
      actualStart: ita.actualEnd ? addDays(ita.actualEnd, 1) : null,
      actualEnd: actualEnd && actualEnd < today ? actualEnd : null,
      forecastEnd: actualEnd && actualEnd >= today ? actualEnd : null,
      derived: true,
    };
  });
}

/** The stages in date order, the standstill with its derived dates. */
async function stagesOf(
  db: Executor,
  programme: { id: string; procurementRoute: TProcurementRoute },
  today: TIsoDate,
) {
  return withDerivedStandstill(await listStages(db, programme.id), programme.procurementRoute, today).sort(
    (a, b) => a.plannedStart.localeCompare(b.plannedStart) || a.position - b.position,
  );
}

/** The timeline as a steering pack records it (stages keep no history: as it stands when the pack is made). */
export async function packTimelineOf(
  db: Executor,
  programme: { id: string; procurementRoute: TProcurementRoute },
  today: TIsoDate,
): Promise<TPackTimeline | undefined> {
  const rows = await stagesOf(db, programme, today);
  if (!rows.length) return undefined;
  const summary = timelineSummaryOf(rows, today);
  return {
    asOf: today,
    route: PROCUREMENT_ROUTE_LABELS[programme.procurementRoute],
    current: summary.current,
    stages: rows.map((r) => {
      const st = stageStateOf(r, today);
      return {
        label: r.label,
        kind: r.kind,
        plannedStart: r.plannedStart,
        plannedEnd: r.plannedEnd,
        actualEnd: r.actualEnd,
        status: st.status,
        slipDays: st.slipDays,
        rag: st.rag,
        reason: st.reason,
      };
    }),
    slipping: summary.slipping.map(({ label, slipDays, rag }) => ({ label, slipDays, rag })),
  };
}

export async function timelineOf(ctx: TMemberContext) {
  const { db, member } = ctx;
  const today = ctx.today();
  const programme = await findProgramme(db, member.programmeId);
  if (!programme) throw new NotFoundError('Programme not found.');
  const rows = await stagesOf(db, programme, today);
  const insider = member.visibility.kind === 'all';
  // Gateways map to ISAP checkpoints: each checkpoint shows the gateways held for it that the caller may see.
  const { gateways } = await listGatewaysFor(ctx);
  const gatewaysAt = (key: string) =>
    gateways
      .filter((g) => g.isapCheckpoint && ISAP_STAGE_KEYS[g.isapCheckpoint] === key)
      .map((g) => ({
        id: g.id,
        name: g.name,
        statusLabel: g.statusLabel,
        recommendation: g.recommendation ? GATEWAY_RECOMMENDATION_LABELS[g.recommendation] : null,
      }));
  return {
    today,
    route: programme.procurementRoute,
    routeLabel: PROCUREMENT_ROUTE_LABELS[programme.procurementRoute],
    expectedServiceCommencement: programme.expectedServiceCommencement,
    stages: rows.map((r) => ({
      ...r,
      notes: insider ? r.notes : '',
      state: stageStateOf(r, today),
      gateways: r.key ? gatewaysAt(r.key) : [],
    })),
    summary: timelineSummaryOf(rows, today),
    may: { edit: can(member.role, 'programme.update') },
  };
}

const event = (
  member: TMember,
  id: string,
  action: 'create' | 'update' | 'delete',
  summary: string,
  before?: unknown,
  after?: unknown,
) => ({
  entityType: 'programme_stage',
  entityId: id,
  action,
  programmeId: member.programmeId,
  // The timeline is the programme's, read by every member.
  audience: { kind: 'public' as const },
  summary,
  before,
  after,
});

/** Lay out the route's stages from the expected service commencement; replacing a timeline must be asked for. */
export async function applyTemplate(ctx: TMemberContext, input: { replace: boolean }) {
  const { member } = ctx;
  await mutation(ctx, async (w) => {
    const programme = (await findProgramme(w.trx, member.programmeId))!;
    const existing = await listStages(w.trx, member.programmeId);
    if (existing.length && !input.replace)
      throw new RuleViolationError(
        'This programme already has a timeline. Replace it to start again from the route’s stages (its dates are lost).',
      );
    const rows = await replaceStages(
      w.trx,
      member.programmeId,
      stagesFromTemplate(programme.procurementRoute, programme.expectedServiceCommencement).map((t) => ({
        key: t.key,
        label: t.label,
        kind: t.kind,
        plannedStart: t.plannedStart,
        plannedEnd: t.plannedEnd,
        actualStart: null,
        actualEnd: null,
        forecastEnd: null,
        rule: t.rule ?? '',
        notes: '',
      })),
    );
    await w.audit(
      event(
        member,
        member.programmeId,
        existing.length ? 'update' : 'create',
        `Timeline laid out for the ${PROCUREMENT_ROUTE_LABELS[programme.procurementRoute]} route (${rows.length} stages)`,
        existing.length ? { stages: existing.length } : undefined,
        { stages: rows.length },
      ),
    );
  });
  // Read after the change commits (the embedded database has one connection, held by the transaction).
  return timelineOf(ctx);
}

export function updateStageDates(ctx: TMemberContext, input: TUpdateStageInput) {
  const { member } = ctx;
  return mutation(ctx, async (w) => {
    const before = await findStage(w.trx, member.programmeId, input.stageId);
    if (!before) throw new NotFoundError(STAGE_NOT_FOUND);
    w.expectVersion(before, input.version, 'stage');
    const { programmeId: _p, stageId: _s, version, ...patch } = input;
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    if (before.kind === 'standstill' && Object.keys(defined).some((k) => k !== 'notes' && k !== 'label'))
      throw new RuleViolationError(
        'The standstill’s dates follow the intention to award and the procurement route: change the intention to award instead.',
      );
    const next = { ...before, ...defined };
    const problems = stageDateProblems(next, ctx.today());
    if (Object.keys(problems).length)
      throw new RuleViolationError('Some of the dates need correcting.', problems);
    const after = await updateStage(w.trx, before, next, version);
    await w.audit(
      event(
        member,
        after.id,
        'update',
        `Timeline: “${after.label}” updated (${Object.keys(defined).join(', ')})`,
        before,
        after,
      ),
    );
    return after;
  });
}

export function addStage(ctx: TMemberContext, input: TAddStageInput) {
  const { member } = ctx;
  return mutation(ctx, async (w) => {
    const problems = stageDateProblems(
      { ...input, actualStart: null, actualEnd: null, forecastEnd: null },
      ctx.today(),
    );
    if (Object.keys(problems).length)
      throw new RuleViolationError('Some of the dates need correcting.', problems);
    const row = await insertStage(w.trx, member.programmeId, {
      key: null,
      label: input.label,
      kind: input.kind,
      plannedStart: input.plannedStart,
      plannedEnd: input.plannedEnd,
      actualStart: null,
      actualEnd: null,
      forecastEnd: null,
      rule: '',
      notes: input.notes,
    });
    await w.audit(event(member, row.id, 'create', `Timeline: “${row.label}” added`, undefined, row));
    return row;
  });
}

export function removeStage(ctx: TMemberContext, input: { stageId: string; version: number }) {
  const { member } = ctx;
  return mutation(ctx, async (w) => {
    const before = await findStage(w.trx, member.programmeId, input.stageId);
    if (!before) throw new NotFoundError(STAGE_NOT_FOUND);
    w.expectVersion(before, input.version, 'stage');
    await deleteStage(w.trx, before, input.version);
    await w.audit(event(member, before.id, 'delete', `Timeline: “${before.label}” removed`, before));
    return { removed: before.id };
  });
}

/**
 * A slipping or late stage raises a risk on the register (procurement and legal), owned by the caller's
 * organisation and linked to the stage, in one transaction.
 */
export function raiseRiskFromStage(ctx: TMemberContext, input: { stageId: string; version: number }) {
  const { member } = ctx;
  return mutation(ctx, async (w) => {
    const today = ctx.today();
    const programme = (await findProgramme(w.trx, member.programmeId))!;
    const before = (await stagesOf(w.trx, programme, today)).find((r) => r.id === input.stageId);
    if (!before) throw new NotFoundError(STAGE_NOT_FOUND);
    w.expectVersion(before, input.version, 'stage');
    const refusal = riskFromStageRefusal(before, today);
    if (refusal) throw new RuleViolationError(refusal);
    const { matrix } = await findRiskMatrix(w.trx, member.programmeId);
    const categoryKey = matrix.categories.some((c) => c.key === 'procurement_legal')
      ? 'procurement_legal'
      : (matrix.categories[0]?.key ?? 'procurement_legal');
    const risk = await raiseRisk(w, ctx, {
      programmeId: member.programmeId,
      ...riskDraftFromStage(before, stageStateOf(before, today).slipDays),
      categoryKey,
      workstream: null,
      lotIds: [],
      ownerUserId: ctx.user.id,
      owningOrganisationId: member.organisationId,
      affectedOrganisationIds: [],
      controls: '',
      gaps: '',
      status: 'open',
      initial: { consequence: 4, likelihood: 3 },
      current: { consequence: 4, likelihood: 3 },
      target: { consequence: 4, likelihood: 2 },
      targetDate: null,
      proximity: null,
      escalationTier: 'programme',
    });
    const after = await linkStageRisk(w.trx, before, risk.id, input.version);
    await w.audit(
      event(
        member,
        after.id,
        'update',
        `Timeline: “${after.label}” slipping: raised ${riskReference(risk.number)}`,
        before,
        after,
      ),
    );
    return { stage: after, risk: { id: risk.id, number: risk.number } };
  });
}
