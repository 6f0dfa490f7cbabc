import type { TRaidKind, TRaidPriority, TRaidStatus, TVisibility } from '@baton/domain';
import { sql } from 'kysely';
import type { Executor } from '../client';
import { visibleWhere } from '../visibility';
import { bumpVersion, staleOrMissing } from './versioning';

/* The RAID log: issues, assumptions, decisions and meeting actions (see migration 0011). */

export interface TRaidRow {
  id: string;
  programmeId: string;
  kind: TRaidKind;
  number: number;
  owningOrganisation: { id: string; name: string };
  title: string;
  description: string;
  owner: { id: string; name: string } | null;
  status: TRaidStatus;
  priority: TRaidPriority | null;
  impact: string;
  resolution: string;
  raisedOn: string;
  dueOn: string | null;
  closedOn: string | null;
  risk: { id: string; number: number; title: string; owningOrganisationId: string } | null;
  meeting: { id: string; title: string; heldOn: string } | null;
  decidedBy: string;
  recommendationKey: string | null;
  /** The assurance gateway whose recommendation this decision records, or whose condition this action is. */
  gatewayId: string | null;
  createdBy: { id: string; name: string } | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** What a write stores: everything but identity, numbering and bookkeeping. */
export interface TRaidWrite {
  title: string;
  description: string;
  owningOrganisationId: string;
  ownerUserId: string | null;
  status: TRaidStatus;
  priority: TRaidPriority | null;
  impact: string;
  resolution: string;
  raisedOn: string;
  dueOn: string | null;
  closedOn: string | null;
  riskId: string | null;
  meetingId: string | null;
  decidedBy: string;
  recommendationKey?: string | null;
  gatewayId?: string | null;
}

function selectRaid(db: Executor) {
  return db
    .selectFrom('raid_items as i')
    .innerJoin('organisations as o', 'o.id', 'i.owning_organisation_id')
    .leftJoin('users as u', 'u.id', 'i.owner_user_id')
    .leftJoin('users as c', 'c.id', 'i.created_by')
    .leftJoin('risks as r', 'r.id', 'i.risk_id')
    .leftJoin('meetings as m', 'm.id', 'i.meeting_id')
    .selectAll('i')
    .select([
      'o.name as organisation_name',
      'u.name as owner_name',
      'c.name as created_by_name',
      'r.number as risk_number',
      'r.title as risk_title',
      'r.owning_organisation_id as risk_organisation_id',
      'm.title as meeting_title',
      'm.held_on as meeting_held_on',
    ]);
}
type Row = Awaited<ReturnType<ReturnType<typeof selectRaid>['executeTakeFirstOrThrow']>>;

function toRaid(r: Row): TRaidRow {
  return {
    id: r.id,
    programmeId: r.programme_id,
    kind: r.kind as TRaidKind,
    number: r.number,
    owningOrganisation: { id: r.owning_organisation_id, name: r.organisation_name },
    title: r.title,
    description: r.description,
    owner: r.owner_user_id ? { id: r.owner_user_id, name: r.owner_name ?? 'Unknown' } : null,
    status: r.status as TRaidStatus,
    priority: (r.priority as TRaidPriority | null) ?? null,
    impact: r.impact,
    resolution: r.resolution,
    raisedOn: r.raised_on,
    dueOn: r.due_on,
    closedOn: r.closed_on,
    risk: r.risk_id
      ? {
          id: r.risk_id,
          number: r.risk_number!,
          title: r.risk_title!,
          owningOrganisationId: r.risk_organisation_id!,
        }
      : null,
    meeting: r.meeting_id ? { id: r.meeting_id, title: r.meeting_title!, heldOn: r.meeting_held_on! } : null,
    decidedBy: r.decided_by,
    recommendationKey: r.recommendation_key,
    gatewayId: r.gateway_id,
    createdBy: r.created_by ? { id: r.created_by, name: r.created_by_name ?? 'Unknown' } : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

const columns = (w: TRaidWrite) => ({
  title: w.title,
  description: w.description,
  owning_organisation_id: w.owningOrganisationId,
  owner_user_id: w.ownerUserId,
  status: w.status,
  priority: w.priority,
  impact: w.impact,
  resolution: w.resolution,
  raised_on: w.raisedOn,
  due_on: w.dueOn,
  closed_on: w.closedOn,
  risk_id: w.riskId,
  meeting_id: w.meetingId,
  decided_by: w.decidedBy,
  ...(w.recommendationKey !== undefined ? { recommendation_key: w.recommendationKey } : {}),
  ...(w.gatewayId !== undefined ? { gateway_id: w.gatewayId } : {}),
});

export interface TRaidFilter {
  kind?: TRaidKind | undefined;
  statuses?: readonly TRaidStatus[] | undefined;
  search?: string | undefined;
  ownerUserId?: string | undefined;
  meetingId?: string | undefined;
  riskId?: string | undefined;
}

/** The log as a reader may see it: by kind, then newest reference first within a kind. */
export async function listRaidItems(
  db: Executor,
  programmeId: string,
  visibility: TVisibility,
  f: TRaidFilter = {},
): Promise<TRaidRow[]> {
  let q = selectRaid(db)
    .where('i.programme_id', '=', programmeId)
    .where(visibleWhere(visibility, 'i.owning_organisation_id'));
  if (f.kind) q = q.where('i.kind', '=', f.kind);
  if (f.statuses) q = q.where('i.status', 'in', [...f.statuses]);
  if (f.ownerUserId) q = q.where('i.owner_user_id', '=', f.ownerUserId);
  if (f.meetingId) q = q.where('i.meeting_id', '=', f.meetingId);
  if (f.riskId) q = q.where('i.risk_id', '=', f.riskId);
  if (f.search) {
    const like = `%${f.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('i.title', 'ilike', like),
        eb('i.description', 'ilike', like),
        eb('i.resolution', 'ilike', like),
      ]),
    );
  }
  const rows = await q.orderBy('i.kind').orderBy('i.number', 'desc').limit(5000).execute();
  return rows.map(toRaid);
}

export async function findRaidItem(
  db: Executor,
  programmeId: string,
  raidId: string,
): Promise<TRaidRow | undefined> {
  const r = await selectRaid(db)
    .where('i.programme_id', '=', programmeId)
    .where('i.id', '=', raidId)
    .executeTakeFirst();
  return r && toRaid(r);
}

/** The decision recorded against one of a meeting's recommendations, if any. */
export async function findDecisionFor(
  db: Executor,
  meetingId: string,
  recommendationKey: string,
): Promise<TRaidRow | undefined> {
  const r = await selectRaid(db)
    .where('i.meeting_id', '=', meetingId)
    .where('i.recommendation_key', '=', recommendationKey)
    .executeTakeFirst();
  return r && toRaid(r);
}

export async function insertRaidItem(
  db: Executor,
  programmeId: string,
  kind: TRaidKind,
  w: TRaidWrite,
  createdBy: string | null,
): Promise<TRaidRow> {
  // The programme row's lock serialises numbering: two people raising an issue at once get ISS-007 and ISS-008.
  await sql`select id from programmes where id = ${programmeId} for update`.execute(db);
  const { n } = await db
    .selectFrom('raid_items')
    .select(sql<number>`coalesce(max(number), 0) + 1`.as('n'))
    .where('programme_id', '=', programmeId)
    .where('kind', '=', kind)
    .executeTakeFirstOrThrow();
  const { id } = await db
    .insertInto('raid_items')
    .values({ ...columns(w), programme_id: programmeId, kind, number: Number(n), created_by: createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return (await findRaidItem(db, programmeId, id))!;
}

export async function updateRaidItem(
  db: Executor,
  before: TRaidRow,
  w: TRaidWrite,
  version: number,
): Promise<TRaidRow> {
  const r = await db
    .updateTable('raid_items')
    .set({ ...columns(w), ...bumpVersion() })
    .where('id', '=', before.id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  const current = await findRaidItem(db, before.programmeId, before.id);
  if (!r) staleOrMissing('item', current);
  return current!;
}

/** Open RAID items with an owner, due between two dates: what the daily scan tells owners about. */
export async function raidDueBetween(db: Executor, p: { from: string; to: string }) {
  const rows = await db
    .selectFrom('raid_items')
    .select([
      'id',
      'programme_id',
      'kind',
      'number',
      'title',
      'due_on',
      'status',
      'owner_user_id',
      'owning_organisation_id',
    ])
    .where('due_on', '>=', p.from)
    .where('due_on', '<=', p.to)
    .where('status', 'in', ['open', 'in_progress'])
    .where('owner_user_id', 'is not', null)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    programmeId: r.programme_id,
    kind: r.kind as TRaidKind,
    number: r.number,
    title: r.title,
    dueOn: r.due_on!,
    status: r.status as TRaidStatus,
    ownerUserId: r.owner_user_id,
    organisationIds: [r.owning_organisation_id],
  }));
}
