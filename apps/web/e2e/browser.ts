import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import axe from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const DEMO_PASSWORD = 'baton-demo-password';
export const DEMO = {
  admin: 'helen.marsh@severnvale-icb.example',
  steering: 'priya.raman@severnvale-council.example',
  lead: 'tom.okafor@severnvale-icb.example',
  outgoingContributor: 'sarah.llewellyn@wyebridge-cht.example',
  ceo: 'angela.foster@svcp.example',
  bidder: 'mark.delaney@larkspur-therapies.example',
};

export const SCREENSHOTS = resolve(dirname(fileURLToPath(import.meta.url)), '../test-results/screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });

/** Debian's Chromium, never a downloaded browser; flags keep it off the (closed) network. */
export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export async function signIn(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/signin`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/signin'));
}

/** axe-core in the page: no serious or critical WCAG 2.x A/AA violations. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  // Evaluated through the DevTools protocol: the app's CSP (rightly) refuses inline scripts.
  await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const w = window as unknown as { axe: typeof axe };
    const r = await w.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.id} (${v.impact}): ${v.help} — ${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join(', ')}`,
      );
  });
  expect(violations, `accessibility violations on ${label}`).toEqual([]);
}

/** Wrap a test body: on failure keep a screenshot of what the browser showed. */
export async function withFailureScreenshot(
  page: Page,
  name: string,
  body: () => Promise<void>,
): Promise<void> {
  try {
    await body();
  } catch (e) {
    await page.screenshot({ path: join(SCREENSHOTS, `FAILED-${name}.png`), fullPage: true }).catch(() => {});
    throw e;
  }
}

type TrpcAnswer<T> = { result: { data: { json: T } } };

/** Ask the API what a screen should show, with the page's own session: the same query the screen uses. */
export async function apiQuery<T>(page: Page, baseUrl: string, path: string, input?: unknown): Promise<T> {
  const q = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const res = await page.request.get(`${baseUrl}/trpc/${path}${q}`);
  expect(res.ok(), `${path} answered ${res.status()}`).toBe(true);
  return ((await res.json()) as TrpcAnswer<T>).result.data.json;
}

/** The demo programme's id (Severn Vale community mental health, SVCMH), asked with the page's session. */
export async function demoProgrammeId(page: Page, baseUrl: string): Promise<string> {
  const programmes = await apiQuery<Array<{ id: string; code: string }>>(page, baseUrl, 'programme.list');
  return programmes.find((p) => p.code === 'SVCMH')!.id;
}

/** A change made through the API with the page's session, as a colleague elsewhere would make it. */
export async function apiMutate<T>(page: Page, baseUrl: string, path: string, input: unknown): Promise<T> {
  const res = await page.request.post(`${baseUrl}/trpc/${path}`, {
    data: { json: input },
    headers: { origin: baseUrl },
  });
  expect(res.ok(), `${path} answered ${res.status()}: ${await res.text()}`).toBe(true);
  return ((await res.json()) as TrpcAnswer<T>).result.data.json;
}
