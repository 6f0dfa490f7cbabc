import {
  clarificationRefusal,
  clarificationReference,
  chaseRefusal,
  DD_CATEGORY_LABELS,
  DD_RISK_CATEGORY,
  riskDraftFromRequest,
  riskFromRequestRefusal,
  riskReference,
  ddReference,
  ddStateOf,
  ddTransitionRefusal,
  formatUkDate,
  ForbiddenError,
  NotFoundError,
  mayBeAsked,
  mayRequestAs,
  notificationLinks,
  releaseRefusal,
  RuleViolationError,
  type TCreateDdRequestInput,
  type TDdListInput,
  type TNotificationDraft,
  type TPartyRole,
  type TUpdateDdRequestInput,
  can,
} from '@baton/domain';
import {
  bidderMembers,
  findRiskMatrix,
  findLot,
  findTransfer,
  insertClarification,
  insertDdRequest,
  listClarifications,
  listDdRequests,
  listDocuments,
  listParties,
  memberOrganisations,
  membersOfOrganisations,
  updateClarification,
  updateDdRequest,
  type Executor,
  type TDdRequestPatch,
  type TDdRequestRow,
} from '@baton/db';
import type { TMember } from '../../access/membership';
import type { TMemberContext } from '../../context';
import { mutation, type TWrite } from '../../mutation';
import { writeNotifications } from '../notification/notify';
import { raiseRisk } from '../risk/risk.service';
import { presentDocument } from '../document/document.access';
import {
  assertMayAsk,
  CLARIFICATION_NOT_FOUND,
  assertRequesterSide,
  assertResponderSide,
  assertRunsProcurement,
  clarificationScope,
  ddAuditAudience,
  presentClarification,
  presentRequest,
  runsProcurement,
  visibleClarification,
  visibleRequest,
} from './due-diligence.access';

/* Due diligence requests to outgoing providers, and bidders' clarification questions. */

const label = (r: Pick<TDdRequestRow, 'number'>) => ddReference(r.number);

/** Figures every screen shows of a request: counted here, once (overdue by the domain rule). */
function withState(m: TMember, r: TDdRequestRow, today: string) {
  return { ...presentRequest(m, r), ...ddStateOf(r, today) };
}

export async function listRequests(ctx: TMemberContext, input: TDdListInput) {
  const { db, member } = ctx;
  const today = ctx.today();
  const rows = await listDdRequests(db, member.programmeId, member.visibility, {
    statuses: input.state === 'all' ? undefined : ['open', 'returned'],
    dueBefore: input.state === 'overdue' ? today : undefined,
    category: input.category,
    respondingOrganisationId: input.respondingOrganisationId,
  });
  const items = rows.map((r) => withState(member, r, today));
  return {
    items,
    /** Counted from the same rows and rule the list shows (the summary line and tiles). */
    summary: {
      total: items.length,
      awaiting: items.filter((r) => r.status === 'open' || r.status === 'returned').length,
      overdue: items.filter((r) => r.overdue).length,
      toReview: items.filter((r) => r.status === 'answered').length,
      accepted: items.filter((r) => r.status === 'accepted').length,
      released: items.filter((r) => r.releasedAt !== null).length,
    },
    may: { ask: mayAsk(member), release: runsProcurement(member) },
  };
}

const mayAsk = (m: TMember) =>
  can(m.role, 'items.editAny') || (can(m.role, 'items.editOwn') && mayRequestAs(m.partyRoles));

export async function getRequest(ctx: TMemberContext, requestId: string) {
  const { db, member } = ctx;
  const r = await visibleRequest(db, member, requestId);
  const documents = await listDocuments(db, member.programmeId, 'dd_request', r.id);
  return {
    request: withState(member, r, ctx.today()),
    documents: documents.map((d) => presentDocument(member, d)),
  };
}

