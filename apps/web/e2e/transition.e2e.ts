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

const api = <T>(path: string, input?: unknown) => apiQuery<T>(page, baseUrl, path, input);

interface PlanTask {
  id: string;
  title: string;
  status: string;
  critical: boolean;
  canEdit: boolean;
  kind: string;
}
interface Plan {
  transfer: { id: string; name: string };
  tasks: PlanTask[];
  dependencies: Array<{ id: string; predecessorId: string; successorId: string; lagDays: number }>;
  criticalPath: string[];
}
interface TransferSummary {
  transfer: { id: string; name: string };
  readiness: { overall: { rag: 'red' | 'amber' | 'green'; reasons: string[] } };
  countdownDays: number;
  percentComplete: number;
}

const RAG_TEXT = { red: 'Red', amber: 'Amber', green: 'Green' } as const;

// One transition lead's session through the whole journey: the demo may have no transfers, so it makes one.
const transferName = `E2E Lot 1 transfer ${Date.now().toString(36)}`;
let programmeId = '';
let transferId = '';
let plan: Plan;

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

describe('transition: transfers, plan, timeline, tasks', () => {
  it('the transition lead creates a transfer with the standard plan and sees its readiness, with reasons', async () => {
    await withFailureScreenshot(page, 'transition-transfers', async () => {
      await page.goto(`${baseUrl}/p/${programmeId}/transition`);
      await page.getByRole('heading', { level: 1, name: 'Transfers and readiness' }).waitFor();
      await page.getByRole('link', { name: 'Transition plan' }).waitFor();

      await page.getByRole('button', { name: 'New transfer' }).first().click();
      const dialog = page.getByRole('dialog', { name: 'New transfer' });
      await dialog.getByLabel('Name').fill(transferName);
      await dialog.getByRole('combobox', { name: 'Lot' }).click();
      await page.getByRole('option', { name: /^Lot 1:/ }).click();
      // Lot 1 has one outgoing and one incoming provider: the form fills them in.
      await expect
        .poll(() => dialog.getByRole('combobox', { name: 'Outgoing provider' }).inputValue())
        .not.toBe('');
      await expect
        .poll(() => dialog.getByRole('combobox', { name: 'Incoming provider' }).inputValue())
        .not.toBe('');
      expect(await dialog.getByLabel('Apply the standard plan').isChecked()).toBe(true);
      await screenshot(page, 'transition-new-transfer');
      await dialog.getByRole('button', { name: 'Create transfer' }).click();
      await dialog.waitFor({ state: 'hidden' });

      const card = page.getByRole('article', { name: transferName });
      await card.waitFor();
      const summaries = await api<TransferSummary[]>('transition.transfers', { programmeId });
      const summary = summaries.find((s) => s.transfer.name === transferName)!;
      expect(summary).toBeDefined();
      transferId = summary.transfer.id;
      // The overall RAG is a word with its reasons, never a bare colour; the numbers are the API's.
      await card.getByText(RAG_TEXT[summary.readiness.overall.rag], { exact: true }).first().waitFor();
      for (const reason of summary.readiness.overall.reasons) await card.getByText(reason).first().waitFor();
      await card.getByText(`${summary.percentComplete}%`, { exact: true }).waitFor();
      await card.getByText(new RegExp(`^${summary.countdownDays} days to go$`)).waitFor();
      expect(
        await card
          .getByRole('list', { name: /Workstream readiness/ })
          .getByRole('listitem')
          .count(),
      ).toBe(8);

      await expectAccessible(page, 'transfers page');
      await screenshot(page, 'transition-transfers');
    });
  });

  it('opens the plan: the task count is the API’s, and a status is changed in the table', async () => {
    await withFailureScreenshot(page, 'transition-plan', async () => {
      await page
        .getByRole('article', { name: transferName })
        .getByRole('link', { name: /Open plan/ })
        .click();
      await page.waitForURL(`**/p/${programmeId}/transition/${transferId}`);
      await page.getByRole('heading', { level: 1, name: transferName }).waitFor();
      plan = await api<Plan>('transition.plan', { programmeId, transferId });
      expect(plan.tasks.length).toBeGreaterThan(0);
      await page
        .getByTestId('plan-task-count')
        .getByText(`${plan.tasks.length} tasks`, { exact: true })
        .waitFor();
      await page.getByRole('table', { name: /Tasks of/ }).waitFor();
      // Every task has its row once the rows below the first forty are built.
      await expect.poll(() => page.locator('tr[data-task-id]').count()).toBe(plan.tasks.length);
      await expectAccessible(page, 'plan table');
      await screenshot(page, 'transition-plan-table');

      const task = plan.tasks.find((t) => t.canEdit && t.status === 'not_started' && t.kind === 'task')!;
      // The edit button's tooltip (built on first use) shows on keyboard focus, and Escape hides it.
      const edit = page.getByRole('button', { name: `Edit ${task.title}`, exact: true });
      await edit.focus();
      await expect
        .poll(() => page.getByRole('tooltip').textContent())
        .toBe('Edit status, % complete, due date and assignee');
      await page.keyboard.press('Escape');
      await page.getByRole('tooltip').waitFor({ state: 'detached' });
      await edit.click();
      const status = page.getByRole('combobox', { name: `Status of ${task.title}`, exact: true });
      await expect.poll(() => status.evaluate((el) => el === document.activeElement)).toBe(true);
      await status.click();
      await page.getByRole('option', { name: 'In progress', exact: true }).click();
      await screenshot(page, 'transition-plan-inline-edit');
      await page.getByRole('button', { name: `Save ${task.title}`, exact: true }).click();
      const row = page.locator(`tr[data-task-id="${task.id}"]`);
      await row.getByText('In progress', { exact: true }).waitFor();
      await page.getByRole('button', { name: `Edit ${task.title}`, exact: true }).waitFor();
      const after = await api<Plan>('transition.plan', { programmeId, transferId });
      expect(after.tasks.find((t) => t.id === task.id)!.status).toBe('in_progress');
    });
  });

  it('shows the timeline with the critical path highlighted', async () => {
    await withFailureScreenshot(page, 'transition-timeline', async () => {
      await page.getByRole('tab', { name: 'Timeline' }).click();
      const chart = page.getByRole('img', { name: /^Timeline of \d+ tasks/ });
      await chart.waitFor();
      const critical = plan.tasks.filter((t) => t.critical && t.status !== 'cancelled');
      expect(critical.length).toBeGreaterThan(0);
      const bars = chart.locator('.gantt-bar[data-critical="true"]');
      expect(await bars.count()).toBe(critical.length);
      expect(await chart.locator('.gantt-link[data-critical="true"]').count()).toBeGreaterThan(0);
      expect(await chart.locator('.gantt-bar').count()).toBe(plan.tasks.length);
      await expectAccessible(page, 'plan timeline');
      await screenshot(page, 'transition-timeline');
      // The timeline opens fitted to the window; weeks are wider than months.
      await page.locator('label', { hasText: /^Weeks$/ }).click();
      await expect.poll(async () => Number(await chart.getAttribute('width'))).toBeGreaterThan(1500);
      const weekWidth = Number(await chart.getAttribute('width'));
      await page.locator('label', { hasText: /^Months$/ }).click();
      await expect.poll(async () => Number(await chart.getAttribute('width'))).toBeLessThan(weekWidth);
      expect(await page.getByRole('radio', { name: 'Months' }).isChecked()).toBe(true);
      await screenshot(page, 'transition-timeline-months');
    });
  });

  it('opens a task: edits it, refuses a dependency loop with the server’s words, shows the history', async () => {
    await withFailureScreenshot(page, 'transition-task', async () => {
      // A task with a successor: making that successor its predecessor would be a loop.
      const link = plan.dependencies.find((d) => {
        const t = plan.tasks.find((x) => x.id === d.predecessorId)!;
        return t.kind === 'task' && t.canEdit;
      })!;
      const task = plan.tasks.find((t) => t.id === link.predecessorId)!;
      const successor = plan.tasks.find((t) => t.id === link.successorId)!;
      await page.goto(`${baseUrl}/p/${programmeId}/transition/tasks/${task.id}`);
      await page.getByRole('heading', { level: 1, name: task.title }).waitFor();
      await page
        .getByRole('table', { name: 'Tasks that wait for this one' })
        .getByRole('link', { name: successor.title, exact: true })
        .waitFor();

      await page.getByRole('button', { name: 'Edit task' }).click();
      const drawer = page.getByRole('dialog', { name: 'Edit task' });
      await drawer
        .getByLabel('Evidence')
        .fill('Terms of reference agreed at the transition board, minute 4.2');
      await drawer.getByRole('button', { name: 'Save task' }).click();
      await drawer.waitFor({ state: 'hidden' });
      await page.getByText('Terms of reference agreed at the transition board, minute 4.2').waitFor();
      await page
        .getByText(/Updated task .*\(evidence\)/)
        .first()
        .waitFor();

      await page.getByRole('combobox', { name: 'Add a task this one waits for' }).click();
      await page
        .getByRole('option', {
          name: new RegExp(`^${successor.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(`),
        })
        .click();
      await page.getByRole('button', { name: 'Add predecessor' }).click();
      await page
        .getByRole('alert')
        .filter({ hasText: /would make a loop/ })
        .waitFor();
      await expectAccessible(page, 'task detail');
      await screenshot(page, 'transition-task');

      await page.goto(`${baseUrl}/p/${programmeId}/my-tasks?scope=organisation`);
      await page.getByRole('heading', { level: 1, name: 'My tasks' }).waitFor();
      const mine = await api<unknown[]>('transition.myTasks', { programmeId, scope: 'organisation' });
      await page.getByText(new RegExp(`^${mine.length} open tasks? owned by your organisation$`)).waitFor();
      await expectAccessible(page, 'my tasks');
      await screenshot(page, 'transition-my-tasks');

      // On a phone the cards stack and the plan table scrolls sideways inside its own region.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${baseUrl}/p/${programmeId}/transition`);
      await page.getByRole('article', { name: transferName }).waitFor();
      await screenshot(page, 'transition-transfers-phone');
      await page.goto(`${baseUrl}/p/${programmeId}/transition/${transferId}`);
      await page.getByRole('region', { name: 'Plan tasks' }).waitFor();
      await screenshot(page, 'transition-plan-phone');
      await page.setViewportSize({ width: 1440, height: 900 });
    });
  });
});
