import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DbHandle } from '@baton/db';
import { insertUser } from '@baton/db';
import { createTestDb, testEngine } from '@baton/db/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app';
import { DEMO_PASSWORD, seedDemo } from './demo/demo.seed';
import {
  cookieJar,
  signInThroughProvider,
  startTestIdentityProvider,
  type TestIdentityProvider,
} from './testing/identity-provider';

/*
 * Signing in with the organisation's own account, end to end over HTTP: Baton's real server and a real
 * OpenID Connect provider (oidc-provider, OpenID Certified) on this machine, its own sign-in page typed into.
 * Proves the happy path and each way a sign-in must be refused, with nothing signed in when it is.
 */

let h: DbHandle;
let app: FastifyInstance;
let idp: TestIdentityProvider;
let base = '';
let providerId = '';
let wyebridgeUser = '';
let otherOrgUserAtDomain = '';
const SECRET_KEY = 'a-test-secret-key-that-is-long-enough-0123456789';
const DOMAIN = 'wyebridge-cht.example';

type Jar = ReturnType<typeof cookieJar>;

async function call(jar: Jar | null, path: string, input?: unknown, method: 'GET' | 'POST' = 'POST') {
  const url =
    method === 'GET'
      ? `${base}/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`}`
      : `${base}/trpc/${path}`;
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', origin: base, cookie: jar?.header() ?? '' },
    ...(method === 'POST' ? { body: JSON.stringify({ json: input ?? null }) } : {}),
  });
  jar?.take(res);
  const body = (await res.json()) as {
    result?: { data: { json: any } };
    error?: { json: { message: string; data: { code: string; fieldErrors?: Record<string, string[]> } } };
  };
  return { status: res.status, data: body.result?.data.json, error: body.error?.json };
}

const me = async (jar: Jar) =>
  (await call(jar, 'auth.me', undefined, 'GET')).data as { email: string } | null;

async function auditSummaries(action: string): Promise<string[]> {
  const rows = await h.db
    .selectFrom('audit_events')
    .select('summary')
    .where('action', '=', action)
    .orderBy('occurred_at', 'desc')
    .limit(5)
    .execute();
  return rows.map((r) => r.summary);
}

beforeAll(async () => {
  h = await createTestDb();
  await seedDemo(h.db, { today: '2026-11-23' });
  app = await buildApp({
    db: h.db,
    config: {
      publicUrl: undefined,
      secureCookies: false,
      webDist: mkdtempSync(join(tmpdir(), 'baton-web-')),
      logLevel: 'silent',
      secretKey: SECRET_KEY,
    },
    today: () => '2026-11-23',
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;

  const users = await h.db
    .selectFrom('users')
    .select(['email'])
    .where('email', 'like', `%@${DOMAIN}`)
    .orderBy('email')
    .execute();
  wyebridgeUser = users[0]!.email;
  // A person of another organisation whose address is in Wyebridge's domain (a secondee, say).
  const council = await h.db
    .selectFrom('organisations')
    .select('id')
    .where('name', '=', 'Severn Vale Council')
    .executeTakeFirstOrThrow();
  otherOrgUserAtDomain = `secondee@${DOMAIN}`;
  await insertUser(h.db, {
    email: otherOrgUserAtDomain,
    name: 'Sam Secondee',
    organisationId: council.id,
    passwordHash: null,
  });

  idp = await startTestIdentityProvider({
    redirectUris: [`${base}/auth/sso/callback`],
    postLogoutRedirectUris: [`${base}/signin`],
    accounts: {
      'wye-0001': { email: wyebridgeUser, email_verified: true, name: 'Wye User' },
      'wye-0002': { email: 'stranger@gmail.example', email_verified: true },
      'wye-0003': { email: 'unverified@wyebridge-cht.example', email_verified: false },
      'wye-0004': { email: 'nobody@wyebridge-cht.example', email_verified: true },
      'wye-0005': { email: otherOrgUserAtDomain, email_verified: true },
    },
  });

  // A system administrator sets up Wyebridge's provider through the API.
  const admin = cookieJar();
  expect(
    (
      await call(admin, 'auth.signIn', {
        email: 'helen.marsh@severnvale-icb.example',
        password: DEMO_PASSWORD,
      })
    ).status,
  ).toBe(200);
  const wyebridge = await h.db
    .selectFrom('organisations')
    .select('id')
    .where('name', '=', 'Wyebridge Community Healthcare NHS Trust')
    .executeTakeFirstOrThrow();
  const saved = await call(admin, 'sso.saveProvider', {
    organisationId: wyebridge.id,
    displayName: 'Wyebridge NHS login',
    issuer: idp.issuer,
    clientId: idp.clientId,
    clientSecret: idp.clientSecret,
    emailDomains: [DOMAIN],
    requireSso: false,
    enabled: true,
  });
  expect(saved.status, JSON.stringify(saved.error)).toBe(200);
  providerId = saved.data.id;
}, 60_000);

afterAll(async () => {
  await idp?.close();
  await app?.close();
  await h?.close();
});

describe(`single sign-on with OpenID Connect on ${testEngine()}`, () => {
  it('offers the provider for its email domain, signs in, links the account and audits it', async () => {
    const options = await call(null, 'auth.ssoOptions', { email: wyebridgeUser }, 'GET');
    expect(options.data).toEqual({
      providers: [{ id: providerId, displayName: 'Wyebridge NHS login' }],
      passwordAccepted: true,
    });
    expect(
      (await call(null, 'auth.ssoOptions', { email: 'someone@gmail.example' }, 'GET')).data.providers,
    ).toEqual([]);

    const { location, baton } = await signInThroughProvider(base, providerId, 'wye-0001');
    expect(location).toBe('/');
    expect((await me(baton))?.email).toBe(wyebridgeUser);
    const link = await h.db
      .selectFrom('user_identities')
      .select(['subject'])
      .where('provider_id', '=', providerId)
      .execute();
    expect(link.map((l) => l.subject)).toEqual(['wye-0001']);
    expect((await auditSummaries('sign_in'))[0]).toMatch(/signed in with Wyebridge NHS login from/);
    // The session says how it signed in, and sign-out offers the provider's own.
    const out = await call(baton, 'auth.signOut');
    expect(out.data.provider.displayName).toBe('Wyebridge NHS login');
    expect(out.data.provider.url).toMatch(new RegExp(`^${idp.issuer}/session/end\\?`));
    expect(await me(baton)).toBeNull();
  });

  it('ending this session on Your sessions offers the provider’s sign-out too', async () => {
    const { baton } = await signInThroughProvider(base, providerId, 'wye-0001');
    const sessions = (await call(baton, 'auth.sessions', undefined, 'GET')).data as Array<{
      id: string;
      current: boolean;
    }>;
    const here = sessions.find((s) => s.current)!;
    const ended = await call(baton, 'auth.endSession', { sessionId: here.id });
    expect(ended.data).toMatchObject({ ended: 1, signedOutHere: true });
    expect(ended.data.provider.url).toMatch(new RegExp(`^${idp.issuer}/session/end\\?`));
    expect(await me(baton)).toBeNull();
  });

  it('comes back to the page the person was going to, and only to this site', async () => {
    const jar = cookieJar();
    const start = await fetch(
      `${base}/auth/sso/${providerId}?returnTo=${encodeURIComponent('/programmes?x=1')}`,
      {
        redirect: 'manual',
      },
    );
    expect(start.status).toBe(303);
    const flow = await h.db
      .selectFrom('sso_flows')
      .select('return_to')
      .orderBy('expires_at', 'desc')
      .executeTakeFirst();
    expect(flow?.return_to).toBe('/programmes?x=1');
    void jar;
    await fetch(`${base}/auth/sso/${providerId}?returnTo=${encodeURIComponent('//evil.example/')}`, {
      redirect: 'manual',
    });
    const evil = await h.db
      .selectFrom('sso_flows')
      .select('return_to')
      .orderBy('expires_at', 'desc')
      .executeTakeFirst();
    expect(evil?.return_to).toBe('/');
  });

  it.each([
    ['wrong audience', (c: Record<string, unknown>) => ({ ...c, aud: 'someone-else' })],
    [
      'an expired ID token',
      (c: Record<string, unknown>) => ({
        ...c,
        exp: Math.floor(Date.now() / 1000) - 3600,
        iat: Math.floor(Date.now() / 1000) - 7200,
      }),
    ],
    [
      'another sign-in’s nonce',
      (c: Record<string, unknown>) => ({ ...c, nonce: 'a-nonce-from-another-sign-in' }),
    ],
    ['another issuer', (c: Record<string, unknown>) => ({ ...c, iss: 'https://login.evil.example' })],
  ])('refuses %s, with nothing signed in', async (_what, change) => {
    idp.tamper(change);
    try {
      const { location, baton } = await signInThroughProvider(base, providerId, 'wye-0001');
      expect(location).toBe('/signin?sso_error=provider');
      expect(await me(baton)).toBeNull();
    } finally {
      idp.tamper(null);
    }
    expect((await auditSummaries('sign_in_failed'))[0]).toMatch(/refused: provider/);
  });

  it('refuses a replayed callback (its state and nonce are used up) and a callback from another browser', async () => {
    const first = await signInThroughProvider(base, providerId, 'wye-0001');
    expect(first.location).toBe('/');
    // The same callback again, in the same browser: the sign-in it belonged to is over.
    const again = await fetch(first.callbackUrl, {
      redirect: 'manual',
      headers: { cookie: first.baton.header() },
    });
    expect(again.headers.get('location')).toBe('/signin?sso_error=expired');
    // A callback address made in someone else's browser (login CSRF) is refused without the flow cookie.
    const victim = cookieJar();
    const { callbackUrl } = await signInThroughProvider(base, providerId, 'wye-0001', cookieJar());
    const planted = await fetch(callbackUrl, { redirect: 'manual', headers: { cookie: victim.header() } });
    expect(planted.headers.get('location')).toBe('/signin?sso_error=expired');
    victim.take(planted);
    expect(await me(victim)).toBeNull();
  });

  it.each([
    ['an email domain the provider does not sign in', 'wye-0002', 'domain'],
    ['an email the provider has not verified', 'wye-0003', 'unverified'],
    ['a verified email with no Baton account', 'wye-0004', 'unknown'],
    ['a Baton account of another organisation', 'wye-0005', 'other_organisation'],
  ])('refuses %s', async (_what, login, code) => {
    const { location, baton } = await signInThroughProvider(base, providerId, login);
    expect(location).toBe(`/signin?sso_error=${code}`);
    expect(await me(baton)).toBeNull();
    expect((await auditSummaries('sign_in_failed'))[0]).toContain(`refused: ${code.replace('_', ' ')}`);
  });

  it('follows the provider when it rotates its signing key', async () => {
    const before = idp.keyId();
    await idp.rotateKeys();
    expect(idp.keyId()).not.toBe(before);
    const { location, baton } = await signInThroughProvider(base, providerId, 'wye-0001');
    expect(location).toBe('/');
    expect((await me(baton))?.email).toBe(wyebridgeUser);
  });

  it('an organisation that requires single sign-on refuses its members’ passwords', async () => {
    const admin = cookieJar();
    await call(admin, 'auth.signIn', {
      email: 'helen.marsh@severnvale-icb.example',
      password: DEMO_PASSWORD,
    });
    const [p] = (await call(admin, 'sso.providers', undefined, 'GET')).data as Array<Record<string, any>>;
    // Before: the password works.
    expect(
      (await call(cookieJar(), 'auth.signIn', { email: wyebridgeUser, password: DEMO_PASSWORD })).status,
    ).toBe(200);
    const changed = await call(admin, 'sso.saveProvider', {
      organisationId: p!.organisation.id,
      displayName: p!.displayName,
      issuer: p!.issuer,
      clientId: p!.clientId,
      emailDomains: p!.emailDomains,
      requireSso: true,
      enabled: true,
      version: p!.version,
    });
    expect(changed.status, JSON.stringify(changed.error)).toBe(200);
    expect(changed.data.hasClientSecret).toBe(true);
    try {
      const refused = await call(cookieJar(), 'auth.signIn', {
        email: wyebridgeUser,
        password: DEMO_PASSWORD,
      });
      expect(refused.status).toBe(403);
      expect(refused.error?.message).toMatch(/Sign in with Wyebridge NHS login/);
      expect((await auditSummaries('sign_in_failed'))[0]).toMatch(
        /refused: a password, where the organisation requires its own sign-in$/,
      );
      expect(
        (await call(null, 'auth.ssoOptions', { email: wyebridgeUser }, 'GET')).data.passwordAccepted,
      ).toBe(false);
      // The provider still signs them in.
      expect((await signInThroughProvider(base, providerId, 'wye-0001')).location).toBe('/');
      // A stale edit is refused, and the change is audited without the secret.
      const stale = await call(admin, 'sso.saveProvider', {
        ...changed.data,
        organisationId: p!.organisation.id,
        version: p!.version,
      });
      expect(stale.status).toBe(409);
      const audit = await h.db
        .selectFrom('audit_events')
        .select(['summary', 'after'])
        .where('entity_type', '=', 'identity_provider')
        .where('action', '=', 'update')
        .executeTakeFirstOrThrow();
      expect(JSON.stringify(audit.after)).not.toContain(idp.clientSecret);
      expect(JSON.stringify(audit.after)).toContain('"requireSso":true');
    } finally {
      const now = (await call(admin, 'sso.providers', undefined, 'GET')).data[0];
      await call(admin, 'sso.saveProvider', {
        ...now,
        organisationId: now.organisation.id,
        clientSecret: undefined,
        requireSso: false,
      });
    }
  });

  it('only a system administrator sets up providers; the secret is stored encrypted', async () => {
    const lead = cookieJar();
    expect((await call(lead, 'auth.signIn', { email: wyebridgeUser, password: DEMO_PASSWORD })).status).toBe(
      200,
    );
    expect((await call(lead, 'sso.providers', undefined, 'GET')).status).toBe(403);
    const row = await h.db
      .selectFrom('identity_providers')
      .select('client_secret_encrypted')
      .executeTakeFirstOrThrow();
    expect(row.client_secret_encrypted).toMatch(/^v1\./);
    expect(row.client_secret_encrypted).not.toContain(idp.clientSecret);
  });
});
