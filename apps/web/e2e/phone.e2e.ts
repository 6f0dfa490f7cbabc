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
 * Phones: the pages people open away from a desk fit a 390 px screen with no sideways scrolling of the page
 * (wide tables scroll inside their own box), and stay accessible.
 */
const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('on a phone (390 px)', () => {
  it('risk detail, the register, the workspace, joint progress, notifications and due diligence fit the screen', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    await withFailureScreenshot(page, 'phone', async () => {
      await signIn(page, baseUrl, DEMO.lead);
      const programmes = await apiQuery<Array<{ id: string; code: string }>>(page, baseUrl, 'programme.list');
      const programmeId = programmes.find((p) => p.code === 'SVCMH')!.id;
      const risks = await apiQuery<{ items: Array<{ id: string; title: string }> }>(
        page,
        baseUrl,
        'risk.list',
        {
          programmeId,
        },
      );
      const risk = risks.items[0]!;
      const pages: Array<[string, string, RegExp | string]> = [
        ['risk', `/p/${programmeId}/risks/${risk.id}`, risk.title],
        ['register', `/p/${programmeId}/risks`, 'Risk register'],
        ['workspace', `/p/${programmeId}/workspace`, 'Workspace'],
        ['progress', `/p/${programmeId}/progress`, 'Joint progress'],
        ['notifications', `/notifications`, 'Notifications'],
        ['due diligence', `/p/${programmeId}/due-diligence`, 'Due diligence'],
      ];
      for (const [name, path, heading] of pages) {
        await page.goto(`${baseUrl}${path}`);
        await page.getByRole('heading', { level: 1, name: heading }).waitFor();
        await page.waitForLoadState('networkidle');
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${name} scrolls sideways by ${overflow} px`).toBeLessThanOrEqual(0);
        // The header keeps the person's menu on screen.
        const box = await page
          .getByRole('button', { name: /Tom Okafor|account/i })
          .first()
          .boundingBox();
        expect(box && box.x + box.width).toBeLessThanOrEqual(390);
        if (name === 'register') {
          // A card per risk, with its score on screen: the first page of the register the API gives.
          const shown = await apiQuery<{ items: unknown[] }>(page, baseUrl, 'risk.list', {
            programmeId,
            filter: { statuses: ['open', 'draft'] },
          });
          const cards = page.getByRole('list', { name: 'Risks' }).getByRole('listitem');
          await expect.poll(() => cards.count()).toBe(shown.items.length);
          const first = await cards.first().boundingBox();
          expect(first && first.x + first.width).toBeLessThanOrEqual(390);
        }
        await screenshot(page, `phone-${name}`);
        await expectAccessible(page, `${name} on a phone`);
      }
    });
    await context.close();
  }, 120_000);
});
