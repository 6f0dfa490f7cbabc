import type { TAddPartyInput, TOrganisationKind, TPartyRole } from '@baton/domain';
import { NotFoundError } from '@baton/domain';
import type { Executor } from '../client';

export interface TPartyRow {
  id: string;
  programmeId: string;
  role: TPartyRole;
  lotId: string | null;
  organisation: { id: string; name: string; shortName: string; kind: TOrganisationKind };
}

function selectParties(db: Executor) {
  return db
    .selectFrom('programme_parties as pp')
    .innerJoin('organisations as o', 'o.id', 'pp.organisation_id')
    .select([
      'pp.id',
      'pp.programme_id',
      'pp.role',
      'pp.lot_id',
      'o.id as org_id',
      'o.name',
      'o.short_name',
      'o.kind',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectParties>['executeTakeFirstOrThrow']>>;

function toParty(r: Row): TPartyRow {
  return {
    id: r.id,
    programmeId: r.programme_id,
    role: r.role as TPartyRole,
    lotId: r.lot_id,
    organisation: { id: r.org_id, name: r.name, shortName: r.short_name, kind: r.kind as TOrganisationKind },
  };
}

export async function listParties(db: Executor, programmeId: string): Promise<TPartyRow[]> {
  const rows = await selectParties(db).where('pp.programme_id', '=', programmeId).orderBy('o.name').execute();
  return rows.map(toParty);
}

export async function findParty(
  db: Executor,
  programmeId: string,
  partyId: string,
): Promise<TPartyRow | undefined> {
  const r = await selectParties(db)
    .where('pp.programme_id', '=', programmeId)
    .where('pp.id', '=', partyId)
    .executeTakeFirst();
  return r && toParty(r);
}

export async function partyExists(db: Executor, p: TAddPartyInput): Promise<boolean> {
  let q = db
    .selectFrom('programme_parties')
    .select('id')
    .where('programme_id', '=', p.programmeId)
    .where('organisation_id', '=', p.organisationId)
    .where('role', '=', p.role);
  q = p.lotId === null ? q.where('lot_id', 'is', null) : q.where('lot_id', '=', p.lotId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function insertParty(db: Executor, p: TAddPartyInput): Promise<TPartyRow> {
  const { id } = await db
    .insertInto('programme_parties')
    .values({ programme_id: p.programmeId, organisation_id: p.organisationId, role: p.role, lot_id: p.lotId })
    .returning('id')
    .executeTakeFirstOrThrow();
  const party = await findParty(db, p.programmeId, id);
  if (!party) throw new NotFoundError('The party vanished as it was added');
  return party;
}

export async function deleteParty(db: Executor, programmeId: string, partyId: string): Promise<void> {
  await db
    .deleteFrom('programme_parties')
    .where('programme_id', '=', programmeId)
    .where('id', '=', partyId)
    .execute();
}
