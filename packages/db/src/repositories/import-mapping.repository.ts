import type { Executor } from '../client';

/** A column mapping by heading text: { field: "Heading as in the file" }. */
export type TRememberedMapping = Record<string, string>;

export async function findImportMapping(
  db: Executor,
  programmeId: string,
  kind: string,
  headingsKey: string,
): Promise<TRememberedMapping | undefined> {
  const r = await db
    .selectFrom('import_mappings')
    .select('mapping')
    .where('programme_id', '=', programmeId)
    .where('kind', '=', kind)
    .where('headings_key', '=', headingsKey)
    .executeTakeFirst();
  return r ? (r.mapping as TRememberedMapping) : undefined;
}

export async function saveImportMapping(
  db: Executor,
  o: { programmeId: string; kind: string; headingsKey: string; mapping: TRememberedMapping; userId: string },
): Promise<void> {
  await db
    .insertInto('import_mappings')
    .values({
      programme_id: o.programmeId,
      kind: o.kind,
      headings_key: o.headingsKey,
      mapping: JSON.stringify(o.mapping),
      updated_by: o.userId,
    })
    .onConflict((oc) =>
      oc.columns(['programme_id', 'kind', 'headings_key']).doUpdateSet({
        mapping: JSON.stringify(o.mapping),
        updated_by: o.userId,
        updated_at: new Date(),
      }),
    )
    .execute();
}
