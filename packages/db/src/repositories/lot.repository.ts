import type { TCreateLotInput, TUpdateLotInput } from '@baton/domain';
import type { Selectable } from 'kysely';
import type { Executor } from '../client';
import type { Lots } from '../generated/db';
import { bumpVersion, staleOrMissing } from './versioning';

export interface TLotRow {
  id: string;
  programmeId: string;
  code: string;
  name: string;
  services: string;
  annualValueGbp: number | null;
  version: number;
}

function toLot(r: Selectable<Lots>): TLotRow {
  return {
    id: r.id,
    programmeId: r.programme_id,
    code: r.code,
    name: r.name,
    services: r.services,
    annualValueGbp: r.annual_value_gbp,
    version: r.version,
  };
}

export async function listLots(db: Executor, programmeId: string): Promise<TLotRow[]> {
  const rows = await db
    .selectFrom('lots')
    .selectAll()
    .where('programme_id', '=', programmeId)
    .orderBy('code')
    .execute();
  return rows.map(toLot);
}

export async function findLot(
  db: Executor,
  programmeId: string,
  lotId: string,
): Promise<TLotRow | undefined> {
  const r = await db
    .selectFrom('lots')
    .selectAll()
    .where('id', '=', lotId)
    .where('programme_id', '=', programmeId)
    .executeTakeFirst();
  return r && toLot(r);
}

export async function lotCodeTaken(db: Executor, programmeId: string, code: string, exceptId?: string) {
  let q = db.selectFrom('lots').select('id').where('programme_id', '=', programmeId).where('code', '=', code);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function insertLot(db: Executor, l: TCreateLotInput): Promise<TLotRow> {
  const r = await db
    .insertInto('lots')
    .values({
      programme_id: l.programmeId,
      code: l.code,
      name: l.name,
      services: l.services,
      annual_value_gbp: l.annualValueGbp,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toLot(r);
}

export async function updateLot(db: Executor, l: TUpdateLotInput): Promise<TLotRow> {
  const r = await db
    .updateTable('lots')
    .set({
      code: l.code,
      name: l.name,
      services: l.services,
      annual_value_gbp: l.annualValueGbp,
      ...bumpVersion(),
    })
    .where('id', '=', l.lotId)
    .where('programme_id', '=', l.programmeId)
    .where('version', '=', l.version)
    .returningAll()
    .executeTakeFirst();
  if (!r) staleOrMissing('lot', await findLot(db, l.programmeId, l.lotId));
  return toLot(r);
}

export async function deleteLot(
  db: Executor,
  programmeId: string,
  lotId: string,
  version: number,
): Promise<TLotRow> {
  const r = await db
    .deleteFrom('lots')
    .where('id', '=', lotId)
    .where('programme_id', '=', programmeId)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
  if (!r) staleOrMissing('lot', await findLot(db, programmeId, lotId));
  return toLot(r);
}
