import { sql, type Kysely } from 'kysely';

/*
 * Governance settings a programme admin sets: the name of the group its papers go to (null: named from the
 * programme's stage, as before) and the protective marking printed on every page of its papers (existing
 * programmes keep the marking every paper carried until now).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('programmes')
    .addColumn('governance_group_name', 'text')
    .addColumn('protective_marking', 'text', (c) =>
      c.notNull().defaultTo(sql`'OFFICIAL-SENSITIVE: COMMERCIAL'`),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('programmes')
    .dropColumn('governance_group_name')
    .dropColumn('protective_marking')
    .execute();
}
