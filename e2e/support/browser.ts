import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { testEnv } from '../../tools/test-env.js';
import { artifactsDir } from './paths.js';

/**
 * Flags for Debian's Chromium as root in a sandboxed machine with no outside network: without the
 * background-networking ones, Chromium keeps trying to reach Google's services.
 */
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: testEnv.chromiumPath,
    args: chromiumArgs,
    timeout: 60_000,
  });
}

/** Every URL any page of the run asked for, to prove nothing leaves the server's origin. */
export class RequestLog {
  readonly urls: string[] = [];

  /** A fresh browser context (its own cookies) whose requests are recorded here. */
  async newContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
    const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 860 } });
    context.setDefaultTimeout(20_000);
    context.setDefaultNavigationTimeout(30_000);
    context.on('request', (request) => this.urls.push(request.url()));
    return context;
  }

  /** URLs outside `origin`, ignoring inline data: and blob: resources. */
  foreign(origin: string): string[] {
    return this.urls.filter((url) => !/^(data|blob):/.test(url) && new URL(url).origin !== origin);
  }
}

/** Saves a full-page screenshot to e2e/.artifacts/<name>.png for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(artifactsDir, { recursive: true });
  // A full-page capture of a scrolled page paints the fixed header mid-page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(artifactsDir, `${name}.png`), fullPage: true });
}

/** Screenshots of every open page, named after the failed test, to see where it stopped. */
export async function failureScreenshots(
  browser: Browser | undefined,
  testName: string,
): Promise<void> {
  const pages = browser?.contexts().flatMap((context) => context.pages()) ?? [];
  const slug = testName.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
  for (const [index, page] of pages.entries()) {
    await screenshot(page, `failed-${slug}-${index}`).catch(() => undefined);
    console.warn(`failed "${testName}": page ${index} was at ${page.url()}`);
  }
}
