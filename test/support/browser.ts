// End-to-end support: one headless Chromium per test file (Debian's /usr/bin/chromium driven by
// playwright-core, a fresh profile each launch), the real app listening on a random port, axe-core
// injected into every page checked, and screenshots into test-results/screenshots (git-ignored).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/demo/demo-data.js';
import { startTestApp, type TestApp } from './test-app.js';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
export const SCREENSHOTS = path.resolve(import.meta.dirname, '../../test-results/screenshots');

export const PHONE = { width: 360, height: 740 } as const;
export const DESKTOP = { width: 1280, height: 900 } as const;

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

interface AxeResult {
  readonly violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[]; failureSummary?: string }> }>;
}

/** Runs axe-core (every rule it has: WCAG 2.0/2.1 A and AA and best practices) on the page as it is now; fails on any violation. */
export async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  // These functions run in the page (the server's type-check has no DOM library: page objects are typed loosely).
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ path: AXE });
  const result = (await page.evaluate(() => (globalThis as any).axe.run((globalThis as any).document, { resultTypes: ['violations'] }))) as AxeResult;
  const report = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join('\n')}`).join('\n');
  assert.equal(result.violations.length, 0, `axe-core violations on ${where} (${page.url()}):\n${report}`);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** The accessible name of the focused element (its label), to follow keyboard-only journeys. */
export async function focusedLabel(page: Page): Promise<string> {
  // Runs in the page (the server's type-check has no DOM library: the page's objects are typed loosely).
  return page.evaluate(() => {
    const el = (globalThis as any).document.activeElement;
    if (!el) return '';
    const byLabel: string | undefined = el.labels?.[0]?.textContent;
    return String(byLabel ?? el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
  });
}

/**
 * Waits until the element's text matches: for values the page fills in after it appears (counts that
 * read "…" while their request is in flight). Fails with the last text seen.
 */
export async function waitForText(locator: Locator, pattern: RegExp, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  for (;;) {
    text = await locator.innerText();
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) assert.fail(`${JSON.stringify(text)} never matched ${pattern} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** What every journey file starts with: the real app (SQLite, demo data) on a random port, and a Chromium. */
export interface Journey {
  readonly testApp: TestApp;
  readonly base: string;
  readonly browser: Browser;
  /** A 360-px touch phone and a desktop, Vietnamese, 10 s default timeouts. */
  contexts(options?: { phoneTimezone?: string }): Promise<{ phone: BrowserContext; desktop: BrowserContext }>;
  close(): Promise<void>;
}

export async function startJourney(): Promise<Journey> {
  const testApp = await startTestApp('sqlite');
  await testApp.app.listen({ host: '127.0.0.1', port: 0 });
  const address = testApp.app.server.address();
  assert.ok(address && typeof address === 'object');
  const browser = await launchBrowser();
  return {
    testApp,
    base: `http://127.0.0.1:${address.port}`,
    browser,
    async contexts(options = {}) {
      const phone = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 1, isMobile: true, hasTouch: true, locale: 'vi-VN', ...(options.phoneTimezone ? { timezoneId: options.phoneTimezone } : {}) });
      const desktop = await browser.newContext({ viewport: DESKTOP, locale: 'vi-VN' });
      phone.setDefaultTimeout(10_000);
      desktop.setDefaultTimeout(10_000);
      return { phone, desktop };
    },
    async close() {
      await browser.close();
      await testApp.close();
    },
  };
}

/** Signs in on the console's sign-in page (the demo password unless told). */
export async function signInOnPage(page: Page, base: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${base}/can-bo/dang-nhap`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}
