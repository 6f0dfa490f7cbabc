import type { Executor } from '../client';

/* Calendar feed links: one live link per person per programme, kept only as the SHA-256 of its secret. */

export interface TCalendarFeedRow {
  id: string;
  programmeId: string;
  userId: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

const columns = ['id', 'programme_id', 'user_id', 'created_at', 'last_used_at'] as const;
const toRow = (r: {
  id: string;
  programme_id: string;
  user_id: string;
  created_at: Date;
  last_used_at: Date | null;
}): TCalendarFeedRow => ({
  id: r.id,
  programmeId: r.programme_id,
  userId: r.user_id,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
});

export async function findLiveCalendarFeed(
  db: Executor,
  programmeId: string,
  userId: string,
): Promise<TCalendarFeedRow | undefined> {
  const r = await db
    .selectFrom('calendar_feeds')
    .select(columns)
    .where('programme_id', '=', programmeId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return r && toRow(r);
}

export async function findCalendarFeedByHash(
  db: Executor,
  tokenHash: string,
): Promise<TCalendarFeedRow | undefined> {
  const r = await db
    .selectFrom('calendar_feeds')
    .select(columns)
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return r && toRow(r);
}

export async function insertCalendarFeed(
  db: Executor,
  f: { programmeId: string; userId: string; tokenHash: string },
): Promise<TCalendarFeedRow> {
  const r = await db
    .insertInto('calendar_feeds')
    .values({ programme_id: f.programmeId, user_id: f.userId, token_hash: f.tokenHash })
    .returning(columns)
    .executeTakeFirstOrThrow();
  return toRow(r);
}

/** Revokes every live link of a person in a programme; returns how many there were. */
export async function revokeCalendarFeeds(
  db: Executor,
  programmeId: string,
  userId: string,
): Promise<number> {
  const r = await db
    .updateTable('calendar_feeds')
    .set({ revoked_at: new Date() })
    .where('programme_id', '=', programmeId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function touchCalendarFeed(db: Executor, id: string): Promise<void> {
  await db.updateTable('calendar_feeds').set({ last_used_at: new Date() }).where('id', '=', id).execute();
}
