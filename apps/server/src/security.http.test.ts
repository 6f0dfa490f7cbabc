import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DbHandle } from '@baton/db';
import { createTestDb, testEngine } from '@baton/db/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type AppOptions } from './app';
import { DEMO_PASSWORD, seedDemo } from './demo/demo.seed';

/*
 * Sign-in limits, the client address and the CSRF rule over a real socket (app.inject has no socket address
 * to trust or distrust): one server trusting no proxy, one trusting the proxy at 127.0.0.1 and published at
 * https://baton.example.nhs.uk, on the same database.
 */

let h: DbHandle;
const servers: FastifyInstance[] = [];
let direct: string;
let proxied: string;
const auth = { maxFailuresPerAddress: 3 };

async function start(config: Partial<AppOptions['config']>) {
  const app = await buildApp({
    db: h.db,
    config: {
      publicUrl: undefined,
      secureCookies: false,
      webDist: mkdtempSync(join(tmpdir(), 'baton-web-')),
      logLevel: 'silent',
      ...config,
    },
    today: () => '2026-11-23',
    auth,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  servers.push(app);
  const addr = app.server.address();
  return `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
}

beforeAll(async () => {
  h = await createTestDb();
  await seedDemo(h.db, { today: '2026-11-23' });
  direct = await start({});
  proxied = await start({
    trustedProxies: ['127.0.0.1', '10.0.0.0/8'],
    publicUrl: 'https://baton.example.nhs.uk',
  });
});
afterAll(async () => {
  for (const s of servers) await s.close();
  await h.close();
});

interface TrpcError {
  error: {
    json: { message: string; data: { code: string; httpStatus: number; retryAfterSeconds?: number } };
  };
}

async function signIn(base: string, email: string, password: string, forwardedFor?: string) {
  const res = await fetch(`${base}/trpc/auth.signIn`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
    },
    body: JSON.stringify({ json: { email, password } }),
  });
  const body = (await res.json()) as TrpcError;
  return { status: res.status, error: res.ok ? undefined : body.error.json };
}

async function addressesRecordedFor(email: string) {
  const rows = await h.db.selectFrom('login_attempts').select('ip').where('email', '=', email).execute();
  return [...new Set(rows.map((r) => r.ip))];
}

describe(`client address and sign-in limits over HTTP on ${testEngine()}`, () => {
  it('trusting no proxy, a client cannot choose its address to escape the per-address limit', async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= 3; i++)
      statuses.push(
        (await signIn(direct, `spray${i}@nowhere.example`, 'Summer2026!', `203.0.113.${i}`)).status,
      );
    expect(statuses).toEqual([401, 401, 401]);
    const refused = await signIn(direct, 'spray4@nowhere.example', 'Summer2026!', '203.0.113.4');
    expect(refused.status).toBe(429);
    expect(refused.error?.data.code).toBe('TOO_MANY_REQUESTS');
    expect(refused.error?.data.retryAfterSeconds).toBeGreaterThan(14 * 60);
    expect(refused.error?.message).toBe('Too many failed sign-in attempts. Wait 15 minutes and try again.');
    // Every attempt counted against the socket's address, whatever the header claimed.
    expect(await addressesRecordedFor('spray1@nowhere.example')).toEqual(['127.0.0.1']);
    expect(await addressesRecordedFor('spray3@nowhere.example')).toEqual(['127.0.0.1']);
  });

  it('behind a trusted proxy, the forwarded address is the client’s, and each address has its own limit', async () => {
    for (let i = 1; i <= 5; i++) {
      const r = await signIn(proxied, `fwd${i}@nowhere.example`, 'Summer2026!', `198.51.100.${i}`);
      expect(r.status).toBe(401);
      expect(await addressesRecordedFor(`fwd${i}@nowhere.example`)).toEqual([`198.51.100.${i}`]);
    }
    // One forwarded address spraying is held back on its own.
    for (let i = 0; i < 3; i++)
      expect((await signIn(proxied, `one${i}@nowhere.example`, 'Summer2026!', '198.51.100.77')).status).toBe(
        401,
      );
    expect((await signIn(proxied, 'one3@nowhere.example', 'Summer2026!', '198.51.100.77')).status).toBe(429);
    // A client cannot slip a made-up address in front: the proxy appends the real one, which is used.
    expect(
      (await signIn(proxied, 'one4@nowhere.example', 'Summer2026!', '10.9.9.9, 198.51.100.78')).status,
    ).toBe(401);
    expect(await addressesRecordedFor('one4@nowhere.example')).toEqual(['198.51.100.78']);
    // And the owner, signing in from their own address behind the proxy, is let in.
    const owner = await signIn(
      proxied,
      'helen.marsh@severnvale-icb.example',
      DEMO_PASSWORD,
      '198.51.100.200',
    );
    expect(owner.status).toBe(200);
  });
});

/** A mutation as a browser (or a script) would send it: only the headers named, and its status. */
async function signOut(base: string, headers: Record<string, string>) {
  const res = await fetch(`${base}/trpc/auth.signOut`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: '{}',
  });
  return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as unknown };
}

describe(`CSRF: mutations from another site are refused, over HTTP on ${testEngine()}`, () => {
  it.each([
    ['an Origin of another site', { origin: 'https://evil.example' }],
    ['an Origin of another port on the same host', { origin: 'http://127.0.0.1:1' }],
    ['an opaque Origin (sandboxed frame, privacy redirect)', { origin: 'null' }],
    ['no Origin and Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['no Origin and Sec-Fetch-Site: same-site (a sibling subdomain)', { 'sec-fetch-site': 'same-site' }],
    [
      'a spoofed X-Forwarded-Host from a client that is not a trusted proxy',
      { origin: 'https://evil.example', 'x-forwarded-host': 'evil.example' },
    ],
  ])('refuses %s with 403 and a JSON error', async (_case, headers) => {
    const r = await signOut(direct, headers);
    expect(r.status).toBe(403);
    expect(r.type).toMatch(/^application\/json/);
    expect(r.body).toEqual({ error: 'Cross-site request refused' });
  });

  it.each([
    ['its own Origin', () => ({ origin: direct })],
    ['no Origin and Sec-Fetch-Site: same-origin', () => ({ 'sec-fetch-site': 'same-origin' })],
    ['no Origin and Sec-Fetch-Site: none (typed by the user)', () => ({ 'sec-fetch-site': 'none' })],
    ['neither header: an API client such as curl or a script', () => ({})],
  ])('allows %s', async (_case, headers) => {
    expect((await signOut(direct, headers())).status).toBe(200);
  });

  it('refuses a cross-site sign-in too, and never refuses a GET', async () => {
    const res = await fetch(`${direct}/trpc/auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({
        json: { email: 'helen.marsh@severnvale-icb.example', password: DEMO_PASSWORD },
      }),
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
    const get = await fetch(`${direct}/trpc/auth.me`, {
      headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(get.status).toBe(200);
  });

  it('recognises the public address (BATON_PUBLIC_URL), and the host a trusted proxy forwards', async () => {
    expect((await signOut(proxied, { origin: 'https://baton.example.nhs.uk' })).status).toBe(200);
    expect((await signOut(proxied, { origin: 'https://baton.example.nhs.uk.evil.example' })).status).toBe(
      403,
    );
    expect(
      (await signOut(proxied, { origin: 'https://baton.internal', 'x-forwarded-host': 'baton.internal' }))
        .status,
    ).toBe(200);
    expect((await signOut(proxied, { origin: 'https://evil.example' })).status).toBe(403);
  });
});