/** The parties of the programme by organisation: the roles each plays. */
async function rolesByOrganisation(db: Executor, programmeId: string) {
  const roles = new Map<string, TPartyRole[]>();
  for (const p of await listParties(db, programmeId))
    roles.set(p.organisation.id, [...(roles.get(p.organisation.id) ?? []), p.role]);
  return roles;
}

/** What a request names must be this programme's: the organisations, the responder, the lot, the transfer. */
async function checkNames(
  db: Executor,
  member: TMember,
  f: {
    requestingOrganisationId: string;
    respondingOrganisationId: string;
    responderUserId: string | null;
    lotId: string | null;
    transferId: string | null;
  },
) {
  const roles = await rolesByOrganisation(db, member.programmeId);
  const problems: Record<string, string[]> = {};
  if (!mayRequestAs(roles.get(f.requestingOrganisationId) ?? []))
    problems.requestingOrganisationId = [
      'The organisation that asks must be a commissioner or an incoming provider of this programme',
    ];
  if (!mayBeAsked(roles.get(f.respondingOrganisationId) ?? []))
    problems.respondingOrganisationId = [
      'Ask an organisation taking part in this programme that is not only a bidder (an outgoing provider)',
    ];
  else if (f.respondingOrganisationId === f.requestingOrganisationId)
    problems.respondingOrganisationId = ['An organisation does not ask itself'];
  if (f.responderUserId) {
    const orgOf = await memberOrganisations(db, member.programmeId, [f.responderUserId]);
    if (orgOf.get(f.responderUserId) !== f.respondingOrganisationId)
      problems.responderUserId = ['The person who answers must be a member from the organisation asked'];
  }
  if (f.lotId && !(await findLot(db, member.programmeId, f.lotId)))
    problems.lotId = ['Choose a lot of this programme'];
  if (f.transferId && !(await findTransfer(db, member.programmeId, f.transferId)))
    problems.transferId = ['Choose a transfer of this programme'];
  if (Object.keys(problems).length)
    throw new RuleViolationError('Some of the values need correcting.', problems);
}

async function tell(
  trx: Executor,
  r: TDdRequestRow,
  userIds: readonly string[],
  actorId: string,
  what: { key: string; title: string; body: string },
) {
  const drafts: TNotificationDraft[] = [...new Set(userIds)]
    .filter((u) => u !== actorId)
    .map((userId) => ({
      userId,
      programmeId: r.programmeId,
      kind: 'due_diligence',
      title: what.title,
      body: what.body,
      link: notificationLinks.ddRequest(r.programmeId, r.id),
      entityType: 'dd_request',
      entityId: r.id,
      dedupeKey: `dd:${r.id}:${what.key}`,
    }));
  if (drafts.length) await writeNotifications(trx, drafts);
}

/** The responding side: the named responder, else every writing member of the organisation asked. */
const responders = async (trx: Executor, r: TDdRequestRow) =>
  r.responder ? [r.responder.id] : membersOfOrganisations(trx, r.programmeId, [r.respondingOrganisation.id]);

const event = (r: TDdRequestRow, action: 'create' | 'update', summary: string, before?: TDdRequestRow) => ({
  entityType: 'dd_request',
  entityId: r.id,
  action,
  organisationId: r.requestingOrganisation.id,
  audience: ddAuditAudience,
  summary,
  before,
  after: r,
});

