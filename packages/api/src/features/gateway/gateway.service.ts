import {
  canEditTemplate,
  DOMAIN_ROLL_UP_RULE,
  ForbiddenError,
  GATEWAY_RATING_LABELS,
  GATEWAY_RECOMMENDATION_LABELS,
  GATEWAY_STATUS_LABELS,
  GATEWAY_TEMPLATE,
  gatewayScoringNotification,
  maySeeOthersRatings,
  moderationProblem,
  NotFoundError,
  nextGatewayStatus,
  raidReference,
  ratingSpread,
  recommendationProblem,
  rollUpDomainRating,
  RuleViolationError,
  scoringComplete,
  suggestedRecommendation,
  type TAddEvidenceInput,
  type TCreateGatewayInput,
  type TGatewayRating,
  type TGatewayStatus,
  type TRecordRecommendationInput,
  type TSetCriteriaInput,
  type TUpdateGatewayInput,
} from '@baton/domain';
import {
  deleteGatewayEvidence,
  findGatewayEvidence,
  gatewayCounts,
  insertGateway,
  insertGatewayEvidence,
  listGatewayConditions,
  listGatewayDomains,
  listGatewayEvidence,
  listGatewayPanel,
  listGatewayRatings,
  listGateways,
  moderateGatewayTarget,
  replaceGatewayDomains,
  setGatewayPanel,
  setGatewayStatus,
  touchGateway,
  updateGatewayDetails,
  upsertGatewayRating,
  type Executor,
  type TGatewayRow,
} from '@baton/db';
import { seesEveryOrganisation } from '../../access/membership';
import type { TMemberContext } from '../../context';
import { mutation, type TWrite } from '../../mutation';
import { writeNotifications } from '../notification/notify';
import { insertRaid } from '../raid/raid.service';
import {
  assertRunsGateways,
  canSeeGateway,
  checkGatewayNames,
  GATEWAY_NOT_FOUND,
  gatewayAuditAudience,
  managedGateway,
  runsGateways,
  seesPanelWork,
  visibleGateway,
} from './gateway.access';

/* Assurance gateways: a panel rates criteria, moderation agrees, the steering group decides (issue 15). */

const audited = (g: TGatewayRow) => ({ ...g, assessedOrganisationName: undefined });

const event = (g: TGatewayRow, summary: string, action: 'create' | 'update' | 'delete' = 'update') => ({
  entityType: 'gateway',
  entityId: g.id,
  action,
  organisationId: g.assessedOrganisationId,
  audience: gatewayAuditAudience(g),
  summary,
});

/** How far the panel has got, as the list shows it; the same counts the gateway's page adds up. */
function progressOf(
  status: TGatewayStatus,
  c: { criteria: number; panel: number; ratings: number; criteriaAgreed: number },
) {
  const expected = c.criteria * c.panel;
  if (status === 'scoring')
    return {
      label: `${c.ratings} of ${expected} panel ratings`,
      done: c.ratings,
      of: expected,
      rule: 'Every panel member rates every criterion; moderation opens when all ratings are in.',
    };
  if (status === 'moderation')
    return {
      label: `${c.criteriaAgreed} of ${c.criteria} criteria agreed`,
      done: c.criteriaAgreed,
      of: c.criteria,
      rule: 'Moderation agrees one rating, with reasons, for every criterion and every domain.',
    };
  return null;
}

export async function listGatewaysFor(ctx: TMemberContext) {
  const m = ctx.member;
  const rows = (
    await listGateways(ctx.db, m.programmeId, seesEveryOrganisation(m) ? undefined : [m.organisationId])
  ).filter((g) => canSeeGateway(m, g));
  const counts = await gatewayCounts(
    ctx.db,
    rows.map((g) => g.id),
  );
  return {
    canCreate: runsGateways(m),
    gateways: rows.map((g) => {
      const c = counts.get(g.id)!;
      const panelSide = seesPanelWork(m, g);
      return {
        ...g,
        statusLabel: GATEWAY_STATUS_LABELS[g.status],
        domains: c.domains,
        criteria: c.criteria,
        panelSize: panelSide ? c.panel : null,
        progress: panelSide ? progressOf(g.status, c) : null,
        conditions: { all: c.conditions, open: c.openConditions },
      };
    }),
  };
}

