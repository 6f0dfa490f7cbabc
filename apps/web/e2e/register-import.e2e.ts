import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
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
 * A programme office's first hour: importing the register it already keeps, laid out as NHS registers are
 * (a title block, "Risk ID", "CxL=S" scores, job-title owners, dd/mm/yyyy dates, a duplicate ID, an impossible
 * score), without fixing the column matches by hand.
 */
const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function registerFile(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Corporate Risk Register');
  ws.addRow(['Severn Vale ICB: Transition Risk Register']);
  ws.addRow(['Owner: Programme Office']);
  ws.addRow([]);
  ws.addRow([
    'Risk ID',
    'Description',
    'Category',
    'Risk Owner',
    'Existing Controls',
    'Current Risk (CxL=S)',
    'Further Actions Required',
    'Date Raised',
    'Review Date',
    'Status',
  ]);
  ws.addRow([
    'TRR-101',
    'Interpreting contract novation refused by the supplier.',
    'Contractual',
    'Head of Contracts',
    'Legal review',
    '4x3=12',
    'Meet supplier\nDraft novation',
    '03/09/2026',
    '01/02/2027',
    'Open',
  ]);
  ws.addRow([
    'TRR-102',
    'Bank staff not available for the first month.',
    'Workforce',
    'Director of HR',
    'Bank recruitment drive',
    '5x3=15',
    '',
    '14/09/2026',
    '',
    'Open',
  ]);
  ws.addRow([
    'TRR-102',
    'Duplicate of the bank staff risk.',
    'Workforce',
    'Director of HR',
    '',
    '3x3=9',
    '',
    '14/09/2026',
    '',
    'Open',
  ]);
  ws.addRow([
    'TRR-104',
    'Estates survey incomplete.',
    'Estates',
    '',
    'Survey booked',
    '4x6=24',
    '',
    '21/09/2026',
    '',
    'Open',
  ]);
  ws.addRow([
    'TRR-105',
    'Clinical records access not ready at go-live.',
    'Information governance',
    'Caldicott Guardian',
    'IG working group',
    '3x2=6',
    '',
    '30/09/2026',
    '',
    'Open',
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('importing a register kept the NHS way', () => {
  it('maps the columns itself, flags exactly the bad rows, leaves them out and imports the rest', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page: Page = await context.newPage();
    await withFailureScreenshot(page, 'register-import', async () => {
      await signIn(page, baseUrl, DEMO.admin);
      const programmes = await apiQuery<Array<{ id: string; code: string }>>(page, baseUrl, 'programme.list');
      const programmeId = programmes.find((p) => p.code === 'SVCMH')!.id;
      await page.goto(`${baseUrl}/p/${programmeId}/risks`);
      await page.getByRole('button', { name: 'Import' }).click();
      const dialog = page.getByRole('dialog', { name: 'Import risks from a spreadsheet' });
      await dialog.locator('input[type=file]').setInputFiles({
        name: 'transition-register.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: await registerFile(),
      });
      await dialog.getByRole('button', { name: 'Read file' }).click();
      await expect.poll(() => dialog.getByText('headings on row 4').count()).toBe(1);
      // The guesses need no help: the score, owner and dates are matched from the headings.
      await expect.poll(() => dialog.getByLabel(/^Current score/).inputValue()).toBe('Current Risk (CxL=S)');
      await expect
        .poll(() => dialog.getByLabel('Date raised', { exact: true }).inputValue())
        .toBe('Date Raised');
      await screenshot(page, 'register-import-columns');
      await expectAccessible(page, 'register import: columns');

      await dialog.getByRole('button', { name: 'Check rows' }).click();
      await expect.poll(() => dialog.getByText('2 rows have errors').count()).toBe(1);
      const rows = dialog.locator('[aria-label="Rows checked"]');
      await expect.poll(() => rows.getByText(/TRR-102 is also on row 6/).count()).toBe(1);
      await expect.poll(() => rows.getByText(/4x6=24/).count()).toBeGreaterThan(0);
      // Only the rows with errors are shown at first; the rest carry warnings, not refusals.
      await dialog.locator('label', { hasText: /^All rows$/ }).click();
      await expect
        .poll(() => rows.getByText(/Director of HR is not a Baton user/).count())
        .toBeGreaterThan(0);
      await screenshot(page, 'register-import-check');
      await expectAccessible(page, 'register import: check');

      await dialog.getByRole('button', { name: 'Leave out the 2 rows with errors' }).click();
      await expect.poll(() => dialog.getByText('2 left out').count()).toBe(1);
      await dialog.getByRole('button', { name: 'Import 3 rows' }).click();
      await expect
        .poll(() => dialog.getByRole('status').filter({ hasText: 'Import complete' }).count())
        .toBe(1);
      await expect.poll(() => dialog.getByText(/3 new, 0 updated, 0 unchanged, 2 left out/).count()).toBe(1);
      await screenshot(page, 'register-import-done');
    });
    await context.close();
  });
});
