import { chromium, type Browser } from 'playwright-core';
import { testEnv } from '../../../../../tools/test-env.js';

/** Why a suite that drives the PDS's sign-in page cannot run here, or undefined when it can. */
export function chromiumMissingReason(): string | undefined {
  return testEnv.chromiumPath
    ? undefined
    : 'Bluesky OAuth browser tests skipped: install Debian chromium or set CHROMIUM_PATH';
}

/** Debian's Chromium as root, with no background traffic (the machine has no outside network). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: testEnv.chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    timeout: 60_000,
  });
}

/**
 * Does what the person does on the PDS's own sign-in page (a React app served by
 * @atproto/oauth-provider, which refuses requests without a browser's `Sec-Fetch-*` headers):
 * types the account password, then allows (or denies) Bedside on the consent screen. Returns the
 * URL the PDS redirected the browser to; nothing needs to listen there — the redirect is caught.
 */
export async function signInOnPds(
  browser: Browser,
  options: {
    authorizeUrl: string;
    redirectUri: string;
    password: string;
    consent?: 'allow' | 'deny';
  },
): Promise<URL> {
  const context = await browser.newContext();
  context.setDefaultTimeout(20_000);
  try {
    const page = await context.newPage();
    let resolveCallback: (url: URL) => void = () => undefined;
    const callback = new Promise<URL>((resolve) => {
      resolveCallback = resolve;
    });
    await page.route(`${options.redirectUri}**`, async (route) => {
      resolveCallback(new URL(route.request().url()));
      await route.fulfill({ status: 200, contentType: 'text/plain', body: 'ok' });
    });
    await page.goto(options.authorizeUrl);
    // The handle was sent as login_hint, so the page asks for the password only.
    const password = page.getByRole('textbox', { name: 'Password' });
    await password.fill(options.password);
    await password.press('Enter');
    const button = options.consent === 'deny' ? 'Deny access' : 'Authorize';
    await page.getByRole('button', { name: button }).click();
    return await callback;
  } finally {
    await context.close();
  }
}
