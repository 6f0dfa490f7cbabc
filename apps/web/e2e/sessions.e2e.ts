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
 * Sessions people can see: signed in on two browsers, the person opens "Your sessions" from the account menu,
 * sees both (this one marked), and signs out everywhere else; the other browser is signed out at once.
 */
const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('sessions people can see', () => {
  it('lists my browsers and signs the others out', async () => {
    const laptop = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await laptop.newPage();
    const other = await phone.newPage();
    await withFailureScreenshot(page, 'sessions', async () => {
      await signIn(other, baseUrl, DEMO.ceo);
      await signIn(page, baseUrl, DEMO.ceo);
      await page.getByRole('button', { name: /account menu/ }).click();
      await page.getByRole('menuitem', { name: 'Your sessions' }).click();
      await page.getByRole('heading', { level: 1, name: 'Your sessions' }).waitFor();
      const listed = await apiQuery<Array<{ id: string; current: boolean }>>(page, baseUrl, 'auth.sessions');
      const rows = page.getByTestId('sessions').locator('tbody tr');
      await expect.poll(() => rows.count()).toBe(listed.length);
      expect(listed.length).toBeGreaterThanOrEqual(2);
      await expect.poll(() => page.getByText('This browser').count()).toBe(1);
      const attempts = await apiQuery<unknown[]>(page, baseUrl, 'auth.signInAttempts');
      await expect
        .poll(() => page.getByTestId('sign-in-attempts').locator('tbody tr').count())
        .toBe(attempts.length);
      await expectAccessible(page, 'your sessions');
      await screenshot(page, 'sessions');

      await page.getByRole('button', { name: 'Sign out everywhere else' }).click();
      await expect.poll(() => rows.count()).toBe(1);
      // The other browser is signed out at its next request.
      await other.reload();
      await other.waitForURL(/\/signin/);
    });
    await laptop.close();
    await phone.close();
  });
});
