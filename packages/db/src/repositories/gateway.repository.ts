import type { TGatewayRating, TGatewayRecommendation, TGatewayStatus } from '@baton/domain';
import type { Executor } from '../client';
import { bumpVersion, staleOrMissing } from './versioning';

/* Assurance gateways (see migration 0018): gateways, panel, domains, criteria, ratings and evidence. */

export interface TGatewayRow {
  id: string;
  programmeId: string;
  assessedOrganisationId: string;
  assessedOrganisationName: string;
  name: string;
  isapCheckpoint: 1 | 2 | 3 | null;
  lot: { id: string; code: string; name: string } | null;
  status: TGatewayStatus;
  scoringOpensOn: string | null;
  panelDueOn: string | null;
  recommendation: TGatewayRecommendation | null;
  rationale: string;
  decidedOn: string | null;
  decisionRaidId: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

const gatewayColumns = [
  'g.id',
  'g.programme_id as programmeId',
  'g.assessed_organisation_id as assessedOrganisationId',
  'o.name as assessedOrganisationName',
  'g.name',
  'g.isap_checkpoint as isapCheckpoint',
  'g.lot_id',
  'l.code as lot_code',
  'l.name as lot_name',
  'g.status',
  'g.scoring_opens_on as scoringOpensOn',
  'g.panel_due_on as panelDueOn',
  'g.recommendation',
  'g.rationale',
  'g.decided_on as decidedOn',
  'g.decision_raid_id as decisionRaidId',
  'g.created_at as createdAt',
  'g.updated_at as updatedAt',
  'g.version',
] as const;

/** A gateway write that matched no row: a CONFLICT carrying the current gateway, or NOT_FOUND. */
async function staleGateway(db: Executor, gatewayId: string): Promise<never> {
  const current = await db.selectFrom('gateways').selectAll().where('id', '=', gatewayId).executeTakeFirst();
  return staleOrMissing('gateway', current);
}

function selectGateways(db: Executor) {
  return db
    .selectFrom('gateways as g')
    .innerJoin('organisations as o', 'o.id', 'g.assessed_organisation_id')
    .leftJoin('lots as l', 'l.id', 'g.lot_id')
    .select(gatewayColumns);
}
type Row = Awaited<ReturnType<ReturnType<typeof selectGateways>['executeTakeFirstOrThrow']>>;

function toGateway(r: Row): TGatewayRow {
  const { lot_id, lot_code, lot_name, ...rest } = r;
  return {
    ...rest,
    isapCheckpoint: r.isapCheckpoint as 1 | 2 | 3 | null,
    status: r.status as TGatewayStatus,
    recommendation: r.recommendation as TGatewayRecommendation | null,
    lot: lot_id ? { id: lot_id, code: lot_code!, name: lot_name! } : null,
  };
}

/**
 * Gateways in a programme; `assessedOrganisationIds` (when given) narrows to those a caller may see, so the
 * access module's predicate is applied in SQL.
 */
export async function listGateways(
  db: Executor,
  programmeId: string,
  assessedOrganisationIds?: readonly string[],
): Promise<TGatewayRow[]> {
  if (assessedOrganisationIds && assessedOrganisationIds.length === 0) return [];
  let q = selectGateways(db).where('g.programme_id', '=', programmeId);
  if (assessedOrganisationIds) q = q.where('g.assessed_organisation_id', 'in', assessedOrganisationIds);
  return (await q.orderBy('g.created_at').orderBy('g.id').execute()).map(toGateway);
}

export async function findGateway(
  db: Executor,
  programmeId: string,
  gatewayId: string,
): Promise<TGatewayRow | undefined> {
  const r = await selectGateways(db)
    .where('g.programme_id', '=', programmeId)
    .where('g.id', '=', gatewayId)
    .executeTakeFirst();
  return r && toGateway(r);
}

/**
 * Per gateway: criteria, panel size, panel ratings given, criteria and domains agreed, and its conditions (open
 * and all): what the list shows without loading every gateway.
 */
export async function gatewayCounts(db: Executor, gatewayIds: readonly string[]) {
  if (gatewayIds.length === 0) return new Map<string, TGatewayCounts>();
  const rows = await db
    .selectFrom('gateways as g')
    .select((eb) => [
      'g.id',
      eb
        .selectFrom('gateway_criteria as c')
        .innerJoin('gateway_domains as d', 'd.id', 'c.domain_id')
        .whereRef('d.gateway_id', '=', 'g.id')
        .select(eb.fn.countAll<string>().as('n'))
        .as('criteria'),
      eb
        .selectFrom('gateway_criteria as c')
        .innerJoin('gateway_domains as d', 'd.id', 'c.domain_id')
        .whereRef('d.gateway_id', '=', 'g.id')
        .where('c.agreed_rating', 'is not', null)
        .select(eb.fn.countAll<string>().as('n'))
        .as('criteriaAgreed'),
      eb
        .selectFrom('gateway_domains as d')
        .whereRef('d.gateway_id', '=', 'g.id')
        .select(eb.fn.countAll<string>().as('n'))
        .as('domains'),
      eb
        .selectFrom('gateway_panel_members as p')
        .whereRef('p.gateway_id', '=', 'g.id')
        .select(eb.fn.countAll<string>().as('n'))
        .as('panel'),
      eb
        .selectFrom('gateway_ratings as r')
        .innerJoin('gateway_criteria as c', 'c.id', 'r.criterion_id')
        .innerJoin('gateway_domains as d', 'd.id', 'c.domain_id')
        .innerJoin('gateway_panel_members as p', (j) =>
          j.onRef('p.gateway_id', '=', 'd.gateway_id').onRef('p.user_id', '=', 'r.panel_user_id'),
        )
        .whereRef('d.gateway_id', '=', 'g.id')
        .select(eb.fn.countAll<string>().as('n'))
        .as('ratings'),
      eb
        .selectFrom('raid_items as i')
        .whereRef('i.gateway_id', '=', 'g.id')
        .where('i.kind', '=', 'action')
        .select(eb.fn.countAll<string>().as('n'))
        .as('conditions'),
      eb
        .selectFrom('raid_items as i')
        .whereRef('i.gateway_id', '=', 'g.id')
        .where('i.kind', '=', 'action')
        .where('i.status', 'in', ['open', 'in_progress'])
        .select(eb.fn.countAll<string>().as('n'))
        .as('openConditions'),
    ])
    .where('g.id', 'in', gatewayIds)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        criteria: Number(r.criteria),
        criteriaAgreed: Number(r.criteriaAgreed),
        domains: Number(r.domains),
        panel: Number(r.panel),
        ratings: Number(r.ratings),
        conditions: Number(r.conditions),
        openConditions: Number(r.openConditions),
      },
    ]),
  );
}
export interface TGatewayCounts {
  criteria: number;
  criteriaAgreed: number;
  domains: number;
  panel: number;
  ratings: number;
  conditions: number;
  openConditions: number;
}

