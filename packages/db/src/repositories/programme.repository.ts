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
    .selectAll('p')
    .select('m.role as member_role')
    .where('m.user_id', '=', userId)
    .orderBy('p.expected_service_commencement')
    .execute();
  return rows.map((r) => ({ ...toProgramme(r), role: r.member_role as TMembershipRole }));
}

export interface TMembershipContext {
  membershipId: string;
  role: TMembershipRole;
  organisationId: string;
  /** The roles the member's organisation plays in this programme (any lot): decides bidder isolation. */
  organisationPartyRoles: TPartyRole[];
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
    .select((eb) => [
      'm.id',
      'm.role',
      'u.organisation_id',
      eb
        .selectFrom('programme_parties as pp')
        .select((e2) =>
          e2.fn.coalesce(e2.fn<string[]>('array_agg', [e2.ref('pp.role')]), e2.val<string[]>([])).as('r'),
        )
        .whereRef('pp.programme_id', '=', 'm.programme_id')
        .whereRef('pp.organisation_id', '=', 'u.organisation_id')
        .as('party_roles'),
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
  };
}