export function createRequest(ctx: TMemberContext, input: TCreateDdRequestInput) {
  const { member } = ctx;
  return mutation(ctx, async (w) => {
    const today = ctx.today();
    const requestingOrganisationId = input.requestingOrganisationId ?? member.organisationId;
    if (!mayAsk(member))
      throw new ForbiddenError('Only commissioners and incoming providers ask for information.');
    if (requestingOrganisationId !== member.organisationId && !can(member.role, 'items.editAny'))
      throw new ForbiddenError('You can ask only on behalf of your own organisation.');
    if (input.dueOn < today)
      throw new RuleViolationError('Some of the values need correcting.', {
        dueOn: ['The due date cannot be in the past'],
      });
    const write = {
      requestingOrganisationId,
      respondingOrganisationId: input.respondingOrganisationId,
      responderUserId: input.responderUserId,
      category: input.category,
      title: input.title,
      detail: input.detail,
      lotId: input.lotId,
      transferId: input.transferId,
      askedOn: today,
      dueOn: input.dueOn,
    };
    await checkNames(w.trx, member, write);
    const r = await insertDdRequest(w.trx, member.programmeId, write, ctx.user.id);
    await w.audit(event(r, 'create', `${label(r)} asked of ${r.respondingOrganisation.name}: “${r.title}”`));
    await tell(w.trx, r, await responders(w.trx, r), ctx.user.id, {
      key: 'asked',
      title: `${r.requestingOrganisation.name} asks for information: ${label(r)} ${r.title}`,
      body: `${DD_CATEGORY_LABELS[r.category]}. Due ${formatUkDate(r.dueOn)}.`,
    });
    return withState(member, r, today);
  });
}

export function updateRequest(ctx: TMemberContext, input: TUpdateDdRequestInput) {
  const { member } = ctx;
  return mutation(ctx, async (w) => {
    const before = await visibleRequest(w.trx, member, input.requestId);
    assertRequesterSide(member, before);
    w.expectVersion(before, input.version, 'request');
    const refusal = ddTransitionRefusal('edit', before.status);
    if (refusal) throw new RuleViolationError(refusal);
    if (input.dueOn !== undefined && input.dueOn < before.askedOn)
      throw new RuleViolationError('Some of the values need correcting.', {
        dueOn: ['The due date cannot be before the request was made'],
      });
    if (input.responderUserId !== undefined)
      await checkNames(w.trx, member, {
        requestingOrganisationId: before.requestingOrganisation.id,
        respondingOrganisationId: before.respondingOrganisation.id,
        responderUserId: input.responderUserId,
        lotId: null,
        transferId: null,
      });
    const { programmeId: _p, requestId: _r, version, ...patch } = input;
    const after = await updateDdRequest(w.trx, before, patch, version);
    const changed = Object.keys(patch).filter((k) => (patch as Record<string, unknown>)[k] !== undefined);
    await w.audit(
      event(after, 'update', `${label(after)} updated (${changed.join(', ') || 'no fields'})`, before),
    );
    return withState(member, after, ctx.today());
  });
}

/**
 * One step in a request's life, as every step takes it: the request as the caller sees it, the side allowed to
 * take the step, the version the caller read, the rule's refusal; then the change and its audit event.
 */
async function stepRequest(
  w: TWrite,
  ctx: TMemberContext,
  input: { requestId: string; version: number },
  step: {
    side: (m: TMember, r: TDdRequestRow) => void;
    refusal: (r: TDdRequestRow) => string | null;
    patch: (r: TDdRequestRow) => TDdRequestPatch;
    summary: (after: TDdRequestRow) => string;
  },
): Promise<TDdRequestRow> {
  const before = await visibleRequest(w.trx, ctx.member, input.requestId);
  step.side(ctx.member, before);
  w.expectVersion(before, input.version, 'request');
  const refusal = step.refusal(before);
  if (refusal) throw new RuleViolationError(refusal);
  const after = await updateDdRequest(w.trx, before, step.patch(before), input.version);
  await w.audit(event(after, 'update', step.summary(after), before));
  return after;
}

