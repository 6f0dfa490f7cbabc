import { sql } from 'kysely';
import type { Executor } from '../client';

export interface TSecondFactorRow {
  secretEncrypted: string;
  confirmedAt: Date | null;
  lastStep: number | null;
}

export async function findSecondFactor(db: Executor, userId: string): Promise<TSecondFactorRow | undefined> {
  const r = await db
    .selectFrom('second_factors')
    .select(['secret_encrypted', 'confirmed_at', 'last_step'])
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return (
    r && {
      secretEncrypted: r.secret_encrypted,
      confirmedAt: r.confirmed_at,
      lastStep: r.last_step === null ? null : Number(r.last_step),
    }
  );
}

/** Starts (or restarts) enrolment with a new secret; a confirmed factor is never replaced this way. */
export async function upsertPendingSecondFactor(
  db: Executor,
  userId: string,
  secretEncrypted: string,
): Promise<boolean> {
  const r = await db
    .insertInto('second_factors')
    .values({ user_id: userId, secret_encrypted: secretEncrypted })
    .onConflict((oc) =>
      oc
        .column('user_id')
        .doUpdateSet({ secret_encrypted: secretEncrypted, last_step: null, created_at: new Date() })
        .where('second_factors.confirmed_at', 'is', null),
    )
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Uses a time step: succeeds only if no code of this step or a later one was used before, in one conditional
 * update, so a code works once even when two requests race with it. Confirms a pending factor as it goes.
 */
export async function useSecondFactorStep(db: Executor, userId: string, step: number): Promise<boolean> {
  const r = await db
    .updateTable('second_factors')
    .set({ last_step: step, confirmed_at: sql`coalesce(confirmed_at, now())` })
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function deleteSecondFactor(db: Executor, userId: string): Promise<void> {
  await db.deleteFrom('second_factors').where('user_id', '=', userId).execute();
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
}

export async function replaceRecoveryCodes(
  db: Executor,
  userId: string,
  codeHashes: string[],
): Promise<void> {
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  await db
    .insertInto('recovery_codes')
    .values(codeHashes.map((h) => ({ user_id: userId, code_hash: h })))
    .execute();
}

/** Uses a recovery code: one conditional update, so of two simultaneous uses exactly one succeeds. */
export async function useRecoveryCode(db: Executor, userId: string, codeHash: string): Promise<boolean> {
  const r = await db
    .updateTable('recovery_codes')
    .set({ used_at: new Date() })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function countUnusedRecoveryCodes(db: Executor, userId: string): Promise<number> {
  const r = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// --- the step between a correct password and the second factor ------------------------------------------------

export async function insertSignInChallenge(
  db: Executor,
  c: { tokenHash: string; userId: string; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('sign_in_challenges')
    .values({ token_hash: c.tokenHash, user_id: c.userId, expires_at: c.expiresAt })
    .execute();
  await db.deleteFrom('sign_in_challenges').where('expires_at', '<', new Date()).execute();
}

export async function findSignInChallenge(db: Executor, tokenHash: string): Promise<string | undefined> {
  const r = await db
    .selectFrom('sign_in_challenges')
    .select('user_id')
    .where('token_hash', '=', tokenHash)
    .where('expires_at', '>', new Date())
    .executeTakeFirst();
  return r?.user_id;
}

/** A wrong code: counted; the challenge ends after `max` wrong codes (sign in with the password again). */
export async function failSignInChallenge(db: Executor, tokenHash: string, max: number): Promise<void> {
  const r = await db
    .updateTable('sign_in_challenges')
    .set((eb) => ({ failures: eb('failures', '+', 1) }))
    .where('token_hash', '=', tokenHash)
    .returning('failures')
    .executeTakeFirst();
  if (r && r.failures >= max)
    await db.deleteFrom('sign_in_challenges').where('token_hash', '=', tokenHash).execute();
}

/** Ends the challenge as the session starts: true for exactly one of any simultaneous successes. */
export async function takeSignInChallenge(db: Executor, tokenHash: string): Promise<boolean> {
  const r = await db.deleteFrom('sign_in_challenges').where('token_hash', '=', tokenHash).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
