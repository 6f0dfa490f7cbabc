import {
  can,
  ForbiddenError,
  isCommissionerRole,
  NotFoundError,
  type TClarificationStatus,
} from '@baton/domain';
import {
  findClarification,
  findDdRequest,
  type Executor,
  type TAuditAudience,
  type TClarificationRow,
  type TClarificationScope,
  type TDdRequestRow,
} from '@baton/db';
import type { TMember } from '../../access/membership';

/*
 * Due diligence is commercially sensitive in a live procurement:
 * - A request (and its answer and documents) is seen by members who see every organisation; a bidder sees it
 *   only once released, and then never the people behind it or the requester's review notes.
 * - The requesting side (the organisation that asked, or leads and admins) edits, accepts, returns, chases
 *   and withdraws; the responding organisation answers; those who run the procurement (commissioners and
 *   programme admins) release an accepted answer to every bidder at once.
 * - A bidder's clarification question is seen with its asker only by those who run the procurement and by the
 *   asker's own organisation; everyone else sees it only once published, without the asker.
 */

export const DD_NOT_FOUND = 'That request does not exist, or is not visible to you.';
export const CLARIFICATION_NOT_FOUND = 'That question does not exist, or is not visible to you.';

/** Commissioners' members with a writing role, and programme admins: they release answers and publish. */
export const runsProcurement = (m: TMember) =>
  m.role === 'programme_admin' || (isCommissionerRole(m.partyRoles) && can(m.role, 'items.editOwn'));

export async function visibleRequest(db: Executor, m: TMember, requestId: string): Promise<TDdRequestRow> {
  const r = await findDdRequest(db, m.programmeId, requestId, m.visibility);
  if (!r) throw new NotFoundError(DD_NOT_FOUND);
  return r;
}

/** The requester's side: its own organisation's members who write, or leads and admins. */
export const isRequesterSide = (m: TMember, r: Pick<TDdRequestRow, 'requestingOrganisation'>) =>
  can(m.role, 'items.editAny') ||
  (can(m.role, 'items.editOwn') && m.organisationId === r.requestingOrganisation.id);

export const isResponderSide = (m: TMember, r: Pick<TDdRequestRow, 'respondingOrganisation'>) =>
  can(m.role, 'items.editAny') ||
  (can(m.role, 'items.editOwn') && m.organisationId === r.respondingOrganisation.id);

export function assertRequesterSide(m: TMember, r: TDdRequestRow) {
  if (!isRequesterSide(m, r))
    throw new ForbiddenError(`Only ${r.requestingOrganisation.name}, which asked, can do that.`);
}

export function assertResponderSide(m: TMember, r: TDdRequestRow) {
  if (!isResponderSide(m, r))
    throw new ForbiddenError(`Only ${r.respondingOrganisation.name}, which was asked, can answer.`);
}

export function assertRunsProcurement(m: TMember) {
  if (!runsProcurement(m))
    throw new ForbiddenError(
      'Only the commissioners running the procurement (or a programme admin) can do that.',
    );
}

/**
 * Who may read an audit event about a request: before release, members who see every organisation; after
 * release the answer is every bidder's, but its handling (who reviewed, what was returned) stays internal.
 */
export const ddAuditAudience: TAuditAudience = { kind: 'full' };

/** Whether the reader is shown a request as an outsider: a bidder reading a released answer. */
const asOutsider = (m: TMember, r: TDdRequestRow) =>
  m.visibility.kind === 'own' &&
  m.organisationId !== r.requestingOrganisation.id &&
  m.organisationId !== r.respondingOrganisation.id;

/** What a reader is shown of a request, with what they may do next. */
export function presentRequest(m: TMember, r: TDdRequestRow) {
  const outsider = asOutsider(m, r);
  const base = outsider
    ? {
        ...r,
        responder: null,
        answeredBy: null,
        createdBy: null,
        reviewNote: '',
        reviewedAt: null,
        chaseCount: 0,
        lastChasedOn: null,
        riskId: null,
        transfer: null,
      }
    : r;
  return {
    ...base,
    may: {
      edit: !outsider && isRequesterSide(m, r),
      answer: !outsider && isResponderSide(m, r),
      review: !outsider && isRequesterSide(m, r),
      release: !outsider && runsProcurement(m),
      attach: !outsider && (isRequesterSide(m, r) || isResponderSide(m, r)),
    },
  };
}

// Clarifications

export function clarificationScope(m: TMember): TClarificationScope {
  return runsProcurement(m) || (m.visibility.kind === 'all' && isCommissionerRole(m.partyRoles))
    ? { kind: 'all' }
    : { kind: 'ownAndPublished', organisationId: m.organisationId };
}

export async function visibleClarification(db: Executor, m: TMember, id: string): Promise<TClarificationRow> {
  const c = await findClarification(db, m.programmeId, id, clarificationScope(m));
  if (!c) throw new NotFoundError(CLARIFICATION_NOT_FOUND);
  return c;
}

/** Bidders ask: a member of an organisation that bids here, with a writing role. */
export function assertMayAsk(m: TMember) {
  if (!m.partyRoles.includes('bidder') || !can(m.role, 'items.editOwn'))
    throw new ForbiddenError('Only bidders ask clarification questions.');
}

/** A published question names nobody: only its asker's organisation and the procurement team see who asked. */
export function presentClarification(m: TMember, c: TClarificationRow) {
  const full = clarificationScope(m).kind === 'all';
  const own = c.askedByOrganisation.id === m.organisationId;
  const published = c.status === 'published';
  return {
    id: c.id,
    number: c.number,
    status: c.status as TClarificationStatus,
    requestId: c.requestId,
    // Others read the question as published; the asker and the team read what was asked.
    question: full || own ? c.question : c.publishedQuestion,
    publishedQuestion: full || own || published ? c.publishedQuestion : '',
    answer: full || published ? c.answer : '',
    askedByOrganisation: full || own ? c.askedByOrganisation : null,
    askedBy: full || own ? c.askedBy : null,
    askedByYou: own,
    askedAt: full || own ? c.askedAt : null,
    answeredAt: full ? c.answeredAt : null,
    publishedAt: c.publishedAt,
    version: c.version,
    may: {
      answer: full && runsProcurement(m) && !published && c.status !== 'withdrawn',
      withdraw: own && c.status !== 'published' && c.status !== 'withdrawn' && can(m.role, 'items.editOwn'),
    },
  };
}
