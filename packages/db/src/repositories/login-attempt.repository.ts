import { sql } from 'kysely';
import type { Executor, Tx } from '../client';

/*
 * Sign-in attempts: one row per password checked (email as typed after normalising, client address, outcome).
 * The throttling rules that read them live in @baton/api (auth/login-throttle.ts); every server instance
 * shares this table, so the limits hold across instances. Times come from the database clock
 * (clock_timestamp(), which moves on inside a transaction), never from one instance's clock.
 */

/** Advisory-lock class for sign-in throttling: the second key is a hash of the email or the address. */
const LOCK_CLASS = 7_311;

/**
 * Serialises sign-in bookkeeping for one account and one address until the transaction ends, so that two
 * simultaneous attempts cannot both read "no failures yet" before either is recorded. Always email first,
 * then address: every caller takes them in this order, so they cannot deadlock.
 */
export async function lockLoginAttemptKeys(trx: Tx, email: string, ip: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(${LOCK_CLASS}::int, hashtext(${`email:${email}`}::text))`.execute(
    trx,
  );
  await sql`select pg_advisory_xact_lock(${LOCK_CLASS}::int, hashtext(${`ip:${ip}`}::text))`.execute(trx);
}

/** Records an attempt (a failure until the password proves right) and returns its id. */
export async function recordLoginAttempt(
  db: Executor,
  a: { email: string; ip: string; succeeded: boolean },
): Promise<number> {
  const r = await db
    .insertInto('login_attempts')
    .values({ ...a, attempted_at: sql<Date>`clock_timestamp()` })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function markLoginAttemptSucceeded(db: Executor, id: number): Promise<void> {
  await db.updateTable('login_attempts').set({ succeeded: true }).where('id', '=', id).execute();
}

export interface TLoginAttemptWindows {
  /** Failures of the pair (this email from this address) this recent count, unless a success came after. */
  pairWindowMinutes: number;
  addressWindowMinutes: number;
  accountWindowMinutes: number;
  /** A success this recent makes the address known for the account. */
  knownAddressDays: number;
  /** The limits, to find when the oldest failure that keeps a limit reached leaves its window. */
  maxFailuresPerAddress: number;
  maxFailuresPerAccount: number;
}

export interface TLoginAttemptStats {
  /** The database's clock when these were counted. */
  now: Date;
  /** Failures from this address against this account since the pair's last success, within the pair window. */
  pairFailures: number;
  pairLastFailureAt: Date | null;
  /** This address signed in to this account successfully within the known-address window. */
  knownAddress: boolean;
  /** Failures from this address, any account, in the address window. */
  addressFailures: number;
  /** The maxFailuresPerAddress-th most recent of those (null when there are fewer). */
  addressLimitingFailureAt: Date | null;
  /** Failures against this account, any address, in the account window. */
  accountFailures: number;
  accountLimitingFailureAt: Date | null;
}

/** Everything the throttle needs to decide about one attempt, in one round trip. */
export async function loginAttemptStats(
  db: Executor,
  email: string,
  ip: string,
  w: TLoginAttemptWindows,
): Promise<TLoginAttemptStats> {
  const ago = (minutes: number) => sql<Date>`clock_timestamp() - make_interval(mins => ${minutes}::int)`;
  const r = await db
    .selectNoFrom((eb) => [
      sql<Date>`clock_timestamp()`.as('now'),
      eb
        .selectFrom('login_attempts as f')
        .select((f) => f.fn.countAll<string>().as('n'))
        .where('f.email', '=', email)
        .where('f.ip', '=', ip)
        .where('f.succeeded', '=', false)
        .where('f.attempted_at', '>', ago(w.pairWindowMinutes))
        .where(
          'f.id',
          '>',
          eb.fn.coalesce(
            eb
              .selectFrom('login_attempts as s')
              .select((s) => s.fn.max('s.id').as('id'))
              .where('s.email', '=', email)
              .where('s.ip', '=', ip)
              .where('s.succeeded', '=', true)
              .where('s.attempted_at', '>', ago(w.pairWindowMinutes)),
            sql<number>`0`,
          ),
        )
        .as('pair_failures'),
      eb
        .selectFrom('login_attempts as f')
        .select((f) => f.fn.max('f.attempted_at').as('t'))
        .where('f.email', '=', email)
        .where('f.ip', '=', ip)
        .where('f.succeeded', '=', false)
        .where('f.attempted_at', '>', ago(w.pairWindowMinutes))
        .as('pair_last_failure_at'),
      eb
        .exists(
          eb
            .selectFrom('login_attempts as s')
            .select('s.id')
            .where('s.email', '=', email)
            .where('s.ip', '=', ip)
            .where('s.succeeded', '=', true)
            .where('s.attempted_at', '>', ago(w.knownAddressDays * 1440)),
        )
        .as('known_address'),
      eb
        .selectFrom('login_attempts as f')
        .select((f) => f.fn.countAll<string>().as('n'))
        .where('f.ip', '=', ip)
        .where('f.succeeded', '=', false)
        .where('f.attempted_at', '>', ago(w.addressWindowMinutes))
        .as('address_failures'),
      eb
        .selectFrom('login_attempts as f')
        .select('f.attempted_at')
        .where('f.ip', '=', ip)
        .where('f.succeeded', '=', false)
        .where('f.attempted_at', '>', ago(w.addressWindowMinutes))
        .orderBy('f.attempted_at', 'desc')
        .offset(Math.max(0, w.maxFailuresPerAddress - 1))
        .limit(1)
        .as('address_limiting_failure_at'),
      eb
        .selectFrom('login_attempts as f')
        .select((f) => f.fn.countAll<string>().as('n'))
        .where('f.email', '=', email)
        .where('f.succeeded', '=', false)
        .where('f.attempted_at', '>', ago(w.accountWindowMinutes))
        .as('account_failures'),
      eb
        .selectFrom('login_attempts as f')
        .select('f.attempted_at')
        .where('f.email', '=', email)
        .where('f.succeeded', '=', false)
        .where('f.attempted_at', '>', ago(w.accountWindowMinutes))
        .orderBy('f.attempted_at', 'desc')
        .offset(Math.max(0, w.maxFailuresPerAccount - 1))
        .limit(1)
        .as('account_limiting_failure_at'),
    ])
    .executeTakeFirstOrThrow();
  const date = (v: unknown) => (v == null ? null : new Date(v as string | Date));
  return {
    now: date(r.now)!,
    pairFailures: Number(r.pair_failures ?? 0),
    pairLastFailureAt: date(r.pair_last_failure_at),
    knownAddress: Boolean(r.known_address),
    addressFailures: Number(r.address_failures ?? 0),
    addressLimitingFailureAt: date(r.address_limiting_failure_at),
    accountFailures: Number(r.account_failures ?? 0),
    accountLimitingFailureAt: date(r.account_limiting_failure_at),
  };
}

/**
 * Housekeeping: failures are only needed for the throttle's windows, successes for as long as an address
 * stays "known" to the account (AuthConfig.knownAddressDays).
 */
export async function pruneLoginAttempts(
  db: Executor,
  o: { failedBefore: Date; succeededBefore: Date },
): Promise<number> {
  const r = await db
    .deleteFrom('login_attempts')
    .where((eb) =>
      eb.or([
        eb.and([eb('succeeded', '=', false), eb('attempted_at', '<', o.failedBefore)]),
        eb.and([eb('succeeded', '=', true), eb('attempted_at', '<', o.succeededBefore)]),
      ]),
    )
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** The latest sign-in attempts on an account (succeeded or not), newest first: what a person checks for intruders. */
export async function recentLoginAttempts(db: Executor, email: string, limit = 20) {
  const rows = await db
    .selectFrom('login_attempts')
    .select(['id', 'ip', 'succeeded', 'attempted_at'])
    .where(sql<boolean>`lower(email) = lower(${email})`)
    .orderBy('attempted_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: String(r.id), ipAddress: r.ip, succeeded: r.succeeded, at: r.attempted_at }));
}
