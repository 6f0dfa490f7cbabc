import { RateLimitedError } from '@baton/domain';
import type { DbHandle } from '@baton/db';
import { createTestDb, testEngine } from '@baton/db/testing';
import { TRPCError } from '@trpc/server';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AuthConfig } from '../../context';
import { decoyHash, verifyPassword } from '../../auth/password';
import { buildFixture, FIXTURE_PASSWORD, type Fixture } from '../../testing/fixture';

/* The sign-in throttle (auth/login-throttle.ts) as an attacker and an owner meet it, through createCaller. */

vi.mock('../../auth/password', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../auth/password')>();
  return { ...actual, verifyPassword: vi.fn(actual.verifyPassword) };
});

let h: DbHandle;
let fx: Fixture;
beforeAll(async () => {
  h = await createTestDb();
  fx = await buildFixture(h.db);
});
afterAll(() => h.close());

type Outcome = 'ok' | 'UNAUTHORIZED' | { refused: number; message: string } | string;

async function signIn(
  ip: string,
  email: string,
  password: string,
  auth: Partial<AuthConfig> = {},
): Promise<Outcome> {
  try {
    await (await fx.as(null, { request: { ip }, auth })).auth.signIn({ email, password });
    return 'ok';
  } catch (e) {
    if (!(e instanceof TRPCError)) throw e;
    if (e.code === 'TOO_MANY_REQUESTS' && e.cause instanceof RateLimitedError)
      return { refused: e.cause.retryAfterSeconds, message: e.message };
    return e.code;
  }
}

/** Time passes: every recorded attempt moves this many seconds into the past. */
async function rewind(seconds: number) {
  await sql`update login_attempts set attempted_at = attempted_at - make_interval(secs => ${seconds}::int)`.execute(
    h.db,
  );
}

