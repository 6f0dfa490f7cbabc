import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
 * Due diligence in a live procurement, as its three parties use it: the ICB asks the incumbent for
 * information; the incumbent answers with a file; the ICB accepts it and releases it to every bidder at once;
 * a bidder sees nothing before the release and everything after (the file downloads). Then a bidder's
 * clarification question, answered and published, reaches the other bidder without the asker's name.
 */
const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const INCUMBENT = 'owen.price@wyebridge-cht.example';
const OTHER_BIDDER = 'fiona.chen@northgate-sls.example';

interface DdList {
  items: Array<{
    id: string;
    number: number;
    title: string;
    status: string;
    releasedAt: string | null;
    overdue: boolean;
  }>;
  summary: { awaiting: number; overdue: number; toReview: number; accepted: number; released: number };
}

async function as(email: string, width = 1440): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 1000 }, acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page, baseUrl, email);
  return page;
}

const ukDate = (d: Date) =>
  `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;

describe('due diligence', () => {
  it('asks, answers with a file, accepts and releases to every bidder at once', async () => {
    const admin = await as(DEMO.admin);
    await withFailureScreenshot(admin, 'due-diligence', async () => {
      const programmes = await apiQuery<Array<{ id: string; code: string }>>(
        admin,
        baseUrl,
        'programme.list',
      );
      const programmeId = programmes.find((p) => p.code === 'SVSLT')!.id;
      await admin.goto(`${baseUrl}/p/${programmeId}`);
      await admin.getByRole('link', { name: 'Due diligence' }).click();
      await admin.getByRole('heading', { level: 1, name: 'Due diligence' }).waitFor();

      // The tiles are the API's summary.
      const list = await apiQuery<DdList>(admin, baseUrl, 'dueDiligence.list', { programmeId });
      const tiles = admin.getByLabel('Due diligence at a glance');
      for (const [label, n] of [
        ['Awaiting an answer', list.summary.awaiting],
        ['Overdue', list.summary.overdue],
        ['Released to bidders', list.summary.released],
      ] as const)
        await tiles
          .locator('div', { hasText: label })
          .getByText(String(n), { exact: true })
          .first()
          .waitFor();
      expect(list.summary.overdue).toBeGreaterThan(0);
      await admin.getByTestId('dd-table').getByRole('row').nth(list.items.length).waitFor();
      await expectAccessible(admin, 'due diligence');
      await screenshot(admin, 'due-diligence');

      // Ask the incumbent: a past due date is refused by its field, then the request is sent.
      await admin.getByRole('button', { name: 'Ask for information' }).click();
      const drawer = admin.getByRole('dialog', { name: 'Ask for information' });
      await drawer.getByLabel('What is asked for').fill('Training records of the AAC specialists');
      await drawer.getByRole('combobox', { name: 'Category' }).click();
      await admin.getByRole('option', { name: 'Staff lists and ELI' }).click();
      await drawer.getByRole('combobox', { name: 'Ask of' }).click();
      await admin.getByRole('option', { name: /Wyebridge/ }).click();
      await drawer.getByRole('combobox', { name: 'Person who answers (optional)' }).click();
      await admin.getByRole('option', { name: 'Owen Price' }).click();
      const due = drawer.getByRole('textbox', { name: 'Due by', exact: true });
      await due.fill('01/01/2026');
      await due.press('Tab');
      await drawer.getByRole('button', { name: 'Send request' }).click();
      await drawer.getByText('The due date cannot be in the past').waitFor();
      await due.fill(ukDate(new Date(Date.now() + 10 * 86_400_000)));
      await due.press('Tab');
      await drawer.getByRole('button', { name: 'Send request' }).click();
      await drawer.waitFor({ state: 'hidden' });
      const asked = (await apiQuery<DdList>(admin, baseUrl, 'dueDiligence.list', { programmeId })).items.find(
        (r) => r.title === 'Training records of the AAC specialists',
      )!;
      const ref = `DDR-${String(asked.number).padStart(3, '0')}`;

      // Bidders see nothing of it yet.
      const bidder = await as(DEMO.bidder);
      const beforeRelease = await apiQuery<DdList>(bidder, baseUrl, 'dueDiligence.list', { programmeId });
      expect(beforeRelease.items.map((r) => r.id)).not.toContain(asked.id);
      expect(beforeRelease.items.every((r) => r.releasedAt !== null)).toBe(true);

      // The incumbent answers with a file.
      const incumbent = await as(INCUMBENT);
      await incumbent.goto(`${baseUrl}/p/${programmeId}/due-diligence?request=${asked.id}`);
      const request = incumbent.getByRole('dialog', { name: new RegExp(ref) });
      await request.getByLabel('Your answer').fill('Records for all 6 AAC specialists attached.');
      await request.getByRole('button', { name: 'Send the answer' }).click();
      await request.getByText('Answered, to review').waitFor();
      const dir = mkdtempSync(join(tmpdir(), 'baton-dd-'));
      const file = join(dir, 'AAC training records.csv');
      writeFileSync(file, 'name,course,completed\nSpecialist 1,AAC level 3,2026-03-01\n');
      await request.locator('input[type="file"]').setInputFiles(file);
      await request.getByRole('button', { name: 'Upload', exact: true }).click();
      await request.getByRole('link', { name: 'AAC training records.csv' }).waitFor();
      await expectAccessible(incumbent, 'answering a request');
      await screenshot(incumbent, 'due-diligence-answer');

      // The ICB accepts and releases it (after confirming).
      await admin.goto(`${baseUrl}/p/${programmeId}/due-diligence?request=${asked.id}`);
      const review = admin.getByRole('dialog', { name: new RegExp(ref) });
      await review.getByText('Records for all 6 AAC specialists attached.').waitFor();
      await review.getByRole('button', { name: 'Accept the answer' }).click();
      await review.getByRole('button', { name: 'Release to all bidders' }).click();
      const confirm = admin.getByRole('dialog', { name: `Release ${ref} to all bidders?` });
      await confirm.getByRole('button', { name: 'Release to all bidders' }).click();
      await review.getByText(/Released to every bidder at once on/).waitFor();

      // Both bidders now see it, released at the same moment, and the file downloads.
      const other = await as(OTHER_BIDDER);
      const seen = await Promise.all(
        [bidder, other].map((p) => apiQuery<DdList>(p, baseUrl, 'dueDiligence.list', { programmeId })),
      );
      const released = seen.map((s) => s.items.find((r) => r.id === asked.id)!);
      expect(released[0]!.releasedAt).not.toBeNull();
      expect(released[0]!.releasedAt).toBe(released[1]!.releasedAt);
      await bidder.goto(`${baseUrl}/p/${programmeId}/due-diligence?request=${asked.id}`);
      const view = bidder.getByRole('dialog', { name: new RegExp(ref) });
      await view.getByText('Records for all 6 AAC specialists attached.').waitFor();
      expect(await view.getByText('Owen Price').count()).toBe(0);
      const download = bidder.waitForEvent('download');
      await view.getByRole('link', { name: 'AAC training records.csv' }).click();
      expect((await download).suggestedFilename()).toBe('AAC training records.csv');
      await expectAccessible(bidder, 'a released request, as a bidder');
      await screenshot(bidder, 'due-diligence-bidder');
      for (const p of [admin, bidder, incumbent, other]) await p.context().close();
    });
  });

  it('publishes a clarification to every bidder without saying who asked', async () => {
    const bidder = await as(DEMO.bidder);
    await withFailureScreenshot(bidder, 'clarifications', async () => {
      const programmeId = (
        await apiQuery<Array<{ id: string; code: string }>>(bidder, baseUrl, 'programme.list')
      ).find((p) => p.code === 'SVSLT')!.id;
      await bidder.goto(`${baseUrl}/p/${programmeId}/due-diligence?tab=clarifications`);
      await bidder
        .getByLabel('Your question')
        .fill('Larkspur would like to know: are school holidays covered?');
      await bidder.getByRole('button', { name: 'Send the question' }).click();
      await bidder.getByText('Larkspur would like to know: are school holidays covered?').waitFor();

      const admin = await as(DEMO.admin);
      await admin.goto(`${baseUrl}/p/${programmeId}/due-diligence?tab=clarifications`);
      const card = admin.getByRole('listitem').filter({ hasText: 'are school holidays covered?' });
      await card.getByText(/asked by Larkspur/).waitFor();
      await card
        .getByLabel('Question as it will be published')
        .fill('Are school holidays covered by the service?');
      await card
        .getByLabel('Answer')
        .fill('Yes: the service runs all year, with reduced school-based sessions.');
      await card.getByRole('button', { name: 'Save the answer' }).click();
      await card.getByRole('button', { name: 'Publish to all bidders' }).click();
      await card.getByText('Published to all bidders').first().waitFor();
      await expectAccessible(admin, 'clarifications, procurement team');
      await screenshot(admin, 'clarifications');

      const other = await as(OTHER_BIDDER);
      await other.goto(`${baseUrl}/p/${programmeId}/due-diligence?tab=clarifications`);
      const published = other
        .getByRole('listitem')
        .filter({ hasText: 'Are school holidays covered by the service?' });
      await published.getByText('Yes: the service runs all year').waitFor();
      expect(await other.getByText(/Larkspur/).count()).toBe(0);
      await expectAccessible(other, 'clarifications, another bidder');
      for (const p of [admin, bidder, other]) await p.context().close();
    });
  });
});
