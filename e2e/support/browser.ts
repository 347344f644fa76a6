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
  await page.screenshot({ path: join(artifactsDir, `${name}.png`), fullPage: true });
}
