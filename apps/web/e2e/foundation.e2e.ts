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
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const api = <T>(page: Page, path: string, input?: unknown) => apiQuery<T>(page, baseUrl, path, input);

async function fresh(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  return { context, page: await context.newPage() };
}

describe('foundation: sign-in, programmes, members, history', () => {
  it('rejects a wrong password with a clear message', async () => {
    const { context, page } = await fresh();
    await withFailureScreenshot(page, 'signin-error', async () => {
      await page.goto(`${baseUrl}/signin`);
      await expectAccessible(page, 'sign-in page');
      await page.getByLabel('Email address').fill(DEMO.admin);
      await page.getByLabel('Password', { exact: true }).fill('not the password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('Email or password is incorrect').waitFor();
      await screenshot(page, 'signin-error');
    });
    await context.close();
  });

  it('the programme admin signs in, picks the programme and sees the overview the database describes', async () => {
    const { context, page } = await fresh();
    await withFailureScreenshot(page, 'overview', async () => {
      await signIn(page, baseUrl, DEMO.admin);
      const programmes = await api<Array<{ id: string; name: string; code: string }>>(page, 'programme.list');
      expect(programmes).toHaveLength(2);
      for (const p of programmes) await page.getByRole('heading', { name: p.name }).waitFor();
      await expectAccessible(page, 'programme picker');
      await screenshot(page, 'programme-picker');

      const svcmh = programmes.find((p) => p.code === 'SVCMH')!;
      await page
        .getByRole('link', { name: new RegExp(svcmh.name) })
        .first()
        .click();
      await page.waitForURL(`**/p/${svcmh.id}`);
      await page.getByRole('heading', { level: 1, name: svcmh.name }).waitFor();
      const overview = await api<{
        countdown: { kind: string; days?: number };
        lots: Array<{ code: string; name: string }>;
        parties: Array<{ organisation: { name: string } }>;
        memberCount: number;
      }>(page, 'programme.overview', { programmeId: svcmh.id });
      const main = page.getByRole('main');
      expect(overview.countdown.kind).toBe('future');
      await main.getByText(String(overview.countdown.days), { exact: false }).first().waitFor();
      for (const lot of overview.lots) await main.getByText(lot.name).first().waitFor();
      for (const party of overview.parties) await main.getByText(party.organisation.name).first().waitFor();
      await expectAccessible(page, 'programme overview');
      await screenshot(page, 'programme-overview');
    });
    await context.close();
  });

  it('an admin invites a colleague, who accepts the one-time link and lands in the programme; history records it', async () => {
    const admin = await fresh();
    let inviteUrl = '';
    let programmeId = '';
    await withFailureScreenshot(admin.page, 'invite', async () => {
      await signIn(admin.page, baseUrl, DEMO.admin);
      const programmes = await api<Array<{ id: string; code: string }>>(admin.page, 'programme.list');
      programmeId = programmes.find((p) => p.code === 'SVCMH')!.id;
      await admin.page.goto(`${baseUrl}/p/${programmeId}/members`);
      const members = await api<Array<{ name: string }>>(admin.page, 'member.list', { programmeId });
      for (const m of members) await admin.page.getByRole('main').getByText(m.name).first().waitFor();
      await expectAccessible(admin.page, 'members page');
      await screenshot(admin.page, 'members');

      await admin.page
        .getByRole('button', { name: /invite/i })
        .first()
        .click();
      const dialog = admin.page.getByRole('dialog');
      await dialog.getByLabel('Full name').fill('Nadia Newcombe');
      await dialog.getByLabel('Email address').fill('nadia.newcombe@kingsmead-hc.example');
      await dialog.getByRole('combobox', { name: 'Organisation' }).click();
      await admin.page
        .getByRole('option', { name: /Kingsmead/ })
        .first()
        .click();
      await dialog.getByRole('combobox', { name: 'Role' }).click();
      await admin.page
        .getByRole('option', { name: /Provider contributor/ })
        .first()
        .click();
      await dialog.getByRole('button', { name: /send|invite|create/i }).click();
      inviteUrl = await admin.page.getByRole('dialog').getByLabel('Invitation link').inputValue();
      expect(inviteUrl).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
      await screenshot(admin.page, 'invite-link');
    });

    const invitee = await fresh();
    await withFailureScreenshot(invitee.page, 'accept-invite', async () => {
      await invitee.page.goto(inviteUrl);
      await invitee.page.getByText('Nadia Newcombe').first().waitFor();
      await expectAccessible(invitee.page, 'accept invitation page');
      await invitee.page.getByLabel('New password', { exact: true }).fill('a long enough passphrase');
      await invitee.page.getByLabel('Confirm password', { exact: true }).fill('a long enough passphrase');
      await invitee.page.getByRole('button', { name: /set password|accept|join/i }).click();
      await invitee.page.waitForURL((u) => !u.pathname.startsWith('/invite'));
      const me = await api<{ name: string }>(invitee.page, 'auth.me');
      expect(me.name).toBe('Nadia Newcombe');
      await screenshot(invitee.page, 'invitee-landed');
    });

    await withFailureScreenshot(admin.page, 'history', async () => {
      await admin.page.goto(`${baseUrl}/p/${programmeId}/audit`);
      await admin.page
        .getByText(/Invited Nadia Newcombe/)
        .first()
        .waitFor();
      await admin.page
        .getByText(/Nadia Newcombe accepted their invitation/)
        .first()
        .waitFor();
      await expectAccessible(admin.page, 'history page');
      await screenshot(admin.page, 'history');
    });
    await admin.context.close();
    await invitee.context.close();
  });

  it('a bidder sees only its own programme and never the rival bidder', async () => {
    const { context, page } = await fresh();
    await withFailureScreenshot(page, 'bidder', async () => {
      await signIn(page, baseUrl, DEMO.bidder);
      const programmes = await api<Array<{ id: string; code: string; name: string }>>(page, 'programme.list');
      expect(programmes.map((p) => p.code)).toEqual(['SVSLT']);
      await page.goto(`${baseUrl}/p/${programmes[0]!.id}`);
      await page.getByRole('heading', { level: 1, name: programmes[0]!.name }).waitFor();
      expect(await page.getByText(/Northgate/).count()).toBe(0);
      await screenshot(page, 'bidder-overview');
    });
    await context.close();
  });
});
