import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppRouter } from '@baton/api';
import type { DbHandle } from '@baton/db';
import { createTestDb } from '@baton/db/testing';
import { createTRPCClient, httpLink } from '@trpc/client';
import type { FastifyInstance } from 'fastify';
import superjson from 'superjson';
import { expect } from 'vitest';
import { buildApp } from '../app';
import { DEMO_PASSWORD, seedDemo } from '../demo/demo.seed';

/*
 * The real server on a random port over a test database with the demo programme, for the suites that talk
 * HTTP: the whole stack (Fastify, cookies, the tRPC adapter, the download routes) as a browser meets it.
 */
export async function startDemoServer(options: { today: string; withWebShell?: boolean }) {
  const h: DbHandle = await createTestDb();
  await seedDemo(h.db, { today: options.today });
  const webDist = mkdtempSync(join(tmpdir(), 'baton-web-'));
  if (options.withWebShell)
    writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>Baton</title><div id="root"></div>');
  const app: FastifyInstance = await buildApp({
    db: h.db,
    config: { publicUrl: undefined, secureCookies: false, webDist, logLevel: 'silent' },
    today: () => options.today,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;

  /** Signs in over HTTP: the session cookie, and a tRPC client that sends it. */
  async function signIn(email: string) {
    const res = await fetch(`${base}/trpc/auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ json: { email, password: DEMO_PASSWORD } }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const client = createTRPCClient<AppRouter>({
      links: [httpLink({ url: `${base}/trpc`, transformer: superjson, headers: () => ({ cookie }) })],
    });
    return { cookie, client };
  }

  return {
    h,
    app,
    base,
    signIn,
    async close() {
      await app.close();
      await h.close();
    },
  };
}
