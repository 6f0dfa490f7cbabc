import type { TCreateOrganisationInput, TOrganisationKind, TUpdateOrganisationInput } from '@baton/domain';
import type { Selectable } from 'kysely';
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
