import { SSO_ERRORS } from '@baton/domain';
import type { Browser, BrowserContext, Page } from 'playwright-core';
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
 * (oidc-provider) started here: a system administrator sets Northgate's provider up; a Northgate person types
 * their email, presses "Sign in with …", types their login on the provider's own page and lands in Baton signed
 * in; signing out offers the provider's own sign-out, which ends its session and comes back. Each refusal the
 * HTTP test proves (an unverified email, a domain the provider does not sign in, a token for another audience,
 * an expired token, another sign-in's nonce) lands back on the sign-in page with its reason; a rotated signing
 * key is followed; an organisation requiring single sign-on gets no password field and a password is refused.
 * Then passwords with a second factor: set up from the Security page with the key shown, recovery codes shown
 * once, the next sign-in asks for a code; and a programme requiring one turns a password-only member away.
 */
const baseUrl = inject('baseUrl');
let browser: Browser;
let idp: TestIdentityProvider;
const FIONA = 'fiona.chen@northgate-sls.example';
const JAMES = 'james.whitfield@kingsmead-hc.example';
type Claims = Record<string, unknown>;

beforeAll(async () => {
  browser = await launch();
  idp = await startTestIdentityProvider({
    redirectUris: [`${baseUrl}/auth/sso/callback`],
    postLogoutRedirectUris: [`${baseUrl}/signin`],
    accounts: {
      'fiona-0001': { email: FIONA, email_verified: true, name: 'Fiona Chen' },
      // Accounts the provider signs in but Baton must refuse, each with its reason on the sign-in page.
      'ng-unverified': { email: 'pat.unverified@northgate-sls.example', email_verified: false },
      'ng-elsewhere': { email: 'fiona.chen@gmail.example', email_verified: true },
    },
  });
});
afterAll(async () => {
  await idp?.close();
  await browser?.close();
});

/** Types `typed` on Baton's sign-in page, presses "Sign in with …" and signs in at the provider as `login`. */
async function throughProvider(page: Page, typed: string, login: string) {
  await page.goto(`${baseUrl}/signin`);
  await page.getByLabel('Email address').fill(typed);
  await page.getByRole('button', { name: 'Sign in with Northgate account' }).click();
  // The provider's own sign-in page.
  await page.waitForURL((u) => u.href.startsWith(idp.issuer));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('anything');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.waitForURL((u) => u.href.startsWith(baseUrl));
}

describe('signing in with the organisation’s own account (OpenID Connect)', () => {
  let adminContext: BrowserContext;
  let admin: Page;
  let providerId = '';
  const fresh = async () => (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();

  beforeAll(async () => {
    adminContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    admin = await adminContext.newPage();
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
  });
  afterAll(async () => {
    // Other browser tests sign Northgate people in with passwords: leave no provider behind.
    const listed = await apiQuery<Array<{ id: string; version: number }>>(admin, baseUrl, 'sso.providers');
    const p = listed.find((x) => x.id === providerId);
    if (p) await apiMutate(admin, baseUrl, 'sso.removeProvider', { id: p.id, version: p.version });
    await adminContext?.close();
  });

  it('signs in; signing out offers the provider’s own sign-out, which ends its session too', async () => {
    const page = await fresh();
    await withFailureScreenshot(page, 'sign-in-sso', async () => {
      // The administrator's page lists the provider, with the redirect URI to register.
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
      await throughProvider(page, FIONA, 'fiona-0001');
      await page.waitForURL((u) => !u.pathname.startsWith('/signin'));
      const me = await apiQuery<{ email: string }>(page, baseUrl, 'auth.me');
      expect(me.email).toBe(FIONA);
      // Signing out offers the provider's own sign-out.
      await page.getByRole('button', { name: /account menu/ }).click();
      await page.getByRole('menuitem', { name: 'Sign out' }).click();
      await page.getByRole('link', { name: 'Sign out of Northgate account too' }).waitFor();
      await screenshot(page, 'sign-in-sso-signed-out');
      // The provider's own sign-out (its end-session endpoint) ends the session there and comes back here.
      await page.getByRole('link', { name: 'Sign out of Northgate account too' }).click();
      await page.waitForURL((u) => u.href.startsWith(idp.issuer));
      await page.getByRole('button', { name: 'Yes, sign me out' }).click();
      await page.waitForURL((u) => u.href.startsWith(`${baseUrl}/signin`));
      expect(await apiQuery(page, baseUrl, 'auth.me')).toBeNull();
      // Signing in again asks for the login at the provider: its session ended too.
      await page.getByLabel('Email address').fill(FIONA);
      await page.getByRole('button', { name: 'Sign in with Northgate account' }).click();
      await page.waitForURL((u) => u.href.startsWith(idp.issuer));
      await page.locator('input[name="login"]').waitFor();
    });
    await page.context().close();
  });

  // The provider signs the person in; Baton does not, and says why on its sign-in page.
  it.each([
    [
      'an email the provider has not verified',
      'pat.unverified@northgate-sls.example',
      'ng-unverified',
      null,
      'unverified',
    ],
    ['an email domain the provider does not sign in', FIONA, 'ng-elsewhere', null, 'domain'],
    [
      'an ID token for another audience',
      FIONA,
      'fiona-0001',
      (c: Claims) => ({ ...c, aud: 'someone-else' }),
      'provider',
    ],
    [
      'an expired ID token',
      FIONA,
      'fiona-0001',
      (c: Claims) => ({
        ...c,
        exp: Math.floor(Date.now() / 1000) - 3600,
        iat: Math.floor(Date.now() / 1000) - 7200,
      }),
      'provider',
    ],
    [
      'another sign-in’s nonce',
      FIONA,
      'fiona-0001',
      (c: Claims) => ({ ...c, nonce: 'a-nonce-from-another-sign-in' }),
      'provider',
    ],
  ] as const)('refuses %s, and says why', async (what, typed, login, tamper, reason) => {
    const page = await fresh();
    const shot = `sign-in-sso-refused-${what.replace(/[^a-z]+/gi, '-').replace(/^-|-$/g, '')}`;
    idp.tamper(tamper);
    try {
      await withFailureScreenshot(page, shot, async () => {
        await throughProvider(page, typed, login);
        await page.waitForURL((u) => u.pathname === '/signin');
        expect(new URL(page.url()).searchParams.get('sso_error')).toBe(reason);
        const alert = page.getByRole('alert').filter({ hasText: 'You are not signed in' });
        await alert.waitFor();
        expect(await alert.textContent()).toContain(SSO_ERRORS[reason]);
        expect(await apiQuery(page, baseUrl, 'auth.me')).toBeNull();
        await expectAccessible(page, `sign-in refused (${reason})`);
        await screenshot(page, shot);
      });
    } finally {
      idp.tamper(null);
      await page.context().close();
    }
  });

  it('follows the provider when it rotates its signing key', async () => {
    const page = await fresh();
    await withFailureScreenshot(page, 'sign-in-sso-key-rotation', async () => {
      const before = idp.keyId();
      await idp.rotateKeys();
      expect(idp.keyId()).not.toBe(before);
      await throughProvider(page, FIONA, 'fiona-0001');
      await page.waitForURL((u) => !u.pathname.startsWith('/signin'));
      expect((await apiQuery<{ email: string }>(page, baseUrl, 'auth.me')).email).toBe(FIONA);
    });
    await page.context().close();
  });

  it('an organisation that requires single sign-on: no password field for its people, and a password is refused', async () => {
    const page = await fresh();
    const setRequired = async (requireSso: boolean) => {
      const [p] = (await apiQuery<Array<Record<string, any>>>(admin, baseUrl, 'sso.providers')).filter(
        (x) => x.id === providerId,
      );
      await apiMutate(admin, baseUrl, 'sso.saveProvider', {
        organisationId: p!.organisation.id,
        displayName: p!.displayName,
        issuer: p!.issuer,
        clientId: p!.clientId,
        emailDomains: p!.emailDomains,
        requireSso,
        enabled: p!.enabled,
        version: p!.version,
      });
    };
    await setRequired(true);
    try {
      await withFailureScreenshot(page, 'sign-in-sso-required', async () => {
        await page.goto(`${baseUrl}/signin`);
        await page.getByLabel('Email address').fill(FIONA);
        await page.getByRole('button', { name: 'Sign in with Northgate account' }).waitFor();
        await page.getByText('Baton passwords are not used for it').waitFor();
        expect(await page.getByLabel('Password', { exact: true }).count()).toBe(0);
        await expectAccessible(page, 'sign-in where single sign-on is required');
        await screenshot(page, 'sign-in-sso-required');
        // The API refuses the password too, saying what to do instead.
        const res = await page.request.post(`${baseUrl}/trpc/auth.signIn`, {
          data: { json: { email: FIONA, password: DEMO_PASSWORD } },
          headers: { origin: baseUrl },
        });
        expect(res.status()).toBe(403);
        expect(await res.text()).toMatch(/Sign in with Northgate account/);
        expect(await apiQuery(page, baseUrl, 'auth.me')).toBeNull();
      });
    } finally {
      await setRequired(false);
      await page.context().close();
    }
  });
});

describe('signing in with a password', () => {
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
      await expectAccessible(page, 'security with a second factor on');
      await screenshot(page, 'security');

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
  it('a programme admin requires a second factor; a member with a password alone is asked to set one up', async () => {
    const adminContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const admin = await adminContext.newPage();
    const memberContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const member = await memberContext.newPage();
    let programmeId = '';
    let recovery: string[] = [];
    await signIn(admin, baseUrl, DEMO.admin);
    try {
      await withFailureScreenshot(admin, 'programme-requires-second-factor', async () => {
        const programmes = await apiQuery<Array<{ id: string; code: string }>>(
          admin,
          baseUrl,
          'programme.list',
        );
        // The tender programme: its bidder signs in with a password and no second factor.
        programmeId = programmes.find((p) => p.code === 'SVSLT')!.id;
        // The admin proves a second factor first (as on the Security page), else the setting is refused.
        const { secret } = await apiMutate<{ secret: string }>(admin, baseUrl, 'auth.beginTotp', null);
        ({ recoveryCodes: recovery } = await apiMutate<{ recoveryCodes: string[] }>(
          admin,
          baseUrl,
          'auth.confirmTotp',
          { code: totpCodeAt(secret, Date.now()) },
        ));
        await admin.goto(`${baseUrl}/p/${programmeId}/settings`);
        const toggle = admin.getByRole('switch', {
          name: 'Require a second factor of members who sign in with a password',
        });
        await expect.poll(() => toggle.isEnabled()).toBe(true);
        await toggle.focus();
        await admin.keyboard.press('Space');
        await expect.poll(() => toggle.isChecked()).toBe(true);
        await admin.getByRole('button', { name: 'Save security settings' }).click();
        await admin
          .getByText('Members who sign in with a password are now asked for a second factor.')
          .waitFor();
        await expectAccessible(admin, 'programme security settings');
        await screenshot(admin, 'settings-security');
      });
      await withFailureScreenshot(member, 'programme-asks-for-second-factor', async () => {
        await signIn(member, baseUrl, DEMO.bidder);
        await member.goto(`${baseUrl}/p/${programmeId}`);
        await member.getByText('This programme asks for a second factor').waitFor();
        await member.getByRole('link', { name: 'Set up a second factor' }).waitFor();
        await expectAccessible(member, 'a programme asking for a second factor');
        await screenshot(member, 'programme-asks-for-second-factor');
        // The API refuses the programme's data to this password-only session, whatever the screen shows.
        const res = await member.request.get(
          `${baseUrl}/trpc/programme.overview?input=${encodeURIComponent(JSON.stringify({ json: { programmeId } }))}`,
        );
        expect(res.status()).toBe(403);
      });
    } finally {
      // Other browser tests sign in with passwords alone: put the programme and the admin back as they were.
      const overview = await apiQuery<{ programme: { version: number; requireSecondFactor: boolean } }>(
        admin,
        baseUrl,
        'programme.overview',
        { programmeId },
      ).catch(() => null);
      if (overview?.programme.requireSecondFactor)
        await apiMutate(admin, baseUrl, 'programme.updateSecurity', {
          programmeId,
          version: overview.programme.version,
          requireSecondFactor: false,
        });
      if (recovery[0]) await apiMutate(admin, baseUrl, 'auth.disableTotp', { code: recovery[0] });
      await adminContext.close();
      await memberContext.close();
    }
  });
});
