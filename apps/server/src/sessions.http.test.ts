import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DbHandle } from '@baton/db';
import { createTestDb, testEngine } from '@baton/db/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app';
import { DEMO_PASSWORD, seedDemo } from './demo/demo.seed';

/*
 * Sessions people can see, over a real socket with real cookies: each browser signed in to an account, where
 * from and when; ending one signs that browser out at its next request; "everywhere else" keeps this one; an
 * admin can sign a member out everywhere, and removing a member does so too. Every ending is audited.
 */

let h: DbHandle;
let app: FastifyInstance;
let base = '';
const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
const SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const EDGE =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0';

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
    },
    today: () => '2026-11-23',
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});
afterAll(async () => {
  await app?.close();
  await h?.close();
});

/** A browser: its own cookie jar and user agent. */
function browser(userAgent: string) {
  let cookie = '';
  const call = async (path: string, input?: unknown, method: 'GET' | 'POST' = 'POST') => {
    const url =
      method === 'GET'
        ? `${base}/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`}`
        : `${base}/trpc/${path}`;
    const res = await fetch(url, {
      method,
      headers: {
        'content-type': 'application/json',
        'user-agent': userAgent,
        origin: base,
        ...(cookie ? { cookie } : {}),
      },
      ...(method === 'POST' ? { body: JSON.stringify({ json: input ?? null }) } : {}),
    });
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0]!;
    const body = (await res.json()) as {
      result?: { data: { json: unknown } };
      error?: { json: { data: { code: string } } };
    };
    return { status: res.status, data: body.result?.data.json as any, code: body.error?.json.data.code };
  };
  return {
    call,
    signIn: (email: string) => call('auth.signIn', { email, password: DEMO_PASSWORD }),
    query: (path: string, input?: unknown) => call(path, input, 'GET'),
    mutate: (path: string, input?: unknown) => call(path, input, 'POST'),
  };
}

interface TSession {
  id: string;
  device: string;
  ipAddress: string | null;
  current: boolean;
  lastUsedAt: string;
}

describe(`sessions people can see, over HTTP on ${testEngine()}`, () => {
  it('lists my browsers, ends one, then everywhere else, each audited', async () => {
    const email = 'tom.okafor@severnvale-icb.example';
    const [laptop, phone, office] = [browser(FIREFOX), browser(SAFARI), browser(EDGE)];
    // Someone guessing first: the failed attempt is in the account's recent attempts.
    const guess = await browser(EDGE).call('auth.signIn', { email, password: 'not-the-password' });
    expect(guess.status).toBe(401);
    for (const b of [laptop, phone, office]) expect((await b.signIn(email)).status).toBe(200);
    const attempts = (await laptop.query('auth.signInAttempts')).data as Array<{
      succeeded: boolean;
      ipAddress: string;
    }>;
    expect(attempts.slice(0, 4).map((a) => a.succeeded)).toEqual([true, true, true, false]);
    expect(attempts.every((a) => a.ipAddress === '127.0.0.1')).toBe(true);

    const mine = (await laptop.query('auth.sessions')).data as TSession[];
    expect(mine).toHaveLength(3);
    expect(mine.filter((s) => s.current).map((s) => s.device)).toEqual(['Firefox 133 on Windows 10']);
    expect(mine.map((s) => s.device).sort()).toEqual([
      'Firefox 133 on Windows 10',
      'Microsoft Edge 131 on Windows 10',
      'Safari 17 on iOS 17.5',
    ]);
    expect(mine.every((s) => s.ipAddress === '127.0.0.1')).toBe(true);

    // The phone is ended from the laptop: its next request is signed out.
    const phoneSession = mine.find((s) => s.device.startsWith('Safari'))!;
    expect((await laptop.mutate('auth.endSession', { sessionId: phoneSession.id })).data).toEqual({
      ended: 1,
      signedOutHere: false,
      provider: null,
    });
    expect((await phone.query('auth.sessions')).code).toBe('UNAUTHORIZED');
    expect((await laptop.mutate('auth.endSession', { sessionId: phoneSession.id })).code).toBe('NOT_FOUND');

    // Another person cannot end my sessions, even knowing an id.
    const other = browser(FIREFOX);
    await other.signIn('priya.raman@severnvale-council.example');
    const officeSession = ((await laptop.query('auth.sessions')).data as TSession[]).find((s) =>
      s.device.startsWith('Microsoft Edge'),
    )!;
    expect((await other.mutate('auth.endSession', { sessionId: officeSession.id })).code).toBe('NOT_FOUND');
    expect((await office.query('auth.sessions')).status).toBe(200);

    // Everywhere else: the office goes, the laptop stays.
    expect((await laptop.mutate('auth.endOtherSessions')).data).toEqual({ ended: 1 });
    expect((await office.query('auth.sessions')).code).toBe('UNAUTHORIZED');
    expect(((await laptop.query('auth.sessions')).data as TSession[]).map((s) => s.current)).toEqual([true]);

    const user = await h.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    const events = await h.db
      .selectFrom('audit_events')
      .select('summary')
      .where('entity_id', '=', user.id)
      .where('action', '=', 'sign_out')
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.summary)).toEqual([
      'A session of Tom Okafor ended: signed out of Safari 17 on iOS 17.5 from another device',
      'A session of Tom Okafor ended: signed out everywhere else',
    ]);
    // Every sign-in is in the audit trail too, against the person.
    const signIns = await h.db
      .selectFrom('audit_events')
      .select('summary')
      .where('entity_id', '=', user.id)
      .where('action', '=', 'sign_in')
      .execute();
    expect(signIns.map((e) => e.summary)).toEqual(
      Array(3).fill('Tom Okafor signed in with a password from 127.0.0.1'),
    );
  });

  it('an admin signs a member out everywhere; removing a member does too', async () => {
    const admin = browser(FIREFOX);
    await admin.signIn('helen.marsh@severnvale-icb.example');
    const programmes = (await admin.query('programme.list')).data as Array<{ id: string; code: string }>;
    const programmeId = programmes.find((p) => p.code === 'SVCMH')!.id;
    const members = (await admin.query('member.list', { programmeId })).data as Array<{
      membershipId: string;
      email: string;
      version: number;
    }>;
    const sarah = members.find((m) => m.email === 'sarah.llewellyn@wyebridge-cht.example')!;
    const hers = browser(EDGE);
    expect((await hers.signIn(sarah.email)).status).toBe(200);
    // Not something a provider may do to anyone.
    expect(
      (await hers.mutate('member.endSessions', { programmeId, membershipId: sarah.membershipId })).code,
    ).toBe('FORBIDDEN');
    expect(
      (await admin.mutate('member.endSessions', { programmeId, membershipId: sarah.membershipId })).data,
    ).toEqual({
      ended: 1,
    });
    expect((await hers.query('auth.sessions')).code).toBe('UNAUTHORIZED');

    expect((await hers.signIn(sarah.email)).status).toBe(200);
    const removed = await admin.mutate('member.remove', {
      programmeId,
      membershipId: sarah.membershipId,
      version: sarah.version,
    });
    expect(removed.status).toBe(200);
    expect((await hers.query('auth.sessions')).code).toBe('UNAUTHORIZED');
  });
});
