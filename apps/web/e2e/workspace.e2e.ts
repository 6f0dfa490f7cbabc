import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  apiMutate,
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

const mutate = (path: string, input: unknown) => apiMutate(page, baseUrl, path, input);

interface WsTask {
  id: string;
  version: number;
  title: string;
  transferName: string;
  status: string;
  percentComplete: number;
  critical: boolean;
  canEdit: boolean;
}
type Key = 'overdue' | 'dueSoon' | 'blocked' | 'critical' | 'statutory' | 'awaiting';
interface Workspace {
  counts: Record<Key, number>;
  overdue: WsTask[];
  dueSoon: WsTask[];
  critical: WsTask[];
  blocked: WsTask[];
  statutory: unknown[];
  awaiting: unknown[];
}
/** How the screen names a task: titles repeat across transfers, so the transfer is part of the name. */
const named = (t: WsTask) => `${t.title} (${t.transferName})`;
const KEYS: Key[] = ['overdue', 'dueSoon', 'blocked', 'critical', 'statutory', 'awaiting'];

const lead = (scope: 'mine' | 'organisation', horizonDays = 14) =>
  api<Workspace>('workspace.lead', { programmeId, scope, horizonDays });

/** Every tile shows the API's count (polled: the screen may still be fetching). */
async function expectTiles(ws: Workspace) {
  for (const k of KEYS) {
    await expect
      .poll(() => page.getByTestId(`tile-${k}-count`).textContent(), { timeout: 10_000 })
      .toBe(String(ws.counts[k]));
  }
}