export async function insertGateway(
  db: Executor,
  g: {
    programmeId: string;
    assessedOrganisationId: string;
    name: string;
    isapCheckpoint: number | null;
    lotId: string | null;
    scoringOpensOn: string | null;
    panelDueOn: string | null;
    createdBy: string | null;
    panelUserIds: readonly string[];
    domains: readonly { name: string; criteria: readonly string[] }[];
  },
): Promise<string> {
  const { id } = await db
    .insertInto('gateways')
    .values({
      programme_id: g.programmeId,
      assessed_organisation_id: g.assessedOrganisationId,
      name: g.name,
      isap_checkpoint: g.isapCheckpoint,
      lot_id: g.lotId,
      scoring_opens_on: g.scoringOpensOn,
      panel_due_on: g.panelDueOn,
      created_by: g.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await setGatewayPanel(db, id, g.panelUserIds);
  await insertDomains(db, id, g.domains);
  return id;
}

async function insertDomains(
  db: Executor,
  gatewayId: string,
  domains: readonly { name: string; criteria: readonly string[] }[],
) {
  for (const [i, d] of domains.entries()) {
    const domain = await db
      .insertInto('gateway_domains')
      .values({ gateway_id: gatewayId, position: i + 1, name: d.name })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (d.criteria.length > 0)
      await db
        .insertInto('gateway_criteria')
        .values(d.criteria.map((text, j) => ({ domain_id: domain.id, position: j + 1, text })))
        .execute();
  }
}

/** The whole list of domains and criteria replaced (draft only, so nothing has been rated against them). */
export async function replaceGatewayDomains(
  db: Executor,
  gatewayId: string,
  domains: readonly { name: string; criteria: readonly string[] }[],
) {
  await db.deleteFrom('gateway_domains').where('gateway_id', '=', gatewayId).execute();
  await insertDomains(db, gatewayId, domains);
}

/** The panel becomes exactly these people; a member taken off loses the ratings they had given. */
export async function setGatewayPanel(db: Executor, gatewayId: string, userIds: readonly string[]) {
  let removed = db.deleteFrom('gateway_panel_members').where('gateway_id', '=', gatewayId);
  if (userIds.length > 0) removed = removed.where('user_id', 'not in', userIds);
  const gone = await removed.returning('user_id').execute();
  if (gone.length > 0)
    await db
      .deleteFrom('gateway_ratings')
      .where(
        'criterion_id',
        'in',
        db
          .selectFrom('gateway_criteria as c')
          .innerJoin('gateway_domains as d', 'd.id', 'c.domain_id')
          .select('c.id')
          .where('d.gateway_id', '=', gatewayId),
      )
      .where(
        'panel_user_id',
        'in',
        gone.map((g) => g.user_id),
      )
      .execute();
  if (userIds.length > 0)
    await db
      .insertInto('gateway_panel_members')
      .values(userIds.map((user_id) => ({ gateway_id: gatewayId, user_id })))
      .onConflict((oc) => oc.columns(['gateway_id', 'user_id']).doNothing())
      .execute();
}

export async function updateGatewayDetails(
  db: Executor,
  gatewayId: string,
  version: number,
  g: {
    name: string;
    assessedOrganisationId: string;
    isapCheckpoint: number | null;
    lotId: string | null;
    scoringOpensOn: string | null;
    panelDueOn: string | null;
  },
) {
  const updated = await db
    .updateTable('gateways')
    .set({
      name: g.name,
      assessed_organisation_id: g.assessedOrganisationId,
      isap_checkpoint: g.isapCheckpoint,
      lot_id: g.lotId,
      scoring_opens_on: g.scoringOpensOn,
      panel_due_on: g.panelDueOn,
      ...bumpVersion(),
    })
    .where('id', '=', gatewayId)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  if (updated) return updated;
  return staleGateway(db, gatewayId);
}

/** A change to a gateway's parts (its criteria, its panel) moves the gateway's own version on. */
export async function touchGateway(db: Executor, gatewayId: string, version: number) {
  const updated = await db
    .updateTable('gateways')
    .set(bumpVersion())
    .where('id', '=', gatewayId)
    .where('version', '=', version)
    .returning(['id', 'version'])
    .executeTakeFirst();
  if (updated) return updated;
  return staleGateway(db, gatewayId);
}

export async function listGatewayPanel(db: Executor, gatewayId: string) {
  return db
    .selectFrom('gateway_panel_members as p')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .select(['u.id', 'u.name', 'o.name as organisationName'])
    .where('p.gateway_id', '=', gatewayId)
    .orderBy('u.name')
    .execute();
}

export async function listGatewayDomains(db: Executor, gatewayId: string) {
  const domains = await db
    .selectFrom('gateway_domains')
    .select([
      'id',
      'position',
      'name',
      'agreed_rating as agreedRating',
      'agreed_reasons as agreedReasons',
      'version',
    ])
    .where('gateway_id', '=', gatewayId)
    .orderBy('position')
    .execute();
  const criteria = await db
    .selectFrom('gateway_criteria as c')
    .innerJoin('gateway_domains as d', 'd.id', 'c.domain_id')
    .select([
      'c.id',
      'c.domain_id as domainId',
      'c.position',
      'c.text',
      'c.agreed_rating as agreedRating',
      'c.agreed_reasons as agreedReasons',
      'c.version',
    ])
    .where('d.gateway_id', '=', gatewayId)
    .orderBy('c.position')
    .execute();
  return domains.map((d) => ({
    ...d,
    agreedRating: d.agreedRating as TGatewayRating | null,
    criteria: criteria
      .filter((c) => c.domainId === d.id)
      .map((c) => ({ ...c, agreedRating: c.agreedRating as TGatewayRating | null })),
  }));
}

/** Ratings on a gateway's criteria; `panelUserId` narrows to one panel member's own. */
export async function listGatewayRatings(db: Executor, gatewayId: string, panelUserId?: string) {
  let q = db
    .selectFrom('gateway_ratings as r')
    .innerJoin('gateway_criteria as c', 'c.id', 'r.criterion_id')
    .innerJoin('gateway_domains as d', 'd.id', 'c.domain_id')
    .innerJoin('users as u', 'u.id', 'r.panel_user_id')
    .select([
      'r.id',
      'r.criterion_id as criterionId',
      'r.panel_user_id as panelUserId',
      'u.name as panelUserName',
      'r.rating',
      'r.comment',
      'r.version',
    ])
    .where('d.gateway_id', '=', gatewayId);
  if (panelUserId) q = q.where('r.panel_user_id', '=', panelUserId);
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, rating: r.rating as TGatewayRating }));
}

