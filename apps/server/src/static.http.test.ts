import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { createTestDb } from '@baton/db/testing';
import type { DbHandle } from '@baton/db';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app';

/* The web app as a browser fetches it: pre-compressed, fingerprinted assets kept a year, the shell never. */
let h: DbHandle;
let app: FastifyInstance;
let base: string;
const script = `console.log(${JSON.stringify('Baton '.repeat(500))});`;

beforeAll(async () => {
  h = await createTestDb();
  const webDist = mkdtempSync(join(tmpdir(), 'baton-web-'));
  mkdirSync(join(webDist, 'assets'));
  writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>Baton</title><div id="root"></div>');
  const asset = join(webDist, 'assets', 'index-3f9a1c.js');
  writeFileSync(asset, script);
  writeFileSync(`${asset}.br`, brotliCompressSync(script));
  writeFileSync(`${asset}.gz`, gzipSync(script));
  app = await buildApp({
    db: h.db,
    config: { publicUrl: undefined, secureCookies: false, webDist, logLevel: 'silent' },
    today: () => '2026-11-23',
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});
afterAll(async () => {
  await app.close();
  await h.close();
});

describe('serving the web app', () => {
  it('sends fingerprinted assets pre-compressed and cacheable for a year', async () => {
    const br = await app.inject({
      url: '/assets/index-3f9a1c.js',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.rawPayload.length).toBeLessThan(script.length / 5);

    const gz = await app.inject({ url: '/assets/index-3f9a1c.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');

    const plain = await app.inject({
      url: '/assets/index-3f9a1c.js',
      headers: { 'accept-encoding': 'identity' },
    });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it('never lets a browser keep an old shell: index.html is revalidated', async () => {
    for (const url of ['/', '/p/some-programme/risks']) {
      const res = await fetch(`${base}${url}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('<div id="root">');
    }
  });
});