async function gatewayParts(db: Executor, g: TGatewayRow) {
  const domains = await listGatewayDomains(db, g.id);
  const conditions = await listGatewayConditions(db, g.id);
  return { domains, conditions };
}

/**
 * One gateway. The assurance side sees the panel, the ratings (a panel member sees colleagues' only once their
 * own are all in, or from moderation on), the spread per criterion, the evidence log and the suggested
 * recommendation; everyone else sees the decided outcome only.
 */
export async function getGateway(ctx: TMemberContext, gatewayId: string) {
  const m = ctx.member;
  const g = await visibleGateway(ctx.db, m, gatewayId);
  const { domains, conditions } = await gatewayParts(ctx.db, g);
  const panelSide = seesPanelWork(m, g);
  const criterionCount = domains.reduce((n, d) => n + d.criteria.length, 0);
  const conditionRows = conditions.map((c) => ({
    id: c.id,
    reference: raidReference('action', c.number),
    title: c.title,
    status: c.status,
    dueOn: c.dueOn,
    closedOn: c.closedOn,
    owner: panelSide ? c.ownerName : null,
  }));
  const outcome = {
    recommendation: g.recommendation,
    recommendationLabel: g.recommendation ? GATEWAY_RECOMMENDATION_LABELS[g.recommendation] : null,
    rationale: g.rationale,
    decidedOn: g.decidedOn,
    conditions: conditionRows,
  };
  const domainsOut = (ratings: Awaited<ReturnType<typeof listGatewayRatings>> | null) =>
    domains.map((d) => {
      const rolledUp = rollUpDomainRating(d.criteria.map((c) => c.agreedRating));
      return {
        id: d.id,
        name: d.name,
        version: d.version,
        agreedRating: d.agreedRating,
        agreedReasons: d.agreedReasons,
        rolledUp,
        criteria: d.criteria.map((c) => {
          const mine = ratings?.filter((r) => r.criterionId === c.id) ?? [];
          return {
            id: c.id,
            text: c.text,
            version: c.version,
            agreedRating: c.agreedRating,
            agreedReasons: c.agreedReasons,
            spread: ratings ? ratingSpread(mine.map((r) => r.rating)) : null,
          };
        }),
      };
    });
  const gateway = { ...g, statusLabel: GATEWAY_STATUS_LABELS[g.status] };
  if (!panelSide)
    return {
      gateway,
      me: ctx.user.id,
      panelSide: false as const,
      domains: domainsOut(null).map((d) => ({
        ...d,
        // An outcome is its agreed ratings: a gateway decided before every rating was agreed shows none.
        criteria: d.criteria.map((c) => ({ ...c, spread: null })),
      })),
      rollUpRule: DOMAIN_ROLL_UP_RULE,
      outcome,
      panel: [],
      ratings: [],
      evidence: [],
      seesOthers: false,
      isPanelMember: false,
      canManage: false,
      canEditCriteria: false,
      suggested: null,
      moderationProblem: null,
    };
  const panel = await listGatewayPanel(ctx.db, g.id);
  const all = await listGatewayRatings(ctx.db, g.id);
  const own = all.filter((r) => r.panelUserId === ctx.user.id);
  const seesOthers = maySeeOthersRatings(g.status, own.length, criterionCount);
  const ratings = seesOthers ? all : own;
  const agreedDomains = domains.map((d) => d.agreedRating);
  return {
    gateway,
    me: ctx.user.id,
    panelSide: true as const,
    domains: domainsOut(seesOthers ? all : null),
    rollUpRule: DOMAIN_ROLL_UP_RULE,
    outcome,
    panel: panel.map((p) => ({
      ...p,
      rated: all.filter((r) => r.panelUserId === p.id).length,
      of: criterionCount,
    })),
    ratings,
    evidence: await listGatewayEvidence(ctx.db, g.id),
    seesOthers,
    isPanelMember: panel.some((p) => p.id === ctx.user.id),
    canManage: runsGateways(m),
    canEditCriteria: runsGateways(m) && canEditTemplate(g.status),
    suggested: suggestedRecommendation(agreedDomains),
    moderationProblem: g.status === 'moderation' ? moderationProblem(domains) : null,
  };
}

