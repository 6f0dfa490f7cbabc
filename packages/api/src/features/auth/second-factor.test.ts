import { findUserById, type DbHandle } from '@baton/db';
import { createTestDb, testEngine } from '@baton/db/testing';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretBoxFromKey } from '../../auth/secret-box';
import { totpCodeAt } from '../../auth/totp';
import { buildFixture, FIXTURE_PASSWORD, type Fixture } from '../../testing/fixture';

/*
 * The second factor against a fixed clock: enrolment, sign-in in two steps, each time step and each recovery
 * code used once (also when two requests race), a challenge ends after five wrong codes, and a programme that
 * requires a second factor refuses a password-only session.
 */

let h: DbHandle;
let fx: Fixture;
const secrets = secretBoxFromKey('a-test-secret-key-that-is-long-enough-0123456789');
/** 09:00:00 UTC on the fixture's today: the start of a 30-second step. */
const T0 = Date.UTC(2026, 10, 23, 9, 0, 0);
let clock = T0;
const now = () => clock;
let secret = '';
let recoveryCodes: string[] = [];

beforeAll(async () => {
  h = await createTestDb();
  fx = await buildFixture(h.db);
});
afterAll(() => h.close());

async function errorOf(p: Promise<unknown>): Promise<TRPCError> {
  const e = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(e instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(e)}`);
  return e;
}

function jar() {
  const j: { token: string | null } = { token: null };
  return { j, request: { setSessionCookie: (t: string) => void (j.token = t) } };
}

const anon = (request: object = {}) => fx.as(null, { secrets, now, request, auth: undefined });

async function challengeFor(email: string) {
  const r = await (
    await fx.as(null, { secrets, now, auth: { pairFreeFailures: 100, maxFailuresPerAccount: 100 } })
  ).auth.signIn({ email, password: FIXTURE_PASSWORD });
  if (!r.secondFactorRequired) throw new Error('expected a second factor to be asked for');
  return r.challenge;
}

describe(`second factor (TOTP, RFC 6238) on ${testEngine()}`, () => {
  it('is refused without a server key', async () => {
    const e = await errorOf((await fx.as('contributor')).auth.beginTotp());
    expect(e.code).toBe('FORBIDDEN');
    expect(e.message).toMatch(/BATON_SECRET_KEY/);
  });

  it('turns on with a first code from the app, and gives ten recovery codes', async () => {
    const me = await fx.as('contributor', { secrets, now });
    const begun = await me.auth.beginTotp();
    secret = begun.secret;
    expect(begun.uri).toMatch(/^otpauth:\/\/totp\/Baton:cat\.contributor%40test\.example\?/);
    expect(begun.qrSvg).toMatch(/^<svg/);
    // Not on until confirmed: a sign-in is still one step.
    const before = await (
      await anon()
    ).auth.signIn({ email: fx.users.contributor.email, password: FIXTURE_PASSWORD });
    expect(before.secondFactorRequired).toBe(false);

    const wrong = await errorOf(me.auth.confirmTotp({ code: totpCodeAt(secret, T0 + 5 * 60_000) }));
    expect(wrong.code).toBe('BAD_REQUEST');
    const done = await me.auth.confirmTotp({ code: totpCodeAt(secret, T0) });
    recoveryCodes = done.recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    expect(recoveryCodes.every((c) => /^[A-Z2-7]{5}-[A-Z2-7]{5}$/.test(c))).toBe(true);
    const status = await me.auth.secondFactor();
    expect(status).toMatchObject({ enabled: true, recoveryCodesLeft: 10, requiredBy: [] });
    // Only hashes are kept.
    const stored = await h.db.selectFrom('recovery_codes').select('code_hash').execute();
    expect(stored.map((s) => s.code_hash)).not.toContain(recoveryCodes[0]);
    const audit = await h.db
      .selectFrom('audit_events')
      .select('summary')
      .where('action', '=', 'second_factor_on')
      .execute();
    expect(audit.map((a) => a.summary)).toEqual([
      'Cat Contributor turned on a second factor (authenticator app)',
    ]);
  });

  it('asks for a code after the password; each time step works once, within one step of the clock', async () => {
    const email = fx.users.contributor.email;
    // The code used to confirm (step T0) cannot be used again.
    clock = T0 + 10_000;
    let c = await challengeFor(email);
    expect(
      (await errorOf((await anon()).auth.signInSecondFactor({ challenge: c, code: totpCodeAt(secret, T0) })))
        .code,
    ).toBe('UNAUTHORIZED');
    // A code two steps ahead of the clock is refused; the next step (phone slightly fast) is accepted.
    expect(
      (
        await errorOf(
          (await anon()).auth.signInSecondFactor({ challenge: c, code: totpCodeAt(secret, T0 + 60_000) }),
        )
      ).code,
    ).toBe('UNAUTHORIZED');
    const { j, request } = jar();
    const ok = await (
      await anon(request)
    ).auth.signInSecondFactor({ challenge: c, code: totpCodeAt(secret, T0 + 30_000) });
    expect(ok.name).toBe('Cat Contributor');
    expect(j.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const session = await h.db
      .selectFrom('sessions')
      .select('auth_method')
      .where('user_id', '=', fx.users.contributor.id)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(session.auth_method).toBe('password_totp');
    // The same code on a new challenge: refused (its step is used).
    c = await challengeFor(email);
    expect(
      (
        await errorOf(
          (await anon()).auth.signInSecondFactor({ challenge: c, code: totpCodeAt(secret, T0 + 30_000) }),
        )
      ).code,
    ).toBe('UNAUTHORIZED');
    // The challenge itself is single-use.
    clock = T0 + 60_000;
    const second = await (
      await anon()
    ).auth.signInSecondFactor({ challenge: c, code: totpCodeAt(secret, clock) });
    expect(second.usedRecoveryCode).toBe(false);
    expect(
      (
        await errorOf(
          (await anon()).auth.signInSecondFactor({ challenge: c, code: totpCodeAt(secret, clock + 30_000) }),
        )
      ).code,
    ).toBe('UNAUTHORIZED');
  });

  it('takes a recovery code once, also when two sign-ins race with it', async () => {
    const email = fx.users.contributor.email;
    const [c1, c2] = [await challengeFor(email), await challengeFor(email)];
    const code = recoveryCodes[0]!.toLowerCase().replace('-', ' ');
    const results = await Promise.allSettled([
      (await anon()).auth.signInSecondFactor({ challenge: c1, code }),
      (await anon()).auth.signInSecondFactor({ challenge: c2, code }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const won = results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{
      usedRecoveryCode: boolean;
      recoveryCodesLeft: number;
    }>;
    expect(won.value).toMatchObject({ usedRecoveryCode: true, recoveryCodesLeft: 9 });
    // Used: refused on a fresh challenge too.
    const c3 = await challengeFor(email);
    expect(
      (await errorOf((await anon()).auth.signInSecondFactor({ challenge: c3, code: recoveryCodes[0]! })))
        .code,
    ).toBe('UNAUTHORIZED');
    expect(
      (await (await anon()).auth.signInSecondFactor({ challenge: c3, code: recoveryCodes[1]! }))
        .recoveryCodesLeft,
    ).toBe(8);
  });

  it('ends a challenge after five wrong codes, and wrong codes are throttled like passwords', async () => {
    clock = T0 + 10 * 60_000;
    const lenient = { pairFreeFailures: 100, maxFailuresPerAccount: 100, maxFailuresPerAddress: 100 };
    const c = await challengeFor(fx.users.contributor.email);
    for (let i = 0; i < 5; i++)
      await errorOf(
        fx
          .as(null, { secrets, now, auth: lenient })
          .then((a) => a.auth.signInSecondFactor({ challenge: c, code: '000000' })),
      );
    const e = await errorOf(
      fx
        .as(null, { secrets, now, auth: lenient })
        .then((a) => a.auth.signInSecondFactor({ challenge: c, code: totpCodeAt(secret, clock) })),
    );
    expect(e.message).toMatch(/expired/);
    // Each wrong code is in the audit trail against the person.
    const audited = await h.db
      .selectFrom('audit_events')
      .select('summary')
      .where('action', '=', 'sign_in_failed')
      .where('entity_id', '=', fx.users.contributor.id)
      .where('summary', 'like', '%second-factor code%')
      .execute();
    expect(audited.length).toBeGreaterThanOrEqual(5);
    // With the usual limits, guessing codes soon has to wait, as guessing passwords does.
    const c2 = await challengeFor(fx.users.contributor.email);
    const codes: string[] = [];
    for (let i = 0; i < 5; i++)
      codes.push(
        (
          await errorOf(
            (await anon({ ip: '198.51.100.7' })).auth.signInSecondFactor({ challenge: c2, code: '111111' }),
          )
        ).code,
      );
    expect(codes).toContain('TOO_MANY_REQUESTS');
  });

  it('a programme can require it: password-only sessions are refused there, and it cannot be turned off', async () => {
    const admin = await findUserById(h.db, fx.users.admin.id);
    const contributor = await findUserById(h.db, fx.users.contributor.id);
    const asAdmin = (method: 'password' | 'password_totp') =>
      fx.as('admin', { secrets, now, session: { user: admin!, tokenHash: 'test-admin', method } });
    const asContributor = (method: 'password' | 'password_totp' | 'sso') =>
      fx.as('contributor', { secrets, now, session: { user: contributor!, tokenHash: 'test-c', method } });
    const programme = await (await asAdmin('password')).programme.overview({ programmeId: fx.programme.id });
    const version = (programme as { programme: { version: number } }).programme.version;
    // The admin must have proved a second factor first (or they would lock themselves out).
    const locked = await errorOf(
      (await asAdmin('password')).programme.updateSecurity({
        programmeId: fx.programme.id,
        version,
        requireSecondFactor: true,
      }),
    );
    expect(locked.code).toBe('FORBIDDEN');
    await (
      await asAdmin('password_totp')
    ).programme.updateSecurity({
      programmeId: fx.programme.id,
      version,
      requireSecondFactor: true,
    });
    const refused = await errorOf(
      (await asContributor('password')).programme.overview({ programmeId: fx.programme.id }),
    );
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toMatch(/second factor/);
    await (await asContributor('password_totp')).programme.overview({ programmeId: fx.programme.id });
    await (await asContributor('sso')).programme.overview({ programmeId: fx.programme.id });
    // Another programme's members are not affected.
    await (await fx.as('bidderA')).programme.overview({ programmeId: fx.tender.id });
    clock = T0 + 20 * 60_000;
    const off = await errorOf(
      (await asContributor('password_totp')).auth.disableTotp({ code: totpCodeAt(secret, clock) }),
    );
    expect(off.code).toBe('FORBIDDEN');
    expect((await (await asContributor('password_totp')).auth.secondFactor()).requiredBy).toEqual([
      fx.programme.name,
    ]);
  });
});