beforeAll(async () => {
  browser = await launch();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  await signIn(page, baseUrl, DEMO.lead);
  const programmes = await api<Array<{ id: string; code: string }>>('programme.list');
  programmeId = programmes.find((p) => p.code === 'SVCMH')!.id;
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

describe('workspace: the transition lead’s day', () => {
  it('shows the API’s counts for my tasks and my organisation’s, and the sections behind them', async () => {
    await withFailureScreenshot(page, 'workspace-counts', async () => {
      await page.goto(`${baseUrl}/p/${programmeId}`);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Workspace' }).click();
      await page.waitForURL(`**/p/${programmeId}/workspace`);
      await page.getByRole('heading', { level: 1, name: 'Workspace' }).waitFor();
      expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);

      const mine = await lead('mine');
      await expectTiles(mine);
      // Each task section lists exactly the API's tasks.
      for (const k of ['overdue', 'dueSoon', 'critical'] as const) {
        const section = page.getByTestId(`section-${k}`);
        await section.getByRole('heading', { name: new RegExp(`\\(${mine.counts[k]}\\)$`) }).waitFor();
        expect(await section.locator('tbody tr[data-task-id]').count()).toBe(mine[k].length);
      }
      if (mine.counts.overdue === 0) await page.getByText('Nothing overdue — well done.').waitFor();
      if (mine.counts.blocked === 0)
        await page
          .getByTestId('section-blocked')
          .getByText(/^Nothing blocked/)
          .waitFor();
      await expectAccessible(page, 'workspace (mine)');
      await screenshot(page, 'workspace-mine');

      // A tile jumps to its section, and focus goes with it.
      await page.getByTestId('tile-statutory').click();
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('ws-statutory');
      // The rule behind a statutory date opens in place.
      if (mine.counts.statutory > 0) {
        const first = page.getByTestId('section-statutory').locator('summary').first();
        await first.click();
        await page
          .getByTestId('section-statutory')
          .getByText(/TUPE|PSR|NHS|contract/i)
          .first()
          .waitFor();
      }

      // My organisation: the switch is in the URL, and the numbers are the API's for that scope.
      await page.locator('label', { hasText: /^My organisation$/ }).click();
      await page.waitForURL(/scope=organisation/);
      await expectTiles(await lead('organisation'));
      await page.getByRole('heading', { name: /^Awaiting my organisation’s update/ }).waitFor();
      await expectAccessible(page, 'workspace (organisation)');
      await screenshot(page, 'workspace-organisation');

      // Four weeks ahead.
      await page.getByRole('combobox', { name: 'Look ahead' }).click();
      await page.getByRole('option', { name: 'Next 4 weeks' }).click();
      await page.waitForURL(/weeks=4/);
      await expectTiles(await lead('organisation', 28));
      await page.getByTestId('tile-dueSoon').getByText('Due in the next 28 days').waitFor();

      // Back to my tasks, two weeks: a reload keeps what the URL says.
      await page.goto(`${baseUrl}/p/${programmeId}/workspace?scope=organisation`);
      expect(await page.getByRole('radio', { name: 'My organisation' }).isChecked()).toBe(true);
      await page.locator('label', { hasText: /^Mine$/ }).click();
      await expect.poll(() => page.url()).not.toMatch(/scope=/);
      await expectTiles(mine);
    });
  });

  it('completes a due task from the workspace, and the counts move', async () => {
    await withFailureScreenshot(page, 'workspace-complete', async () => {
      const before = await lead('mine');
      const overdueIds = new Set(before.overdue.map((t) => t.id));
      const task = before.dueSoon.find((t) => t.canEdit && !t.critical && !overdueIds.has(t.id));
      expect(task, 'a due task the lead may edit').toBeDefined();
      const row = page.getByTestId('section-dueSoon').locator(`tr[data-task-id="${task!.id}"]`);
      await row.waitFor();
      await row.getByRole('button', { name: `Mark done: ${named(task!)}` }).click();
      await page.getByText('Task done', { exact: true }).first().waitFor();
      await row.waitFor({ state: 'detached' });

      const after = await lead('mine');
      expect(after.counts.dueSoon).toBe(before.counts.dueSoon - 1);
      expect(after.dueSoon.some((t) => t.id === task!.id)).toBe(false);
      await expectTiles(after);
      await screenshot(page, 'workspace-after-done');
    });
  });

  it('sets a percentage, opens the edit drawer, and refuses a stale save with the latest shown', async () => {
    await withFailureScreenshot(page, 'workspace-quick-edit', async () => {
      const ws = await lead('mine');
      const task = ws.dueSoon.find((t) => t.canEdit)!;
      const section = page.getByTestId('section-dueSoon');
      const percent = section.getByRole('textbox', { name: `Percent complete: ${named(task)}` });
      await percent.fill('65');
      await percent.press('Enter');
      await page.getByText('Task saved', { exact: true }).first().waitFor();
      await expect
        .poll(async () => (await lead('mine')).dueSoon.find((t) => t.id === task.id)?.percentComplete)
        .toBe(65);

      // The edit drawer opens on the whole task, at its current version.
      await section.getByRole('button', { name: `Edit ${named(task)}` }).click();
      const drawer = page.getByRole('dialog', { name: 'Edit task' });
      await drawer.waitFor();
      expect(await drawer.getByLabel('Title').inputValue()).toBe(task.title);
      await screenshot(page, 'workspace-edit-drawer');
      await drawer.getByRole('button', { name: 'Cancel' }).click();
      await drawer.waitFor({ state: 'hidden' });

      // Someone else saves first: our save names the old version and is refused; the latest comes back.
      const fresh = (await lead('mine')).dueSoon.find((t) => t.id === task.id)!;
      await expect.poll(() => percent.inputValue()).toBe('65%');
      await mutate('transition.updateTask', {
        programmeId,
        taskId: task.id,
        version: fresh.version,
        percentComplete: 70,
      });
      expect(await page.getByText('This task changed', { exact: true }).count()).toBe(0);
      await percent.fill('80');
      await percent.press('Enter');
      await page.getByText('This task changed', { exact: true }).first().waitFor();
      await expect.poll(() => percent.inputValue()).toBe('70%');
      const latest = (await lead('mine')).dueSoon.find((t) => t.id === task.id)!;
      expect(latest.percentComplete).toBe(70);
    });
  });

  it('lays out on a phone', async () => {
    await withFailureScreenshot(page, 'workspace-phone', async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${baseUrl}/p/${programmeId}/workspace`);
      await page.getByTestId('tile-overdue-count').waitFor();
      await screenshot(page, 'workspace-phone');
      await page.setViewportSize({ width: 1440, height: 900 });
    });
  });
});
