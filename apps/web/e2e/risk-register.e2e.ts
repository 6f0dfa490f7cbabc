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
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const api = <T>(page: Page, path: string, input?: unknown) => apiQuery<T>(page, baseUrl, path, input);

const mutate = <T>(page: Page, path: string, input: unknown) => apiMutate<T>(page, baseUrl, path, input);

async function fresh(width = 1366): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  return { context, page: await context.newPage() };
}

async function communityProgrammeId(page: Page): Promise<string> {
  const programmes = await api<Array<{ id: string; code: string }>>(page, 'programme.list');
  return programmes.find((p) => p.code === 'SVCMH')!.id;
}

interface Assessment {
  consequence: number;
  likelihood: number;
  score: number;
}
interface ListedRisk {
  id: string;
  reference: string;
  title: string;
  version: number;
  status: string;
  cause: string;
  controls: string;
  lotIds: string[];
  current: Assessment;
  initial: Assessment;
  owningOrganisation: { id: string; shortName: string };
}
interface RiskList {
  items: ListedRisk[];
  total: number;
}
type Cell = { consequence: number; likelihood: number; count: number };

const CONSEQUENCE = ['', 'Negligible', 'Minor', 'Moderate', 'Major', 'Catastrophic'];
const LIKELIHOOD = ['', 'Rare', 'Unlikely', 'Possible', 'Likely', 'Almost certain'];
/** The register's default view: open and draft risks. */
const DEFAULT_FILTER = { statuses: ['open', 'draft'] };
const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

