import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { missingReason } from '../tools/test-env.js';
import {
  startLocalPds,
  type LocalPds,
} from '../packages/server/src/connectors/test-support/local-pds.js';
import { startBedsideServer, type BedsideServer } from './support/bedside-server.js';
import { failureScreenshots, launchChromium, RequestLog, screenshot } from './support/browser.js';
import { completeFirstRunSetup } from './support/flows/setup-flow.js';
import { owner, practice } from './support/people.js';

const skipReason = missingReason('chromium');
if (skipReason) console.warn(skipReason);

const HANDLE = 'riverside-oauth.test';
const PDS_PASSWORD = 'the account password stays on the pds';

/**
 * The owner connects the practice's Bluesky account by signing in on its own server (the real
 * local PDS): Bedside sends the browser to the PDS's sign-in page, the owner types the account
 * password there and allows Bedside, and the PDS sends the browser back to Bedside's callback.
 */
describe.skipIf(Boolean(skipReason))('connect Bluesky with atproto OAuth in a real browser', () => {
  let server: BedsideServer;
  let browser: Browser;
  let pds: LocalPds;
  let page: Page;
  const requests = new RequestLog();

  beforeAll(async () => {
    [browser, pds] = await Promise.all([launchChromium(), startLocalPds()]);
    await pds.createAccount(HANDLE, PDS_PASSWORD);
    server = await startBedsideServer('bluesky-oauth', {
      env: { BEDSIDE_BLUESKY_PLC_URL: pds.plcUrl, BEDSIDE_BLUESKY_HANDLE_RESOLVER_URL: pds.url },
    });
    const context = await requests.newContext(browser, server.url);
    page = await context.newPage();
  }, 180_000);

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await failureScreenshots(browser, task.name);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await pds?.close();
  });

  it('signs in on the PDS and comes back connected; the password never reaches Bedside', async () => {
    await completeFirstRunSetup(page, { owner, practice });
    await page.getByRole('link', { name: 'Channels', exact: true }).click();
    await page.getByRole('button', { name: 'Connect Bluesky' }).first().click();
    // The app-password form is still what opens, with the fields other journeys fill in.
    for (const label of ['Handle or email', 'App password', 'Server'])
      await page.getByLabel(label).waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Connect Bluesky' }).waitFor();
    await page.getByRole('button', { name: 'Sign in with Bluesky instead' }).click();
    await page.getByLabel('Bluesky handle').fill(HANDLE);
    await screenshot(page, 'bluesky-oauth-01-handle');
    await page.getByRole('button', { name: 'Sign in with Bluesky', exact: true }).click();

    // The PDS's own page, on its own origin.
    await page.waitForURL(`${pds.url}/oauth/authorize**`);
    const password = page.getByRole('textbox', { name: 'Password' });
    await password.fill(PDS_PASSWORD);
    await screenshot(page, 'bluesky-oauth-02-pds-sign-in');
    await password.press('Enter');
    await page.getByRole('button', { name: 'Authorize' }).click();

    await page.waitForURL(`${server.url}/settings/channels`);
    await page.getByText(HANDLE).first().waitFor();
    await screenshot(page, 'bluesky-oauth-03-connected');

    const toBedside = requests.urls.filter((url) => url.startsWith(server.url));
    expect(toBedside.some((url) => url.includes('/settings/channels/bluesky/callback'))).toBe(true);
    // The account password went to the PDS only: no request to Bedside carried it in its URL, and
    // Bedside's channel list (what the API returns) holds no token.
    expect(toBedside.join('\n')).not.toContain(encodeURIComponent(PDS_PASSWORD));
    const list = await page.evaluate(async () => {
      const orgs = (await (await fetch('/api/auth/session')).json()) as {
        memberships: Array<{ orgId: string }>;
      };
      const orgId = orgs.memberships[0]?.orgId ?? '';
      return (await fetch(`/api/orgs/${orgId}/channels`)).text();
    });
    expect(list).toContain(HANDLE);
    expect(list).not.toMatch(/token|dpop|jwk/i);
  }, 180_000);

  it('says so plainly when the owner denies access on the PDS, and connects nothing more', async () => {
    await page.getByRole('button', { name: 'Connect Bluesky' }).first().click();
    await page.getByRole('button', { name: 'Sign in with Bluesky instead' }).click();
    await page.getByLabel('Bluesky handle').fill(HANDLE);
    await page.getByRole('button', { name: 'Sign in with Bluesky', exact: true }).click();
    await page.waitForURL(`${pds.url}/oauth/authorize**`);
    // The PDS remembers the device's sign-in: it may go straight to the consent screen.
    const password = page.getByRole('textbox', { name: 'Password' });
    const deny = page.getByRole('button', { name: 'Deny access' });
    await password.or(deny).first().waitFor();
    if (await password.isVisible()) {
      await password.fill(PDS_PASSWORD);
      await password.press('Enter');
    }
    await deny.click();
    await page.waitForURL(`${server.url}/settings/channels/bluesky/callback**`);
    await page.getByText('You did not allow Bedside on Bluesky').waitFor();
    await screenshot(page, 'bluesky-oauth-04-denied');
  }, 120_000);
});
