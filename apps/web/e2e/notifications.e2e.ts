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

const api = <T>(page: Page, path: string, input?: unknown) => apiQuery<T>(page, baseUrl, path, input);

interface NotificationList {
  items: Array<{ id: string; title: string; body: string; link: string | null; readAt: string | null }>;
  unread: number;
}

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function session(email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await signIn(page, baseUrl, email);
  return { context, page };
}

describe('notifications', () => {
  it('the transition lead: the bell shows the API’s unread count, the list opens it, and all can be marked read', async () => {
    const { context, page } = await session(DEMO.lead);
    try {
      await withFailureScreenshot(page, 'notifications-lead', async () => {
        const unread = await api<number>(page, 'notification.unreadCount');
        expect(unread, 'the demo gives the transition lead something in the bell').toBeGreaterThan(0);
        const bell = page.getByRole('link', { name: `Notifications, ${unread} unread`, exact: true });
        await bell.waitFor();
        expect(await page.getByTestId('notification-bell-count').textContent()).toBe(String(unread));
        await screenshot(page, 'notifications-bell');

        await bell.click();
        await page.waitForURL(`${baseUrl}/notifications`);
        await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
        await page.getByTestId('unread-summary').getByText(`${unread} unread notification`).waitFor();
        const list = await api<NotificationList>(page, 'notification.list', { limit: 30 });
        expect(await page.getByTestId('notification').count()).toBe(list.items.length);
        await page.getByRole('heading', { level: 2, name: 'Today' }).waitFor();
        for (const n of list.items.slice(0, 3)) await page.getByText(n.title).first().waitFor();
        // Unread ones say so in words, not only by emphasis; the body (which transfer, which risk) describes the link.
        const firstUnread = list.items.find((n) => !n.readAt && n.link)!;
        const link = page.locator(`a[href="${firstUnread.link}"]`).first();
        expect(await link.evaluate((a) => a.textContent)).toBe(`Unread: ${firstUnread.title}`);
        const describedBy = (await link.getAttribute('aria-describedby'))!;
        expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe(firstUnread.body);
        await page.getByRole('switch', { name: 'Email me my notifications' }).waitFor();
        await expectAccessible(page, 'notifications page');
        await screenshot(page, 'notifications-list');

        // Opening one marks it read and goes where it points.
        await link.click();
        await page.waitForURL((u) => u.pathname + u.search === firstUnread.link!.split('#')[0]);
        await expect
          .poll(() => api<number>(page, 'notification.unreadCount'), { timeout: 10_000 })
          .toBe(unread - 1);
        await page.getByRole('link', { name: `Notifications, ${unread - 1} unread`, exact: true }).waitFor();

        await page.getByRole('link', { name: `Notifications, ${unread - 1} unread`, exact: true }).click();
        await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
        await page.getByRole('button', { name: 'Mark all as read' }).click();
        await page.getByTestId('unread-summary').getByText('Nothing unread').waitFor();
        await page.getByRole('link', { name: 'Notifications, none unread', exact: true }).waitFor();
        expect(await api<number>(page, 'notification.unreadCount')).toBe(0);
        expect(await page.getByRole('button', { name: 'Mark all as read' }).isDisabled()).toBe(true);
        expect(await page.getByTestId('notification-bell-count').count()).toBe(0);
        await expectAccessible(page, 'notifications page, all read');
        await screenshot(page, 'notifications-all-read');

        await page.getByText('Unread', { exact: true }).click();
        await page.getByRole('heading', { level: 2, name: 'You are all caught up' }).waitFor();
      });
    } finally {
      await context.close();
    }
  });

  it('the email switch is labelled, works from the keyboard, and keeps its setting', async () => {
    const { context, page } = await session(DEMO.outgoingContributor);
    try {
      await withFailureScreenshot(page, 'notifications-email-switch', async () => {
        await page.goto(`${baseUrl}/notifications`);
        const toggle = page.getByRole('switch', { name: 'Email me my notifications' });
        // Enabled once the setting has loaded.
        await expect.poll(() => toggle.isEnabled()).toBe(true);
        expect(await toggle.isChecked()).toBe(true);
        await toggle.focus();
        await page.keyboard.press('Space');
        await expect
          .poll(() => api<{ emailNotifications: boolean }>(page, 'notification.preferences'))
          .toEqual({
            emailNotifications: false,
            email: DEMO.outgoingContributor,
          });
        await page.reload();
        await expect.poll(() => toggle.isEnabled()).toBe(true);
        expect(await toggle.isChecked()).toBe(false);
        await page.getByRole('switch', { name: 'Email me my notifications' }).focus();
        await page.keyboard.press('Space');
        await expect
          .poll(
            async () =>
              (await api<{ emailNotifications: boolean }>(page, 'notification.preferences'))
                .emailNotifications,
          )
          .toBe(true);
      });
    } finally {
      await context.close();
    }
  });

  it('a programme admin sees the email outbox: pending emails say email is not configured', async () => {
    const { context, page } = await session(DEMO.admin);
    try {
      await withFailureScreenshot(page, 'notifications-outbox', async () => {
        const programmes = await api<Array<{ id: string; code: string }>>(page, 'programme.list');
        const programmeId = programmes.find((p) => p.code === 'SVCMH')!.id;
        // The outbox job runs right after the server starts (and every minute): wait for it to have said why.
        await expect
          .poll(
            async () =>
              (
                await api<{ items: Array<{ status: string; lastError: string | null }> }>(
                  page,
                  'notification.outbox',
                  {
                    programmeId,
                  },
                )
              ).items.find((i) => i.lastError)?.lastError,
            // Emails written by earlier tests may not have had their first attempt yet: any attempted one says why.
            { timeout: 30_000, intervals: [1000] },
          )
          .toBe('Not sent: email is not configured');
        await page.goto(`${baseUrl}/p/${programmeId}`);
        await page.getByRole('link', { name: 'Email outbox' }).click();
        await page.getByRole('heading', { level: 1, name: 'Email outbox' }).waitFor();
        await page
          .getByTestId('email-outcome')
          .getByText('Not sent: email is not configured')
          .first()
          .waitFor();
        await page.getByText('Pending', { exact: true }).first().waitFor();
        const first = page.getByRole('button', { name: /^Show text/ }).first();
        await first.click();
        await page.getByText(`Open in Baton: ${baseUrl}/p/`, { exact: false }).first().waitFor();
        await expectAccessible(page, 'email outbox');
        await screenshot(page, 'notifications-outbox');
      });
    } finally {
      await context.close();
    }
  });

  it('the outbox is only for programme admins', async () => {
    const { context, page } = await session(DEMO.lead);
    try {
      const programmes = await api<Array<{ id: string; code: string }>>(page, 'programme.list');
      const programmeId = programmes.find((p) => p.code === 'SVCMH')!.id;
      await page.goto(`${baseUrl}/p/${programmeId}/emails`);
      await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
      expect(await page.getByRole('link', { name: 'Email outbox' }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