describe('risk register: register, heat map, detail, review, what changed', () => {
  it('the transition lead sees the register the API describes, filters by a heat map cell, reviews a risk and opens What changed', async () => {
    const { context, page } = await fresh();
    await withFailureScreenshot(page, 'risk-register', async () => {
      await signIn(page, baseUrl, DEMO.lead);
      const programmeId = await communityProgrammeId(page);

      // The register: "Showing 50 of N" where N is risk.list's total for the default view.
      await page.goto(`${baseUrl}/p/${programmeId}/risks`);
      await page.getByRole('heading', { level: 1, name: 'Risk register' }).waitFor();
      const all = await api<RiskList>(page, 'risk.list', { programmeId, filter: DEFAULT_FILTER, limit: 50 });
      expect(all.total).toBeGreaterThan(20);
      const counter = page.getByTestId('register-count');
      await counter.getByText(`of ${count(all.total, 'risk', 'risks')}`).waitFor();
      await expect(counter.textContent()).resolves.toBe(
        `Showing ${Math.min(all.total, 50)} of ${count(all.total, 'risk', 'risks')}`,
      );
      const table = page.getByRole('region', { name: 'Risk register table' });
      // The first screenful renders first, the rest a frame later.
      await expect.poll(() => table.locator('tbody tr').count()).toBe(Math.min(all.total, 50));
      await table.getByRole('link', { name: all.items[0]!.title }).waitFor();
      await expectAccessible(page, 'risk register');
      await screenshot(page, 'risk-register');

      // A score chip's tooltip is built on first hover and says how the score was reached.
      const first = all.items[0]!;
      const initialCell = table.locator('tbody tr').first().locator('td').nth(5);
      await initialCell.locator('span').first().hover();
      const { consequence: c, likelihood: l, score } = first.initial;
      await expect
        .poll(() => page.getByRole('tooltip').textContent())
        .toMatch(
          new RegExp(
            `^${c} ${CONSEQUENCE[c]} × ${l} ${LIKELIHOOD[l]} = ${score} \\((Low|Moderate|High|Extreme)\\)$`,
          ),
        );
      await page.mouse.move(0, 0);
      await page.getByRole('tooltip').waitFor({ state: 'detached' });

      // Sorting by a header is a button with aria-sort on its column.
      await table.getByRole('button', { name: /^Ref/ }).click();
      await page.waitForURL(/sort=reference/);
      await expect(table.locator('th[aria-sort="ascending"]').textContent()).resolves.toMatch(/^Ref/);
      const byRef = await api<RiskList>(page, 'risk.list', {
        programmeId,
        filter: DEFAULT_FILTER,
        sort: 'reference',
        direction: 'asc',
        limit: 50,
      });
      await expect
        .poll(() => table.locator('tbody tr').first().locator('td').nth(1).textContent())
        .toBe(byRef.items[0]!.reference);

      // A heat map cell filters the table to that cell: the table's count is the cell's count.
      const heat = await api<Record<'current' | 'initial' | 'target', Cell[]>>(page, 'risk.heatMap', {
        programmeId,
        filter: DEFAULT_FILTER,
      });
      const busiest = [...heat.current].sort((a, b) => b.count - a.count)[0]!;
      const cellLabel = `Consequence ${busiest.consequence} ${CONSEQUENCE[busiest.consequence]}, likelihood ${busiest.likelihood} ${LIKELIHOOD[busiest.likelihood]}: ${count(busiest.count, 'risk', 'risks')}`;
      await page.getByRole('button', { name: cellLabel, exact: true }).click();
      await page.waitForURL(/cell=current/);
      await counter
        .getByText(`Showing ${busiest.count} of ${count(busiest.count, 'risk', 'risks')}`, { exact: true })
        .waitFor();
      await expect.poll(() => table.locator('tbody tr').count()).toBe(busiest.count);
      const inCell = await api<RiskList>(page, 'risk.list', {
        programmeId,
        filter: { ...DEFAULT_FILTER, cell: { kind: 'current', ...busiest, count: undefined } },
        limit: 50,
      });
      expect(inCell.total).toBe(busiest.count);
      await expect(
        page.getByRole('button', { name: cellLabel, exact: true }).getAttribute('aria-pressed'),
      ).resolves.toBe('true');
      await screenshot(page, 'risk-register-cell');
      await page.setViewportSize({ width: 1024, height: 900 });
      await screenshot(page, 'risk-register-1024');
      await page.setViewportSize({ width: 1366, height: 900 });

      // Open a risk from the filtered table.
      const target = inCell.items[0]!;
      await table.getByRole('link', { name: target.title }).click();
      await page.waitForURL(`**/p/${programmeId}/risks/${target.id}`);
      await page.getByRole('heading', { level: 1, name: target.title }).waitFor();
      await page.getByText(target.reference, { exact: true }).first().waitFor();
      await expectAccessible(page, 'risk detail');
      await screenshot(page, 'risk-detail');

      // Record a review that moves the likelihood; the new score shows in the risk's history.
      const before = await api<{ risk: ListedRisk; history: Array<{ score: number }> }>(page, 'risk.get', {
        programmeId,
        riskId: target.id,
      });
      const likelihood = before.risk.current.likelihood > 1 ? before.risk.current.likelihood - 1 : 2;
      const newScore = before.risk.current.consequence * likelihood;
      const review = page.getByRole('form', { name: 'Record a review' });
      await review.getByRole('combobox', { name: 'Likelihood' }).click();
      await page
        .getByRole('option', { name: `${likelihood} ${LIKELIHOOD[likelihood]}`, exact: true })
        .click();
      const note = 'Reviewed at the steering group: mitigation is working (e2e).';
      await review.getByLabel('What the review found').fill(note);
      await review.getByRole('button', { name: 'Record review' }).click();
      const reviews = page.getByRole('region', { name: 'Reviews and re-scores' });
      const newest = reviews.locator('tbody tr').first();
      await newest.getByText(note).waitFor();
      await expect(newest.textContent()).resolves.toContain(`= ${newScore}`);
      const after = await api<{ risk: ListedRisk; history: Array<{ score: number; note: string }> }>(
        page,
        'risk.get',
        { programmeId, riskId: target.id },
      );
      expect(after.risk.current.score).toBe(newScore);
      expect(after.history.at(-1)).toMatchObject({ score: newScore, note });
      expect(after.history).toHaveLength(before.history.length + 1);
      await screenshot(page, 'risk-detail-reviewed');

      // What changed, over the default four weeks: every section's count is the API's.
      await page.getByRole('link', { name: 'Risk register' }).first().click();
      await page.getByRole('link', { name: 'What changed' }).click();
      await page.getByRole('heading', { level: 1, name: 'What changed' }).waitFor();
      // The default period: the four weeks to today (a UK date, as the server counts days).
      const to = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
      const from = new Date(Date.parse(`${to}T00:00:00Z`) - 28 * 86_400_000).toISOString().slice(0, 10);
      const longDate = (iso: string) =>
        new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(
          new Date(`${iso}T00:00:00Z`),
        );
      await expect(page.getByRole('textbox', { name: 'From' }).inputValue()).resolves.toBe(longDate(from));
      await expect(page.getByRole('textbox', { name: 'To' }).inputValue()).resolves.toBe(longDate(to));
      const changes = await api<{ counts: Record<string, number>; overdueActionsTotal: number }>(
        page,
        'risk.whatChanged',
        { programmeId, from, to },
      );
      for (const [key, title] of [
        ['new', 'New risks'],
        ['rescoredUp', 'Re-scored up'],
        ['rescoredDown', 'Re-scored down'],
        ['escalated', 'Escalated'],
        ['deescalated', 'De-escalated'],
        ['closed', 'Closed'],
        ['materialised', 'Materialised'],
      ] as const) {
        await page.getByRole('heading', { name: `${title} (${changes.counts[key]})`, exact: true }).waitFor();
      }
      await page
        .getByRole('heading', { name: `Overdue actions (${changes.overdueActionsTotal})`, exact: true })
        .waitFor();
      // The risk just reviewed moved today, so it is listed as re-scored.
      const moved = newScore > before.risk.current.score ? 'Re-scored up' : 'Re-scored down';
      if (newScore !== before.risk.current.score) {
        await page
          .getByRole('region', { name: new RegExp(`^${moved}`) })
          .getByRole('link', { name: target.title })
          .waitFor();
      }
      await expectAccessible(page, 'what changed');
      await screenshot(page, 'what-changed');
    });
    await context.close();
  });

  it('a quick re-score from the register names the version it read: a colleague’s change first is a clear conflict', async () => {
    const { context, page } = await fresh();
    await withFailureScreenshot(page, 'risk-register-conflict', async () => {
      await signIn(page, baseUrl, DEMO.lead);
      const programmeId = await communityProgrammeId(page);
      await page.goto(`${baseUrl}/p/${programmeId}/risks?sort=reference&dir=asc`);
      const list = await api<RiskList>(page, 'risk.list', {
        programmeId,
        filter: DEFAULT_FILTER,
        sort: 'reference',
        direction: 'asc',
        limit: 50,
      });
      const risk = list.items.find((r) => r.current.likelihood < 5)!;
      const table = page.getByRole('region', { name: 'Risk register table' });
      await table.getByRole('link', { name: risk.title }).waitFor();

      // Someone else saves first (the page still shows the version it read): the whole risk, one field changed.
      const { risk: full } = await api<{ risk: Record<string, unknown> }>(page, 'risk.get', {
        programmeId,
        riskId: risk.id,
      });
      const level = (a: unknown) => {
        const { consequence, likelihood } = a as Assessment;
        return { consequence, likelihood };
      };
      await mutate(page, 'risk.update', {
        ...Object.fromEntries(
          [
            'title',
            'cause',
            'event',
            'effect',
            'categoryKey',
            'workstream',
            'lotIds',
            'affectedOrganisationIds',
            'controls',
            'status',
            'targetDate',
            'proximity',
            'escalationTier',
          ].map((k) => [k, full[k]]),
        ),
        ownerUserId: (full.owner as { id: string } | null)?.id ?? null,
        owningOrganisationId: (full.owningOrganisation as { id: string }).id,
        initial: level(full.initial),
        current: level(full.current),
        target: level(full.target),
        gaps: 'Updated by a colleague meanwhile (e2e).',
        programmeId,
        riskId: risk.id,
        version: risk.version,
      });
      await table.getByRole('button', { name: new RegExp(`^Re-score ${risk.reference}`) }).click();
      const editor = page.getByRole('dialog', { name: `Re-score ${risk.reference} (current)` });
      await editor.getByRole('textbox', { name: 'Likelihood' }).fill(String(risk.current.likelihood + 1));
      await editor.getByRole('textbox', { name: 'Likelihood' }).press('Enter');
      await page.getByText(`Someone else changed ${risk.reference} while you were editing`).waitFor();
      await screenshot(page, 'risk-register-conflict');

      // The register now shows the latest version, and the same quick re-score succeeds.
      await table.getByRole('button', { name: new RegExp(`^Re-score ${risk.reference}`) }).click();
      await editor.getByRole('textbox', { name: 'Likelihood' }).fill(String(risk.current.likelihood + 1));
      await editor.getByRole('textbox', { name: 'Likelihood' }).press('Enter');
      await page.getByText(`${risk.reference} saved`).waitFor();
      const saved = await api<{ risk: ListedRisk }>(page, 'risk.get', { programmeId, riskId: risk.id });
      expect(saved.risk.current.likelihood).toBe(risk.current.likelihood + 1);
      expect(saved.risk.version).toBe(risk.version + 2);
      // A quick re-score changes the score and nothing else.
      expect(saved.risk).toMatchObject({ cause: risk.cause, controls: risk.controls, lotIds: risk.lotIds });
    });
    await context.close();
  });

  it('a drawer or editor whose code loads on first open gives focus back to what opened it', async () => {
    const { context, page } = await fresh();
    await withFailureScreenshot(page, 'risk-register-focus-return', async () => {
      await signIn(page, baseUrl, DEMO.lead);
      const programmeId = await communityProgrammeId(page);
      await page.goto(`${baseUrl}/p/${programmeId}/risks`);
      const isFocused = (name: string | RegExp) =>
        page
          .getByRole('button', { name })
          .first()
          .evaluate((el) => el === document.activeElement);
      // The new-risk drawer: first open (its code loads then) and a second one; Escape closes both times.
      const opener = page.getByRole('button', { name: 'New risk', exact: true });
      for (const time of ['first', 'second']) {
        await opener.focus();
        await page.keyboard.press('Enter');
        const drawer = page.getByRole('dialog', { name: 'New risk' });
        await drawer.waitFor();
        await expect.poll(() => drawer.evaluate((d) => d.contains(document.activeElement)), time).toBe(true);
        await page.keyboard.press('Escape');
        await drawer.waitFor({ state: 'detached' });
        await expect.poll(() => isFocused(/^New risk$/), `${time} close`).toBe(true);
      }
      // A row's quick editor, the same way.
      const rescore = page.getByRole('button', { name: /^Re-score R-0/ }).first();
      await rescore.focus();
      await page.keyboard.press('Enter');
      const editor = page.getByRole('dialog', { name: /^Re-score R-0\d\d \(current\)$/ });
      await editor.waitFor();
      await page.keyboard.press('Escape');
      await editor.waitFor({ state: 'detached' });
      await expect.poll(() => isFocused(/^Re-score R-0/)).toBe(true);
    });
    await context.close();
  });

  it('the outgoing provider’s contributor cannot change a risk another organisation owns', async () => {
    const { context, page } = await fresh();
    await withFailureScreenshot(page, 'risk-read-only', async () => {
      await signIn(page, baseUrl, DEMO.outgoingContributor);
      const programmeId = await communityProgrammeId(page);
      const me = await api<{ organisation: { id: string } }>(page, 'auth.me');
      const list = await api<RiskList>(page, 'risk.list', { programmeId, filter: DEFAULT_FILTER, limit: 50 });
      const theirs = list.items.find((r) => r.owningOrganisation.id !== me.organisation.id)!;
      const mine = list.items.find((r) => r.owningOrganisation.id === me.organisation.id);

      // In the register only their own organisation's rows offer changes.
      await page.goto(`${baseUrl}/p/${programmeId}/risks`);
      const table = page.getByRole('region', { name: 'Risk register table' });
      await table.getByRole('link', { name: theirs.title }).waitFor();
      expect(await table.getByRole('button', { name: `Change status of ${theirs.reference}` }).count()).toBe(
        0,
      );
      expect(
        await table.getByRole('button', { name: new RegExp(`^Re-score ${theirs.reference}`) }).count(),
      ).toBe(0);
      if (mine) {
        await table
          .getByRole('button', { name: new RegExp(`^Change status of ${mine.reference}`) })
          .waitFor();
      }

      // The other organisation's risk opens read-only.
      await page.goto(`${baseUrl}/p/${programmeId}/risks/${theirs.id}`);
      await page.getByRole('heading', { level: 1, name: theirs.title }).waitFor();
      const detail = await api<{ canEdit: boolean }>(page, 'risk.get', { programmeId, riskId: theirs.id });
      expect(detail.canEdit).toBe(false);
      await page.getByText(`Read only: owned by ${theirs.owningOrganisation.shortName}`).waitFor();
      for (const name of ['Edit risk', 'Record review', 'Add action'])
        expect(await page.getByRole('button', { name }).count(), name).toBe(0);
      expect(await page.getByRole('form', { name: 'Record a review' }).count()).toBe(0);
      await expectAccessible(page, 'read-only risk detail');
      await screenshot(page, 'risk-detail-read-only');
    });
    await context.close();
  });
});
