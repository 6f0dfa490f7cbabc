import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  apiMutate,
  apiQuery,
  DEMO,
  expectAccessible,
  launch,
  screenshot,
  SCREENSHOTS,
  signIn,
  withFailureScreenshot,
} from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const api = <T>(page: Page, path: string, input?: unknown) => apiQuery<T>(page, baseUrl, path, input);

const mutate = <T>(page: Page, path: string, input: unknown) => apiMutate<T>(page, baseUrl, path, input);

async function fresh(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  return { context, page: await context.newPage() };
}

interface State {
  consequence: number;
  likelihood: number;
  score: number;
  status: string;
  escalated: boolean;
}
interface PackRisk {
  id: string;
  reference: string;
  title: string;
  state: State;
}
interface Pack {
  asAt: string;
  sinceLabel: string;
  bands: Array<{ key: string; label: string }>;
  summary: {
    liveRisks: number;
    byBand: Record<string, number>;
    escalated: number;
    changes: Record<string, number>;
    overdueActions: number;
    overdueReviews: number;
    transfers: Record<'red' | 'amber' | 'green', number>;
    daysToGoLive: number | null;
    decisionsNeeded: number;
  };
  summaryText: string[];
  heatMap: Array<{ consequence: number; likelihood: number; count: number }>;
  topRisks: PackRisk[];
  escalated: PackRisk[];
  readiness: unknown[];
}
interface Meeting {
  id: string;
  title: string;
  heldOn: string;
  snapshot: { asAt: string } | null;
}
interface Comparison {
  comparison: {
    figures: Array<{ key: string; label: string; then: number; now: number }>;
    changes: Record<string, Array<{ id: string; from: State | null; to: State }>>;
  };
}

const tileValue = (scope: Page | Locator, id: string) =>
  scope.getByTestId(`pack-tile-${id}`).getByTestId('value').innerText();

/** Every figure on screen is the API's: tiles, heat map cells, number of top risks, the summary sentences. */
async function expectPackOnScreen(page: Page, pack: Pack): Promise<void> {
  const view = page.getByTestId('pack-view');
  await view.waitFor();
  const s = pack.summary;
  const expected: Array<[string, number | string]> = [
    ['liveRisks', s.liveRisks],
    ...pack.bands.map((b): [string, number] => [`band-${b.key}`, s.byBand[b.key] ?? 0]),
    ['escalated', s.escalated],
    ['new', s.changes.new ?? 0],
    ['overdueActions', s.overdueActions],
    ['overdueReviews', s.overdueReviews],
    ['daysToGoLive', s.daysToGoLive ?? 'Not set'],
    ['decisionsNeeded', s.decisionsNeeded],
  ];
  for (const [id, value] of expected)
    await expect.poll(() => tileValue(view, id), { message: `tile ${id}` }).toBe(String(value));
  for (const rag of ['red', 'amber', 'green'] as const) {
    const text = await view.getByTestId('pack-tile-transfers').locator(`[data-rag="${rag}"]`).innerText();
    expect(text.replace(/\s+/g, ' ').trim(), `transfers ${rag}`).toMatch(new RegExp(`^${s.transfers[rag]} `));
  }

  // The heat map: each cell's count, and no count where the API has none.
  const heat = view.locator('#pack-heat-map');
  for (const c of pack.heatMap) {
    const cell = heat.locator(`td[data-cell="${c.consequence}:${c.likelihood}"]`);
    expect((await cell.innerText()).trim(), `cell ${c.consequence}:${c.likelihood}`).toBe(String(c.count));
  }
  const filled = await heat.locator('td[data-cell]:not([data-empty])').count();
  expect(filled).toBe(pack.heatMap.filter((c) => c.count > 0).length);

  expect(await view.getByRole('table', { name: 'Top risks' }).locator('tbody tr').count()).toBe(
    pack.topRisks.length,
  );
  expect(await view.getByRole('table', { name: 'Escalated risks' }).locator('tbody tr').count()).toBe(
    pack.escalated.length,
  );
  for (const sentence of pack.summaryText)
    await view.getByTestId('pack-summary').getByText(sentence, { exact: true }).waitFor();
}

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