/**
 * A panel member's rating of a criterion: the first one needs no version (two first ratings at once: the second
 * finds the first and is refused as stale); a change needs the version the member read.
 */
export async function upsertGatewayRating(
  db: Executor,
  r: { criterionId: string; panelUserId: string; rating: TGatewayRating; comment: string; version?: number },
) {
  if (r.version === undefined) {
    const inserted = await db
      .insertInto('gateway_ratings')
      .values({
        criterion_id: r.criterionId,
        panel_user_id: r.panelUserId,
        rating: r.rating,
        comment: r.comment,
      })
      .onConflict((oc) => oc.columns(['criterion_id', 'panel_user_id']).doNothing())
      .returning(['id', 'version'])
      .executeTakeFirst();
    if (inserted) return inserted;
  } else {
    const updated = await db
      .updateTable('gateway_ratings')
      .set({ rating: r.rating, comment: r.comment, ...bumpVersion() })
      .where('criterion_id', '=', r.criterionId)
      .where('panel_user_id', '=', r.panelUserId)
      .where('version', '=', r.version)
      .returning(['id', 'version'])
      .executeTakeFirst();
    if (updated) return updated;
  }
  const current = await db
    .selectFrom('gateway_ratings')
    .selectAll()
    .where('criterion_id', '=', r.criterionId)
    .where('panel_user_id', '=', r.panelUserId)
    .executeTakeFirst();
  return staleOrMissing('rating', current);
}

