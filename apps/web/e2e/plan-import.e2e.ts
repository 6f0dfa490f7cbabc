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
 * A transition lead brings a plan in from Microsoft Project: the file's resources and summary tasks are
 * matched to organisations and workstreams, the preview shows the critical path before anything is saved,
 * and the import lands in the plan. A plan downloaded for Project and imported back changes nothing. Then
 * the lead subscribes a calendar to their dates.
 */
const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const iso = (days: number) => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

interface TransferSummary {
  transfer: {
    id: string;
    name: string;
    lotId: string;
    outgoing: { id: string; shortName: string };
    incoming: { id: string; shortName: string };
  };
}

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function projectFile(outgoing: string, incoming: string, goLive: string): string {
  const at = (d: string, t = '08:00:00') => `${d}T${t}`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Project xmlns="http://schemas.microsoft.com/project">
  <Title>Community podiatry transfer</Title>
  <MinutesPerDay>480</MinutesPerDay>
  <Calendars><Calendar><UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar></Calendar></Calendars>
  <Tasks>
    <Task><UID>0</UID><ID>0</ID><Name>Community podiatry transfer</Name><OutlineLevel>0</OutlineLevel><Summary>1</Summary></Task>
    <Task><UID>1</UID><ID>1</ID><Name>Workforce and TUPE</Name><OutlineLevel>1</OutlineLevel><Summary>1</Summary><Start>${at(iso(-60))}</Start><Finish>${at(iso(90), '17:00:00')}</Finish></Task>
    <Task><UID>2</UID><ID>2</ID><Name>Employee liability information received</Name><OutlineLevel>2</OutlineLevel>
      <Start>${at(iso(-60))}</Start><Finish>${at(iso(-30), '17:00:00')}</Finish><PercentComplete>100</PercentComplete>
      <ActualStart>${at(iso(-60))}</ActualStart><ActualFinish>${at(iso(-30), '17:00:00')}</ActualFinish></Task>
    <Task><UID>3</UID><ID>3</ID><Name>Consult podiatry staff on measures</Name><OutlineLevel>2</OutlineLevel>
      <Start>${at(iso(-10))}</Start><Finish>${at(iso(90), '17:00:00')}</Finish><PercentComplete>20</PercentComplete><ActualStart>${at(iso(-10))}</ActualStart>
      <PredecessorLink><PredecessorUID>2</PredecessorUID><Type>1</Type><LinkLag>0</LinkLag><LagFormat>7</LagFormat></PredecessorLink></Task>
    <Task><UID>4</UID><ID>4</ID><Name>IT and records</Name><OutlineLevel>1</OutlineLevel><Summary>1</Summary></Task>
    <Task><UID>5</UID><ID>5</ID><Name>Migrate podiatry records</Name><OutlineLevel>2</OutlineLevel>
      <Start>${at(iso(104))}</Start><Finish>${at(iso(200), '17:00:00')}</Finish>
      <PredecessorLink><PredecessorUID>3</PredecessorUID><Type>1</Type><LinkLag>201600</LinkLag><LagFormat>8</LagFormat></PredecessorLink></Task>
    <Task><UID>6</UID><ID>6</ID><Name>Podiatry service goes live</Name><OutlineLevel>2</OutlineLevel><Milestone>1</Milestone>
      <Start>${at(goLive)}</Start><Finish>${at(goLive)}</Finish>
      <PredecessorLink><PredecessorUID>5</PredecessorUID><Type>1</Type></PredecessorLink></Task>
  </Tasks>
  <Resources>
    <Resource><UID>1</UID><ID>1</ID><Name>${xmlText(outgoing)}</Name></Resource>
    <Resource><UID>2</UID><ID>2</ID><Name>${xmlText(incoming)}</Name></Resource>
  </Resources>
  <Assignments>
    <Assignment><UID>1</UID><TaskUID>2</TaskUID><ResourceUID>1</ResourceUID></Assignment>
    <Assignment><UID>2</UID><TaskUID>3</TaskUID><ResourceUID>1</ResourceUID></Assignment>
    <Assignment><UID>3</UID><TaskUID>5</TaskUID><ResourceUID>2</ResourceUID></Assignment>
  </Assignments>
</Project>`;
}

describe('plans from Microsoft Project, and calendar feeds', () => {
  it('the lead imports a Project plan with a preview of its critical path, and a plan sent to Project comes back unchanged', async () => {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 1000 },
      acceptDownloads: true,
    });
    const page: Page = await context.newPage();
    await withFailureScreenshot(page, 'plan-import', async () => {
      await signIn(page, baseUrl, DEMO.lead);
      const programmes = await apiQuery<Array<{ id: string; code: string }>>(page, baseUrl, 'programme.list');
      const programmeId = programmes.find((p) => p.code === 'SVCMH')!.id;
      const transfers = await apiQuery<TransferSummary[]>(page, baseUrl, 'transition.transfers', {
        programmeId,
      });
      const demo = transfers[0]!.transfer;
      const goLive = iso(240);
      const created = await apiMutate<{ transfer: { id: string; name: string } }>(
        page,
        baseUrl,
        'transition.createTransfer',
        {
          programmeId,
          name: `Podiatry from Project ${Date.now().toString(36)}`,
          lotId: demo.lotId,
          outgoingOrganisationId: demo.outgoing.id,
          incomingOrganisationId: demo.incoming.id,
          plannedTransferDate: goLive,
          applyTemplate: false,
        },
      );
      const transferId = created.transfer.id;

      await page.goto(`${baseUrl}/p/${programmeId}/transition/${transferId}`);
      await page.getByRole('button', { name: 'Import a plan' }).click();
      const dialog = page.getByRole('dialog', { name: `Import a plan into ${created.transfer.name}` });
      await dialog.locator('input[type=file]').setInputFiles({
        name: 'podiatry.xml',
        mimeType: 'application/xml',
        buffer: Buffer.from(projectFile(demo.outgoing.shortName, demo.incoming.shortName, goLive)),
      });
      await dialog.getByRole('button', { name: 'Read file' }).click();
      // The resources and summaries are matched by name, without touching them.
      await expect
        .poll(() => dialog.getByLabel(`“${demo.outgoing.shortName}”: organisation`).inputValue())
        .toBe(demo.outgoing.shortName);
      expect(await dialog.getByLabel('“IT and records”').inputValue()).toBe('IT, data migration and records');
      await screenshot(page, 'plan-import-match');
      await expectAccessible(page, 'plan import: matching');
      await dialog.getByRole('button', { name: 'Check the plan' }).click();
      const path = dialog.getByTestId('import-critical-path');
      await expect.poll(() => path.textContent(), { timeout: 20_000 }).toContain('Migrate podiatry records');
      expect(await path.textContent()).toContain('Consult podiatry staff on measures');
      await screenshot(page, 'plan-import-preview');
      await expectAccessible(page, 'plan import: preview');
      await dialog.getByRole('button', { name: 'Import 4 tasks' }).click();
      await expect
        .poll(() => dialog.getByRole('status').filter({ hasText: 'Plan imported' }).count(), {
          timeout: 20_000,
        })
        .toBe(1);
      await dialog.getByRole('button', { name: 'Back to the plan' }).click();

      // The plan is the file's: four tasks, the lag kept, the same critical path the preview showed.
      const plan = await apiQuery<{
        tasks: Array<{ id: string; title: string }>;
        dependencies: Array<{ lagDays: number }>;
        criticalPath: string[];
      }>(page, baseUrl, 'transition.plan', { programmeId, transferId });
      expect(plan.tasks).toHaveLength(4);
      expect(plan.dependencies.map((d) => d.lagDays).sort()).toEqual([0, 0, 14]);
      const titles = plan.criticalPath.map((id) => plan.tasks.find((t) => t.id === id)!.title);
      expect(titles).toContain('Migrate podiatry records');
      await expect.poll(() => page.getByText('Migrate podiatry records').count()).toBeGreaterThan(0);
      await screenshot(page, 'plan-import-done');

      // A demo plan downloaded for Microsoft Project, imported straight back: nothing to change.
      await page.goto(`${baseUrl}/p/${programmeId}/transition/${demo.id}`);
      const link = page.getByRole('link', { name: 'Download for Microsoft Project (XML)' });
      const href = await link.getAttribute('href');
      const xml = await (await page.request.get(`${baseUrl}${href}`)).body();
      expect(xml.toString('utf8')).toContain('<Project xmlns="http://schemas.microsoft.com/project">');
      await page.getByRole('button', { name: 'Import a plan' }).click();
      const again = page.getByRole('dialog', { name: `Import a plan into ${demo.name}` });
      await again.locator('input[type=file]').setInputFiles({
        name: 'plan.xml',
        mimeType: 'application/xml',
        buffer: xml,
      });
      await again.getByRole('button', { name: 'Read file' }).click();
      await again.getByRole('button', { name: 'Check the plan' }).click();
      await expect.poll(() => again.getByText(/^0 new$/).count(), { timeout: 20_000 }).toBe(1);
      expect(await again.getByText(/^0 to update$/).count()).toBe(1);
      expect(await again.getByRole('button', { name: /^Import 0 tasks$/ }).isDisabled()).toBe(true);
    });
    await context.close();
  }, 120_000);

  it('the lead makes a calendar link that serves iCalendar, and turns it off', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page: Page = await context.newPage();
    await withFailureScreenshot(page, 'calendar-feed', async () => {
      await signIn(page, baseUrl, DEMO.lead);
      const programmes = await apiQuery<Array<{ id: string; code: string }>>(page, baseUrl, 'programme.list');
      const programmeId = programmes.find((p) => p.code === 'SVCMH')!.id;
      await page.goto(`${baseUrl}/p/${programmeId}/my-tasks`);
      await page.getByRole('button', { name: 'Make my calendar link' }).click();
      const input = page.getByLabel(/Your calendar link/);
      await expect.poll(() => input.inputValue()).toMatch(/\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
      const url = await input.inputValue();
      const res = await page.request.get(url);
      expect(res.status()).toBe(200);
      expect(res.headers()['content-type']).toMatch(/^text\/calendar/);
      expect(await res.text()).toContain('BEGIN:VEVENT');
      await page.getByRole('heading', { name: 'See these dates in your calendar' }).scrollIntoViewIfNeeded();
      await screenshot(page, 'calendar-feed');
      await expectAccessible(page, 'my tasks with the calendar link');
      await page.getByRole('button', { name: 'Turn the link off' }).click();
      await expect.poll(async () => (await page.request.get(url)).status()).toBe(404);
    });
    await context.close();
  }, 60_000);
});