export function createGateway(ctx: TMemberContext, input: TCreateGatewayInput) {
  return mutation(ctx, async (w) => {
    assertRunsGateways(ctx.member);
    await checkGatewayNames(w.trx, ctx.member, input);
    const id = await insertGateway(w.trx, {
      programmeId: ctx.member.programmeId,
      assessedOrganisationId: input.assessedOrganisationId,
      name: input.name,
      isapCheckpoint: input.isapCheckpoint,
      lotId: input.lotId,
      scoringOpensOn: input.scoringOpensOn,
      panelDueOn: input.panelDueOn,
      createdBy: ctx.user.id,
      panelUserIds: input.panelUserIds,
      domains: input.useTemplate ? GATEWAY_TEMPLATE : [],
    });
    const g = await visibleGateway(w.trx, ctx.member, id);
    await w.audit({
      ...event(g, `Gateway “${g.name}” set up for ${g.assessedOrganisationName}`, 'create'),
      after: { ...audited(g), panelUserIds: input.panelUserIds },
    });
    return g;
  });
}

/** Details and panel. The organisation assessed changes only in draft; the panel until moderation opens. */
export function updateGateway(ctx: TMemberContext, input: TUpdateGatewayInput) {
  return mutation(ctx, async (w) => {
    const before = await managedGateway(w.trx, ctx.member, input.gatewayId);
    w.expectVersion(before, input.version, 'gateway');
    if (before.status === 'decided')
      throw new RuleViolationError('This gateway is decided: its record is final.');
    if (before.status !== 'draft' && input.assessedOrganisationId !== before.assessedOrganisationId)
      throw new RuleViolationError('The organisation assessed is fixed once the panel starts scoring.', {
        assessedOrganisationId: ['Fixed once scoring starts'],
      });
    await checkGatewayNames(w.trx, ctx.member, input);
    const panelBefore = (await listGatewayPanel(w.trx, before.id)).map((p) => p.id).sort();
    const panelChanged = panelBefore.join() !== [...input.panelUserIds].sort().join();
    if (panelChanged && before.status === 'moderation')
      throw new RuleViolationError('The panel is fixed once moderation opens.', {
        panelUserIds: ['Fixed once moderation opens'],
      });
    if (before.status === 'scoring' && input.panelUserIds.length === 0)
      throw new RuleViolationError('A gateway being scored needs a panel.', {
        panelUserIds: ['Name at least one panel member'],
      });
    await updateGatewayDetails(w.trx, before.id, input.version, input);
    if (panelChanged) await setGatewayPanel(w.trx, before.id, input.panelUserIds);
    const after = await visibleGateway(w.trx, ctx.member, before.id);
    await w.audit({
      ...event(after, `Gateway “${after.name}” updated${panelChanged ? ' (panel changed)' : ''}`),
      before: { ...audited(before), panelUserIds: panelBefore },
      after: { ...audited(after), panelUserIds: input.panelUserIds },
    });
    return after;
  });
}