async function attemptsRecorded() {
  const r = await h.db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The last attempt happened just now (so a wait measured from it is exact, however slow the machine). */
async function lastAttemptJustNow() {
  await sql`update login_attempts set attempted_at = clock_timestamp()
    where id = (select max(id) from login_attempts)`.execute(h.db);
}

/** Refused, told to wait about `seconds` (a second or two may already have passed on a slow machine). */
const refused = (seconds?: number) =>
  expect.objectContaining({
    refused:
      seconds === undefined
        ? (expect.any(Number) as number)
        : (expect.toSatisfy((s: number) => s <= seconds && s >= seconds - 5) as number),
  });

describe(`sign-in throttling on ${testEngine()}`, () => {
  it('an attacker who knows the owner’s email cannot lock the owner out at their usual address', async () => {
    const owner = fx.users.contributor.email;
    const home = '192.0.2.10';
    expect(await signIn(home, owner, FIXTURE_PASSWORD)).toBe('ok');

    // One attacking address: three free guesses, then it must wait, even with the right password.
    const attacker = '198.51.100.1';
    for (let i = 0; i < 3; i++) expect(await signIn(attacker, owner, `guess ${i}`)).toBe('UNAUTHORIZED');
    await lastAttemptJustNow();
    expect(await signIn(attacker, owner, FIXTURE_PASSWORD)).toEqual(refused(1));

    // Many attacking addresses: after 10 failures against the account, unknown addresses wait.
    const outcomes = [];
    for (let i = 2; i <= 13; i++) outcomes.push(await signIn(`198.51.100.${i}`, owner, `guess ${i}`));
    expect(outcomes.slice(0, 7)).toEqual(Array(7).fill('UNAUTHORIZED'));
    expect(outcomes.slice(7)).toEqual(Array(5).fill(refused()));

    // The owner at home is not held up, and may even mistype.
    expect(await signIn(home, owner, 'fat fingers')).toBe('UNAUTHORIZED');
    expect(await signIn(home, owner, FIXTURE_PASSWORD)).toBe('ok');

    // At a new address during the attack the owner waits out the account window, and is told how long.
    const cafe = '203.0.113.7';
    const away = await signIn(cafe, owner, FIXTURE_PASSWORD);
    expect(away).toEqual(refused(15 * 60));
    expect(away).toMatchObject({
      message: 'Too many failed sign-in attempts. Wait 15 minutes and try again.',
    });
    await rewind(15 * 60);
    expect(await signIn(cafe, owner, FIXTURE_PASSWORD)).toBe('ok');
  });

  it('the wait for one account from one address doubles with each failure, up to the cap; a success resets it', async () => {
    const auth = {
      pairFreeFailures: 2,
      pairBaseDelaySeconds: 1,
      pairMaxDelaySeconds: 8,
      maxFailuresPerAccount: 100,
    };
    const email = fx.users.viewer.email;
    const ip = '192.0.2.20';
    expect(await signIn(ip, email, 'guess a', auth)).toBe('UNAUTHORIZED');
    expect(await signIn(ip, email, 'guess b', auth)).toBe('UNAUTHORIZED');
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      const recorded = await attemptsRecorded();
      await lastAttemptJustNow();
      const r = await signIn(ip, email, FIXTURE_PASSWORD, auth);
      if (typeof r !== 'object') throw new Error(`expected a refusal, got ${r}`);
      // A refused attempt checks no password and is not recorded: hammering does not extend the wait.
      expect(await attemptsRecorded()).toBe(recorded);
      if (i === 1) expect(r.message).toBe('Too many failed sign-in attempts. Wait 2 seconds and try again.');
      waits.push(r.refused);
      await rewind(r.refused);
      expect(await signIn(ip, email, `guess ${i}`, auth)).toBe('UNAUTHORIZED');
    }
    expect(waits).toEqual([1, 2, 4, 8, 8]);

    // Meanwhile the same account from another address is not delayed.
    expect(await signIn('192.0.2.21', email, 'other guess', auth)).toBe('UNAUTHORIZED');

    // A success from the address resets its pair: two free failures again.
    await rewind(8);
    expect(await signIn(ip, email, FIXTURE_PASSWORD, auth)).toBe('ok');
    expect(await signIn(ip, email, 'guess c', auth)).toBe('UNAUTHORIZED');
    expect(await signIn(ip, email, 'guess d', auth)).toBe('UNAUTHORIZED');
    await lastAttemptJustNow();
    expect(await signIn(ip, email, FIXTURE_PASSWORD, auth)).toEqual(refused(1));
  });

  it('one address spraying many accounts is held back; other addresses and its own known accounts are not', async () => {
    const auth = { maxFailuresPerAddress: 5 };
    const sprayer = '192.0.2.30';
    // Someone who signs in from that address (a shared office connection, say).
    expect(await signIn(sprayer, fx.users.bidderA.email, FIXTURE_PASSWORD, auth)).toBe('ok');
    for (let i = 0; i < 5; i++)
      expect(await signIn(sprayer, `person${i}@test.example`, 'Summer2026!', auth)).toBe('UNAUTHORIZED');
    expect(await signIn(sprayer, 'person5@test.example', 'Summer2026!', auth)).toEqual(refused(15 * 60));
    expect(await signIn(sprayer, fx.users.lead.email, FIXTURE_PASSWORD, auth)).toEqual(refused(15 * 60));
    expect(await signIn('192.0.2.31', 'person5@test.example', 'Summer2026!', auth)).toBe('UNAUTHORIZED');
    expect(await signIn(sprayer, fx.users.bidderA.email, FIXTURE_PASSWORD, auth)).toBe('ok');
    await rewind(15 * 60);
    expect(await signIn(sprayer, fx.users.lead.email, FIXTURE_PASSWORD, auth)).toBe('ok');
  });

  it('holds under concurrency: ten simultaneous guesses from one address get the three free ones only', async () => {
    const email = fx.users.incomingContributor.email;
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, i) => signIn('192.0.2.40', email, `parallel guess ${i}`)),
    );
    expect(outcomes.filter((o) => o === 'UNAUTHORIZED')).toHaveLength(3);
    expect(outcomes.filter((o) => typeof o === 'object')).toHaveLength(7);
  });

  it('an unknown email is still checked against the decoy hash, and answers exactly like a wrong password', async () => {
    const verify = vi.mocked(verifyPassword);
    verify.mockClear();
    const unknown = await signIn('192.0.2.50', 'nobody.here@test.example', 'some password');
    expect(verify).toHaveBeenCalledTimes(1);
    expect(verify).toHaveBeenCalledWith(await decoyHash(), 'some password');
    verify.mockClear();
    const wrong = await signIn('192.0.2.50', fx.users.steering.email, 'some password');
    expect(verify).toHaveBeenCalledTimes(1);
    expect(verify.mock.calls[0]![0]).not.toBe(await decoyHash());
    expect([unknown, wrong]).toEqual(['UNAUTHORIZED', 'UNAUTHORIZED']);
    // And the throttle treats an unknown email like any other: it cannot tell which accounts exist.
    for (let i = 0; i < 2; i++) await signIn('192.0.2.50', 'nobody.here@test.example', `x${i}`);
    await lastAttemptJustNow();
    expect(await signIn('192.0.2.50', 'nobody.here@test.example', 'y')).toEqual(refused(1));
    for (let i = 0; i < 2; i++) await signIn('192.0.2.50', fx.users.steering.email, `x${i}`);
    await lastAttemptJustNow();
    expect(await signIn('192.0.2.50', fx.users.steering.email, 'y')).toEqual(refused(1));
  });
});