export async function setGatewayStatus(
  db: Executor,
  gatewayId: string,
  version: number,
  status: TGatewayStatus,
  extra: {
    recommendation?: TGatewayRecommendation;
    rationale?: string;
    decidedOn?: string;
    decisionRaidId?: string;
  } = {},
) {
  const updated = await db
    .updateTable('gateways')
    .set({
      status,
      ...(extra.recommendation ? { recommendation: extra.recommendation } : {}),
      ...(extra.rationale !== undefined ? { rationale: extra.rationale } : {}),
      ...(extra.decidedOn ? { decided_on: extra.decidedOn } : {}),
      ...(extra.decisionRaidId ? { decision_raid_id: extra.decisionRaidId } : {}),
      ...bumpVersion(),
    })
    .where('id', '=', gatewayId)
    .where('version', '=', version)
    .returning(['id', 'version', 'status'])
    .executeTakeFirst();
  if (updated) return updated;
  return staleGateway(db, gatewayId);
}

export async function moderateGatewayTarget(
  db: Executor,
  target: 'criterion' | 'domain',
  id: string,
  agreedRating: TGatewayRating,
  reasons: string,
  version: number,
) {
  const table = target === 'criterion' ? 'gateway_criteria' : 'gateway_domains';
  const updated = await db
    .updateTable(table)
    .set({ agreed_rating: agreedRating, agreed_reasons: reasons, ...bumpVersion() })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning(['id', 'version'])
    .executeTakeFirst();
  if (updated) return updated;
  const current = await db.selectFrom(table).selectAll().where('id', '=', id).executeTakeFirst();
  return staleOrMissing(target, current);
}

