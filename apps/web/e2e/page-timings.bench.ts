import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import { apiQuery, DEMO, demoProgrammeId, launch, signIn } from './browser';

/*
 * `pnpm bench:pages`: for each page of the demo programme in headless Chromium, from navigation (the page's own
 * clock): when its heading entered the page, when it settled (its last change to the page before 300 ms without
 * any, with no skeleton left: charts drawn, rows built) and the main thread's long tasks (over 50 ms) until then.
 * Each page opens in a new tab of one signed-in browser (its code cached after the first visit),
 * BENCH_PAGE_RUNS times (default 5); medians are printed. BENCH_PAGES=risks,steering picks pages.
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
  longTaskMs: number;
  headingAt?: number;
  lastChangeAt: number;
}

const QUIET_MS = 300;

describe('page timings', () => {
  it('prints each page’s settled time', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await signIn(page, baseUrl, DEMO.lead);
    const id = await demoProgrammeId(page, baseUrl);
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
    console.log(`Page timings, demo programme, medians of ${RUNS} (from navigation, the page's clock)`);
    for (const path of paths) {
      const runs: Timed[] = [];
      for (let i = 0; i < RUNS; i++) {
        const tab = await context.newPage();
        await tab.addInitScript(() => {
          const w = window as unknown as { timed: Timed };
          w.timed = { longTaskMs: 0, lastChangeAt: 0 };
          new PerformanceObserver((list) => {
            for (const e of list.getEntries()) w.timed.longTaskMs += e.duration;
          }).observe({ type: 'longtask', buffered: true });
          new MutationObserver(() => {
            w.timed.lastChangeAt = performance.now();
            if (w.timed.headingAt === undefined && document.querySelector('main h1'))
              w.timed.headingAt = performance.now();
          }).observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
        });
        await tab.goto(`${baseUrl}/p/${id}${path ? `/${path}` : ''}`);
        await tab.locator('main h1').first().waitFor({ timeout: 20_000 });
        await tab.waitForFunction(
          (quietMs) =>
            !document.querySelector('[aria-busy="true"], .mantine-Skeleton-root') &&
            performance.now() - (window as unknown as { timed: Timed }).timed.lastChangeAt > quietMs,
          QUIET_MS,
          { timeout: 20_000, polling: 50 },
        );
        runs.push(await tab.evaluate(() => (window as unknown as { timed: Timed }).timed));
        await tab.close();
      }
      const median = (xs: number[]) => Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!);
      const label = (path || '(programme home)').replace(/transition\/[0-9a-f-]{36}/, 'transition/<plan>');
      console.log(
        `  ${label.padEnd(20)} heading ${String(median(runs.map((r) => r.headingAt ?? NaN))).padStart(5)} ms  settled ${String(median(runs.map((r) => r.lastChangeAt))).padStart(5)} ms  long tasks ${String(median(runs.map((r) => r.longTaskMs))).padStart(4)} ms`,
      );
    }
    await context.close();
  });
});
