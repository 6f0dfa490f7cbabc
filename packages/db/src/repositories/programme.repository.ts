import type {
  TCreateProgrammeInput,
  TMembershipRole,
  TPartyRole,
  TProcurementRoute,
  TProgrammeStage,
  TUpdateProgrammeInput,
} from '@baton/domain';
import type { Selectable } from 'kysely';
import type { Executor } from '../client';
import type { Programmes } from '../generated/db';
import { bumpVersion, staleOrMissing } from './versioning';

export interface TProgrammeRow {
  id: string;
  name: string;
  code: string;
  description: string;
  procurementRoute: TProcurementRoute;
  stage: TProgrammeStage;
  contractValueGbp: number | null;
  contractTermMonths: number | null;
  expectedServiceCommencement: string;
  intentionToAwardDate: string | null;
  contractAwardDate: string | null;
  longstopDate: string | null;
  /** Open, or closed: read-only, its records kept until `retainUntil`. */
  status: 'open' | 'closed';
  closedAt: Date | null;
  closedBy: string | null;
  closureReason: string;
  retainUntil: string | null;
  deletionRequestedAt: Date | null;
  deletionRequestedBy: string | null;
  /** The readiness rules' settings (null: the defaults). */
  readinessSettings: unknown;
  confidenceScale: 'five' | 'three';
  /** The group the papers go to (null: named from the stage). */
  governanceGroupName: string | null;
  /** Printed on every page of the papers. */
  protectiveMarking: string;
  /** Members who sign in with a password must also use a second factor. */
  requireSecondFactor: boolean;
  version: number;
}

export function toProgramme(r: Selectable<Programmes>): TProgrammeRow {
  return {
    id: r.id,
    name: r.name,
    code: r.code,
    description: r.description,
    procurementRoute: r.procurement_route as TProcurementRoute,
    stage: r.stage as TProgrammeStage,
    contractValueGbp: r.contract_value_gbp,
    contractTermMonths: r.contract_term_months,
    expectedServiceCommencement: r.expected_service_commencement,
    intentionToAwardDate: r.intention_to_award_date,
    contractAwardDate: r.contract_award_date,
    longstopDate: r.longstop_date,
    status: r.status as 'open' | 'closed',
    closedAt: r.closed_at,
    closedBy: r.closed_by,
    closureReason: r.closure_reason,
    retainUntil: r.retain_until,
    deletionRequestedAt: r.deletion_requested_at,
    deletionRequestedBy: r.deletion_requested_by,
    readinessSettings: r.readiness_settings,
    confidenceScale: r.confidence_scale as 'five' | 'three',
    governanceGroupName: r.governance_group_name,
    protectiveMarking: r.protective_marking,
    requireSecondFactor: r.require_second_factor,
    version: r.version,
  };
}

function programmeColumns(p: TCreateProgrammeInput) {
  return {
    name: p.name,
    code: p.code,
    description: p.description,
    procurement_route: p.procurementRoute,
    stage: p.stage,
    contract_value_gbp: p.contractValueGbp,
    contract_term_months: p.contractTermMonths,
    expected_service_commencement: p.expectedServiceCommencement,
    intention_to_award_date: p.intentionToAwardDate,
    contract_award_date: p.contractAwardDate,
    longstop_date: p.longstopDate,
  };
}

export async function findProgramme(db: Executor, id: string): Promise<TProgrammeRow | undefined> {
  const r = await db.selectFrom('programmes').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toProgramme(r);
}

