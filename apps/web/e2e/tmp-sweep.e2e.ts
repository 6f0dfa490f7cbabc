import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import { apiQuery, DEMO, launch, signIn } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('sweep', () => {
  it('measures', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await signIn(page, baseUrl, DEMO.lead);
    const programmes = await apiQuery<Array<{ id: string; code: string }>>(page, baseUrl, 'programme.list');
    const id = programmes.find((p) => p.code === 'SVCMH')!.id;
    const paths = ['', '/risks', '/risks/changes', '/transition', '/my-tasks', '/workspace', '/progress', '/steering', '/raid', '/due-diligence', '/gateways', '/meetings', '/members', '/audit', '/settings', '/emails'];
    for (const p of paths) {
      const runs: number[] = [];
      const longs: number[] = [];
      for (let i = 0; i < 3; i++) {
        const tab = await context.newPage();
        await tab.addInitScript(() => {
          (window as any).__long = 0;
          new PerformanceObserver((l) => { for (const e of l.getEntries()) (window as any).__long += e.duration; }).observe({ type: 'longtask', buffered: true });
        });
        const t0 = Date.now();
        await tab.goto(`${baseUrl}/p/${id}${p}`);
        await tab.locator('main h1').first().waitFor({ timeout: 20000 });
        // settled: no skeletons/loaders left
        await tab.waitForFunction(() => !document.querySelector('[aria-busy="true"], .mantine-Skeleton-root'), null, { timeout: 20000 }).catch(() => {});
        runs.push(Date.now() - t0);
        longs.push(await tab.evaluate(() => (window as any).__long));
        await tab.close();
      }
      runs.sort((a, b) => a - b);
      console.log(`SWEEP ${p.padEnd(16)} settled median ${runs[1]} ms (${runs.join(',')}) long tasks ${longs.map((x) => Math.round(x)).join(',')}`);
    }
  });
});
