import type { Page } from 'playwright-core';
import { screenshot } from '../browser.js';

export async function inviteMember(
  page: Page,
  input: { email: string; roleLabel: string },
): Promise<void> {
  await page.getByRole('link', { name: 'Members & invitations' }).click();
  await page.getByLabel('Email').fill(input.email);
  await page.getByLabel('Role').selectOption({ label: input.roleLabel });
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await page.getByText(`Invitation sent to ${input.email}`).waitFor();
  await screenshot(page, '06-members-invitation-sent');
}

/** Opens the emailed link and joins with a name and password. */
export async function acceptInvitation(
  page: Page,
  input: { link: string; name: string; password: string },
): Promise<void> {
  await page.goto(input.link);
  await page.getByRole('heading', { name: /^Join / }).waitFor();
  await page.getByLabel('Your name').fill(input.name);
  await page.getByLabel('Password', { exact: true }).fill(input.password);
  await screenshot(page, '07-accept-invitation');
  await page.getByRole('button', { name: 'Join' }).click();
  await page.waitForURL((url) => url.pathname === '/');
}
