import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  apiQuery,
  DEMO,
  expectAccessible,
  launch,
  screenshot,
  SCREENSHOTS,
  signIn,
  withFailureScreenshot,
} from './browser';

/* After a redeploy or with a dropped connection, a page says what happened and offers a way on: never blank. */
const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('resilience in the browser', () => {
  it('a page whose code cannot be fetched reloads once, then explains and offers Reload', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await withFailureScreenshot(page, 'resilience-chunk', async () => {
      await signIn(page, baseUrl, DEMO.lead);
      const programmes = await apiQuery<Array<{ id: string; code: string }>>(page, baseUrl, 'programme.list');
      const programmeId = programmes.find((p) => p.code === 'SVCMH')!.id;
      // As after a redeploy: the register page's chunk is gone from the server.
      let refused = 0;
      await page.route(/\/assets\/RiskRegisterPage-[^/]+\.js$/, (route) => {
        refused++;
        return route.fulfill({ status: 404, body: 'gone' });
      });
      // Loads of the page itself: the chunk is asked for twice per load (the shell's modulepreload link, then
      // the import), so counting refusals cannot tell whether the page reloaded.
      let loads = 0;
      page.on('load', () => loads++);
      await page.goto(`${baseUrl}/p/${programmeId}/risks`);
      const alert = page.getByRole('alert').filter({ hasText: 'This page could not be loaded' });
      // It reloaded by itself once, then stopped and explained.
      await expect.poll(() => loads, { timeout: 15_000 }).toBe(2);
      await expect.poll(() => alert.count(), { timeout: 15_000 }).toBe(1);
      expect(refused).toBeGreaterThanOrEqual(2);
      await page.waitForTimeout(1_000);
      expect(loads, 'no further reload').toBe(2);
      await screenshot(page, 'resilience-chunk-failed');
      await expectAccessible(page, 'page that could not be loaded');

      // The chunk is back (the new version): Reload shows the register.
      await page.unroute(/\/assets\/RiskRegisterPage-[^/]+\.js$/);
      await page.getByRole('button', { name: 'Reload' }).click();
      await expect
        .poll(() => page.getByRole('heading', { name: 'Risk register' }).count(), { timeout: 15_000 })
        .toBeGreaterThan(0);
    });
    await context.close();
  });

  it('a lost connection shows a banner, gone when the connection is back', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await withFailureScreenshot(page, 'resilience-offline', async () => {
      await signIn(page, baseUrl, DEMO.lead);
      // Settle first: requests in flight when the network drops must not hold up the checks below.
      await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => {});
      await context.setOffline(true);
      const banner = page.getByRole('status').filter({ hasText: 'You are offline' });
      await expect.poll(() => banner.count(), { timeout: 10_000 }).toBe(1);
      // A picture for people, not a check: offline, Chromium can wait on a font that never comes, so bounded.
      await page
        .screenshot({ path: join(SCREENSHOTS, 'resilience-offline.png'), timeout: 10_000 })
        .catch(() => {});
      await context.setOffline(false);
      await expect.poll(() => banner.count(), { timeout: 10_000 }).toBe(0);
    });
    await context.close();
  });
});