export function answerRequest(
  ctx: TMemberContext,
  input: { requestId: string; version: number; answer: string },
) {
  const { member } = ctx;
  return mutation(ctx, async (w) => {
    const after = await stepRequest(w, ctx, input, {
      side: assertResponderSide,
      refusal: (r) => ddTransitionRefusal('answer', r.status),
      patch: () => ({ status: 'answered', answer: input.answer, answered: true, answeredBy: ctx.user.id }),
      summary: (r) => `${label(r)} answered by ${r.respondingOrganisation.name}`,
    });
    const requesters = after.createdBy
      ? [after.createdBy.id]
      : await membersOfOrganisations(w.trx, after.programmeId, [after.requestingOrganisation.id]);
    await tell(w.trx, after, requesters, ctx.user.id, {
      key: `answered:v${after.version}`,
      title: `${after.respondingOrganisation.name} answered ${label(after)}: ${after.title}`,
      body: 'Review the answer: accept it or return it for more.',
    });
    return withState(member, after, ctx.today());
  });
}

export function reviewRequest(
  ctx: TMemberContext,
  input: { requestId: string; version: number; outcome: 'accept' | 'return'; note: string },
) {
  const { member } = ctx;
  return mutation(ctx, async (w) => {
    const after = await stepRequest(w, ctx, input, {
      side: assertRequesterSide,
      refusal: (r) => {
        const refusal = ddTransitionRefusal('review', r.status);
        if (!refusal && input.outcome === 'return' && !input.note.trim())
          throw new RuleViolationError('Say what more is needed.', { note: ['Say what more is needed'] });
        return refusal;
      },
      patch: () => ({
        status: input.outcome === 'accept' ? 'accepted' : 'returned',
        reviewNote: input.note,
        reviewed: true,
        reviewedBy: ctx.user.id,
      }),
      summary: (r) => `${label(r)} answer ${input.outcome === 'accept' ? 'accepted' : 'returned for more'}`,
    });
    if (input.outcome === 'return')
      await tell(w.trx, after, await responders(w.trx, after), ctx.user.id, {
        key: `returned:v${after.version}`,
        title: `${label(after)} returned for more: ${after.title}`,
        body: input.note.slice(0, 300),
      });
    return withState(member, after, ctx.today());
  });
}

export function chaseRequest(
  ctx: TMemberContext,
  input: { requestId: string; version: number; note: string },
) {
  const { member } = ctx;
  return mutation(ctx, async (w) => {
    const today = ctx.today();
    const after = await stepRequest(w, ctx, input, {
      side: assertRequesterSide,
      refusal: (r) => chaseRefusal(r, today),
      patch: () => ({ chasedOn: today }),
      summary: (r) => `${label(r)} chased (${r.chaseCount} time${r.chaseCount === 1 ? '' : 's'})`,
    });
    const state = ddStateOf(after, today);
    await tell(w.trx, after, await responders(w.trx, after), ctx.user.id, {
      key: `chased:${today}`,
      title: `Reminder: ${label(after)} ${after.title}`,
      body:
        (state.overdue
          ? `${state.daysOverdue} day${state.daysOverdue === 1 ? '' : 's'} overdue (due ${formatUkDate(after.dueOn)}).`
          : `Due ${formatUkDate(after.dueOn)}.`) + (input.note ? ` ${input.note.slice(0, 300)}` : ''),
    });
    return withState(member, after, today);
  });
}

export function withdrawRequest(
  ctx: TMemberContext,
  input: { requestId: string; version: number; note: string },
) {
  return mutation(ctx, async (w) => {
    const after = await stepRequest(w, ctx, input, {
      side: assertRequesterSide,
      refusal: (r) => ddTransitionRefusal('withdraw', r.status),
      patch: (r) => ({ status: 'withdrawn', reviewNote: input.note || r.reviewNote }),
      summary: (r) => `${label(r)} withdrawn`,
    });
    return withState(ctx.member, after, ctx.today());
  });
}

/**
 * Release an accepted answer to every bidder at once: one timestamp that the bidders' visibility reads, so no
 * bidder can see it before another; every bidder's members are told in the same transaction.
 */
