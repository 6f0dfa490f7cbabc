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
let webDistDir: string;
const script = `console.log(${JSON.stringify('Baton '.repeat(500))});`;

beforeAll(async () => {
  h = await createTestDb();
  const webDist = mkdtempSync(join(tmpdir(), 'baton-web-'));
  webDistDir = webDist;
  mkdirSync(join(webDist, 'assets'));
  writeFileSync(
    join(webDist, 'index.html'),
    '<!doctype html><html><head><title>Baton</title></head><body><div id="root"></div></body></html>',
  );
  mkdirSync(join(webDist, '.vite'));
  writeFileSync(
    join(webDist, '.vite', 'pages.json'),
    JSON.stringify({
      pages: [
        {
          path: '/p/:programmeId/risks',
          scripts: ['/assets/RiskRegisterPage-1a.js', '/assets/Select-2b.js'],
          styles: ['/assets/risks-3c.css'],
        },
        { path: '/p/:programmeId/risks/changes', scripts: ['/assets/WhatChangedPage-4d.js'], styles: [] },
        { path: '/p/:programmeId/risks/:riskId', scripts: ['/assets/RiskDetailPage-5e.js'], styles: [] },
      ],
    }),
  );
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

  it("names the code of the page at the address in the shell, so it downloads alongside the app's", async () => {
    const links = (html: string) =>
      [...html.matchAll(/<link rel="(\w+)"(?: as="style")? crossorigin href="([^"]+)">/g)].map(
        (m) => `${m[1]} ${m[2]}`,
      );
    const register = await fetch(`${base}/p/0b5e/risks?view=open`);
    expect(register.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await register.text();
    expect(links(html)).toEqual([
      'modulepreload /assets/RiskRegisterPage-1a.js',
      'modulepreload /assets/Select-2b.js',
      'preload /assets/risks-3c.css',
    ]);
    expect(html.indexOf('modulepreload')).toBeLessThan(html.indexOf('</head>'));
    // The first pattern that matches, in the router's order: the fixed address, then the parameter.
    expect(links(await (await fetch(`${base}/p/0b5e/risks/changes`)).text())).toEqual([
      'modulepreload /assets/WhatChangedPage-4d.js',
    ]);
    expect(links(await (await fetch(`${base}/p/0b5e/risks/7c1d`)).text())).toEqual([
      'modulepreload /assets/RiskDetailPage-5e.js',
    ]);
    // An address of no page (the app shows "not found") gets the shell as it was built.
    expect(links(await (await fetch(`${base}/p/0b5e/nowhere`)).text())).toEqual([]);
    expect(links(await (await fetch(`${base}/`)).text())).toEqual([]);
  });

  it('answers a browser that has the shell already with 304, and one that takes no compression with plain HTML', async () => {
    const br = await app.inject({ url: '/p/0b5e/risks', headers: { 'accept-encoding': 'gzip, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    const first = await app.inject({ url: '/p/0b5e/risks', headers: { 'accept-encoding': 'gzip' } });
    expect(first.headers['content-encoding']).toBe('gzip');
    expect(first.headers.vary).toMatch(/accept-encoding/i);
    const etag = String(first.headers.etag);
    const again = await app.inject({ url: '/p/0b5e/risks', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    // Another page's shell is another document: its own tag.
    const other = await app.inject({ url: '/p/0b5e/risks/changes', headers: { 'if-none-match': etag } });
    expect(other.statusCode).toBe(200);
    const plain = await app.inject({ url: '/p/0b5e/risks', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toContain('modulepreload');
    // q=0 refuses an encoding, even one the server prefers.
    const noBrotli = await app.inject({
      url: '/p/0b5e/risks',
      headers: { 'accept-encoding': 'br;q=0, gzip' },
    });
    expect(noBrotli.headers['content-encoding']).toBe('gzip');
  });

  it('answers a script that is not there with 404, not with the shell', async () => {
    const gone = await app.inject({ url: '/assets/RiskRegisterPage-0ld.js' });
    expect(gone.statusCode).toBe(404);
    expect(gone.body).not.toContain('<div id="root">');
  });

  it('serves a built file only under its own spelling, and only the files there were at start', async () => {
    // One route per file found at start: no per-request directory reads, and no case-folded alias (as a
    // case-insensitive disk would allow) reaches a file.
    expect((await app.inject({ url: '/assets/index-3f9a1c.js' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/assets/INDEX-3F9A1C.js' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/assets//index-3f9a1c.js' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/assets/../index.html' })).body).not.toContain('console.log');
    const late = '/assets/late-9z.js';
    writeFileSync(join(webDistDir, late), 'console.log(1)');
    expect((await app.inject({ url: late })).statusCode).toBe(404);
  });
});
