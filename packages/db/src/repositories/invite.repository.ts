import type { TMembershipRole } from '@baton/domain';
import { sql } from 'kysely';
import type { Executor } from '../client';

export async function insertInvite(
  db: Executor,
  i: { tokenHash: string; userId: string; programmeId: string; invitedBy: string; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('invites')
    .values({
      token_hash: i.tokenHash,
      user_id: i.userId,
      programme_id: i.programmeId,
      invited_by: i.invitedBy,
      expires_at: i.expiresAt,
    })
    .execute();
}

/** Older links for the same person stop working when a new one is issued. */
export async function revokeOpenInvites(db: Executor, userId: string): Promise<void> {
  await db
    .updateTable('invites')
    .set({ expires_at: new Date() })
    .where('user_id', '=', userId)
    .where('accepted_at', 'is', null)
    .execute();
}

export async function findOpenInvite(db: Executor, tokenHash: string) {
  const r = await db
    .selectFrom('invites as i')
    .innerJoin('users as u', 'u.id', 'i.user_id')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .innerJoin('programmes as p', 'p.id', 'i.programme_id')
    .leftJoin('programme_memberships as m', (j) =>
      j.onRef('m.programme_id', '=', 'i.programme_id').onRef('m.user_id', '=', 'i.user_id'),
    )
    .select([
      'i.id',
      'i.user_id',
      'i.programme_id',
      'u.email',
      'u.name',
      'o.name as organisation_name',
      'p.name as programme_name',
      'm.role',
    ])
    .where('i.token_hash', '=', tokenHash)
    .where('i.accepted_at', 'is', null)
    .where('i.expires_at', '>', new Date())
    .executeTakeFirst();
  return (
    r && {
      inviteId: r.id,
      userId: r.user_id,
      programmeId: r.programme_id,
      email: r.email,
      name: r.name,
      organisationName: r.organisation_name,
      programmeName: r.programme_name,
      role: (r.role ?? null) as TMembershipRole | null,
    }
  );
}

/**
 * Uses up an invitation link: marks it accepted if, at this instant, it is still open, and says whose it was.
 * One conditional update, so of any number of simultaneous accepts exactly one gets the row back: on
 * PostgreSQL a second update of the same row waits for the first to commit, then re-checks
 * `accepted_at is null` against the committed row and matches nothing. Undefined: expired, used or unknown.
 */
export async function claimOpenInvite(
  db: Executor,
  tokenHash: string,
): Promise<{ inviteId: string; userId: string; programmeId: string } | undefined> {
  const r = await db
    .updateTable('invites')
    .set({ accepted_at: sql<Date>`now()` })
    .where('token_hash', '=', tokenHash)
    .where('accepted_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .returning(['id', 'user_id', 'programme_id'])
    .executeTakeFirst();
  return r && { inviteId: r.id, userId: r.user_id, programmeId: r.programme_id };
}

/** Signing in through the organisation's provider accepts the person's open invitations (no link needed). */
export async function claimOpenInvitesOf(db: Executor, userId: string): Promise<string[]> {
  const rows = await db
    .updateTable('invites')
    .set({ accepted_at: sql<Date>`now()` })
    .where('user_id', '=', userId)
    .where('accepted_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .returning('programme_id')
    .execute();
  return [...new Set(rows.map((r) => r.programme_id))];
}