export async function listGatewayEvidence(db: Executor, gatewayId: string) {
  return db
    .selectFrom('gateway_evidence')
    .select([
      'id',
      'description',
      'provided_by as providedBy',
      'received_on as receivedOn',
      'domain_id as domainId',
      'criterion_id as criterionId',
      'reference',
      'notes',
      'created_at as createdAt',
      'version',
    ])
    .where('gateway_id', '=', gatewayId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** An evidence entry; with `gatewayId`, only if it belongs to that gateway (a document names it by id alone). */
export async function findGatewayEvidence(db: Executor, evidenceId: string, gatewayId?: string) {
  let q = db
    .selectFrom('gateway_evidence')
    .select(['id', 'gateway_id as gatewayId', 'description', 'version'])
    .where('id', '=', evidenceId);
  if (gatewayId) q = q.where('gateway_id', '=', gatewayId);
  return q.executeTakeFirst();
}

export async function deleteGatewayEvidence(db: Executor, evidenceId: string, version: number) {
  const gone = await db
    .deleteFrom('gateway_evidence')
    .where('id', '=', evidenceId)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  if (gone) return gone;
  const current = await db
    .selectFrom('gateway_evidence')
    .selectAll()
    .where('id', '=', evidenceId)
    .executeTakeFirst();
  return staleOrMissing('evidence', current);
}

export async function insertGatewayEvidence(
  db: Executor,
  e: {
    gatewayId: string;
    description: string;
    providedBy: string;
    receivedOn: string | null;
    domainId: string | null;
    criterionId: string | null;
    reference: string;
    notes: string;
    createdBy: string | null;
  },
) {
  return db
    .insertInto('gateway_evidence')
    .values({
      gateway_id: e.gatewayId,
      description: e.description,
      provided_by: e.providedBy,
      received_on: e.receivedOn,
      domain_id: e.domainId,
      criterion_id: e.criterionId,
      reference: e.reference,
      notes: e.notes,
      created_by: e.createdBy,
    })
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
}

/** The conditions of a gateway's recommendation: the RAID actions that carry its id, as the gateway shows them. */
export async function listGatewayConditions(db: Executor, gatewayId: string) {
  return db
    .selectFrom('raid_items as i')
    .leftJoin('users as u', 'u.id', 'i.owner_user_id')
    .select([
      'i.id',
      'i.number',
      'i.title',
      'i.status',
      'i.due_on as dueOn',
      'i.closed_on as closedOn',
      'i.owning_organisation_id as owningOrganisationId',
      'u.name as ownerName',
    ])
    .where('i.gateway_id', '=', gatewayId)
    .where('i.kind', '=', 'action')
    .orderBy('i.number')
    .execute();
}

/** Gateways in panel scoring where this person is on the panel and has criteria still to rate. */
export async function pendingPanelRatings(db: Executor, programmeId: string, userId: string) {
  const rows = await db
    .selectFrom('gateways as g')
    .innerJoin('gateway_panel_members as p', (j) =>
      j.onRef('p.gateway_id', '=', 'g.id').on('p.user_id', '=', userId),
    )
    .select((eb) => [
      'g.id',
      'g.name',
      'g.panel_due_on as dueOn',
      eb
        .selectFrom('gateway_criteria as c')
        .innerJoin('gateway_domains as d', 'd.id', 'c.domain_id')
        .whereRef('d.gateway_id', '=', 'g.id')
        .select(eb.fn.countAll<string>().as('n'))
        .as('criteria'),
      eb
        .selectFrom('gateway_ratings as r')
        .innerJoin('gateway_criteria as c', 'c.id', 'r.criterion_id')
        .innerJoin('gateway_domains as d', 'd.id', 'c.domain_id')
        .whereRef('d.gateway_id', '=', 'g.id')
        .where('r.panel_user_id', '=', userId)
        .select(eb.fn.countAll<string>().as('n'))
        .as('rated'),
    ])
    .where('g.programme_id', '=', programmeId)
    .where('g.status', '=', 'scoring')
    .orderBy('g.created_at')
    .execute();
  return rows
    .map((r) => ({
      id: r.id,
      name: r.name,
      dueOn: r.dueOn,
      criteria: Number(r.criteria),
      rated: Number(r.rated),
    }))
    .filter((r) => r.rated < r.criteria);
}
