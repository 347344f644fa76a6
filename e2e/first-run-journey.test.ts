import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { missingReason } from '../tools/test-env.js';
import { startBedsideServer, type BedsideServer } from './support/bedside-server.js';
import { failureScreenshots, launchChromium, RequestLog, screenshot } from './support/browser.js';
import { openAuditLog, auditRows } from './support/flows/audit-flow.js';
import { enableTwoFactor, signIn, signOut } from './support/flows/auth-flow.js';
import { signInWithKeyboard } from './support/flows/keyboard-flow.js';
import { acceptInvitation, inviteMember } from './support/flows/members-flow.js';
import { completeFirstRunSetup } from './support/flows/setup-flow.js';
import { linkIn, waitForMail } from './support/outbox.js';
import { invitee, owner, practice } from './support/people.js';

const skipReason = missingReason('chromium');
if (skipReason) console.warn(skipReason);

// One practice's first day, in order: each step builds on the one before, against one real
// server process on SQLite and Debian's Chromium.
describe.skipIf(Boolean(skipReason))('first run in a real browser', () => {
  let server: BedsideServer;
  let browser: Browser;
  const requests = new RequestLog();
  let ownerContext: BrowserContext;
  let ownerPage: Page;
  let totpSecret = '';

  beforeAll(async () => {
    [server, browser] = await Promise.all([startBedsideServer('first-run'), launchChromium()]);
    ownerContext = await requests.newContext(browser, server.url);
    ownerPage = await ownerContext.newPage();
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await failureScreenshots(browser, task.name);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('sets up the owner, the organization and its first location', async () => {
    await completeFirstRunSetup(ownerPage, { owner, practice });
    await ownerPage.getByRole('link', { name: 'Audit log' }).waitFor();
    await screenshot(ownerPage, '03-dashboard-after-setup');
    expect(await ownerPage.getByText(practice.organization).count()).toBeGreaterThan(0);
  });

  it('signs in with an authentication code once two-factor is on', async () => {
    totpSecret = await enableTwoFactor(ownerPage);
    expect(totpSecret).toMatch(/^[A-Z2-7]+=*$/);
    await signOut(ownerPage, owner.name);
    await signIn(ownerPage, { email: owner.email, password: owner.password, totpSecret });
    await ownerPage.getByRole('button', { name: `Account menu for ${owner.name}` }).waitFor();
  });

  it('invites a colleague who joins from the emailed link', async () => {
    await inviteMember(ownerPage, invitee);
    const mail = await waitForMail(server.outboxDir, invitee.email);
    expect(mail.subject).toContain(practice.organization);
    const link = linkIn(mail, `${server.url}/invite/`);

    const inviteeContext = await requests.newContext(browser, server.url);
    const inviteePage = await inviteeContext.newPage();
    await acceptInvitation(inviteePage, { link, ...invitee });
    await inviteePage.getByRole('button', { name: `Account menu for ${invitee.name}` }).waitFor();
    await inviteeContext.close();
  });

  it('shows the sign-in and the accepted invitation in the audit log', async () => {
    const table = await openAuditLog(ownerPage);
    await screenshot(ownerPage, '08-audit-log');
    // The actor column shows the address the person signed in with.
    const signIns = await auditRows(table, ['Auth › sign in', owner.email, 'Success']);
    expect(await signIns.count()).toBeGreaterThan(0);
    const accepted = await auditRows(table, ['Invitation › accepted', invitee.email]);
    expect(await accepted.count()).toBe(1);
  });

  it('lets the new colleague sign in with the keyboard alone', async () => {
    const context = await requests.newContext(browser, server.url);
    const page = await context.newPage();
    await signInWithKeyboard(page, invitee);
    await page.getByRole('button', { name: `Account menu for ${invitee.name}` }).waitFor();
    await screenshot(page, '09-keyboard-sign-in-dashboard');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'Open navigation' }).waitFor();
    await screenshot(page, '10-dashboard-phone');
    await context.close();
  });

  it('loaded nothing from anywhere but the Bedside server', () => {
    expect(requests.urls.length).toBeGreaterThan(10);
    expect(requests.foreign(server.url)).toEqual([]);
  });
});
