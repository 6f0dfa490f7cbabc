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
 * The programme timeline on the overview: every stage with where it stands, the slipping ones called out (the
 * API's summary), and an admin moving a stage's forecast, which the screen then counts as a slip.
 */
const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

interface Timeline {
  stages: Array<{
    id: string;
    key: string | null;
    label: string;
    state: { status: string; slipDays: number };
  }>;
  summary: { slipping: Array<{ label: string; slipDays: number }> };
}

describe('the programme timeline', () => {
  it('shows each stage as the API counts it, and an admin records a forecast slip', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    await withFailureScreenshot(page, 'timeline', async () => {
      await signIn(page, baseUrl, DEMO.admin);
      const programmeId = (
        await apiQuery<Array<{ id: string; code: string }>>(page, baseUrl, 'programme.list')
      ).find((p) => p.code === 'SVSLT')!.id;
      await page.goto(`${baseUrl}/p/${programmeId}`);
      const section = page.getByRole('region', { name: 'Programme timeline' });
      await section.getByTestId('programme-timeline').waitFor();
      const t = await apiQuery<Timeline>(page, baseUrl, 'stage.timeline', { programmeId });
      await expect
        .poll(() => section.getByTestId('programme-timeline').locator('tbody tr').count())
        .toBe(t.stages.length);
      for (const x of t.summary.slipping) await section.getByText(`${x.label}: ${x.slipDays} days`).waitFor();
      expect(t.summary.slipping.length).toBeGreaterThan(0);
      await expectAccessible(page, 'programme timeline');
      await section.screenshot({ path: `${process.cwd()}/test-results/screenshots/timeline.png` });

      // The evaluation is forecast to end three weeks late: the screen says so and calls it out.
      const evaluation = t.stages.find((s) => s.key === 'evaluation')!;
      await section.getByRole('button', { name: `Update ${evaluation.label}` }).click();
      const drawer = page.getByRole('dialog', { name: evaluation.label });
      const forecast = drawer.getByRole('textbox', { name: 'Forecast end' });
      await forecast.fill('01/02/2027');
      await forecast.press('Tab');
      await drawer.getByRole('button', { name: 'Save' }).click();
      await drawer.waitFor({ state: 'hidden' });
      const after = await apiQuery<Timeline>(page, baseUrl, 'stage.timeline', { programmeId });
      const moved = after.stages.find((s) => s.id === evaluation.id)!;
      expect(moved.state.status).toBe('slipping');
      await section.getByText(`${moved.label}: ${moved.state.slipDays} days`).waitFor();
      await screenshot(page, 'timeline-overview');

      // A slipping stage is a risk signal: raised on the register from the stage, then linked.
      await section.getByRole('button', { name: `Update ${evaluation.label}` }).click();
      const again = page.getByRole('dialog', { name: evaluation.label });
      await again.getByRole('button', { name: 'Raise a risk on the register' }).click();
      await again.waitFor({ state: 'hidden' });
      const linked = (
        await apiQuery<Timeline & { stages: Array<{ riskId: string | null }> }>(
          page,
          baseUrl,
          'stage.timeline',
          { programmeId },
        )
      ).stages.find((s) => s.id === evaluation.id)!;
      expect(linked.riskId).not.toBeNull();
      await section.getByRole('button', { name: `Update ${evaluation.label}` }).click();
      await page
        .getByRole('dialog', { name: evaluation.label })
        .getByRole('link', { name: 'open it on the register' })
        .click();
      await page
        .getByRole('heading', { level: 1, name: `Programme timeline slipping: ${evaluation.label}` })
        .waitFor();

      // A bidder reads the same stages, without the update buttons.
      const bidder = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage();
      await signIn(bidder, baseUrl, DEMO.bidder);
      await bidder.goto(`${baseUrl}/p/${programmeId}`);
      const theirs = bidder.getByRole('region', { name: 'Programme timeline' });
      await theirs.getByTestId('programme-timeline').waitFor();
      expect(await theirs.getByRole('button', { name: /^Update / }).count()).toBe(0);
      await bidder.context().close();
    });
    await context.close();
  });
});
