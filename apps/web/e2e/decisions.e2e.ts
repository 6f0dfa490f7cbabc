import { execFileSync } from 'node:child_process';
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
 * The steering group decides: a member lands on the pack and reads its recommendations; at the meeting the
 * group's outcome on one is recorded on the meeting's page; the pack compared with that meeting and its PDF
 * report what was decided. Recorded as "deferred", so nothing else in the demo changes.
 */
const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

interface Rec {
  key: string;
  kind: string;
  text: string;
}
interface Pack {
  since: string;
  recommendations: Rec[];
  lastDecisions: Array<{ reference: string; title: string; outcome: string; note: string }>;
  summary: { decisionsNeeded: number };
}

const sentence = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);

describe('the steering group decides', () => {
  it('reads the recommendations, records an outcome at the meeting, and the pack and PDF report it', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    await withFailureScreenshot(page, 'decisions', async () => {
      await signIn(page, baseUrl, DEMO.steering);
      // A steering group member lands on the pack.
      await page.waitForURL(/\/steering$/);
      const programmes = await apiQuery<Array<{ id: string; code: string }>>(page, baseUrl, 'programme.list');
      const programmeId = programmes.find((p) => p.code === 'SVCMH')!.id;
      const pack = await apiQuery<Pack>(page, baseUrl, 'steering.pack', { programmeId });
      const list = page.getByTestId('pack-recommendations');
      await list.waitFor();
      expect(await list.getByRole('listitem').count()).toBe(pack.recommendations.length);
      expect(pack.summary.decisionsNeeded).toBe(pack.recommendations.length);
      await expect
        .poll(() => page.locator('#pack-recommendations').getByRole('heading').first().textContent())
        .toContain(`Recommendations (${pack.recommendations.length})`);
      await expectAccessible(page, 'steering pack with recommendations');
      await page.locator('#pack-recommendations').scrollIntoViewIfNeeded();
      await screenshot(page, 'decisions-pack');

      // The meeting the pack compares with: its recommendations, and the outcomes recorded so far.
      const meetings = await apiQuery<Array<{ id: string; heldOn: string }>>(page, baseUrl, 'meeting.list', {
        programmeId,
      });
      const meeting = meetings.find((m) => m.heldOn === pack.since)!;
      const before = await apiQuery<{
        recommendations: Rec[];
        decisions: Array<{ recommendationKey: string }>;
      }>(page, baseUrl, 'meeting.recommendations', { programmeId, meetingId: meeting.id });
      await page.goto(`${baseUrl}/p/${programmeId}/meetings/${meeting.id}`);
      const cards = page.getByTestId('outcome-card');
      await cards.first().waitFor();
      expect(await cards.count()).toBe(before.recommendations.length);
      expect(await page.getByTestId('outcome-badge').count()).toBe(before.decisions.length);

      // Record "deferred" on the first recommendation without an outcome (or change the first one's).
      const open = before.recommendations.findIndex(
        (r) => !before.decisions.some((d) => d.recommendationKey === r.key),
      );
      const index = open >= 0 ? open : 0;
      const card = cards.nth(index);
      if (open < 0) await card.getByRole('button', { name: 'Change outcome' }).click();
      await card.getByText('Deferred', { exact: true }).click();
      await card.getByLabel('Note').fill('Revisit when the criteria are evidenced');
      await card.getByRole('button', { name: 'Record outcome' }).click();
      await card.getByTestId('outcome-badge').filter({ hasText: 'Deferred' }).waitFor();
      await expectAccessible(page, 'meeting outcomes');
      await page.locator('#meeting-outcomes-heading').scrollIntoViewIfNeeded();
      await screenshot(page, 'decisions-meeting');

      const chosen = before.recommendations[index]!;
      const log = await apiQuery<
        Array<{ recommendationKey: string | null; status: string; resolution: string }>
      >(page, baseUrl, 'raid.list', { programmeId, kind: 'decision' });
      expect(log.find((d) => d.recommendationKey === chosen.key)).toMatchObject({
        status: 'deferred',
        resolution: 'Revisit when the criteria are evidenced',
      });

      // Today's pack compares with that meeting: it reports the decision.
      const after = await apiQuery<Pack>(page, baseUrl, 'steering.pack', { programmeId });
      const reported = after.lastDecisions.find((d) => d.title === sentence(chosen.text));
      expect(reported).toMatchObject({
        outcome: 'deferred',
        note: 'Revisit when the criteria are evidenced',
      });
      await page.goto(`${baseUrl}/p/${programmeId}/steering`);
      const table = page.getByTestId('pack-last-decisions');
      await table.waitFor();
      await table
        .getByRole('row')
        .filter({ hasText: reported!.reference })
        .filter({ hasText: 'Deferred' })
        .waitFor();

      // And so does the PDF.
      const pdf = await page.request.get(`${baseUrl}/export/programmes/${programmeId}/steering-pack.pdf`);
      expect(pdf.ok()).toBe(true);
      const dir = mkdtempSync(join(tmpdir(), 'baton-decisions-'));
      writeFileSync(join(dir, 'pack.pdf'), await pdf.body());
      const text = execFileSync('pdftotext', ['-layout', join(dir, 'pack.pdf'), '-']).toString();
      expect(text).toMatch(/\d\. Recommendations/);
      expect(text).toContain('Issues and meeting actions');
      expect(text).toContain('The group is asked to:');
      expect(text).toContain(reported!.reference);
      expect(text).toContain('Revisit when the criteria are evidenced');

      // On a phone the outcomes read without scrolling sideways.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${baseUrl}/p/${programmeId}/meetings/${meeting.id}`);
      await cards.first().waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await expectAccessible(page, 'meeting outcomes on a phone');
      await screenshot(page, 'decisions-meeting-phone');
    });
    await context.close();
  });
});
