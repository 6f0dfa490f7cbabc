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
 * An assurance gateway as the ICB's steering group runs it: set up with its own criteria and a panel of two,
 * each panel member rates on their own (seeing colleagues' ratings only once their own are in), the group
 * opens moderation, agrees every criterion and domain with reasons, and records "progress with conditions";
 * the condition becomes a tracked RAID action and the provider assured sees the outcome, not the panel's work.
 */
const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

interface GatewayList {
  gateways: Array<{ id: string; name: string; status: string }>;
}
interface GatewayGet {
  gateway: { status: string; recommendation: string | null };
  domains: Array<{ name: string; agreedRating: string | null; criteria: Array<{ text: string }> }>;
  outcome: { conditions: Array<{ id: string; reference: string; title: string }> };
  panel: unknown[];
  ratings: unknown[];
}

async function as(email: string, width = 1440): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 1000 } });
  const page = await context.newPage();
  await signIn(page, baseUrl, email);
  return page;
}

const GATEWAY = 'Gateway 2: mobilisation readiness';

/** A panel member rates every criterion of the gateway in "Your ratings". */
async function rateAll(page: Page, ratings: Array<[criterion: string, rating: string, comment: string]>) {
  const section = page.getByRole('region', { name: 'Your ratings' });
  for (const [criterion, rating, comment] of ratings) {
    const card = section.getByRole('listitem').filter({ hasText: criterion });
    await card.getByText(rating, { exact: true }).click();
    await card.getByLabel(/Comment/).fill(comment);
    await card.getByRole('button', { name: /Save rating/ }).click();
    await card.getByText('Saved', { exact: true }).waitFor();
  }
}

