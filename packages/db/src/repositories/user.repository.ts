import type { Executor } from '../client';

export interface TUserRow {
  id: string;
  email: string;
  name: string;
  isSystemAdmin: boolean;
  organisation: { id: string; name: string; shortName: string };
  disabled: boolean;
  hasPassword: boolean;
  version: number;
}

export function selectUsers(db: Executor) {
  return db
    .selectFrom('users as u')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .select([
      'u.id',
      'u.email',
      'u.name',
      'u.is_system_admin',
      'u.disabled_at',
      'u.password_hash',
      'u.version',
      'o.id as org_id',
      'o.name as org_name',
      'o.short_name as org_short_name',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectUsers>['executeTakeFirstOrThrow']>>;

export function toUser(r: Row): TUserRow {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    isSystemAdmin: r.is_system_admin,
    organisation: { id: r.org_id, name: r.org_name, shortName: r.org_short_name },
    disabled: r.disabled_at !== null,
    hasPassword: r.password_hash !== null,
    version: r.version,
  };
}

export async function findUserById(db: Executor, id: string): Promise<TUserRow | undefined> {
  const r = await selectUsers(db).where('u.id', '=', id).executeTakeFirst();
  return r && toUser(r);
}

/** The user and their password hash, for sign-in only: the hash never leaves the auth code. */
export async function findCredentials(
  db: Executor,
  email: string,
): Promise<{ user: TUserRow; passwordHash: string | null } | undefined> {
  const r = await selectUsers(db).where('u.email', '=', email.toLowerCase()).executeTakeFirst();
  return r && { user: toUser(r), passwordHash: r.password_hash };
}

export async function findUserByEmail(db: Executor, email: string): Promise<TUserRow | undefined> {
  const r = await selectUsers(db).where('u.email', '=', email.toLowerCase()).executeTakeFirst();
  return r && toUser(r);
}

export async function insertUser(
  db: Executor,
  u: {
    email: string;
    name: string;
    organisationId: string;
    passwordHash: string | null;
    isSystemAdmin?: boolean;
  },
): Promise<string> {
  const r = await db
    .insertInto('users')
    .values({
      email: u.email.toLowerCase(),
      name: u.name,
      organisation_id: u.organisationId,
      password_hash: u.passwordHash,
      is_system_admin: u.isSystemAdmin ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function setPasswordHash(db: Executor, userId: string, passwordHash: string): Promise<void> {
  await db
    .updateTable('users')
    .set((eb) => ({ password_hash: passwordHash, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', userId)
    .execute();
}

/** Is this user a programme admin anywhere? Such admins may add organisations to the shared directory. */
export async function isAdminOfAnyProgramme(db: Executor, userId: string): Promise<boolean> {
  const r = await db
    .selectFrom('programme_memberships')
    .select('id')
    .where('user_id', '=', userId)
    .where('role', '=', 'programme_admin')
    .executeTakeFirst();
  return r !== undefined;
}
