import type { Browser, Page } from 'playwright-core';
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

/*
 * Schedule truth on the demo programme: no task shown as critical has float to spare, and a deliberately slipped
 * critical task moves the forecast, the margin, the readiness RAG, joint progress and the P80 together.
 */
const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

interface PlanTask {
  id: string;
  title: string;
  kind: string;
  status: string;
  version: number;
  dueDate: string;
  critical: boolean;
  slackDays: number | null;
}
interface Plan {
  transfer: { id: string; name: string; plannedTransferDate: string };
  tasks: PlanTask[];
  forecastGoLive: string;
  marginDays: number;
}
interface GoLive {
  p80: string;
  probabilityOnTime: number;
}

const addDays = (iso: string, n: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
const ukDate = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${iso}T00:00:00Z`));

describe('schedule truth', () => {
  it('a slipped critical task moves forecast, margin, RAG, joint progress and P80 consistently', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page: Page = await context.newPage();
    await withFailureScreenshot(page, 'schedule-slip', async () => {
      await signIn(page, baseUrl, DEMO.lead);
      const programmes = await apiQuery<Array<{ id: string; code: string }>>(page, baseUrl, 'programme.list');
      const programmeId = programmes.find((p) => p.code === 'SVCMH')!.id;
      const transfers = await apiQuery<Array<{ transfer: { id: string } }>>(
        page,
        baseUrl,
        'transition.transfers',
        {
          programmeId,
        },
      );

      // On every transfer: critical means no float left, never "critical with 43 days of slack".
      for (const t of transfers) {
        const plan = await apiQuery<Plan>(page, baseUrl, 'transition.plan', {
          programmeId,
          transferId: t.transfer.id,
        });
        const wrong = plan.tasks.filter((x) => x.critical && (x.slackDays ?? 0) > 0);
        expect(wrong.map((x) => `${x.title}: ${x.slackDays}`)).toEqual([]);
      }

      // A demo transfer with staff groups: other browser tests add transfers of their own to the same programme.
      let transferId = '';
      for (const t of transfers) {
        const registers = await apiQuery<{ staffGroups: unknown[] }>(page, baseUrl, 'registers.list', {
          programmeId,
          transferId: t.transfer.id,
        });
        if (registers.staffGroups.length > 0) {
          transferId = t.transfer.id;
          break;
        }
      }
      expect(transferId, 'a demo transfer with TUPE staff groups').not.toBe('');
      const before = await apiQuery<Plan>(page, baseUrl, 'transition.plan', { programmeId, transferId });
      const p80Before = await apiQuery<GoLive>(page, baseUrl, 'transition.goLiveConfidence', {
        programmeId,
        transferId,
      });
      const slipped = before.tasks.find(
        (x) => x.critical && x.kind === 'task' && (x.status === 'not_started' || x.status === 'in_progress'),
      )!;
      expect(slipped, 'an open critical task to slip').toBeDefined();

      await page.goto(`${baseUrl}/p/${programmeId}/transition/${transferId}`);
      await expect
        .poll(() => page.getByTestId('plan-margin').textContent())
        .toContain(before.marginDays >= 0 ? `${before.marginDays} day` : `${-before.marginDays} day`);
      await expect
        .poll(() => page.getByTestId('p80').textContent(), { timeout: 20_000 })
        .toContain(ukDate(p80Before.p80));
      await screenshot(page, 'schedule-plan');
      await expectAccessible(page, 'plan with margin and go-live confidence');

      // Slip it past the margin: the forecast must now pass the transfer date.
      const slip = Math.max(before.marginDays, 0) + 12;
      await apiMutate(page, baseUrl, 'transition.updateTask', {
        programmeId,
        taskId: slipped.id,
        version: slipped.version,
        dueDate: addDays(slipped.dueDate, slip),
      });

      const after = await apiQuery<Plan>(page, baseUrl, 'transition.plan', { programmeId, transferId });
      expect(after.forecastGoLive).toBe(addDays(before.forecastGoLive, slip));
      expect(after.marginDays).toBe(before.marginDays - slip);
      expect(after.marginDays).toBeLessThan(0);
      // The driving chain now overruns: its float is negative by the days of overrun.
      expect(after.tasks.find((x) => x.id === slipped.id)!.slackDays).toBe(after.marginDays);
      const p80After = await apiQuery<GoLive>(page, baseUrl, 'transition.goLiveConfidence', {
        programmeId,
        transferId,
      });
      expect(p80After.p80 > p80Before.p80).toBe(true);
      expect(p80After.probabilityOnTime).toBeLessThanOrEqual(p80Before.probabilityOnTime);

      // The plan page says so, in the same figures.
      await page.reload();
      await expect
        .poll(() => page.getByTestId('plan-margin').textContent())
        .toContain(`forecast ${-after.marginDays} days after the transfer date`);
      await expect
        .poll(() => page.getByTestId('p80').textContent(), { timeout: 20_000 })
        .toContain(ukDate(p80After.p80));
      const rag = await apiQuery<
        Array<{ transfer: { id: string }; readiness: { overall: { rag: string; reasons: string[] } } }>
      >(page, baseUrl, 'transition.transfers', { programmeId });
      const mine = rag.find((t) => t.transfer.id === transferId)!;
      expect(mine.readiness.overall.rag).toBe('red');
      expect(mine.readiness.overall.reasons.join(' ')).toMatch(/after the transfer date/i);
      await screenshot(page, 'schedule-plan-slipped');

      // Joint progress shows the same margin and P80 for this transfer.
      await page.goto(`${baseUrl}/p/${programmeId}/progress`);
      const card = page.locator(`[data-transfer-id="${transferId}"]`);
      await expect
        .poll(() => card.getByTestId('progress-margin').textContent(), { timeout: 20_000 })
        .toContain(`Forecast ${-after.marginDays} days after the transfer date`);
      await expect.poll(() => card.getByTestId('progress-p80').textContent()).toBeTruthy();
      expect(await card.getAttribute('data-rag')).toBe('red');
      await screenshot(page, 'schedule-joint-progress');
      await expectAccessible(page, 'joint progress with margin and P80');

      // The timeline: fit to the window, today, the forecast go-live, the transfer date.
      await page.goto(`${baseUrl}/p/${programmeId}/transition/${transferId}?view=timeline`);
      await expect.poll(() => page.locator('.gantt-bar').count()).toBeGreaterThan(5);
      await screenshot(page, 'schedule-gantt');
      await expectAccessible(page, 'Gantt');

      // The registers: TUPE money and New Fair Deal with their rules.
      await page.goto(`${baseUrl}/p/${programmeId}/transition/${transferId}?view=registers`);
      await expect.poll(() => page.getByTestId('staff-totals').textContent()).toContain('Owed now');
      await screenshot(page, 'schedule-registers');
      await expectAccessible(page, 'registers with TUPE money');
    });
    await context.close();
    // A long flow: five plans, two simulations of 10,000 runs, four pages with accessibility checks.
  }, 180_000);
});
