import type { Page } from 'playwright-core';
import { screenshot } from '../browser.js';
import type { owner as Owner, practice as Practice } from '../people.js';

/** The first-run wizard: owner account, organization, first location. */
export async function completeFirstRunSetup(
  page: Page,
  input: { owner: typeof Owner; practice: typeof Practice },
): Promise<void> {
  await page.goto('/');
  await page.waitForURL('**/setup');
  await page.getByLabel('Your name').fill(input.owner.name);
  await page.getByLabel('Email').fill(input.owner.email);
  await page.getByLabel('Password', { exact: true }).fill(input.owner.password);
  await screenshot(page, '01-setup-owner');
  await page.getByRole('button', { name: 'Next' }).click();

  await page.getByLabel('Organization name').fill(input.practice.organization);
  await page.getByRole('button', { name: 'Next' }).click();

  const location = input.practice.location;
  await page.getByLabel('Location name').fill(location.name);
  await page.getByLabel('Street address').fill(location.address);
  await page.getByLabel('City').fill(location.city);
  await page.getByLabel('State').fill(location.state);
  await page.getByLabel('ZIP').fill(location.zip);
  await page.getByLabel('Phone').fill(location.phone);
  await page.getByLabel('Time zone').selectOption(location.timeZone);
  await screenshot(page, '02-setup-location');
  await page.getByRole('button', { name: 'Create organization' }).click();
  await page.waitForURL((url) => url.pathname === '/');
}
