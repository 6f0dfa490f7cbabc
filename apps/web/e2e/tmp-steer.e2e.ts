import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import { apiQuery, DEMO, launch, signIn } from './browser';
import { writeFileSync } from 'node:fs';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

describe('steer', () => {
  it('timeline', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await signIn(page, baseUrl, DEMO.lead);
    const programmes = await apiQuery<Array<{ id: string; code: string }>>(page, baseUrl, 'programme.list');
    const id = programmes.find((p) => p.code === 'SVCMH')!.id;
    const path = process.env.SWEEP_PATH ?? '/steering';
    for (let i = 0; i < 2; i++) {
      const tab = await context.newPage();
      const t0 = Date.now();
      tab.on('requestfinished', (r) => {
        if (r.resourceType() === 'fetch' || r.resourceType() === 'script') {
          const tm = r.timing();
          console.log(`REQ ${Math.round(tm.startTime - t0)} +${Math.round(tm.responseEnd)} ${r.resourceType()} ${decodeURIComponent(r.url().split('/').pop()!).slice(0, 90)}`);
        }
      });
      await tab.addInitScript(() => {
        const w = window as any;
        w.__marks = [];
        new PerformanceObserver((l) => { for (const e of l.getEntries()) w.__marks.push(`long ${Math.round(e.startTime)} +${Math.round(e.duration)}`); }).observe({ type: 'longtask', buffered: true });
      });
      const cdp = i === 1 ? await context.newCDPSession(tab) : null;
      if (cdp) { await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 200 }); await cdp.send('Profiler.start'); }
      await tab.goto(`${baseUrl}/p/${id}${path}`);
      await tab.locator('main h1').first().waitFor({ timeout: 20000 });
      const h1 = Date.now() - t0;
      await tab.waitForFunction(() => !document.querySelector('[aria-busy="true"], .mantine-Skeleton-root'), null, { timeout: 20000 });
      const settled = Date.now() - t0;
      if (cdp) { const { profile } = await cdp.send('Profiler.stop'); writeFileSync('/tmp/steer.cpuprofile', JSON.stringify(profile)); }
      console.log(`RUN ${i} h1 ${h1} settled ${settled}`, await tab.evaluate(() => (window as any).__marks.join(' | ')));
      await tab.close();
    }
  });
});
