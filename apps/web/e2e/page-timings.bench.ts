import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import { apiQuery, DEMO, launch, signIn } from './browser';

/*
 * `pnpm bench:pages`: how long each page of the demo programme takes to settle in headless Chromium, from
 * navigation until its heading is on screen and no skeleton is left, with the time the main thread spent in
 * long tasks (over 50 ms) meanwhile. Each page opens in a new tab of one signed-in browser (its code cached after
 * the first visit), BENCH_PAGE_RUNS times (default 5); the median is printed. BENCH_PAGES=risks,steering picks.
 */
const baseUrl = inject('baseUrl');
const RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 5);
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

interface Timed {
  longTaskMs?: number;
}

describe('page timings', () => {
  it('prints each page’s settled time', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await signIn(page, baseUrl, DEMO.lead);
    const programmes = await apiQuery<Array<{ id: string; code: string }>>(page, baseUrl, 'programme.list');
    const id = programmes.find((p) => p.code === 'SVCMH')!.id;
    const transfers = await apiQuery<Array<{ transfer: { id: string } }>>(
      page,
      baseUrl,
      'transition.transfers',
      {
        programmeId: id,
      },
    );
    const all = [
      '',
      'risks',
      'risks/changes',
      'transition',
      `transition/${transfers[0]!.transfer.id}`,
      'my-tasks',
      'workspace',
      'progress',
      'steering',
      'raid',
      'due-diligence',
      'gateways',
      'meetings',
      'members',
      'audit',
      'settings',
      'emails',
    ];
    const wanted = process.env.BENCH_PAGES?.split(',');
    const paths = wanted ? all.filter((p) => wanted.some((w) => p.startsWith(w))) : all;
    console.log(`Page timings, demo programme, ${RUNS} runs each (median; long tasks in brackets)`);
    for (const path of paths) {
      const runs: Array<{ ms: number; longTaskMs: number }> = [];
      for (let i = 0; i < RUNS; i++) {
        const tab = await context.newPage();
        await tab.addInitScript(() => {
          const w = window as unknown as Timed;
          w.longTaskMs = 0;
          new PerformanceObserver((list) => {
            for (const e of list.getEntries()) w.longTaskMs! += e.duration;
          }).observe({ type: 'longtask', buffered: true });
        });
        const start = Date.now();
        await tab.goto(`${baseUrl}/p/${id}${path ? `/${path}` : ''}`);
        await tab.locator('main h1').first().waitFor({ timeout: 20_000 });
        await tab.waitForFunction(
          () => !document.querySelector('[aria-busy="true"], .mantine-Skeleton-root'),
          null,
          {
            timeout: 20_000,
          },
        );
        const ms = Date.now() - start;
        runs.push({ ms, longTaskMs: await tab.evaluate(() => (window as unknown as Timed).longTaskMs ?? 0) });
        await tab.close();
      }
      runs.sort((a, b) => a.ms - b.ms);
      const median = runs[Math.floor(runs.length / 2)]!;
      const label = (path || '(programme home)').replace(/transition\/[0-9a-f-]{36}/, 'transition/<plan>');
      console.log(
        `  ${label.padEnd(20)} ${String(median.ms).padStart(5)} ms  (long tasks ${Math.round(median.longTaskMs)} ms)  runs ${runs.map((r) => r.ms).join(', ')}`,
      );
    }
    await context.close();
  });
});