export function releaseRequest(ctx: TMemberContext, input: { requestId: string; version: number }) {
  const { member } = ctx;
  return mutation(ctx, async (w) => {
    assertRunsProcurement(member);
    const before = await visibleRequest(w.trx, member, input.requestId);
    w.expectVersion(before, input.version, 'request');
    const refusal = releaseRefusal(before);
    if (refusal) throw new RuleViolationError(refusal);
    const after = await updateDdRequest(
      w.trx,
      before,
      { released: true, releasedBy: ctx.user.id },
      input.version,
    );
    await w.audit(event(after, 'update', `${label(after)} released to all bidders`, before));
    await tell(w.trx, after, await bidderMembers(w.trx, after.programmeId), ctx.user.id, {
      key: 'released',
      title: `Information released to all bidders: ${label(after)} ${after.title}`,
      body: `${DD_CATEGORY_LABELS[after.category]} from ${after.respondingOrganisation.name}.`,
    });
    return withState(member, after, ctx.today());
  });
}

// Clarifications

export async function listClarificationQuestions(ctx: TMemberContext) {
  const { db, member } = ctx;
  const rows = await listClarifications(db, member.programmeId, clarificationScope(member));
  const items = rows.map((c) => presentClarification(member, c));
  return {
    items,
    summary: {
      total: items.length,
      open: items.filter((c) => c.status === 'open' || c.status === 'answered').length,
      published: items.filter((c) => c.status === 'published').length,
    },
    may: {
      ask: member.partyRoles.includes('bidder') && can(member.role, 'items.editOwn'),
      answer: clarificationScope(member).kind === 'all',
    },
  };
}

const clarificationEvent = (
  id: string,
  number: number,
  action: 'create' | 'update',
  summary: string,
  status: string,
) => ({
  entityType: 'clarification',
  entityId: id,
  action,
  // Never the asker in the trail either: the question's reference and status are enough.
  audience: ddAuditAudience,
  summary,
  after: { id, number, status },
});

export function askClarification(ctx: TMemberContext, input: { question: string; requestId: string | null }) {
  const { member } = ctx;
  return mutation(ctx, async (w) => {
    assertMayAsk(member);
    if (input.requestId) await visibleRequest(w.trx, member, input.requestId);
    const c = await insertClarification(w.trx, member.programmeId, {
      organisationId: member.organisationId,
      userId: ctx.user.id,
      question: input.question,
      requestId: input.requestId,
    });
    await w.audit(
      clarificationEvent(c.id, c.number, 'create', `${clarificationReference(c.number)} asked`, c.status),
    );
    return presentClarification(member, c);
  });
}

export function answerClarification(
  ctx: TMemberContext,
  input: { clarificationId: string; version: number; answer: string; publishedQuestion: string },
) {
  const { member } = ctx;
  return mutation(ctx, async (w) => {
    assertRunsProcurement(member);
    const before = await visibleClarification(w.trx, member, input.clarificationId);
    w.expectVersion(before, input.version, 'question');
    const refusal = clarificationRefusal('answer', before.status);
    if (refusal) throw new RuleViolationError(refusal);
    const after = await updateClarification(
      w.trx,
      before,
      {
        status: 'answered',
        answer: input.answer,
        publishedQuestion: input.publishedQuestion,
        answeredBy: ctx.user.id,
      },
      input.version,
    );
    await w.audit(
      clarificationEvent(
        after.id,
        after.number,
        'update',
        `${clarificationReference(after.number)} answered`,
        after.status,
      ),
    );
    return presentClarification(member, after);
  });
}

