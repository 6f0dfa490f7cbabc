import type { Browser } from 'playwright-core';
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
 * The settings admins need: the programme admin lowers the escalation threshold and states a category's
 * appetite on the Orange Book scale; the register re-derives escalation at once, and the matrix is put back.
 */
const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

interface Matrix {
  matrix: {
    escalationThreshold: number;
    categories: Array<{ key: string; label: string; tolerance: number; appetite?: string }>;
  };
  version: number;
}

describe('programme settings: the risk matrix and appetite', () => {
  it('the admin lowers the escalation threshold and sets an appetite; the register re-derives at once', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    await withFailureScreenshot(page, 'settings', async () => {
      await signIn(page, baseUrl, DEMO.admin);
      const programmes = await apiQuery<Array<{ id: string; code: string }>>(page, baseUrl, 'programme.list');
      const programmeId = programmes.find((p) => p.code === 'SVCMH')!.id;
      const before = await apiQuery<Matrix>(page, baseUrl, 'risk.matrix', { programmeId });
      const escalated = async () =>
        (
          await apiQuery<{ total: number }>(page, baseUrl, 'risk.list', {
            programmeId,
            filter: { escalated: true },
            limit: 1,
          })
        ).total;
      const escalatedBefore = await escalated();

      await page.goto(`${baseUrl}/p/${programmeId}/settings`);
      const threshold = page.getByLabel('Escalate at a current score of');
      await threshold.waitFor();
      expect(await threshold.inputValue()).toBe(String(before.matrix.escalationThreshold));
      await threshold.fill('12');
      const first = before.matrix.categories[0]!;
      await page.getByRole('combobox', { name: `${first.label}: appetite` }).click();
      await page.getByRole('option', { name: /^Cautious/ }).click();
      expect(await page.getByLabel(`${first.label}: tolerance`).inputValue()).toBe('10');
      await screenshot(page, 'settings-matrix');
      await expectAccessible(page, 'settings');
      await page.getByRole('button', { name: 'Save the matrix' }).click();
      await expect
        .poll(
          async () =>
            (await apiQuery<Matrix>(page, baseUrl, 'risk.matrix', { programmeId })).matrix
              .escalationThreshold,
        )
        .toBe(12);
      const after = await apiQuery<Matrix>(page, baseUrl, 'risk.matrix', { programmeId });
      expect(after.matrix.categories[0]).toMatchObject({ appetite: 'cautious', tolerance: 10 });
      // Scores of 12 now escalate: more risks are escalated, straight away.
      expect(await escalated()).toBeGreaterThan(escalatedBefore);

      // Put the demo's matrix back for everyone else.
      await apiMutate(page, baseUrl, 'risk.updateMatrix', {
        programmeId,
        matrix: before.matrix,
        version: after.version,
      });
      expect(await escalated()).toBe(escalatedBefore);
    });
    await context.close();
  }, 90_000);
});
