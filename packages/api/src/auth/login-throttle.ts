/*
 * Sign-in throttling: slow the attacker, not the owner.
 *
 * A fixed lockout per email ("5 failures and the account is locked for 15 minutes") lets anyone who knows an
 * email address lock its owner out from everywhere. Instead, every password check is a row in login_attempts
 * (email, client address, outcome), shared by all server instances, and three limits are consulted before the
 * password is checked:
 *
 * 1. Per account and address (the pair): the first `pairFreeFailures` failures from an address against an
 *    account cost nothing; after that each further attempt from that address must wait
 *    `pairBaseDelaySeconds * 2^(failures - pairFreeFailures)` seconds after the last failure (1 s, 2 s, 4 s ...)
 *    up to `pairMaxDelaySeconds` (15 minutes). A success from that address resets the pair; failures older
 *    than `pairWindowMinutes` are forgotten.
 * 2. Per address across all accounts (password spraying): after `maxFailuresPerAddress` failures from one
 *    address in `addressWindowMinutes`, that address waits until the oldest of them leaves the window.
 * 3. Per account across all addresses (distributed guessing): after `maxFailuresPerAccount` failures against
 *    one account in `accountWindowMinutes`, attempts from addresses not known to the account wait likewise.
 *
 * An address is known to an account when it signed in to it successfully (or accepted the invitation) within
 * `knownAddressDays`. Limits 2 and 3 spare known addresses, and limit 1 counts only the owner's own address:
 * an attacker elsewhere who knows the owner's email slows themselves and other strangers, never the owner at
 * their usual address. What a refusal costs the owner at a new address is a wait of at most the account
 * window while an attack is under way.
 *
 * A refused attempt checks no password, is not recorded and so extends nothing; its answer (TOO_MANY_REQUESTS
 * with retryAfterSeconds, and a message saying how long) depends only on the email as typed and the address,
 * so it says nothing about whether the account exists. Attempts that are let through check the password (or
 * the decoy hash for an unknown email) exactly as before.
 *
 * The check and the recording of the attempt happen in one short transaction holding advisory locks on the
 * email and on the address, and the attempt is recorded as a failure before the password is checked (turned
 * into a success if it proves right): simultaneous requests cannot all slip through between check and record.
 * The client address is the socket's unless the request came through a proxy named in BATON_TRUSTED_PROXIES.
 */
import { RateLimitedError } from '@baton/domain';
import {
  lockLoginAttemptKeys,
  loginAttemptStats,
  markLoginAttemptSucceeded,
  recordLoginAttempt,
  type Database,
  type TLoginAttemptStats,
} from '@baton/db';
import type { AuthConfig } from '../context';

export type TThrottleLimit = 'pair' | 'address' | 'account';
export type TThrottleVerdict =
  { allowed: true } | { allowed: false; retryAfterSeconds: number; limit: TThrottleLimit };

/** How long the pair must wait after its last failure, having failed `failures` times: 0, then 1 s, 2 s, 4 s ... */
export function pairDelaySeconds(
  failures: number,
  c: Pick<AuthConfig, 'pairFreeFailures' | 'pairBaseDelaySeconds' | 'pairMaxDelaySeconds'>,
): number {
  if (failures < c.pairFreeFailures) return 0;
  const doublings = Math.min(failures - c.pairFreeFailures, 60);
  return Math.min(c.pairBaseDelaySeconds * 2 ** doublings, c.pairMaxDelaySeconds);
}

/** The pure decision: may this attempt go ahead now, and if not, how long until it may. */
export function throttleVerdict(s: TLoginAttemptStats, c: AuthConfig): TThrottleVerdict {
  const now = s.now.getTime();
  const waits: Array<[TThrottleLimit, number]> = [];
  const pairDelay = pairDelaySeconds(s.pairFailures, c);
  if (pairDelay > 0 && s.pairLastFailureAt)
    waits.push(['pair', s.pairLastFailureAt.getTime() + pairDelay * 1000 - now]);
  if (!s.knownAddress) {
    if (s.addressFailures >= c.maxFailuresPerAddress && s.addressLimitingFailureAt)
      waits.push(['address', s.addressLimitingFailureAt.getTime() + c.addressWindowMinutes * 60_000 - now]);
    if (s.accountFailures >= c.maxFailuresPerAccount && s.accountLimitingFailureAt)
      waits.push(['account', s.accountLimitingFailureAt.getTime() + c.accountWindowMinutes * 60_000 - now]);
  }
  const longest = waits.filter(([, ms]) => ms > 0).sort((a, b) => b[1] - a[1])[0];
  if (!longest) return { allowed: true };
  return { allowed: false, limit: longest[0], retryAfterSeconds: Math.max(1, Math.ceil(longest[1] / 1000)) };
}

/** "1 second", "40 seconds", "3 minutes", "2 hours": rounded up, so waiting that long is always enough. */
export function waitInWords(seconds: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (seconds < 60) return plural(Math.max(1, Math.ceil(seconds)), 'second');
  if (seconds < 3600) return plural(Math.ceil(seconds / 60), 'minute');
  return plural(Math.ceil(seconds / 3600), 'hour');
}

/**
 * Decides whether a sign-in attempt may check a password and, if so, records it (as a failure for now).
 * Throws RateLimitedError when it may not. Returns the attempt's id for `signInSucceeded`.
 */
export async function beginSignInAttempt(
  db: Database,
  email: string,
  ip: string,
  config: AuthConfig,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await lockLoginAttemptKeys(trx, email, ip);
    const verdict = throttleVerdict(await loginAttemptStats(trx, email, ip, config), config);
    if (!verdict.allowed)
      throw new RateLimitedError(
        `Too many failed sign-in attempts. Wait ${waitInWords(verdict.retryAfterSeconds)} and try again.`,
        verdict.retryAfterSeconds,
      );
    return recordLoginAttempt(trx, { email, ip, succeeded: false });
  });
}

/** The password was right: the attempt counts as a success, which resets the pair and makes the address known. */
export function signInSucceeded(db: Database, attemptId: number): Promise<void> {
  return markLoginAttemptSucceeded(db, attemptId);
}
