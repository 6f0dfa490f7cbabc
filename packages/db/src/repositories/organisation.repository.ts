import type { TCreateOrganisationInput, TOrganisationKind, TUpdateOrganisationInput } from '@baton/domain';
import { sql, type Selectable } from 'kysely';
import type { Executor } from '../client';
import type { Organisations } from '../generated/db';
import { bumpVersion, staleOrMissing } from './versioning';

export interface TOrganisationRow {
  id: string;
  name: string;
  shortName: string;
  kind: TOrganisationKind;
  odsCode: string | null;
  version: number;
}

export function toOrganisation(r: Selectable<Organisations>): TOrganisationRow {
  return {
    id: r.id,
    name: r.name,
    shortName: r.short_name,
    kind: r.kind as TOrganisationKind,
    odsCode: r.ods_code,
    version: r.version,
  };
}

export async function listOrganisations(db: Executor): Promise<TOrganisationRow[]> {
  const rows = await db.selectFrom('organisations').selectAll().orderBy('name').execute();
  return rows.map(toOrganisation);
}

export async function findOrganisation(db: Executor, id: string): Promise<TOrganisationRow | undefined> {
  const r = await db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toOrganisation(r);
}

export async function organisationNameTaken(db: Executor, name: string, exceptId?: string): Promise<boolean> {
  let q = db
    .selectFrom('organisations')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()));
  if (exceptId) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function insertOrganisation(
  db: Executor,
  input: TCreateOrganisationInput,
): Promise<TOrganisationRow> {
  const r = await db
    .insertInto('organisations')
    .values({
      name: input.name,
      short_name: input.shortName,
      kind: input.kind,
      ods_code: input.odsCode ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toOrganisation(r);
}

export async function updateOrganisation(
  db: Executor,
  input: TUpdateOrganisationInput,
): Promise<TOrganisationRow> {
  const r = await db
    .updateTable('organisations')
    .set({
      name: input.name,
      short_name: input.shortName,
      kind: input.kind,
      ods_code: input.odsCode ?? null,
      ...bumpVersion(),
    })
    .where('id', '=', input.organisationId)
    .where('version', '=', input.version)
    .returningAll()
    .executeTakeFirst();
  if (!r) staleOrMissing('organisation', await findOrganisation(db, input.organisationId));
  return toOrganisation(r);
}

/**
 * The organisations a user may see in the directory: their own, and the parties of each programme they are a
 * member of, except that where their organisation takes part only as a bidder they see only the
 * commissioners there (never a rival bidder). Directory admins see the whole directory with listOrganisations.
 */
export async function listOrganisationsVisibleTo(
  db: Executor,
  user: { id: string; organisationId: string },
): Promise<TOrganisationRow[]> {
  const rows = await db
    .selectFrom('organisations as o')
    .selectAll('o')
    .where((eb) =>
      eb.or([
        eb('o.id', '=', user.organisationId),
        eb.exists(
          eb
            .selectFrom('programme_memberships as m')
            .innerJoin('programme_parties as pp', 'pp.programme_id', 'm.programme_id')
            .select(sql`1`.as('one'))
            .where('m.user_id', '=', user.id)
            .whereRef('pp.organisation_id', '=', 'o.id')
            .where((e2) =>
              e2.or([
                e2('pp.role', 'in', ['lead_commissioner', 'co_commissioner']),
                // Their organisation sees every party unless it takes part only as a bidder.
                sql<boolean>`not exists (select 1 from programme_parties b
                  where b.programme_id = m.programme_id and b.organisation_id = ${user.organisationId})
                  or exists (select 1 from programme_parties b
                  where b.programme_id = m.programme_id and b.organisation_id = ${user.organisationId}
                    and b.role <> 'bidder')`,
              ]),
            ),
        ),
      ]),
    )
    .orderBy('o.name')
    .execute();
  return rows.map(toOrganisation);
}
