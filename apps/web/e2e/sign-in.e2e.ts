import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { totpCodeAt } from '../../../packages/api/src/auth/totp';
import {
  startTestIdentityProvider,
  type TestIdentityProvider,
} from '../../server/src/testing/identity-provider';
import {
  apiMutate,
  apiQuery,
  DEMO,
  DEMO_PASSWORD,
  expectAccessible,
  launch,
  screenshot,
  signIn,
  withFailureScreenshot,
} from './browser';

/*
 * Signing in with the organisation's own account, in the browser, against a real OpenID Connect provider
 * (oidc-provider) started here: a system administrator sets Northgate's provider up on the Sign-in providers
 * page's API; a Northgate person types their email, presses "Sign in with …", types their login on the
 * provider's own page and lands in Baton signed in. Then a second factor: set up from the Security page with
 * the key shown, recovery codes shown once, and the next sign-in asks for a code.
 */
const baseUrl = inject('baseUrl');
let browser: Browser;
let idp: TestIdentityProvider;
const FIONA = 'fiona.chen@northgate-sls.example';
const JAMES = 'james.whitfield@kingsmead-hc.example';

beforeAll(async () => {
  browser = await launch();
  idp = await startTestIdentityProvider({
    redirectUris: [`${baseUrl}/auth/sso/callback`],
    postLogoutRedirectUris: [`${baseUrl}/signin`],
    accounts: { 'fiona-0001': { email: FIONA, email_verified: true, name: 'Fiona Chen' } },
  });
});
afterAll(async () => {
  await idp?.close();
  await browser?.close();
});

describe('signing in', () => {
  it('with the organisation’s own account (OpenID Connect)', async () => {
    const adminContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const admin = await adminContext.newPage();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    let providerId = '';
    await withFailureScreenshot(page, 'sign-in-sso', async () => {
      await signIn(admin, baseUrl, DEMO.admin);
      const orgs = await apiQuery<Array<{ id: string; name: string }>>(admin, baseUrl, 'organisation.list');
      const northgate = orgs.find((o) => o.name.startsWith('Northgate'))!;
      const saved = await apiMutate<{ id: string }>(admin, baseUrl, 'sso.saveProvider', {
        organisationId: northgate.id,
        displayName: 'Northgate account',
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
        emailDomains: ['northgate-sls.example'],
        requireSso: false,
        enabled: true,
      });
      providerId = saved.id;
      // The administrator's page lists it, with the redirect URI to register.
      await admin.goto(`${baseUrl}/admin/sign-in`);
      await admin.getByRole('heading', { level: 1, name: 'Sign-in providers' }).waitFor();
      const listed = await apiQuery<unknown[]>(admin, baseUrl, 'sso.providers');
      await expect
        .poll(() => admin.getByTestId('sign-in-providers').locator('tbody tr').count())
        .toBe(listed.length);
      await admin.getByRole('button', { name: 'Check' }).first().click();
      await admin.getByText(/Found http:\/\/127\.0\.0\.1/).waitFor();
      await expectAccessible(admin, 'sign-in providers');
      await screenshot(admin, 'sign-in-providers');

      await page.goto(`${baseUrl}/signin`);
      await page.getByLabel('Email address').fill(FIONA);
      const button = page.getByRole('button', { name: 'Sign in with Northgate account' });
      await button.waitFor();
      await expectAccessible(page, 'sign-in with a provider');
      await screenshot(page, 'sign-in-sso-offered');
      await button.click();
      // The provider's own sign-in page.
      await page.waitForURL((u) => u.href.startsWith(idp.issuer));
      await page.locator('input[name="login"]').fill('fiona-0001');
      await page.locator('input[name="password"]').fill('anything');
      await page.getByRole('button', { name: 'Sign-in' }).click();
      await page.waitForURL((u) => u.href.startsWith(baseUrl) && !u.pathname.startsWith('/signin'));
      const me = await apiQuery<{ email: string }>(page, baseUrl, 'auth.me');
      expect(me.email).toBe(FIONA);
      // Signing out offers the provider's own sign-out.
      await page.getByRole('button', { name: /account menu/ }).click();
      await page.getByRole('menuitem', { name: 'Sign out' }).click();
      await page.getByRole('link', { name: 'Sign out of Northgate account too' }).waitFor();
      await screenshot(page, 'sign-in-sso-signed-out');
    });
    // Other browser tests sign Northgate people in with passwords: leave no provider behind.
    const [p] = await apiQuery<Array<{ id: string; version: number }>>(admin, baseUrl, 'sso.providers');
    if (p && p.id === providerId)
      await apiMutate(admin, baseUrl, 'sso.removeProvider', { id: p.id, version: p.version });
    await adminContext.close();
    await context.close();
  });

  it('with a password and an authenticator app (second factor)', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await withFailureScreenshot(page, 'sign-in-second-factor', async () => {
      await signIn(page, baseUrl, JAMES);
      await page.getByRole('button', { name: /account menu/ }).click();
      await page.getByRole('menuitem', { name: 'Security' }).click();
      await page.getByRole('heading', { level: 1, name: 'Security' }).waitFor();
      await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
      const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
      await expectAccessible(page, 'set up an authenticator app');
      await screenshot(page, 'security-set-up');
      await page.getByLabel('6-digit code from the app').fill(totpCodeAt(secret, Date.now()));
      await page.getByRole('button', { name: 'Turn on' }).click();
      const codes = page.getByTestId('recovery-codes').locator('code');
      await expect.poll(() => codes.count()).toBe(10);
      const recovery = (await codes.first().textContent())!;
      await screenshot(page, 'security-recovery-codes');
      await page.getByRole('button', { name: 'I have saved them' }).click();
      const status = await apiQuery<{ enabled: boolean; recoveryCodesLeft: number }>(
        page,
        baseUrl,
        'auth.secondFactor',
      );
      expect(status).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
      await page.getByText('10 recovery codes left', { exact: false }).waitFor();

      // Signing in again asks for a code; a recovery code works once.
      const fresh = await (await browser.newContext()).newPage();
      await fresh.goto(`${baseUrl}/signin`);
      await fresh.getByLabel('Email address').fill(JAMES);
      await fresh.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
      await fresh.getByRole('button', { name: 'Sign in', exact: true }).click();
      await fresh.getByRole('heading', { name: 'Check it’s you' }).waitFor();
      await fresh.getByLabel('Code from your authenticator app').fill('000000');
      await fresh.getByRole('button', { name: 'Continue' }).click();
      await fresh.getByRole('alert').filter({ hasText: 'That code is not right' }).waitFor();
      await expectAccessible(fresh, 'second factor step');
      await screenshot(fresh, 'sign-in-second-factor');
      await fresh.getByRole('button', { name: 'Use a recovery code instead' }).click();
      await fresh.getByLabel('Recovery code').fill(recovery);
      await fresh.getByRole('button', { name: 'Continue' }).click();
      await fresh.waitForURL((u) => !u.pathname.startsWith('/signin'));
      expect(
        (await apiQuery<{ recoveryCodesLeft: number }>(fresh, baseUrl, 'auth.secondFactor'))
          .recoveryCodesLeft,
      ).toBe(9);
    });
    await context.close();
  });
});