/** The domains and criteria, edited as one list while the gateway is in draft. */
export function setCriteria(ctx: TMemberContext, input: TSetCriteriaInput) {
  return mutation(ctx, async (w) => {
    const g = await managedGateway(w.trx, ctx.member, input.gatewayId);
    w.expectVersion(g, input.version, 'gateway');
    if (!canEditTemplate(g.status))
      throw new RuleViolationError(
        'Criteria are fixed once the panel starts scoring, so every member rates the same list.',
      );
    const before = await listGatewayDomains(w.trx, g.id);
    await replaceGatewayDomains(
      w.trx,
      g.id,
      input.domains.map((d) => ({ name: d.name, criteria: d.criteria })),
    );
    const after = await touchGateway(w.trx, g.id, input.version);
    const count = input.domains.reduce((n, d) => n + d.criteria.length, 0);
    await w.audit({
      ...event(g, `Gateway “${g.name}”: ${input.domains.length} domains, ${count} criteria set`),
      before: before.map((d) => ({ name: d.name, criteria: d.criteria.map((c) => c.text) })),
      after: input.domains,
    });
    return after;
  });
}

/** One step on: draft → panel scoring → moderation. Deciding is recording the recommendation. */
export function advanceGateway(
  ctx: TMemberContext,
  input: { gatewayId: string; version: number; to: TGatewayStatus },
) {
  return mutation(ctx, async (w) => {
    const g = await managedGateway(w.trx, ctx.member, input.gatewayId);
    w.expectVersion(g, input.version, 'gateway');
    if (nextGatewayStatus(g.status) !== input.to || input.to === 'decided')
      throw new RuleViolationError(
        'A gateway moves draft → panel scoring → moderation; record the recommendation to decide it.',
      );
    const domains = await listGatewayDomains(w.trx, g.id);
    const criteria = domains.reduce((n, d) => n + d.criteria.length, 0);
    const panel = await listGatewayPanel(w.trx, g.id);
    if (input.to === 'scoring' && (criteria === 0 || panel.length === 0))
      throw new RuleViolationError('Scoring starts with at least one criterion and one panel member.');
    if (input.to === 'moderation') {
      const ratings = await listGatewayRatings(w.trx, g.id);
      const counts = panel.map((p) => ratings.filter((r) => r.panelUserId === p.id).length);
      if (!scoringComplete(criteria, counts)) {
        const missing = panel.filter((_p, i) => counts[i]! < criteria).map((p) => p.name);
        throw new RuleViolationError(
          `Moderation opens when every panel member has rated every criterion: still to finish: ${missing.join(', ')}.`,
        );
      }
    }
    const after = await setGatewayStatus(w.trx, g.id, input.version, input.to);
    await w.audit(event(g, `Gateway “${g.name}” moved to ${GATEWAY_STATUS_LABELS[input.to].toLowerCase()}`));
    if (input.to === 'scoring')
      await writeNotifications(
        w.trx,
        panel
          .filter((p) => p.id !== ctx.user.id)
          .map((p) =>
            gatewayScoringNotification({ userId: p.id, programmeId: g.programmeId, gateway: g, criteria }),
          ),
      );
    return after;
  });
}

/** A panel member rates a criterion as themselves, while the panel is scoring. */
export function rateCriterion(
  ctx: TMemberContext,
  input: {
    gatewayId: string;
    criterionId: string;
    rating: TGatewayRating;
    comment: string;
    version?: number | undefined;
  },
) {
  return mutation(ctx, async (w) => {
    const g = await visibleGateway(w.trx, ctx.member, input.gatewayId);
    if (!seesPanelWork(ctx.member, g)) throw new NotFoundError(GATEWAY_NOT_FOUND);
    const panel = await listGatewayPanel(w.trx, g.id);
    if (!panel.some((p) => p.id === ctx.user.id))
      throw new ForbiddenError('Only the gateway’s panel members rate its criteria.');
    if (g.status !== 'scoring')
      throw new RuleViolationError('The panel rates criteria only while the gateway is in panel scoring.');
    const domains = await listGatewayDomains(w.trx, g.id);
    const criterion = domains.flatMap((d) => d.criteria).find((c) => c.id === input.criterionId);
    if (!criterion) throw new NotFoundError('That criterion does not exist.');
    const r = await upsertGatewayRating(w.trx, {
      criterionId: criterion.id,
      panelUserId: ctx.user.id,
      rating: input.rating,
      comment: input.comment,
      ...(input.version !== undefined ? { version: input.version } : {}),
    });
    // The rating itself stays out of the trail: colleagues scoring independently read the trail too.
    await w.audit({
      entityType: 'gateway_rating',
      entityId: r.id,
      action: input.version === undefined ? 'create' : 'update',
      organisationId: g.assessedOrganisationId,
      audience: gatewayAuditAudience(g),
      summary: `Panel rating ${input.version === undefined ? 'given' : 'changed'} on gateway “${g.name}”`,
    });
    return { id: r.id, version: r.version };
  });
}

