import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  apiQuery,
  DEMO,
  expectAccessible,
  launch,
  screenshot,
  signIn,
  withFailureScreenshot,
} from './browser';

/*
 * Baton shaped to each role: after sign-in each demo person lands on the page that answers their question,
 * and the navigation offers only what their role can use (a bidder sees no steering pack or joint progress).
 */
const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const CASES = [
  {
    who: 'steering',
    email: DEMO.steering,
    lands: '/steering',
    heading: /steering/i,
    has: ['Steering pack', 'Meetings'],
    lacks: ['Workspace', 'Email outbox'],
  },
  {
    who: 'lead',
    email: DEMO.lead,
    lands: '/workspace',
    heading: /workspace/i,
    has: ['Workspace', 'My tasks', 'Transition plan', 'RAID log'],
    lacks: ['Email outbox'],
  },
  {
    who: 'outgoing provider',
    email: DEMO.outgoingContributor,
    lands: '/workspace',
    heading: /workspace/i,
    has: ['Workspace', 'My tasks'],
    lacks: ['Email outbox'],
  },
  {
    who: 'provider CEO',
    email: DEMO.ceo,
    lands: '/progress',
    heading: /joint progress/i,
    has: ['Joint progress', 'Steering pack'],
    lacks: ['Workspace', 'My tasks'],
  },
  {
    who: 'bidder',
    email: DEMO.bidder,
    lands: '/risks',
    heading: /risk register/i,
    has: ['Risk register', 'RAID log', 'History'],
    lacks: ['Steering pack', 'Joint progress', 'Meetings', 'Transition plan', 'Workspace'],
  },
] as const;

describe('each role lands on its page', () => {
  for (const c of CASES) {
    it(`the ${c.who} lands on ${c.lands} with their navigation`, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await withFailureScreenshot(page, `role-${c.who}`, async () => {
        await signIn(page, baseUrl, c.email);
        const programmes = await apiQuery<Array<{ id: string }>>(page, baseUrl, 'programme.list');
        expect(programmes).toHaveLength(1);
        await page.waitForURL((u) => u.pathname === `/p/${programmes[0]!.id}${c.lands}`, { timeout: 20_000 });
        await page.getByRole('heading', { level: 1, name: c.heading }).first().waitFor();
        const nav = page.getByRole('navigation', { name: 'Main' });
        for (const label of c.has)
          expect(await nav.getByRole('link', { name: label, exact: true }).count()).toBe(1);
        for (const label of c.lacks)
          expect(await nav.getByRole('link', { name: label, exact: true }).count()).toBe(0);
        await screenshot(page, `role-${c.who.replace(/\s+/g, '-')}`);
        await expectAccessible(page, `${c.who} landing`);
      });
      await context.close();
    }, 60_000);
  }
});
