import type { Page } from 'playwright-core';

/** Connects a Bluesky account on the Channels page (the server is the local PDS). */
export async function connectBluesky(
  page: Page,
  input: { handle: string; appPassword: string; service: string },
): Promise<void> {
  await page.getByRole('link', { name: 'Channels', exact: true }).click();
  await page.getByRole('button', { name: 'Connect Bluesky' }).first().click();
  await page.getByLabel('Handle or email').fill(input.handle);
  await page.getByLabel('App password').fill(input.appPassword);
  await page.getByLabel('Server').fill(input.service);
  await page.getByRole('dialog').getByRole('button', { name: 'Connect Bluesky' }).click();
  await page.getByText(input.handle).first().waitFor();
}

/** Selects the first location in the composer when there is a choice. */
export async function openComposer(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Compose', exact: true }).click();
  await page.getByRole('heading', { name: 'Compose', level: 1 }).waitFor();
}