export async function programmeCodeTaken(db: Executor, code: string, exceptId?: string): Promise<boolean> {
  let q = db.selectFrom('programmes').select('id').where('code', '=', code);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function insertProgramme(db: Executor, p: TCreateProgrammeInput): Promise<TProgrammeRow> {
  const r = await db
    .insertInto('programmes')
    .values(programmeColumns(p))
    .returningAll()
    .executeTakeFirstOrThrow();
  return toProgramme(r);
}

export async function updateProgramme(db: Executor, p: TUpdateProgrammeInput): Promise<TProgrammeRow> {
  const r = await db
    .updateTable('programmes')
    .set({ ...programmeColumns(p), ...bumpVersion() })
    .where('id', '=', p.programmeId)
    .where('version', '=', p.version)
    .returningAll()
    .executeTakeFirst();
  if (!r) staleOrMissing('programme', await findProgramme(db, p.programmeId));
  return toProgramme(r);
}

/** Programmes a user belongs to, with their role: the programme picker. */
export async function listProgrammesForUser(db: Executor, userId: string) {
  const rows = await db
    .selectFrom('programmes as p')
    .innerJoin('programme_memberships as m', 'm.programme_id', 'p.id')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .selectAll('p')
    .select((eb) => [
      'm.role as member_role',
      'u.organisation_id as member_organisation_id',
      eb
        .selectFrom('programme_parties as pp')
        .select((e2) =>
          e2.fn.coalesce(e2.fn<string[]>('array_agg', [e2.ref('pp.role')]), e2.val<string[]>([])).as('r'),
        )
        .whereRef('pp.programme_id', '=', 'p.id')
        .whereRef('pp.organisation_id', '=', 'u.organisation_id')
        .as('party_roles'),
    ])
    .where('m.user_id', '=', userId)
    .orderBy('p.expected_service_commencement')
    .execute();
  return rows.map((r) => ({
    ...toProgramme(r),
    role: r.member_role as TMembershipRole,
    /** The roles the member's organisation plays here: decides bidder isolation. */
    organisationPartyRoles: (r.party_roles ?? []) as TPartyRole[],
    memberOrganisationId: r.member_organisation_id,
  }));
}

export interface TMembershipContext {
  membershipId: string;
  role: TMembershipRole;
  organisationId: string;
  /** The roles the member's organisation plays in this programme (any lot): decides bidder isolation. */
  organisationPartyRoles: TPartyRole[];
  /** A closed programme is read-only. */
  programmeStatus: 'open' | 'closed';
  /** Members signed in with a password alone are refused until they add a second factor. */
  requiresSecondFactor: boolean;
  /** The programme's stored risk matrix version (0: the default), so a process can reuse the matrix it read. */
  matrixVersion: number;
}

/** One query: the caller's membership and their organisation's party roles, or undefined for outsiders. */
export async function findMembershipContext(
  db: Executor,
  programmeId: string,
  userId: string,
): Promise<TMembershipContext | undefined> {
  const r = await db
    .selectFrom('programme_memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .innerJoin('programmes as p', 'p.id', 'm.programme_id')
    .select((eb) => [
      'm.id',
      'm.role',
      'u.organisation_id',
      'p.status',
      'p.require_second_factor',
      eb
        .selectFrom('programme_parties as pp')
        .select((e2) =>
          e2.fn.coalesce(e2.fn<string[]>('array_agg', [e2.ref('pp.role')]), e2.val<string[]>([])).as('r'),
        )
        .whereRef('pp.programme_id', '=', 'm.programme_id')
        .whereRef('pp.organisation_id', '=', 'u.organisation_id')
        .as('party_roles'),
      eb
        .selectFrom('risk_matrices as rm')
        .select('rm.version')
        .whereRef('rm.programme_id', '=', 'm.programme_id')
        .as('matrix_version'),
    ])
    .where('m.programme_id', '=', programmeId)
    .where('m.user_id', '=', userId)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    membershipId: r.id,
    role: r.role as TMembershipRole,
    organisationId: r.organisation_id,
    organisationPartyRoles: (r.party_roles ?? []) as TPartyRole[],
    programmeStatus: r.status as 'open' | 'closed',
    requiresSecondFactor: r.require_second_factor,
    matrixVersion: r.matrix_version ?? 0,
  };
}

/** Closes a programme: read-only from now, its records kept until `retainUntil`. */
export async function closeProgramme(
  db: Executor,
  p: { programmeId: string; version: number; closedBy: string; retainUntil: string; reason: string },
): Promise<TProgrammeRow> {
  const r = await db
    .updateTable('programmes')
    .set({
      status: 'closed',
      closed_at: new Date(),
      closed_by: p.closedBy,
      closure_reason: p.reason,
      retain_until: p.retainUntil,
      ...bumpVersion(),
    })
    .where('id', '=', p.programmeId)
    .where('version', '=', p.version)
    .where('status', '=', 'open')
    .returningAll()
    .executeTakeFirst();
  if (!r) staleOrMissing('programme', await findProgramme(db, p.programmeId));
  return toProgramme(r);
}

/** Reopens a closed programme (not one whose deletion has been asked for). */
export async function reopenProgramme(db: Executor, p: { programmeId: string; version: number }) {
  const r = await db
    .updateTable('programmes')
    .set({
      status: 'open',
      closed_at: null,
      closed_by: null,
      closure_reason: '',
      retain_until: null,
      ...bumpVersion(),
    })
    .where('id', '=', p.programmeId)
    .where('version', '=', p.version)
    .where('deletion_requested_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  if (!r) staleOrMissing('programme', await findProgramme(db, p.programmeId));
  return toProgramme(r);
}

/** Records (or, with null, withdraws) the first of the two steps of deleting a programme. */
export async function setDeletionRequest(
  db: Executor,
  p: { programmeId: string; version: number; requestedBy: string | null },
) {
  const r = await db
    .updateTable('programmes')
    .set({
      deletion_requested_at: p.requestedBy ? new Date() : null,
      deletion_requested_by: p.requestedBy,
      ...bumpVersion(),
    })
    .where('id', '=', p.programmeId)
    .where('version', '=', p.version)
    .where('status', '=', 'closed')
    .returningAll()
    .executeTakeFirst();
  if (!r) staleOrMissing('programme', await findProgramme(db, p.programmeId));
  return toProgramme(r);
}

/** How many rows of each kind a programme has: what a deletion takes away. */
export async function programmeRowCounts(db: Executor, programmeId: string) {
  const count = (
    table:
      | 'risks'
      | 'mitigation_actions'
      | 'risk_history'
      | 'transfers'
      | 'plan_tasks'
      | 'meetings'
      | 'pack_snapshots'
      | 'audit_events'
      | 'programme_memberships',
  ) =>
    db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('programme_id', '=', programmeId)
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  const [risks, actions, historyRows, transfers, tasks, meetings, frozenPacks, auditEvents, members] =
    await Promise.all([
      count('risks'),
      count('mitigation_actions'),
      count('risk_history'),
      count('transfers'),
      count('plan_tasks'),
      count('meetings'),
      count('pack_snapshots'),
      count('audit_events'),
      count('programme_memberships'),
    ]);
  return { risks, actions, historyRows, transfers, tasks, meetings, frozenPacks, auditEvents, members };
}

/**
 * Deletes a programme and everything in it (every table's rows cascade from the programme), once its
 * deletion was asked for. Call it inside a transaction. A frozen pack holds on to its meeting (a meeting with a
 * pack cannot be deleted on its own), so the packs go first.
 */
export async function deleteProgramme(db: Executor, programmeId: string): Promise<boolean> {
  const p = await findProgramme(db, programmeId);
  if (!p || p.status !== 'closed' || !p.deletionRequestedAt) return false;
  await db.deleteFrom('pack_snapshots').where('programme_id', '=', programmeId).execute();
  const r = await db
    .deleteFrom('programmes')
    .where('id', '=', programmeId)
    .where('status', '=', 'closed')
    .where('deletion_requested_at', 'is not', null)
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** The programme's readiness rule settings and confidence scale (the programme row's version is checked). */
export async function saveProgrammeSettings(
  db: Executor,
  p: {
    programmeId: string;
    version: number;
    readinessSettings?: unknown;
    confidenceScale?: 'five' | 'three';
  },
): Promise<TProgrammeRow> {
  const r = await db
    .updateTable('programmes')
    .set({
      ...(p.readinessSettings !== undefined
        ? { readiness_settings: JSON.stringify(p.readinessSettings) }
        : {}),
      ...(p.confidenceScale ? { confidence_scale: p.confidenceScale } : {}),
      ...bumpVersion(),
    })
    .where('id', '=', p.programmeId)
    .where('version', '=', p.version)
    .returningAll()
    .executeTakeFirst();
  if (!r) staleOrMissing('programme', await findProgramme(db, p.programmeId));
  return toProgramme(r);
}

/** The governance settings: the group the papers go to and their protective marking. */
export async function updateProgrammeGovernance(
  db: Executor,
  p: { programmeId: string; version: number; governanceGroupName: string | null; protectiveMarking: string },
): Promise<TProgrammeRow> {
  const r = await db
    .updateTable('programmes')
    .set({
      governance_group_name: p.governanceGroupName,
      protective_marking: p.protectiveMarking,
      ...bumpVersion(),
    })
    .where('id', '=', p.programmeId)
    .where('version', '=', p.version)
    .returningAll()
    .executeTakeFirst();
  if (!r) staleOrMissing('programme', await findProgramme(db, p.programmeId));
  return toProgramme(r);
}

export async function updateProgrammeSecurity(
  db: Executor,
  p: { programmeId: string; version: number; requireSecondFactor: boolean },
): Promise<TProgrammeRow> {
  const r = await db
    .updateTable('programmes')
    .set({ require_second_factor: p.requireSecondFactor, ...bumpVersion() })
    .where('id', '=', p.programmeId)
    .where('version', '=', p.version)
    .returningAll()
    .executeTakeFirst();
  if (!r) staleOrMissing('programme', await findProgramme(db, p.programmeId));
  return toProgramme(r);
}
