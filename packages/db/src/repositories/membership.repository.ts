import type { TMembershipRole, TVisibility } from '@baton/domain';
import type { Executor } from '../client';
import { visibleWhere } from '../visibility';
import { staleOrMissing, bumpVersion } from './versioning';

export interface TMemberRow {
  membershipId: string;
  userId: string;
  name: string;
  email: string;
  role: TMembershipRole;
  status: 'active' | 'invited';
  version: number;
  organisation: { id: string; name: string; shortName: string };
}

function selectMembers(db: Executor) {
  return db
    .selectFrom('programme_memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .select([
      'm.id',
      'm.programme_id',
      'm.role',
      'm.version',
      'u.id as user_id',
      'u.name',
      'u.email',
      'u.password_hash',
      'o.id as org_id',
      'o.name as org_name',
      'o.short_name as org_short_name',
    ]);
}
type Row = Awaited<ReturnType<ReturnType<typeof selectMembers>['executeTakeFirstOrThrow']>>;

function toMember(r: Row): TMemberRow {
  return {
    membershipId: r.id,
    userId: r.user_id,
    name: r.name,
    email: r.email,
    role: r.role as TMembershipRole,
    status: r.password_hash === null ? 'invited' : 'active',
    version: r.version,
    organisation: { id: r.org_id, name: r.org_name, shortName: r.org_short_name },
  };
}

/** Members are seen with their organisation: a bidder sees only its own people. */
export async function listMembers(
  db: Executor,
  programmeId: string,
  visibility: TVisibility,
): Promise<TMemberRow[]> {
  const q = selectMembers(db)
    .where('m.programme_id', '=', programmeId)
    .where(visibleWhere(visibility, 'u.organisation_id'));
  const rows = await q.orderBy('u.name').execute();
  return rows.map(toMember);
}

export async function countMembers(
  db: Executor,
  programmeId: string,
  visibility: TVisibility,
): Promise<number> {
  const q = db
    .selectFrom('programme_memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('m.programme_id', '=', programmeId)
    .where(visibleWhere(visibility, 'u.organisation_id'));
  return Number((await q.executeTakeFirstOrThrow()).n);
}

export async function findMember(db: Executor, programmeId: string, membershipId: string) {
  const r = await selectMembers(db)
    .where('m.programme_id', '=', programmeId)
    .where('m.id', '=', membershipId)
    .executeTakeFirst();
  return r && toMember(r);
}

export async function findMembershipOfUser(db: Executor, programmeId: string, userId: string) {
  const r = await selectMembers(db)
    .where('m.programme_id', '=', programmeId)
    .where('u.id', '=', userId)
    .executeTakeFirst();
  return r && toMember(r);
}

export async function insertMembership(
  db: Executor,
  m: { programmeId: string; userId: string; role: TMembershipRole },
): Promise<string> {
  const r = await db
    .insertInto('programme_memberships')
    .values({ programme_id: m.programmeId, user_id: m.userId, role: m.role })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateMembershipRole(
  db: Executor,
  m: { programmeId: string; membershipId: string; role: TMembershipRole; version: number },
): Promise<TMemberRow> {
  const r = await db
    .updateTable('programme_memberships')
    .set({ role: m.role, ...bumpVersion() })
    .where('id', '=', m.membershipId)
    .where('programme_id', '=', m.programmeId)
    .where('version', '=', m.version)
    .returning('id')
    .executeTakeFirst();
  if (!r) staleOrMissing('membership', await findMember(db, m.programmeId, m.membershipId));
  const member = await findMember(db, m.programmeId, m.membershipId);
  return member!;
}

export async function deleteMembership(
  db: Executor,
  m: { programmeId: string; membershipId: string; version: number },
): Promise<void> {
  const r = await db
    .deleteFrom('programme_memberships')
    .where('id', '=', m.membershipId)
    .where('programme_id', '=', m.programmeId)
    .where('version', '=', m.version)
    .returning('id')
    .executeTakeFirst();
  if (!r) staleOrMissing('membership', await findMember(db, m.programmeId, m.membershipId));
}

export async function countAdmins(db: Executor, programmeId: string): Promise<number> {
  const r = await db
    .selectFrom('programme_memberships')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('programme_id', '=', programmeId)
    .where('role', '=', 'programme_admin')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The organisation of each of these people who is a member of the programme; others are absent. */
export async function memberOrganisations(
  db: Executor,
  programmeId: string,
  userIds: readonly string[],
): Promise<Map<string, string>> {
  if (!userIds.length) return new Map();
  const rows = await db
    .selectFrom('programme_memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.organisation_id'])
    .where('m.programme_id', '=', programmeId)
    .where('u.id', 'in', [...new Set(userIds)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.organisation_id]));
}
