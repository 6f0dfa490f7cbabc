import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiQuery, DEMO, demoProgrammeId, launch, signIn } from './browser';

/*
 * What opening the register costs a browser: the JavaScript it downloads (compressed, as sent) and the time
 * until the table shows. Printed for the closing note; the bounds are the issue's targets with room for a busy
 * machine.
 */
const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Milliseconds from asking for the register until its first row is on screen. */
async function openRegister(page: Page, programmeId: string): Promise<number> {
  const start = Date.now();
  await page.goto(`${baseUrl}/p/${programmeId}/risks`);
  await page
    .getByText(/^R-0\d\d$/)
    .first()
    .waitFor({ timeout: 15_000 });
  return Date.now() - start;
}

/** The demo's transition lead, signed in at a laptop's size, and the demo programme. */
async function signedInLead() {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await signIn(page, baseUrl, DEMO.lead);
  return { context, page, programmeId: await demoProgrammeId(page, baseUrl) };
}

describe('the register route', () => {
  it('loads a bounded amount of compressed JavaScript and shows the table quickly', async () => {
    const { context, programmeId } = await signedInLead();

    // A new browser profile (empty cache) with the same session: every script counts.
    const cold = await browser.newContext({
      viewport: { width: 1366, height: 900 },
      storageState: await context.storageState(),
    });
    const fresh = await cold.newPage();
    const scripts: Array<Promise<{ body: number; headers: number }>> = [];
    const t0 = Date.now();
    fresh.on('requestfinished', (request) => {
      if (process.env.PERF_DETAIL) {
        const tm = request.timing();
        console.log(
          `T ${Math.round(tm.startTime - t0)} +${Math.round(tm.responseEnd)} ${request.resourceType()} ${request.url().split('/').slice(-1)[0].slice(0, 60)}`,
        );
      }
      if (request.resourceType() === 'script')
        scripts.push(
          request.sizes().then((s) => {
            if (process.env.PERF_DETAIL)
              console.log(`${s.responseBodySize}\t${request.url().split('/').pop()}`);
            return { body: s.responseBodySize, headers: s.responseHeadersSize };
          }),
        );
    });
    const visibleMs = await openRegister(fresh, programmeId);
    await fresh.waitForLoadState('networkidle');
    const sizes = await Promise.all(scripts);
    const body = sizes.reduce((a, b) => a + b.body, 0);
    const headers = sizes.reduce((a, b) => a + b.headers, 0);
    console.log(
      `register route: ${(body / 1024).toFixed(0)} kB of JavaScript as sent (brotli; ${scripts.length} files, plus ${(headers / 1024).toFixed(0)} kB of response headers); table visible after ${visibleMs} ms`,
    );
    // The issue's target is 200 kB; most of what is sent is the framework (React DOM, Mantine, React Router,
    // TanStack Query, tRPC). This bound catches a page pulling in what it does not need (the quick editors' code comes on
    // first use: 215 kB, was 225 kB); bring it down as the framework is split.
    expect(body).toBeLessThan(225 * 1024);
    expect(visibleMs).toBeLessThan(5_000);

    // A returning person: the same browser again, its cache holding the (immutable) code.
    const againMs = await openRegister(await cold.newPage(), programmeId);
    console.log(`register route, second visit (code cached): table visible after ${againMs} ms`);

    // One load is noisy on a shared machine: the median of five more of each, cold and cached.
    const coldRuns: number[] = [];
    const cachedRuns: number[] = [];
    for (let i = 0; i < 5; i++) {
      const profile = await browser.newContext({
        viewport: { width: 1366, height: 900 },
        storageState: await context.storageState(),
      });
      for (const runs of [coldRuns, cachedRuns]) {
        const tab = await profile.newPage();
        runs.push(await openRegister(tab, programmeId));
        await tab.close();
      }
      await profile.close();
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    console.log(
      `register route, median of 5: table visible after ${median(coldRuns)} ms cold (${coldRuns.join(', ')}), ${median(cachedRuns)} ms with the code cached (${cachedRuns.join(', ')})`,
    );
    expect(median(cachedRuns)).toBeLessThan(5_000);
    await cold.close();
    await context.close();
  });
});

describe('the plan route', () => {
  it('builds the rows the window shows first, then the whole plan', async () => {
    const { context, page, programmeId } = await signedInLead();
    const transfers = await apiQuery<Array<{ transfer: { id: string } }>>(
      page,
      baseUrl,
      'transition.transfers',
      {
        programmeId,
      },
    );
    // The demo's largest plan (the transfers come in readiness order, which moves with the date).
    const plans = await Promise.all(
      transfers.map(async ({ transfer }) => ({
        transferId: transfer.id,
        plan: await apiQuery<{ tasks: Array<{ workstream: string }> }>(page, baseUrl, 'transition.plan', {
          programmeId,
          transferId: transfer.id,
        }),
      })),
    );
    const { transferId, plan } = plans.sort((a, b) => b.plan.tasks.length - a.plan.tasks.length)[0]!;
    const headings = new Set(plan.tasks.map((t) => t.workstream)).size;
    expect(plan.tasks.length).toBeGreaterThan(40);

    // The rows in the table when its first row enters the page (a mutation observer runs after React's
    // layout effects, so this is what the first paint shows).
    await page.addInitScript(() => {
      const w = window as unknown as { firstPlanRows?: number };
      new MutationObserver((_, observer) => {
        const rows = document.querySelectorAll('[aria-label="Plan tasks"] tbody tr').length;
        if (rows > 0) {
          w.firstPlanRows = rows;
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    const start = Date.now();
    await page.goto(`${baseUrl}/p/${programmeId}/transition/${transferId}`);
    const rows = page.locator('[aria-label="Plan tasks"] tbody tr');
    await rows.nth(1).waitFor();
    const visibleMs = Date.now() - start;
    const first = await page.evaluate(() => (window as unknown as { firstPlanRows?: number }).firstPlanRows);
    console.log(
      `plan route: first task visible after ${visibleMs} ms, ${first} of ${plan.tasks.length + headings} rows built first`,
    );
    // 900 px shows about ten rows below the plan's header: far fewer than the forty a fixed cut built.
    expect(first).toBeGreaterThan(3);
    expect(first).toBeLessThan(25);
    await expect.poll(() => rows.count()).toBe(plan.tasks.length + headings);
    await context.close();
  });
});

describe('opening a page', () => {
  it('asks for its main data in the first request, beside the session check, and never twice', async () => {
    const { context, page, programmeId } = await signedInLead();
    const transfers = await apiQuery<Array<{ transfer: { id: string } }>>(
      page,
      baseUrl,
      'transition.transfers',
      {
        programmeId,
      },
    );
    const pages: Array<[string, string[]]> = [
      ['', ['risk.list', 'risk.whatChanged', 'risk.matrix', 'stage.timeline']],
      ['risks', ['risk.list', 'risk.heatMap']],
      ['risks/changes', ['risk.whatChanged', 'risk.matrix']],
      ['risks/changes?from=2026-09-01&to=2026-10-01', ['risk.whatChanged']],
      ['meetings', ['meeting.list']],
      ['steering', ['steering.pack']],
      ['steering?asAt=2026-10-01', ['steering.pack']],
      ['progress', ['progress.joint', 'transition.readinessRules']],
      [`transition/${transfers[0]!.transfer.id}`, ['transition.plan', 'transition.transfers']],
      ['my-tasks?scope=organisation', ['transition.myTasks', 'transition.transfers']],
      ['workspace?weeks=4', ['workspace.lead']],
    ];
    for (const [path, procedures] of pages) {
      const tab = await context.newPage();
      const asked: string[] = [];
      tab.on('request', (r) => {
        const url = new URL(r.url());
        if (url.pathname.startsWith('/trpc/')) asked.push(`${url.pathname.slice(6)}?${url.search}`);
      });
      await tab.goto(`${baseUrl}/p/${programmeId}${path ? `/${path}` : ''}`);
      await tab.locator('main h1').first().waitFor();
      await tab.waitForLoadState('networkidle');
      expect(asked[0], path).toContain('auth.me');
      for (const procedure of procedures) {
        // The first request names it (the prefetch at start-up), and no later one does (the page found the
        // answer under its own key).
        expect(asked[0]!.split('?')[0]!.split(','), `${path}: ${asked.join(' | ')}`).toContain(procedure);
        expect(
          asked.filter((a) => a.split('?')[0]!.split(',').includes(procedure)),
          path,
        ).toHaveLength(1);
      }
      await tab.close();
    }
    await context.close();
  });
});

describe('a first visit whose page code is still arriving', () => {
  it('renders the page when its code is here, without a skeleton in between', async () => {
    const { context: signedIn, programmeId } = await signedInLead();

    // A new browser profile whose meetings page code arrives 300 ms late (a slow network), after the session check.
    const cold = await browser.newContext({
      viewport: { width: 1366, height: 900 },
      storageState: await signedIn.storageState(),
    });
    await cold.route('**/assets/MeetingsPage-*.js', async (route) => {
      await new Promise((r) => setTimeout(r, 300));
      await route.continue();
    });
    const tab = await cold.newPage();
    await tab.addInitScript(() => {
      const w = window as unknown as { skeletonShown?: boolean };
      new MutationObserver(() => {
        if (document.querySelector('[aria-busy="true"][aria-label="Loading"]')) w.skeletonShown = true;
      }).observe(document, { childList: true, subtree: true });
    });
    await tab.goto(`${baseUrl}/p/${programmeId}/meetings`);
    await tab.getByRole('heading', { level: 1, name: /meetings/i }).waitFor();
    // Rendered before its code, the page would suspend behind its skeleton, which React keeps up to 300 ms more.
    expect(
      await tab.evaluate(() => (window as unknown as { skeletonShown?: boolean }).skeletonShown),
    ).toBeFalsy();
    await cold.close();
    await signedIn.close();
  });
});