/** Publish once to every bidder, without the asker: the same moment for all (one timestamp). */
export function publishClarification(
  ctx: TMemberContext,
  input: { clarificationId: string; version: number },
) {
  const { member } = ctx;
  return mutation(ctx, async (w) => {
    assertRunsProcurement(member);
    const before = await visibleClarification(w.trx, member, input.clarificationId);
    w.expectVersion(before, input.version, 'question');
    const refusal = clarificationRefusal('publish', before.status);
    if (refusal) throw new RuleViolationError(refusal);
    const after = await updateClarification(
      w.trx,
      before,
      { status: 'published', publishedBy: ctx.user.id },
      input.version,
    );
    const ref = clarificationReference(after.number);
    await w.audit(
      clarificationEvent(after.id, after.number, 'update', `${ref} published to all bidders`, after.status),
    );
    const drafts: TNotificationDraft[] = (await bidderMembers(w.trx, member.programmeId))
      .filter((u) => u !== ctx.user.id)
      .map((userId) => ({
        userId,
        programmeId: member.programmeId,
        kind: 'due_diligence',
        title: `Clarification ${ref} answered and published to all bidders`,
        body: after.publishedQuestion.slice(0, 300),
        link: notificationLinks.clarification(member.programmeId),
        entityType: 'clarification',
        entityId: after.id,
        dedupeKey: `clarification:${after.id}:published`,
      }));
    if (drafts.length) await writeNotifications(w.trx, drafts);
    return presentClarification(member, after);
  });
}

export function withdrawClarification(
  ctx: TMemberContext,
  input: { clarificationId: string; version: number },
) {
  const { member } = ctx;
  return mutation(ctx, async (w: TWrite) => {
    const before = await visibleClarification(w.trx, member, input.clarificationId);
    // Only the asker's organisation withdraws; to anyone else the question is not theirs to find.
    if (before.askedByOrganisation.id !== member.organisationId)
      throw new NotFoundError(CLARIFICATION_NOT_FOUND);
    w.expectVersion(before, input.version, 'question');
    const refusal = clarificationRefusal('withdraw', before.status);
    if (refusal) throw new RuleViolationError(refusal);
    const after = await updateClarification(w.trx, before, { status: 'withdrawn' }, input.version);
    await w.audit(
      clarificationEvent(
        after.id,
        after.number,
        'update',
        `${clarificationReference(after.number)} withdrawn`,
        after.status,
      ),
    );
    return presentClarification(member, after);
  });
}

/**
 * An overdue request raises a risk on the register, owned by the organisation that asked, linked to the
 * request (one risk per request), in the same transaction.
 */
export function raiseRiskFromRequest(ctx: TMemberContext, input: { requestId: string; version: number }) {
  const { member } = ctx;
  return mutation(ctx, async (w) => {
    const today = ctx.today();
    const before = await visibleRequest(w.trx, member, input.requestId);
    assertRequesterSide(member, before);
    w.expectVersion(before, input.version, 'request');
    const refusal = riskFromRequestRefusal(before, today);
    if (refusal) throw new RuleViolationError(refusal);
    const { matrix } = await findRiskMatrix(w.trx, member.programmeId);
    const wanted = DD_RISK_CATEGORY[before.category];
    const categoryKey = matrix.categories.some((c) => c.key === wanted)
      ? wanted
      : (matrix.categories[0]?.key ?? wanted);
    const risk = await raiseRisk(w, ctx, {
      programmeId: member.programmeId,
      ...riskDraftFromRequest(before),
      categoryKey,
      workstream: null,
      lotIds: before.lot ? [before.lot.id] : [],
      ownerUserId: ctx.user.id,
      owningOrganisationId: before.requestingOrganisation.id,
      affectedOrganisationIds: [],
      controls: `Request ${ddReference(before.number)} chased ${before.chaseCount} time${before.chaseCount === 1 ? '' : 's'}.`,
      gaps: '',
      status: 'open',
      initial: { consequence: 3, likelihood: 4 },
      current: { consequence: 3, likelihood: 4 },
      target: { consequence: 3, likelihood: 2 },
      targetDate: null,
      proximity: null,
      escalationTier: 'programme',
    });
    const after = await updateDdRequest(w.trx, before, { riskId: risk.id }, input.version);
    await w.audit(
      event(
        after,
        'update',
        `${ddReference(after.number)} overdue: raised ${riskReference(risk.number)}`,
        before,
      ),
    );
    return { request: withState(member, after, today), risk: { id: risk.id, number: risk.number } };
  });
}
