import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
 * The RAID log as a transition lead uses it: tabs counted as the API counts them, an issue refused with its
 * reason by the field and then raised, a RAID log file imported after its preview, and a risk that has
 * happened raised as a linked issue from the risk's page. Then the log on a phone.
 */
const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

interface Item {
  id: string;
  kind: string;
  number: number;
  title: string;
  status: string;
  risk: { id: string } | null;
}

describe('the RAID log', () => {
  it('a lead raises, imports and links issues; the counts are the API’s', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    await withFailureScreenshot(page, 'raid', async () => {
      await signIn(page, baseUrl, DEMO.lead);
      const programmes = await apiQuery<Array<{ id: string; code: string }>>(page, baseUrl, 'programme.list');
      const programmeId = programmes.find((p) => p.code === 'SVCMH')!.id;
      await page.goto(`${baseUrl}/p/${programmeId}/workspace`);
      await page.getByRole('link', { name: 'RAID log' }).click();
      await page.getByRole('heading', { level: 1, name: 'RAID log' }).waitFor();
      const open = await apiQuery<Item[]>(page, baseUrl, 'raid.list', { programmeId, state: 'open' });
      const decisions = await apiQuery<Item[]>(page, baseUrl, 'raid.list', { programmeId, kind: 'decision' });
      for (const [kind, label] of [
        ['issue', 'Issues'],
        ['assumption', 'Assumptions'],
        ['decision', 'Decisions'],
        ['action', 'Meeting actions'],
      ] as const)
        await page
          .getByRole('tab', {
            // Open items per log; the decision log always shows every decision.
            name: `${label} (${kind === 'decision' ? decisions.length : open.filter((i) => i.kind === kind).length})`,
          })
          .waitFor();
      await expectAccessible(page, 'RAID log');
      await screenshot(page, 'raid-log');

      // A due date before the raised date is refused by the field; nothing is written.
      await page.getByRole('button', { name: 'New issue' }).click();
      const drawer = page.getByRole('dialog', { name: 'New issue' });
      await drawer.getByLabel('Title').fill('Pharmacy stock transfer not agreed');
      const date = async (label: string, value: string) => {
        const input = drawer.getByRole('textbox', { name: label, exact: true });
        await input.fill(value);
        await input.press('Tab');
      };
      await date('Raised on', '20/11/2026');
      await date('Target resolution date', '01/11/2026');
      await drawer.getByRole('button', { name: 'Raise issue' }).click();
      await drawer.getByText('The due date cannot be before the date raised').waitFor();
      expect(
        (await apiQuery<Item[]>(page, baseUrl, 'raid.list', { programmeId, kind: 'issue' })).length,
      ).toBe(
        open.filter((i) => i.kind === 'issue').length +
          (
            await apiQuery<Item[]>(page, baseUrl, 'raid.list', { programmeId, kind: 'issue', state: 'all' })
          ).filter((i) => i.status !== 'open' && i.status !== 'in_progress').length,
      );
      await date('Target resolution date', '15/12/2026');
      await drawer.getByRole('button', { name: 'Raise issue' }).click();
      await drawer.waitFor({ state: 'hidden' });
      const issues = await apiQuery<Item[]>(page, baseUrl, 'raid.list', { programmeId, kind: 'issue' });
      const made = issues.find((i) => i.title === 'Pharmacy stock transfer not agreed')!;
      const ref = `ISS-${String(made.number).padStart(3, '0')}`;
      await page.getByTestId('raid-table-issue').getByRole('row').filter({ hasText: ref }).waitFor();

      // A RAID log kept as one sheet with a Type column: previewed, then imported.
      const dir = mkdtempSync(join(tmpdir(), 'baton-raid-'));
      const file = join(dir, 'raid-log.csv');
      writeFileSync(
        file,
        [
          'RAID ID,Type,Description,Owner,Status,Date Raised,Target Date',
          'A7,Assumption,Unison agree the consultation timetable,Tom Okafor,Open,01/11/2026,15/12/2026',
          'R9,Risk,Staff may not transfer,,Open,01/11/2026,',
          'AC3,Action,Share the estates survey with the incoming provider,Tom Okafor,Open,26/11/2026,10/12/2026',
        ].join('\n'),
      );
      const before = (await apiQuery<Item[]>(page, baseUrl, 'raid.list', { programmeId, state: 'all' }))
        .length;
      await page.getByRole('button', { name: 'Import' }).click();
      const modal = page.getByRole('dialog', { name: 'Import a RAID log' });
      await modal.locator('input[type="file"]').setInputFiles(file);
      await modal
        .getByTestId('raid-import-counts')
        .getByText('2 new, 0 to update, 1 skipped, 0 needing correction.')
        .waitFor();
      // The "raised" toast fades out over the page: let it go before measuring contrast.
      await page
        .locator('.mantine-Notification-root')
        .first()
        .waitFor({ state: 'detached', timeout: 15_000 });
      await expectAccessible(page, 'RAID import preview');
      await screenshot(page, 'raid-import');
      await modal.getByRole('button', { name: 'Import 2 items' }).click();
      await modal.waitFor({ state: 'hidden' });
      expect((await apiQuery<Item[]>(page, baseUrl, 'raid.list', { programmeId, state: 'all' })).length).toBe(
        before + 2,
      );

      // A risk that has happened: raised as a linked issue from its page.
      const risks = await apiQuery<{
        items: Array<{ id: string; status: string; owningOrganisation: { id: string } }>;
      }>(page, baseUrl, 'risk.list', { programmeId, filter: { statuses: ['open'] } });
      const linkedAlready = new Set(issues.map((i) => i.risk?.id).filter(Boolean));
      const risk = risks.items.find((r) => !linkedAlready.has(r.id))!;
      await page.goto(`${baseUrl}/p/${programmeId}/risks/${risk.id}`);
      await page.getByRole('button', { name: 'Raise as an issue' }).click();
      await page.getByTestId('linked-issue').waitFor();
      const after = await apiQuery<{ risk: { status: string } }>(page, baseUrl, 'risk.get', {
        programmeId,
        riskId: risk.id,
      });
      expect(after.risk.status).toBe('materialised');
      const raised = (
        await apiQuery<Item[]>(page, baseUrl, 'raid.list', { programmeId, kind: 'issue' })
      ).find((i) => i.risk?.id === risk.id);
      expect(raised?.status).toBe('open');
      await page.getByTestId('linked-issue').click();
      await page.getByRole('dialog').getByLabel('Title').waitFor();
      expect(await page.getByRole('dialog').getByLabel('Title').inputValue()).toBe(raised!.title);
      // Its history, from the audit trail, as a risk's reads.
      await page.getByTestId('raid-history').getByText('materialised: raised as an issue').waitFor();
    });
    await context.close();
  });

  it('reads on a phone without scrolling sideways', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await context.newPage();
    await withFailureScreenshot(page, 'raid-phone', async () => {
      await signIn(page, baseUrl, DEMO.lead);
      const programmes = await apiQuery<Array<{ id: string; code: string }>>(page, baseUrl, 'programme.list');
      const programmeId = programmes.find((p) => p.code === 'SVCMH')!.id;
      await page.goto(`${baseUrl}/p/${programmeId}/raid?kind=action`);
      await page.getByRole('heading', { level: 1, name: 'RAID log' }).waitFor();
      const actions = await apiQuery<Item[]>(page, baseUrl, 'raid.list', {
        programmeId,
        kind: 'action',
        state: 'open',
      });
      const cards = page.getByRole('list', { name: 'Items' }).getByRole('listitem');
      await expect.poll(() => cards.count()).toBe(actions.length);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await expectAccessible(page, 'RAID log on a phone');
      await screenshot(page, 'raid-phone');
    });
    await context.close();
  });
});
