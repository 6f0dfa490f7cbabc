import http, { type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { testEngine } from '@baton/db/testing';
import type { AppRouter } from '@baton/api';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from './demo/demo.seed';
import { startDemoServer } from './testing/demo-server';

/* The whole stack over a real socket: Fastify, cookies, the tRPC HTTP adapter, the error formatter. */

let server: Awaited<ReturnType<typeof startDemoServer>>;
let base: string;

beforeAll(async () => {
  server = await startDemoServer({ today: '2026-11-23', withWebShell: true });
  base = server.base;
});
afterAll(() => server.close());

/** A client with its own cookie jar, as one browser would have. */
function browser() {
  let cookie = '';
  const client = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${base}/trpc`,
        transformer: superjson,
        fetch: async (url, init) => {
          const res = await fetch(url, {
            ...(init as RequestInit),
            headers: { ...(init?.headers as Record<string, string>), cookie },
          });
          const set = res.headers.get('set-cookie');
          if (set) cookie = set.split(';')[0]!;
          return res;
        },
      }),
    ],
  });
  return { client, cookie: () => cookie };
}

describe(`HTTP server on ${testEngine()}`, () => {
  it('answers health and readiness probes', async () => {
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ status: 'ready' });
  });

  it('serves the web app shell at the home page, where a newcomer starts', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<div id="root">');
  });

  it('serves the web app shell for client-side routes, with security headers', async () => {
    const res = await fetch(`${base}/p/some-programme/members`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<div id="root">');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('signs in with an httpOnly SameSite cookie and reads the programme list', async () => {
    const b = browser();
    expect(await b.client.auth.me.query()).toBeNull();
    const me = await b.client.auth.signIn.mutate({
      email: 'helen.marsh@severnvale-icb.example',
      password: DEMO_PASSWORD,
    });
    expect(me.secondFactorRequired === false && me.isSystemAdmin).toBe(true);
    expect(b.cookie()).toMatch(/^baton_session=/);
    const raw = await fetch(`${base}/trpc/auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        json: { email: 'helen.marsh@severnvale-icb.example', password: DEMO_PASSWORD },
      }),
    });
    expect(raw.headers.get('set-cookie')).toMatch(/HttpOnly/);
    expect(raw.headers.get('set-cookie')).toMatch(/SameSite=Lax/);
    const programmes = await b.client.programme.list.query();
    expect(programmes.map((p) => p.code).sort()).toEqual(['SVCMH', 'SVSLT']);
  });

  it('returns 400 with field errors for invalid input', async () => {
    const res = await fetch(`${base}/trpc/auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ json: { email: 'not an email', password: '' } }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as {
      error: { json: { data: { fieldErrors: Record<string, string[]> } } };
    };
    expect(Object.keys(body.error.json.data.fieldErrors).sort()).toEqual(['email', 'password']);
    expect(JSON.stringify(body)).not.toMatch(/stack|select|insert/i);
  });

  it('refuses a programme to a signed-in outsider and anything to an anonymous caller', async () => {
    const bidder = browser();
    await bidder.client.auth.signIn.mutate({
      email: 'mark.delaney@larkspur-therapies.example',
      password: DEMO_PASSWORD,
    });
    const admin = browser();
    await admin.client.auth.signIn.mutate({
      email: 'helen.marsh@severnvale-icb.example',
      password: DEMO_PASSWORD,
    });
    const svcmh = (await admin.client.programme.list.query()).find((p) => p.code === 'SVCMH')!;
    await expect(bidder.client.programme.overview.query({ programmeId: svcmh.id })).rejects.toMatchObject({
      data: { code: 'NOT_FOUND', httpStatus: 404 },
    });
    const anon = browser();
    const err = await anon.client.programme.list.query().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCClientError);
    expect((err as TRPCClientError<AppRouter>).data?.httpStatus).toBe(401);
  });

  it('refuses a cross-site mutation (Origin check)', async () => {
    const res = await fetch(`${base}/trpc/auth.signOut`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: '{}',
    });
    expect(res.status).toBe(403);
  });

  it('marks every API answer no-store, read or refused, so a shared desk’s browser keeps none of it', async () => {
    const b = browser();
    await b.client.auth.signIn.mutate({
      email: 'tom.okafor@severnvale-icb.example',
      password: DEMO_PASSWORD,
    });
    const read = await fetch(`${base}/trpc/programme.list`, { headers: { cookie: b.cookie() } });
    expect(read.status).toBe(200);
    expect(read.headers.get('cache-control')).toBe('no-store');
    const batch = await fetch(`${base}/trpc/auth.me,programme.list?batch=1&input={}`, {
      headers: { cookie: b.cookie() },
    });
    expect(batch.status).toBe(200);
    expect(batch.headers.get('cache-control')).toBe('no-store');
    const refused = await fetch(`${base}/trpc/programme.list`);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('cache-control')).toBe('no-store');
  });

  it('compresses API answers of 1 kB or more as the browser accepts, and sends small ones as they are', async () => {
    const b = browser();
    await b.client.auth.signIn.mutate({
      email: 'tom.okafor@severnvale-icb.example',
      password: DEMO_PASSWORD,
    });
    const svcmh = (await b.client.programme.list.query()).find((p) => p.code === 'SVCMH')!;
    const register = `/trpc/risk.list?input=${encodeURIComponent(JSON.stringify({ json: { programmeId: svcmh.id } }))}`;
    const plain = await raw(register, { cookie: b.cookie() });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(Number(plain.headers['content-length'])).toBe(plain.body.length);
    expect(plain.body.length).toBeGreaterThan(20_000);
    const answer = JSON.parse(plain.body.toString('utf8')) as unknown;

    // Chromium's header: brotli chosen, a fraction of the size, the same answer, still never kept.
    const br = await raw(register, { cookie: b.cookie(), 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toContain('accept-encoding');
    expect(br.headers['cache-control']).toBe('no-store');
    expect(br.headers['content-type']).toMatch(/^application\/json/);
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(plain.body.length / 4);
    expect(JSON.parse(brotliDecompressSync(br.body).toString('utf8'))).toEqual(answer);

    // q=0 refuses an encoding; gzip is the fallback.
    const gz = await raw(register, { cookie: b.cookie(), 'accept-encoding': 'br;q=0, gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.body).toString('utf8'))).toEqual(answer);

    // A refusal's small answer goes as it is.
    const refused = await raw(register, { 'accept-encoding': 'gzip, br' });
    expect(refused.status).toBe(401);
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(refused.body.toString('utf8'))).toMatchObject({
      error: { json: { data: { httpStatus: 401 } } },
    });

    // Nothing the browser cannot read: an encoding it did not offer is never used.
    const identity = await raw(register, { cookie: b.cookie(), 'accept-encoding': 'identity' });
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.body.equals(plain.body)).toBe(true);
  });

  it('signing out ends the session on the server', async () => {
    const b = browser();
    await b.client.auth.signIn.mutate({
      email: 'tom.okafor@severnvale-icb.example',
      password: DEMO_PASSWORD,
    });
    const stolen = b.cookie();
    await b.client.auth.signOut.mutate();
    const res = await fetch(`${base}/trpc/auth.me`, { headers: { cookie: stolen } });
    expect(((await res.json()) as { result: { data: { json: unknown } } }).result.data.json).toBeNull();
  });
});

/** A GET over a plain socket: the bytes as sent, nothing decoded (fetch decompresses on its own). */
function raw(
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
  });
}
