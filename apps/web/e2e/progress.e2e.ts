import type { Browser, BrowserContext, Page } from 'playwright-core';
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

const baseUrl = inject('baseUrl');
let browser: Browser;
let context: BrowserContext;
let page: Page;
let programmeId = '';

const api = <T>(path: string, input?: unknown) => apiQuery<T>(page, baseUrl, path, input);

interface Cell {
  percent: number;
  done: number;
  total: number;
}
interface Joint {
  programme: { daysToGoLive: number; latestForecastGoLive: string | null };
  transfersByRag: { red: number; amber: number; green: number };
  organisations: Array<{ id: string; shortName: string }>;
  matrix: {
    workstreams: Array<{ key: string; label: string }>;
    organisationIds: string[];
    cells: Record<string, Record<string, Cell>>;
    byWorkstream: Record<string, Cell>;
    byOrganisation: Record<string, Cell>;
    overall: Cell;
  };
  readiness: Array<{
    transferId: string;
    name: string;
    rag: 'red' | 'amber' | 'green';
    percentComplete: number;
  }>;
  milestones: Array<{ transferId: string }>;
  redItems: { items: Array<{ title: string }>; total: number };
}

const RAG_TEXT = { red: 'Red', amber: 'Amber', green: 'Green' } as const;

beforeAll(async () => {
  browser = await launch();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  await signIn(page, baseUrl, DEMO.ceo);
  const programmes = await api<Array<{ id: string; code: string }>>('programme.list');
  programmeId = programmes.find((p) => p.code === 'SVCMH')!.id;
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

describe('joint progress: the provider CEO’s view', () => {
  it('shows the API’s numbers: overall, RAG counts, matrix cells and red items', async () => {
    await withFailureScreenshot(page, 'progress', async () => {
      await page.goto(`${baseUrl}/p/${programmeId}`);
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Joint progress' })
        .click();
      await page.waitForURL(`**/p/${programmeId}/progress`);
      await page.getByRole('heading', { level: 1, name: 'Joint progress' }).waitFor();
      expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
      const data = await api<Joint>('progress.joint', { programmeId });
      const m = data.matrix;

      // Headline.
      await page
        .getByTestId('tile-complete-value')
        .getByText(`${m.overall.percent}%`, { exact: true })
        .waitFor();
      await page
        .getByTestId('tile-complete')
        .getByText(`${m.overall.done} of ${m.overall.total} tasks done`)
        .waitFor();
      const rag = page.getByTestId('rag-counts');
      for (const r of ['red', 'amber', 'green'] as const)
        expect(await rag.locator(`[data-rag="${r}"]`).textContent()).toBe(
          `${data.transfersByRag[r]} ${RAG_TEXT[r]}`,
        );

      // The matrix: every workstream row, every organisation column, and several cells checked against the API.
      const matrix = page.getByTestId('progress-matrix');
      await matrix.waitFor();
      expect(await matrix.locator('tbody tr').count()).toBe(m.workstreams.length);
      expect(await matrix.locator('thead th').count()).toBe(m.organisationIds.length + 2);
      let checked = 0;
      let empty = 0;
      for (const ws of m.workstreams) {
        for (const org of m.organisationIds) {
          const cell = matrix.getByTestId(`cell-${ws.key}-${org}`);
          const want = m.cells[ws.key]?.[org];
          const text = (await cell.textContent()) ?? '';
          if (want) {
            expect(text).toContain(`${want.percent}%`);
            expect(text).toContain(`${want.done}/${want.total} done`);
            expect(text).toContain(`${want.done} of ${want.total} task`);
            checked++;
          } else {
            expect(text).toContain('—');
            expect(text).toContain('No tasks');
            empty++;
          }
        }
        expect(await matrix.getByTestId(`cell-${ws.key}-all`).textContent()).toContain(
          `${m.byWorkstream[ws.key]!.percent}%`,
        );
      }
      for (const org of m.organisationIds)
        expect(await matrix.getByTestId(`cell-all-${org}`).textContent()).toContain(
          `${m.byOrganisation[org]!.percent}%`,
        );
      expect(await matrix.getByTestId('cell-all-all').textContent()).toContain(`${m.overall.percent}%`);
      expect(checked).toBeGreaterThan(5);
      expect(empty).toBeGreaterThan(0);

      // Red items: the handful shown, and how many more there are.
      const red = page.getByRole('region', { name: /^Red items/ });
      if (data.redItems.total > 0) {
        await red.getByRole('heading', { name: `Red items (${data.redItems.total})` }).waitFor();
        expect(await page.getByTestId('red-items').locator('li').count()).toBe(data.redItems.items.length);
        const more = data.redItems.total - data.redItems.items.length;
        if (more > 0)
          await page
            .getByTestId('red-items-more')
            .getByText(new RegExp(`^${more} more red items?`))
            .waitFor();
      }

      // Readiness per transfer: the word, not just the colour, and the percent.
      const readiness = page.getByTestId('readiness');
      expect(await readiness.locator('li[data-transfer-id]').count()).toBe(data.readiness.length);
      for (const r of data.readiness) {
        const row = readiness.locator(`li[data-transfer-id="${r.transferId}"]`);
        // The RAG word (delivery confidence badges may use the same colour words).
        await row.getByText(RAG_TEXT[r.rag], { exact: true }).first().waitFor();
        await row.getByText(`${r.percentComplete}%`, { exact: true }).waitFor();
      }
      const grid = page.getByTestId('milestone-grid');
      expect(await grid.locator('thead th').count()).toBe(data.milestones.length + 1);

      await expectAccessible(page, 'joint progress');
      await screenshot(page, 'progress');
    });
  });

  it('is read-only for the chief executive: no edit controls', async () => {
    await withFailureScreenshot(page, 'progress-read-only', async () => {
      const main = page.locator('main');
      const buttons = await main.getByRole('button').allTextContents();
      expect(buttons.map((b) => b.trim())).toEqual(['Print']);
      expect(await main.locator('input, select, textarea, [contenteditable="true"]').count()).toBe(0);
    });
  });

  it('prints reasonably, and fits a smaller laptop', async () => {
    await withFailureScreenshot(page, 'progress-print', async () => {
      await page.emulateMedia({ media: 'print' });
      await expect.poll(() => page.locator('header').isVisible()).toBe(false);
      await screenshot(page, 'progress-print');
      await page.emulateMedia({ media: 'screen' });
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.getByTestId('progress-matrix').waitFor();
      await screenshot(page, 'progress-laptop');
      await page.setViewportSize({ width: 1440, height: 900 });
    });
  });
});