describe('assurance gateways', () => {
  it('walks a gateway from panel scoring to a moderated recommendation with conditions', async () => {
    const admin = await as(DEMO.admin);
    await withFailureScreenshot(admin, 'gateways', async () => {
      const programmes = await apiQuery<Array<{ id: string; code: string }>>(
        admin,
        baseUrl,
        'programme.list',
      );
      const programmeId = programmes.find((p) => p.code === 'SVCMH')!.id;
      await admin.goto(`${baseUrl}/p/${programmeId}`);
      await admin.getByRole('link', { name: 'Assurance gateways' }).click();
      await admin.getByRole('heading', { level: 1, name: 'Assurance gateways' }).waitFor();

      // Set up: the incoming provider assured at ISAP checkpoint 3, a panel of two, own criteria.
      await admin.getByRole('button', { name: 'Set up a gateway' }).click();
      const setup = admin.getByRole('dialog', { name: 'Set up an assurance gateway' });
      await setup.getByLabel('Name').fill(GATEWAY);
      await setup.getByRole('combobox', { name: 'Organisation assured' }).click();
      await admin.getByRole('option', { name: /Severn Vale Community Partnership/ }).click();
      await setup.getByRole('combobox', { name: 'ISAP checkpoint (optional)' }).click();
      await admin.getByRole('option', { name: /checkpoint 3/ }).click();
      const panel = setup.getByRole('combobox', { name: 'Panel' });
      await panel.click();
      await admin.getByRole('option', { name: /Tom Okafor/ }).click();
      await admin.getByRole('option', { name: /Priya Raman/ }).click();
      await panel.press('Escape');
      await setup.getByLabel(/Start from the Suffolk template/).uncheck();
      await setup.getByRole('button', { name: 'Set up gateway' }).click();
      await admin.getByRole('heading', { level: 1, name: GATEWAY }).waitFor();

      // Its criteria: two domains, three criteria.
      await admin.getByRole('button', { name: 'Edit criteria' }).click();
      const editor = admin.getByRole('dialog', { name: 'Domains and criteria' });
      await editor.getByRole('button', { name: 'Add a domain' }).click();
      await editor.getByRole('textbox', { name: 'Domain 1', exact: true }).fill('Workforce and TUPE');
      await editor
        .getByLabel(/Criteria of Workforce and TUPE/)
        .fill('Measures letter issued to every transferring employee\nPayroll parallel run passed');
      await editor.getByRole('button', { name: 'Add a domain' }).click();
      await editor.getByRole('textbox', { name: 'Domain 2', exact: true }).fill('Clinical systems');
      await editor.getByLabel(/Criteria of Clinical systems/).fill('Caseload migrated and reconciled');
      await editor.getByRole('button', { name: 'Save criteria' }).click();
      await editor.waitFor({ state: 'hidden' });
      await admin.getByRole('button', { name: 'Start panel scoring' }).click();
      await admin
        .getByRole('dialog', { name: 'Start panel scoring' })
        .getByRole('button', { name: 'Start panel scoring' })
        .click();
      await admin.getByRole('button', { name: 'Open moderation' }).waitFor();
      const gatewayId = (
        await apiQuery<GatewayList>(admin, baseUrl, 'gateway.list', { programmeId })
      ).gateways.find((g) => g.name === GATEWAY)!.id;

      // Tom rates; until he has rated everything he sees only his own ratings.
      const tom = await as(DEMO.lead);
      await tom.goto(`${baseUrl}/p/${programmeId}/gateways/${gatewayId}`);
      await rateAll(tom, [
        ['Measures letter issued', 'Assured', 'All 212 letters issued on 3 November.'],
        ['Payroll parallel run', 'Partially assured', 'Second run still had 4 exceptions.'],
      ]);
      await tom.getByText(/Colleagues’ ratings appear here once you have rated every criterion/).waitFor();
      await rateAll(tom, [['Caseload migrated', 'Not assured', 'Reconciliation report not yet seen.']]);
      await tom.getByTestId('gateway-matrix').getByText('NA', { exact: true }).waitFor();
      await expectAccessible(tom, 'a panel member rating');
      await screenshot(tom, 'gateway-panel-rating');

      const priya = await as(DEMO.steering);
      await priya.goto(`${baseUrl}/p/${programmeId}/gateways/${gatewayId}`);
      await rateAll(priya, [
        ['Measures letter issued', 'Assured', 'Seen the tracker.'],
        ['Payroll parallel run', 'Partially assured', 'Agree: exceptions open.'],
        ['Caseload migrated', 'Partially assured', 'Migration done; reconciliation due Friday.'],
      ]);

      // Moderation: the group sees every rating and agrees each criterion and domain with reasons.
      await admin.reload();
      await admin.getByRole('button', { name: 'Open moderation' }).click();
      await admin
        .getByRole('dialog', { name: 'Open moderation' })
        .getByRole('button', { name: 'Open moderation' })
        .click();
      await admin.getByText('Moderation in progress').waitFor();
      const agree = async (button: RegExp, rating: string, reasons: string) => {
        await admin.getByRole('button', { name: button }).click();
        const modal = admin.getByRole('dialog', { name: /Agree the rating/ });
        await modal
          .getByRole('radiogroup', { name: 'Agreed rating' })
          .getByText(rating, { exact: true })
          .click();
        await modal.getByLabel('Reasons').fill(reasons);
        await modal.getByRole('button', { name: 'Agree rating' }).click();
        await modal.waitFor({ state: 'hidden' });
      };
      await agree(/^Agree Measures letter/, 'Assured', 'Tracker and letters seen by both.');
      await agree(/^Agree Payroll parallel run/, 'Partially assured', 'Four exceptions open.');
      await agree(/^Agree Caseload migrated/, 'Partially assured', 'Migration complete; reconciliation due.');
      await agree(/^Agree domain Workforce and TUPE/, 'Partially assured', 'As its weakest criterion.');
      await agree(/^Agree domain Clinical systems/, 'Partially assured', 'As its criterion.');
      await expectAccessible(admin, 'moderation');
      await screenshot(admin, 'gateway-moderation');

      // The recommendation, with one condition (the domains point to it).
      await admin.getByRole('button', { name: 'Record recommendation' }).click();
      const decide = admin.getByRole('dialog', { name: 'Record the recommendation' });
      expect(await decide.getByRole('radio', { name: 'Progress with conditions' }).isChecked()).toBe(true);
      await decide
        .getByLabel('Rationale')
        .fill(
          'Ready to go live on condition that payroll exceptions are cleared and the caseload reconciled.',
        );
      await decide
        .getByRole('textbox', { name: 'Condition 1', exact: true })
        .fill('Payroll exceptions cleared and third parallel run passed');
      await decide.getByRole('button', { name: 'Record recommendation' }).click();
      await decide.waitFor({ state: 'hidden' });
      const conditions = admin.getByTestId('gateway-conditions');
      await conditions.getByText('Payroll exceptions cleared and third parallel run passed').waitFor();
      const decided = await apiQuery<GatewayGet>(admin, baseUrl, 'gateway.get', { programmeId, gatewayId });
      expect(decided.gateway).toMatchObject({
        status: 'decided',
        recommendation: 'progress_with_conditions',
      });
      expect(decided.domains.map((d) => d.agreedRating)).toEqual(['partially_assured', 'partially_assured']);
      await expectAccessible(admin, 'a decided gateway');
      await screenshot(admin, 'gateway-decided');

      // The condition is an action on the RAID log, tracked like any other.
      const condition = decided.outcome.conditions[0]!;
      const raid = await apiQuery<Array<{ id: string; gatewayId: string | null }>>(
        admin,
        baseUrl,
        'raid.list',
        {
          programmeId,
          kind: 'action',
        },
      );
      expect(raid.find((i) => i.id === condition.id)?.gatewayId).toBe(gatewayId);

      // The provider assured reads the outcome, never the panel's individual ratings or evidence.
      const ceo = await as(DEMO.ceo);
      const seen = await apiQuery<GatewayGet>(ceo, baseUrl, 'gateway.get', { programmeId, gatewayId });
      expect([seen.panel, seen.ratings]).toEqual([[], []]);
      await ceo.goto(`${baseUrl}/p/${programmeId}/gateways/${gatewayId}`);
      await ceo
        .getByRole('region', { name: 'Recommendation' })
        .getByText('Progress with conditions')
        .waitFor();
      expect(await ceo.getByText('Tom Okafor').count()).toBe(0);
      expect(await ceo.getByRole('region', { name: /Evidence log/ }).count()).toBe(0);
      await expectAccessible(ceo, 'a gateway outcome, as the provider assured');
      await screenshot(ceo, 'gateway-outcome-provider');
      for (const p of [admin, tom, priya, ceo]) await p.context().close();
    });
  });

  it('lists the demo gateways with the panel’s progress', async () => {
    const admin = await as(DEMO.admin);
    await withFailureScreenshot(admin, 'gateways-list', async () => {
      const programmes = await apiQuery<Array<{ id: string; code: string }>>(
        admin,
        baseUrl,
        'programme.list',
      );
      const programmeId = programmes.find((p) => p.code === 'SVCMH')!.id;
      const list = await apiQuery<GatewayList>(admin, baseUrl, 'gateway.list', { programmeId });
      await admin.goto(`${baseUrl}/p/${programmeId}/gateways`);
      const cards = admin.getByRole('list', { name: 'Gateways' }).getByRole('listitem');
      await expect.poll(() => cards.count(), { timeout: 10_000 }).toBe(list.gateways.length);
      expect(list.gateways.length).toBeGreaterThan(0);
      await expectAccessible(admin, 'gateways list');
      await screenshot(admin, 'gateways');
      await admin.context().close();
    });
  });
});