describe('steering group: the pack, meetings, a frozen pack and what moved since', () => {
  let programmeId = '';
  let pack: Pack;
  let meetingId = '';
  const title = `Steering group e2e ${Date.now().toString(36)}`;

  it('a steering group member reads the pack the API describes, today and as at an earlier date', async () => {
    const { context, page } = await fresh();
    await withFailureScreenshot(page, 'steering-pack', async () => {
      await signIn(page, baseUrl, DEMO.steering);
      const programmes = await api<Array<{ id: string; code: string }>>(page, 'programme.list');
      programmeId = programmes.find((p) => p.code === 'SVCMH')!.id;

      await page.goto(`${baseUrl}/p/${programmeId}`);
      await page.getByRole('link', { name: 'Steering pack' }).click();
      await page.waitForURL(`**/p/${programmeId}/steering`);
      await page.getByRole('heading', { level: 1, name: 'Steering group pack' }).waitFor();
      pack = await api<Pack>(page, 'steering.pack', { programmeId });
      expect(pack.asAt).toBe(today());
      expect(pack.summary.liveRisks).toBeGreaterThan(0);
      await page.getByTestId('pack-period').getByText(pack.sinceLabel).waitFor();
      await expectPackOnScreen(page, pack);

      // Downloads are plain links to the export routes, as at the date shown.
      await expect(page.getByRole('link', { name: /^PDF/ }).getAttribute('href')).resolves.toBe(
        `/export/programmes/${programmeId}/steering-pack.pdf?asAt=${pack.asAt}`,
      );
      await expect(page.getByRole('link', { name: /^Excel/ }).getAttribute('href')).resolves.toBe(
        `/export/programmes/${programmeId}/steering-pack.xlsx?asAt=${pack.asAt}`,
      );

      // As at today, a heat map count opens the register filtered to that cell.
      const busiest = [...pack.heatMap].sort((a, b) => b.count - a.count)[0]!;
      const link = page
        .locator(`#pack-heat-map td[data-cell="${busiest.consequence}:${busiest.likelihood}"]`)
        .getByRole('link');
      await expect(link.getAttribute('href')).resolves.toBe(
        `/p/${programmeId}/risks?cell=current:${busiest.consequence}:${busiest.likelihood}&status=open`,
      );

      await expectAccessible(page, 'steering pack');
      await screenshot(page, 'steering-pack');
      await page.getByRole('button', { name: 'Show as a table' }).click();
      await page.getByRole('region', { name: 'Risk profile table' }).waitFor();
      await page
        .getByRole('region', { name: 'Heat map' })
        .screenshot({ path: join(SCREENSHOTS, 'steering-pack-heat-map.png') });
      await page
        .getByRole('region', { name: 'Risk profile over time' })
        .screenshot({ path: join(SCREENSHOTS, 'steering-pack-profile-table.png') });
      await page.getByRole('button', { name: 'Show as a chart' }).click();

      // An earlier date: the figures are the API's for that date, readiness says it is as at today, and the
      // heat map no longer links to today's register.
      const earlier = new Date(Date.parse(`${pack.asAt}T00:00:00Z`) - 14 * 86_400_000)
        .toISOString()
        .slice(0, 10);
      await page.goto(`${baseUrl}/p/${programmeId}/steering?asAt=${earlier}`);
      const past = await api<Pack>(page, 'steering.pack', { programmeId, asAt: earlier });
      await page.getByText('A past date').waitFor();
      await expectPackOnScreen(page, past);
      expect(await page.locator('#pack-heat-map a').count()).toBe(0);
      await screenshot(page, 'steering-pack-past');
    });
    await context.close();
  });

  it('records a meeting, freezes its pack, and compares it with today after a risk is re-scored', async () => {
    const { context, page } = await fresh();
    await withFailureScreenshot(page, 'steering-meetings', async () => {
      await signIn(page, baseUrl, DEMO.steering);
      await page.goto(`${baseUrl}/p/${programmeId}/meetings`);
      await page.getByRole('heading', { level: 1, name: 'Steering group meetings' }).waitFor();
      const before = await api<Meeting[]>(page, 'meeting.list', { programmeId });
      if (before.length === 0) {
        await page.getByRole('heading', { name: 'No meetings recorded yet' }).waitFor();
        await expectAccessible(page, 'meetings, empty');
        await screenshot(page, 'steering-meetings-empty');
      }

      // Record a meeting for today: the form says what is missing, next to the field.
      await page.getByRole('button', { name: 'Record a meeting' }).first().click();
      const dialog = page.getByRole('dialog', { name: 'Record a meeting' });
      await dialog.getByRole('button', { name: 'Record meeting' }).click();
      await dialog.getByText('Give the meeting a title').waitFor();
      await expect
        .poll(() => dialog.getByLabel('Title').evaluate((el) => el === document.activeElement))
        .toBe(true);
      await dialog.getByLabel('Title').fill(title);
      await dialog.getByLabel('Location').fill('Council Chamber, Severn Vale House');
      const attendees = dialog.getByRole('combobox', { name: 'Attendees' });
      await attendees.fill('Priya');
      await page.getByRole('option', { name: 'Priya Raman (SV Council)' }).click();
      await attendees.fill('Dr Sam Clinician (clinical lead)');
      await attendees.press('Enter');
      await dialog.getByRole('combobox', { name: 'Apologies' }).fill('Helen');
      await page.getByRole('option', { name: /^Helen Marsh/ }).click();
      // Leaving the field closes its suggestions.
      await dialog.getByRole('combobox', { name: 'Apologies' }).press('Tab');
      await expect
        .poll(() => dialog.getByRole('combobox', { name: 'Apologies' }).getAttribute('aria-expanded'))
        .toBe('false');
      await expectAccessible(page, 'record a meeting');
      await screenshot(page, 'steering-record-meeting');
      await dialog.getByRole('button', { name: 'Record meeting' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      meetingId = new URL(page.url()).pathname.split('/').at(-1)!;
      const { meeting } = await api<{ meeting: Meeting & { attendees: string[] } }>(page, 'meeting.get', {
        programmeId,
        meetingId,
      });
      expect(meeting).toMatchObject({ title, heldOn: today(), snapshot: null });
      expect(meeting.attendees).toEqual(['Priya Raman (SV Council)', 'Dr Sam Clinician (clinical lead)']);

      // Minutes: a decision added in the edit drawer. A colleague saves first: the drawer says so and shows
      // their version, nothing is overwritten, and the decision is added again on top of it.
      await page.getByRole('button', { name: 'Edit meeting' }).click();
      const drawer = page.getByRole('dialog', { name: 'Edit meeting' });
      await drawer.getByRole('button', { name: 'Add a decision' }).click();
      await drawer.getByRole('textbox', { name: 'Decision 1' }).fill('The group accepts the risk register.');
      await screenshot(page, 'steering-edit-meeting');
      const current = await api<{ meeting: { version: number } }>(page, 'meeting.get', {
        programmeId,
        meetingId,
      });
      await mutate(page, 'meeting.update', {
        programmeId,
        meetingId,
        version: current.meeting.version,
        notes: 'Quorate. Chair: Priya Raman.',
      });
      await drawer.getByRole('button', { name: 'Save meeting' }).click();
      await drawer.getByRole('alert').getByText('Someone else changed this meeting').first().waitFor();
      await expect.poll(() => drawer.getByLabel('Notes').inputValue()).toBe('Quorate. Chair: Priya Raman.');
      expect(await drawer.getByRole('textbox', { name: 'Decision 1' }).count()).toBe(0);
      await drawer.getByRole('button', { name: 'Add a decision' }).click();
      await drawer.getByRole('textbox', { name: 'Decision 1' }).fill('The group accepts the risk register.');
      await drawer.getByRole('button', { name: 'Save meeting' }).click();
      await drawer.waitFor({ state: 'hidden' });
      await page.getByTestId('meeting-decisions').getByText('The group accepts the risk register.').waitFor();
      await page.getByText('Quorate. Chair: Priya Raman.').waitFor();
      await expectAccessible(page, 'meeting, not frozen');
      await screenshot(page, 'steering-meeting');

      // Freeze the pack: a confirmation that says what freezing means, then the banner.
      await page.getByRole('button', { name: 'Freeze the pack' }).first().click();
      const confirm = page.getByRole('dialog', { name: 'Freeze the pack for this meeting?' });
      await confirm.getByText('can never change', { exact: false }).waitFor();
      // Focus starts on Cancel; wait for the dialog's opening transition before the screenshot.
      await expect
        .poll(() =>
          confirm.getByRole('button', { name: 'Cancel' }).evaluate((el) => el === document.activeElement),
        )
        .toBe(true);
      await page.waitForTimeout(300);
      await screenshot(page, 'steering-freeze-confirm');
      await confirm.getByRole('button', { name: 'Freeze the pack' }).click();
      await confirm.waitFor({ state: 'hidden' });
      const banner = page.getByTestId('frozen-banner');
      await banner.getByText('Integrity check passed').waitFor();
      expect(await page.getByRole('button', { name: 'Delete' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Freeze the pack' }).count()).toBe(0);

      // The frozen pack shows the same figures as the pack read a moment ago (nothing moved in between).
      const frozen = await api<{ pack: Pack; snapshot: { intact: boolean; sha256: string } }>(
        page,
        'meeting.snapshot',
        { programmeId, meetingId },
      );
      expect(frozen.snapshot.intact).toBe(true);
      await banner.getByText(frozen.snapshot.sha256.slice(0, 12), { exact: false }).waitFor();
      expect(frozen.pack.summary).toEqual(pack.summary);
      expect(frozen.pack.heatMap).toEqual(pack.heatMap);
      await expectPackOnScreen(page, frozen.pack);
      await expectAccessible(page, 'frozen pack');
      await screenshot(page, 'steering-frozen-pack');

      // The list shows the meeting as today's (the next one), with its pack frozen.
      await page.getByRole('link', { name: 'Meetings', exact: true }).first().click();
      await page.getByRole('heading', { level: 1, name: 'Steering group meetings' }).waitFor();
      const row = page.locator(`tr[data-meeting-id="${meetingId}"]`);
      await row.getByText('Pack frozen').waitFor();
      await row.getByText('Next', { exact: true }).waitFor();
      await page
        .getByRole('region', { name: /^Next meeting/ })
        .getByRole('link', { name: title, exact: true })
        .waitFor();
      await expectAccessible(page, 'meetings');
      await screenshot(page, 'steering-meetings');
    });

    // The programme admin, elsewhere, reviews one of the top risks up.
    const admin = await fresh();
    const target = pack.topRisks.find((r) => r.state.likelihood < 5 && r.state.status === 'open')!;
    expect(target).toBeDefined();
    const newLikelihood = target.state.likelihood + 1;
    const newScore = target.state.consequence * newLikelihood;
    await withFailureScreenshot(admin.page, 'steering-admin-review', async () => {
      await signIn(admin.page, baseUrl, DEMO.admin);
      const { risk } = await api<{ risk: { version: number } }>(admin.page, 'risk.get', {
        programmeId,
        riskId: target.id,
      });
      await mutate(admin.page, 'risk.review', {
        programmeId,
        riskId: target.id,
        version: risk.version,
        current: { consequence: target.state.consequence, likelihood: newLikelihood },
        note: 'Likelihood up after the meeting: the supplier has slipped again (e2e).',
      });
    });
    await admin.context.close();

    // Back as the steering group member: "Compare with today" lists the re-scored risk, old and new scores.
    await withFailureScreenshot(page, 'steering-compare', async () => {
      await page.goto(`${baseUrl}/p/${programmeId}/meetings/${meetingId}`);
      await page.getByRole('tab', { name: 'Compare with today' }).click();
      const compare = await api<Comparison>(page, 'meeting.compare', { programmeId, meetingId });
      const up = compare.comparison.changes.rescoredUp!.find((c) => c.id === target.id)!;
      expect(up).toMatchObject({ from: { score: target.state.score }, to: { score: newScore } });

      const group = page.locator('[data-change-kind="rescoredUp"]');
      const row = group.locator(`tr[data-risk-id="${target.id}"]`);
      await row.getByRole('link', { name: target.reference }).waitFor();
      await row.getByText(`Was: ${target.state.score}`, { exact: false }).waitFor();
      await row.getByText(`Now: ${newScore}`, { exact: false }).waitFor();
      expect(await group.locator('tbody tr').count()).toBe(compare.comparison.changes.rescoredUp!.length);

      const figures = page.getByRole('table', { name: 'Figures at the meeting and today' });
      for (const f of compare.comparison.figures) {
        const cells = figures.locator(`tr[data-figure="${f.key}"] td`);
        expect(await cells.nth(0).innerText()).toBe(String(f.then));
        expect(await cells.nth(1).innerText()).toBe(String(f.now));
      }
      await expectAccessible(page, 'compare with today');
      await screenshot(page, 'steering-compare');
    });
    await context.close();
  });
});
