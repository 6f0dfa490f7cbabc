import { downloads } from '@baton/api';
import { createTestDb, testEngine } from '@baton/db/testing';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../app';

/* The server serves exactly the downloads @baton/api describes (the ones the generated access test walks). */

describe(`download routes on ${testEngine()}`, () => {
  it('registers every download the API describes, and no other /export route', async () => {
    const h = await createTestDb();
    try {
      const app = await buildApp({
        db: h.db,
        config: { publicUrl: undefined, secureCookies: false, webDist: '/nonexistent', logLevel: 'silent' },
      });
      await app.ready();
      for (const d of downloads) expect(app.hasRoute({ method: 'GET', url: d.path }), d.path).toBe(true);
      const exportRoutes = app
        .printRoutes({ commonPrefix: false })
        .split('\n')
        .filter((l) => l.includes('export'));
      expect(exportRoutes.length).toBeGreaterThan(0);
      // Every /export leaf is one of the described paths.
      const described = new Set(downloads.map((d) => d.path.split('/').at(-1)));
      for (const line of exportRoutes) {
        const leaf = line
          .replace(/[│├└─\s]/g, '')
          .split('(')[0]!
          .split('/')
          .at(-1)!;
        if (leaf.includes('.')) expect(described.has(leaf), line).toBe(true);
      }
      await app.close();
    } finally {
      await h.close();
    }
  });
});