/** Moderation agrees one rating, with its reasons, for a criterion or a domain. */
export function moderate(
  ctx: TMemberContext,
  input: {
    gatewayId: string;
    target: 'criterion' | 'domain';
    targetId: string;
    agreedRating: TGatewayRating;
    reasons: string;
    version: number;
  },
) {
  return mutation(ctx, async (w) => {
    const g = await managedGateway(w.trx, ctx.member, input.gatewayId);
    if (g.status !== 'moderation') throw new RuleViolationError('Ratings are agreed only during moderation.');
    const domains = await listGatewayDomains(w.trx, g.id);
    const row =
      input.target === 'domain'
        ? domains.find((d) => d.id === input.targetId)
        : domains.flatMap((d) => d.criteria).find((c) => c.id === input.targetId);
    if (!row) throw new NotFoundError(`That ${input.target} does not exist.`);
    w.expectVersion(row, input.version, input.target);
    const after = await moderateGatewayTarget(
      w.trx,
      input.target,
      row.id,
      input.agreedRating,
      input.reasons,
      input.version,
    );
    await w.audit({
      entityType: `gateway_${input.target}`,
      entityId: row.id,
      action: 'update',
      organisationId: g.assessedOrganisationId,
      audience: gatewayAuditAudience(g),
      summary: `Gateway “${g.name}”: ${input.target} agreed as ${GATEWAY_RATING_LABELS[input.agreedRating].toLowerCase()}`,
      before: { agreedRating: row.agreedRating, agreedReasons: row.agreedReasons },
      after: { agreedRating: input.agreedRating, agreedReasons: input.reasons },
    });
    return after;
  });
}

async function assertEvidenceTargets(
  trx: Executor,
  gatewayId: string,
  input: { domainId: string | null; criterionId: string | null },
) {
  if (!input.domainId && !input.criterionId) return;
  const domains = await listGatewayDomains(trx, gatewayId);
  if (input.domainId && !domains.some((d) => d.id === input.domainId))
    throw new RuleViolationError('Some of the values need correcting.', {
      domainId: ['Choose a domain of this gateway'],
    });
  if (input.criterionId && !domains.some((d) => d.criteria.some((c) => c.id === input.criterionId)))
    throw new RuleViolationError('Some of the values need correcting.', {
      criterionId: ['Choose a criterion of this gateway'],
    });
}

/** The evidence log: what the panel saw, from whom and when (files attach to an entry as documents). */
export function addEvidence(ctx: TMemberContext, input: TAddEvidenceInput) {
  return mutation(ctx, async (w) => {
    const g = await managedGateway(w.trx, ctx.member, input.gatewayId);
    if (g.status === 'decided') throw new RuleViolationError('This gateway is decided: its record is final.');
    await assertEvidenceTargets(w.trx, g.id, input);
    const { programmeId: _p, gatewayId: _g, ...fields } = input;
    const e = await insertGatewayEvidence(w.trx, { ...fields, gatewayId: g.id, createdBy: ctx.user.id });
    await w.audit({
      entityType: 'gateway_evidence',
      entityId: e.id,
      action: 'create',
      organisationId: g.assessedOrganisationId,
      audience: gatewayAuditAudience(g),
      summary: `Evidence logged on gateway “${g.name}”: ${input.description}`,
      after: fields,
    });
    return e;
  });
}

