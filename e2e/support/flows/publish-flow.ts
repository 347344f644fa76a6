import type { Page } from 'playwright-core';
import { screenshot } from '../browser.js';

/**
 * Connects a Mastodon account the way a person does: the instance's address in Bedside, the
 * instance's own login form in the browser (snac2 here), back to Bedside's callback page.
 */
export async function connectMastodon(
  page: Page,
  input: { instanceUrl: string; login: string; password: string; handle: RegExp },
): Promise<void> {
  await page.getByRole('link', { name: 'Channels', exact: true }).click();
  await page.getByRole('button', { name: 'Connect Mastodon' }).first().click();
  await page.getByLabel('Instance URL').fill(input.instanceUrl);
  await page.getByRole('button', { name: 'Continue to the instance' }).click();
  // snac2's authorize page: a plain form with "login" and "passwd".
  await page.waitForURL((url) => url.origin === new URL(input.instanceUrl).origin);
  await page.locator('input[name="login"]').fill(input.login);
  await page.locator('input[name="passwd"]').fill(input.password);
  await screenshot(page, 'publish-01-snac-login');
  await page.locator('input[type="submit"]').click();
  await page.waitForURL((url) => url.pathname === '/settings/channels');
  await page.getByText(input.handle).first().waitFor();
}

/** "2027-06-15T09:05": a wall-clock time in `timeZone`, as the schedule dialog takes it. */
export function localMinute(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** Opens the schedule dialog on the post page and submits one local time. */
export async function submitScheduleTime(page: Page, localTime: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Schedule post' });
  if (!(await dialog.isVisible()))
    await page.getByRole('button', { name: /^(Schedule|Move)$/ }).click();
  await dialog.getByLabel(/^Date and time/).fill(localTime);
  await dialog.getByRole('button', { name: 'Schedule' }).click();
}
