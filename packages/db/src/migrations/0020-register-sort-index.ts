import { sql, type Kysely } from 'kysely';

/*
 * The register's default order is score then reference, both in the same direction (highest score, newest
 * first). The index kept score descending but reference ascending, so PostgreSQL read every risk of the top
 * score and sorted them before it could stop at a page: one index in ascending order serves both directions.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop index risks_score_idx`.execute(db);
  await sql`create index risks_score_idx on risks (programme_id, current_score, number)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index risks_score_idx`.execute(db);
  await sql`create index risks_score_idx on risks (programme_id, current_score desc, number)`.execute(db);
}