export function removeEvidence(
  ctx: TMemberContext,
  input: { gatewayId: string; evidenceId: string; version: number },
) {
  return mutation(ctx, async (w) => {
    const g = await managedGateway(w.trx, ctx.member, input.gatewayId);
    if (g.status === 'decided') throw new RuleViolationError('This gateway is decided: its record is final.');
    const e = await findGatewayEvidence(w.trx, input.evidenceId, g.id);
    if (!e) throw new NotFoundError('That evidence entry does not exist.');
    w.expectVersion(e, input.version, 'evidence entry');
    await deleteGatewayEvidence(w.trx, e.id, input.version);
    await w.audit({
      entityType: 'gateway_evidence',
      entityId: e.id,
      action: 'delete',
      organisationId: g.assessedOrganisationId,
      audience: gatewayAuditAudience(g),
      summary: `Evidence removed from gateway “${g.name}”: ${e.description}`,
      before: e,
    });
    return { id: e.id };
  });
}

/**
 * The steering group's recommendation, recorded as its decision on the RAID log (linked to the meeting that
 * took it, if any); each condition becomes a RAID action carrying the gateway's id, tracked like any other.
 */
export function recordRecommendation(ctx: TMemberContext, input: TRecordRecommendationInput) {
  return mutation(ctx, async (w: TWrite) => {
    const g = await managedGateway(w.trx, ctx.member, input.gatewayId);
    w.expectVersion(g, input.version, 'gateway');
    if (g.status !== 'moderation')
      throw new RuleViolationError('The recommendation is recorded at the end of moderation.');
    const problem =
      moderationProblem(await listGatewayDomains(w.trx, g.id)) ??
      recommendationProblem(input.recommendation, input.conditions.length);
    if (problem) throw new RuleViolationError(problem);
    const label = GATEWAY_RECOMMENDATION_LABELS[input.recommendation];
    const common = {
      owningOrganisationId: ctx.member.organisationId,
      priority: null,
      impact: '',
      resolution: '',
      riskId: null,
      meetingId: input.meetingId,
    };
    const decision = await insertRaid(
      w,
      ctx,
      'decision',
      {
        ...common,
        title: `${g.name} (${g.assessedOrganisationName}): ${label.toLowerCase()}`,
        description: input.rationale,
        ownerUserId: null,
        status: 'agreed',
        raisedOn: input.decidedOn,
        dueOn: null,
        closedOn: input.decidedOn,
        decidedBy: 'Steering group',
      },
      { gatewayId: g.id, asTheGroup: true },
    );
    const conditions = [];
    for (const c of input.conditions)
      conditions.push(
        await insertRaid(
          w,
          ctx,
          'action',
          {
            ...common,
            title: c.text,
            description: `Condition of ${g.name} (${g.assessedOrganisationName}): ${label.toLowerCase()}.`,
            ownerUserId: c.ownerUserId,
            raisedOn: input.decidedOn,
            dueOn: c.dueOn,
            closedOn: null,
            decidedBy: '',
          },
          { gatewayId: g.id, asTheGroup: true },
        ),
      );
    const after = await setGatewayStatus(w.trx, g.id, input.version, 'decided', {
      recommendation: input.recommendation,
      rationale: input.rationale,
      decidedOn: input.decidedOn,
      decisionRaidId: decision.id,
    });
    await w.audit({
      ...event(
        g,
        `Gateway “${g.name}” decided: ${label.toLowerCase()}${conditions.length ? ` (${conditions.length} conditions)` : ''}`,
      ),
      audience: gatewayAuditAudience(g, true),
      after: { recommendation: input.recommendation, decidedOn: input.decidedOn, decisionId: decision.id },
    });
    return {
      ...after,
      decision: { id: decision.id, reference: raidReference('decision', decision.number) },
      conditions: conditions.map((c) => ({ id: c.id, reference: raidReference('action', c.number) })),
    };
  });
}
