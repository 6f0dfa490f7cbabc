import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppRouter } from '@baton/api';
import type { DbHandle } from '@baton/db';
import { testEngine } from '@baton/db/testing';
import { listUpgradeFixtures, upgradeFixture } from '@baton/db/upgrade';
import { createTRPCClient, httpLink } from '@trpc/client';
import type { FastifyInstance } from 'fastify';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';

/*
 * The app starts over a database an earlier release made, once upgraded (packages/db/src/upgrade checks the
 * data; this checks the app can use it): a demo member signs in over HTTP, every frozen pack reads back intact
 * through tRPC and downloads as a PDF, and the register lists every risk. One suite per fixture in
 * packages/db/fixtures/upgrade.
 */

const fixtures = listUpgradeFixtures();

describe.each(fixtures)(
  `the app over the upgraded database of release $name on ${testEngine()}`,
  (fixture) => {
    const { signIn: who, demoPassword, today } = fixture.manifest;
    const programmeId = who.programmeId;
    let h: DbHandle;
    let app: FastifyInstance;
    let base = '';
    let cookie = '';
    let client: ReturnType<typeof createTRPCClient<AppRouter>>;

    beforeAll(async () => {
      h = (await upgradeFixture(fixture)).handle;
      app = await buildApp({
        db: h.db,
        config: {
          publicUrl: undefined,
          secureCookies: false,
          webDist: mkdtempSync(join(tmpdir(), 'baton-web-')),
          logLevel: 'silent',
        },
        today: () => today,
      });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const addr = app.server.address();
      base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;

      const res = await fetch(`${base}/trpc/auth.signIn`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ json: { email: who.email, password: demoPassword } }),
      });
      expect(res.status).toBe(200);
      cookie = res.headers.get('set-cookie')!.split(';')[0]!;
      client = createTRPCClient<AppRouter>({
        links: [httpLink({ url: `${base}/trpc`, transformer: superjson, headers: () => ({ cookie }) })],
      });
    });
    afterAll(async () => {
      await app?.close();
      await h?.close();
    });

    it('serves every frozen pack intact over tRPC, with the hash taken when it was frozen', async () => {
      const recorded = fixture.manifest.packs.filter((p) => p.programmeId === programmeId);
      expect(recorded.length).toBeGreaterThan(0);
      const meetings = await client.meeting.list.query({ programmeId });
      const frozen = meetings.filter((m) => m.snapshot);
      expect(frozen.map((m) => m.snapshot!.id).sort()).toEqual(recorded.map((p) => p.id).sort());
      for (const pack of recorded) {
        const { snapshot } = await client.meeting.snapshot.query({ programmeId, meetingId: pack.meetingId });
        expect(snapshot).toMatchObject({ id: pack.id, asAt: pack.asAt, sha256: pack.sha256, intact: true });
      }
    });

    it('downloads frozen packs as PDF', async () => {
      const recorded = fixture.manifest.packs.filter((p) => p.programmeId === programmeId);
      const byDate = [...recorded].sort((a, b) => a.asAt.localeCompare(b.asAt));
      // The oldest and the newest paper: the first the release froze, and the last (frozen through its API).
      for (const pack of new Set([byDate[0]!, byDate.at(-1)!])) {
        const res = await fetch(
          `${base}/export/programmes/${programmeId}/meetings/${pack.meetingId}/pack.pdf`,
          {
            headers: { cookie },
          },
        );
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('application/pdf');
        const body = Buffer.from(await res.arrayBuffer());
        expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        expect(body.length).toBeGreaterThan(10_000);
      }
    });

    it('lists every risk of the programme in the register', async () => {
      const stored = await h.db
        .selectFrom('risks')
        .select('id')
        .where('programme_id', '=', programmeId)
        .execute();
      const listed: string[] = [];
      let cursor: { v: string | number; n: number } | null = null;
      do {
        const page: Awaited<ReturnType<typeof client.risk.list.query>> = await client.risk.list.query({
          programmeId,
          limit: 200,
          cursor,
        });
        expect(page.total).toBe(stored.length);
        listed.push(...page.items.map((r) => r.id));
        cursor = page.nextCursor ?? null;
      } while (cursor);
      expect(listed.sort()).toEqual(stored.map((r) => r.id).sort());
    });
  },
);
