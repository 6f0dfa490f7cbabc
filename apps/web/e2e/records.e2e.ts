import type { Browser, Page } from 'playwright-core';
import { unzipSync } from 'fflate';
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

/* The programme's records, as its admin meets them: the archive download, closing and reopening. */

const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launch();
  page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
  await signIn(page, baseUrl, DEMO.admin);
});
afterAll(async () => {
  await browser?.close();
});

describe('records and retention', () => {
  it('downloads the programme archive, closes the programme read-only, and reopens it', async () => {
    await withFailureScreenshot(page, 'records', async () => {
      const programmes = await apiQuery<Array<{ id: string; code: string; name: string }>>(
        page,
        baseUrl,
        'programme.list',
      );
      // The tender: the other suites work on the main programme.
      const tender = programmes.find((p) => p.code !== 'SVCMH')!;
      await page.goto(`${baseUrl}/p/${tender.id}`);
      const records = page.getByRole('region', { name: 'Records and retention' });
      await records.waitFor();
      await records.scrollIntoViewIfNeeded();
      await screenshot(page, 'records-section');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        records.getByRole('link', { name: /Download the programme archive/ }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(
        new RegExp(`^${tender.code}-archive-\\d{4}-\\d{2}-\\d{2}\\.zip$`),
      );
      const path = await download.path();
      const { readFileSync } = await import('node:fs');
      const names = Object.keys(unzipSync(new Uint8Array(readFileSync(path))));
      expect(names.some((n) => n.endsWith('/README.txt'))).toBe(true);
      expect(names.some((n) => n.endsWith('/manifest.json'))).toBe(true);

      await records.getByRole('button', { name: 'Close the programme…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Close the programme' });
      await dialog.getByLabel('Why it is closing (optional)').fill('Procurement abandoned; records kept');
      await expectAccessible(page, 'close the programme dialog');
      await dialog.getByRole('button', { name: 'Close the programme' }).click();
      const banner = page.getByRole('alert').filter({ hasText: 'This programme is closed' });
      await banner.waitFor();
      await expect.poll(() => banner.textContent()).toMatch(/read-only and kept until/);
      await screenshot(page, 'programme-closed');
      // Editing is no longer offered.
      expect(await page.getByRole('button', { name: 'Edit programme' }).count()).toBe(0);

      await records.getByRole('button', { name: 'Reopen' }).click();
      await page
        .getByRole('dialog', { name: 'Reopen the programme' })
        .getByRole('button', { name: 'Reopen' })
        .click();
      await banner.waitFor({ state: 'detached' });
      await page.getByRole('button', { name: 'Edit programme' }).waitFor();
    });
  });
});
