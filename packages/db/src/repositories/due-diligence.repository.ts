import type { TClarificationStatus, TDdCategory, TDdStatus, TVisibility } from '@baton/domain';
import { sql } from 'kysely';
import type { Executor } from '../client';
import { bumpVersion, staleOrMissing } from './versioning';

/* Due diligence requests and clarification questions (see migration 0016). */

export interface TDdRequestRow {
  id: string;
  programmeId: string;
  number: number;
  requestingOrganisation: { id: string; name: string };
  respondingOrganisation: { id: string; name: string };
  responder: { id: string; name: string } | null;
  category: TDdCategory;
  title: string;
  detail: string;
  lot: { id: string; code: string; name: string } | null;
  transfer: { id: string; name: string } | null;
  askedOn: string;
  dueOn: string;
  status: TDdStatus;
  answer: string;
  answeredAt: Date | null;
  answeredBy: { id: string; name: string } | null;
  reviewNote: string;
  reviewedAt: Date | null;
  releasedAt: Date | null;
  chaseCount: number;
  lastChasedOn: string | null;
  riskId: string | null;
  createdBy: { id: string; name: string } | null;
  documentCount: number;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface TDdRequestWrite {
  requestingOrganisationId: string;
  respondingOrganisationId: string;
  responderUserId: string | null;
  category: TDdCategory;
  title: string;
  detail: string;
  lotId: string | null;
  transferId: string | null;
  askedOn: string;
  dueOn: string;
}

/**
 * Which requests a reader may see: members who see every organisation see all; a bidder sees a request only
 * once it is released to every bidder (or one its own organisation asked or was asked, should that ever be).
 */
function visibleRequest(v: TVisibility) {
  if (v.kind === 'all') return sql<boolean>`true`;
  return sql<boolean>`(r.released_at is not null or r.requesting_organisation_id = ${v.organisationId} or r.responding_organisation_id = ${v.organisationId})`;
}

function selectRequests(db: Executor) {
  return db
    .selectFrom('dd_requests as r')
    .innerJoin('organisations as qo', 'qo.id', 'r.requesting_organisation_id')
    .innerJoin('organisations as ro', 'ro.id', 'r.responding_organisation_id')
    .leftJoin('users as ru', 'ru.id', 'r.responder_user_id')
    .leftJoin('users as au', 'au.id', 'r.answered_by')
    .leftJoin('users as cu', 'cu.id', 'r.created_by')
    .leftJoin('lots as l', 'l.id', 'r.lot_id')
    .leftJoin('transfers as t', 't.id', 'r.transfer_id')
    .selectAll('r')
    .select([
      'qo.name as requesting_name',
      'ro.name as responding_name',
      'ru.name as responder_name',
      'au.name as answered_by_name',
      'cu.name as created_by_name',
      'l.code as lot_code',
      'l.name as lot_name',
      't.name as transfer_name',
      sql<number>`(select count(*)::int from documents d where d.parent_type = 'dd_request' and d.parent_id = r.id)`.as(
        'document_count',
      ),
    ]);
}
type RequestRow = Awaited<ReturnType<ReturnType<typeof selectRequests>['executeTakeFirstOrThrow']>>;

const person = (id: string | null, name: string | null) => (id ? { id, name: name ?? 'Unknown' } : null);

function toRequest(r: RequestRow): TDdRequestRow {
  return {
    id: r.id,
    programmeId: r.programme_id,
    number: r.number,
    requestingOrganisation: { id: r.requesting_organisation_id, name: r.requesting_name },
    respondingOrganisation: { id: r.responding_organisation_id, name: r.responding_name },
    responder: person(r.responder_user_id, r.responder_name),
    category: r.category as TDdCategory,
    title: r.title,
    detail: r.detail,
    lot: r.lot_id ? { id: r.lot_id, code: r.lot_code!, name: r.lot_name! } : null,
    transfer: r.transfer_id ? { id: r.transfer_id, name: r.transfer_name! } : null,
    askedOn: r.asked_on,
    dueOn: r.due_on,
    status: r.status as TDdStatus,
    answer: r.answer,
    answeredAt: r.answered_at,
    answeredBy: person(r.answered_by, r.answered_by_name),
    reviewNote: r.review_note,
    reviewedAt: r.reviewed_at,
    releasedAt: r.released_at,
    chaseCount: r.chase_count,
    lastChasedOn: r.last_chased_on,
    riskId: r.risk_id,
    createdBy: person(r.created_by, r.created_by_name),
    documentCount: Number(r.document_count),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

export interface TDdFilter {
  statuses?: readonly TDdStatus[] | undefined;
  dueBefore?: string | undefined;
  category?: TDdCategory | undefined;
  respondingOrganisationId?: string | undefined;
  responderUserId?: string | undefined;
}

export async function listDdRequests(
  db: Executor,
  programmeId: string,
  visibility: TVisibility,
  f: TDdFilter = {},
): Promise<TDdRequestRow[]> {
  let q = selectRequests(db).where('r.programme_id', '=', programmeId).where(visibleRequest(visibility));
  if (f.statuses) q = q.where('r.status', 'in', [...f.statuses]);
  if (f.dueBefore) q = q.where('r.due_on', '<', f.dueBefore);
  if (f.category) q = q.where('r.category', '=', f.category);
  if (f.respondingOrganisationId)
    q = q.where('r.responding_organisation_id', '=', f.respondingOrganisationId);
  if (f.responderUserId) q = q.where('r.responder_user_id', '=', f.responderUserId);
  const rows = await q.orderBy('r.number', 'desc').limit(5000).execute();
  return rows.map(toRequest);
}

export async function findDdRequest(
  db: Executor,
  programmeId: string,
  id: string,
  visibility: TVisibility = { kind: 'all' },
): Promise<TDdRequestRow | undefined> {
  const r = await selectRequests(db)
    .where('r.programme_id', '=', programmeId)
    .where('r.id', '=', id)
    .where(visibleRequest(visibility))
    .executeTakeFirst();
  return r && toRequest(r);
}

const requestColumns = (w: TDdRequestWrite) => ({
  requesting_organisation_id: w.requestingOrganisationId,
  responding_organisation_id: w.respondingOrganisationId,
  responder_user_id: w.responderUserId,
  category: w.category,
  title: w.title,
  detail: w.detail,
  lot_id: w.lotId,
  transfer_id: w.transferId,
  asked_on: w.askedOn,
  due_on: w.dueOn,
});

/** The programme row's lock serialises numbering: two requests at once get DDR-007 and DDR-008. */
async function nextNumber(db: Executor, programmeId: string, table: 'dd_requests' | 'dd_clarifications') {
  await sql`select id from programmes where id = ${programmeId} for update`.execute(db);
  const { n } = await db
    .selectFrom(table)
    .select(sql<number>`coalesce(max(number), 0) + 1`.as('n'))
    .where('programme_id', '=', programmeId)
    .executeTakeFirstOrThrow();
  return Number(n);
}

export async function insertDdRequest(
  db: Executor,
  programmeId: string,
  w: TDdRequestWrite,
  createdBy: string | null,
): Promise<TDdRequestRow> {
  const number = await nextNumber(db, programmeId, 'dd_requests');
  const { id } = await db
    .insertInto('dd_requests')
    .values({
      ...requestColumns(w),
      programme_id: programmeId,
      number,
      status: 'open',
      created_by: createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return (await findDdRequest(db, programmeId, id))!;
}

/** The columns a step in a request's life may set (status, answer, review, release, chase...). */
export interface TDdRequestPatch {
  title?: string;
  detail?: string;
  category?: TDdCategory;
  responderUserId?: string | null;
  dueOn?: string;
  status?: TDdStatus;
  answer?: string;
  answeredBy?: string | null;
  answered?: boolean;
  reviewNote?: string;
  reviewedBy?: string | null;
  reviewed?: boolean;
  releasedBy?: string;
  released?: boolean;
  chasedOn?: string;
  riskId?: string | null;
}

export async function updateDdRequest(
  db: Executor,
  before: TDdRequestRow,
  p: TDdRequestPatch,
  version: number,
): Promise<TDdRequestRow> {
  const set: Record<string, unknown> = {};
  if (p.title !== undefined) set.title = p.title;
  if (p.detail !== undefined) set.detail = p.detail;
  if (p.category !== undefined) set.category = p.category;
  if (p.responderUserId !== undefined) set.responder_user_id = p.responderUserId;
  if (p.dueOn !== undefined) set.due_on = p.dueOn;
  if (p.status !== undefined) set.status = p.status;
  if (p.answer !== undefined) set.answer = p.answer;
  if (p.answered) {
    set.answered_at = sql`now()`;
    set.answered_by = p.answeredBy ?? null;
  }
  if (p.reviewNote !== undefined) set.review_note = p.reviewNote;
  if (p.reviewed) {
    set.reviewed_at = sql`now()`;
    set.reviewed_by = p.reviewedBy ?? null;
  }
  if (p.released) {
    // One moment for every bidder: the release is a single timestamp the visibility rule reads.
    set.released_at = sql`now()`;
    set.released_by = p.releasedBy ?? null;
  }
  if (p.chasedOn !== undefined) {
    set.last_chased_on = p.chasedOn;
    set.chase_count = sql`chase_count + 1`;
  }
  if (p.riskId !== undefined) set.risk_id = p.riskId;
  const r = await db
    .updateTable('dd_requests')
    .set({ ...set, ...bumpVersion() })
    .where('id', '=', before.id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  const current = await findDdRequest(db, before.programmeId, before.id);
  if (!r) staleOrMissing('request', current);
  return current!;
}

/** Requests awaiting an answer due between two dates (inclusive): what the daily scan tells responders. */
export async function ddRequestsDueBetween(db: Executor, p: { from: string; to: string }) {
  return db
    .selectFrom('dd_requests')
    .select([
      'id',
      'programme_id as programmeId',
      'number',
      'title',
      'due_on as dueOn',
      'responder_user_id as responderUserId',
      'responding_organisation_id as respondingOrganisationId',
    ])
    .where('due_on', '>=', p.from)
    .where('due_on', '<=', p.to)
    .where('status', 'in', ['open', 'returned'])
    .execute();
}

// Clarifications

export interface TClarificationRow {
  id: string;
  programmeId: string;
  number: number;
  askedByOrganisation: { id: string; name: string };
  askedBy: { id: string; name: string } | null;
  requestId: string | null;
  question: string;
  publishedQuestion: string;
  answer: string;
  status: TClarificationStatus;
  askedAt: Date;
  answeredAt: Date | null;
  publishedAt: Date | null;
  updatedAt: Date;
  version: number;
}

function selectClarifications(db: Executor) {
  return db
    .selectFrom('dd_clarifications as c')
    .innerJoin('organisations as o', 'o.id', 'c.asked_by_organisation_id')
    .leftJoin('users as u', 'u.id', 'c.asked_by_user_id')
    .selectAll('c')
    .select(['o.name as organisation_name', 'u.name as asked_by_name']);
}
type ClarificationRow = Awaited<
  ReturnType<ReturnType<typeof selectClarifications>['executeTakeFirstOrThrow']>
>;

const toClarification = (r: ClarificationRow): TClarificationRow => ({
  id: r.id,
  programmeId: r.programme_id,
  number: r.number,
  askedByOrganisation: { id: r.asked_by_organisation_id, name: r.organisation_name },
  askedBy: person(r.asked_by_user_id, r.asked_by_name),
  requestId: r.request_id,
  question: r.question,
  publishedQuestion: r.published_question,
  answer: r.answer,
  status: r.status as TClarificationStatus,
  askedAt: r.asked_at,
  answeredAt: r.answered_at,
  publishedAt: r.published_at,
  updatedAt: r.updated_at,
  version: r.version,
});

/**
 * Which questions a reader may see: `all` for those who run the procurement; otherwise the reader's own
 * organisation's questions and the published ones.
 */
export type TClarificationScope = { kind: 'all' } | { kind: 'ownAndPublished'; organisationId: string };

function visibleClarification(s: TClarificationScope) {
  if (s.kind === 'all') return sql<boolean>`true`;
  return sql<boolean>`(c.status = 'published' or c.asked_by_organisation_id = ${s.organisationId})`;
}

export async function listClarifications(
  db: Executor,
  programmeId: string,
  scope: TClarificationScope,
): Promise<TClarificationRow[]> {
  const rows = await selectClarifications(db)
    .where('c.programme_id', '=', programmeId)
    .where(visibleClarification(scope))
    .orderBy('c.number', 'desc')
    .limit(5000)
    .execute();
  return rows.map(toClarification);
}

export async function findClarification(
  db: Executor,
  programmeId: string,
  id: string,
  scope: TClarificationScope = { kind: 'all' },
): Promise<TClarificationRow | undefined> {
  const r = await selectClarifications(db)
    .where('c.programme_id', '=', programmeId)
    .where('c.id', '=', id)
    .where(visibleClarification(scope))
    .executeTakeFirst();
  return r && toClarification(r);
}

export async function insertClarification(
  db: Executor,
  programmeId: string,
  w: { organisationId: string; userId: string; question: string; requestId: string | null },
): Promise<TClarificationRow> {
  const number = await nextNumber(db, programmeId, 'dd_clarifications');
  const { id } = await db
    .insertInto('dd_clarifications')
    .values({
      programme_id: programmeId,
      number,
      asked_by_organisation_id: w.organisationId,
      asked_by_user_id: w.userId,
      question: w.question,
      request_id: w.requestId,
      status: 'open',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return (await findClarification(db, programmeId, id))!;
}

export async function updateClarification(
  db: Executor,
  before: TClarificationRow,
  p: {
    status: TClarificationStatus;
    answer?: string;
    publishedQuestion?: string;
    answeredBy?: string;
    publishedBy?: string;
  },
  version: number,
): Promise<TClarificationRow> {
  const set: Record<string, unknown> = { status: p.status };
  if (p.answer !== undefined) set.answer = p.answer;
  if (p.publishedQuestion !== undefined) set.published_question = p.publishedQuestion;
  if (p.answeredBy) {
    set.answered_at = sql`now()`;
    set.answered_by = p.answeredBy;
  }
  if (p.publishedBy) {
    set.published_at = sql`now()`;
    set.published_by = p.publishedBy;
  }
  const r = await db
    .updateTable('dd_clarifications')
    .set({ ...set, ...bumpVersion() })
    .where('id', '=', before.id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  const current = await findClarification(db, before.programmeId, before.id);
  if (!r) staleOrMissing('question', current);
  return current!;
}

/** Members of a programme whose organisation is one of these (who to tell about a request to them). */
export async function membersOfOrganisations(
  db: Executor,
  programmeId: string,
  organisationIds: readonly string[],
): Promise<string[]> {
  if (!organisationIds.length) return [];
  const rows = await db
    .selectFrom('programme_memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select('u.id')
    .where('m.programme_id', '=', programmeId)
    .where('u.organisation_id', 'in', [...organisationIds])
    .where('m.role', 'in', [
      'programme_admin',
      'transition_lead',
      'provider_contributor',
      'steering_group_member',
    ])
    .execute();
  return rows.map((r) => r.id);
}

/** Members whose organisation bids in the programme: who hears of a release or a published answer. */
export async function bidderMembers(db: Executor, programmeId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('programme_memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select('u.id')
    .where('m.programme_id', '=', programmeId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('programme_parties as p')
          .select('p.id')
          .whereRef('p.organisation_id', '=', 'u.organisation_id')
          .where('p.programme_id', '=', programmeId)
          .where('p.role', '=', 'bidder'),
      ),
    )
    .execute();
  return rows.map((r) => r.id);
}

/** Requests for these transfers awaiting an answer after their due date: what readiness reports. */
export async function overdueRequestsForTransfers(
  db: Executor,
  transferIds: readonly string[],
  today: string,
) {
  if (!transferIds.length) return [];
  return db
    .selectFrom('dd_requests as r')
    .innerJoin('organisations as o', 'o.id', 'r.responding_organisation_id')
    .select([
      'r.transfer_id as transferId',
      'r.number',
      'r.title',
      'r.category',
      'r.due_on as dueOn',
      'o.short_name as respondingShortName',
    ])
    .where('r.transfer_id', 'in', [...transferIds])
    .where('r.status', 'in', ['open', 'returned'])
    .where('r.due_on', '<', today)
    .execute();
}
