import type { Page } from 'playwright-core';
import { screenshot } from '../browser.js';
import { totpCode } from '../totp.js';

/** Turns on two-factor sign-in on the Profile page; returns the secret the page shows. */
export async function enableTwoFactor(page: Page): Promise<string> {
  await page.getByRole('link', { name: 'Profile', exact: true }).click();
  await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
  const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s+/g, '');
  await screenshot(page, '04-profile-two-factor-setup');
  await page.getByLabel('Authentication code').fill(await totpCode(secret));
  await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
  await page.getByRole('button', { name: 'Turn off…' }).waitFor();
  return secret;
}

export async function signOut(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: `Account menu for ${name}` }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
}

/** Email and password, then the "Authentication code" step when a TOTP secret is given. */
export async function signIn(
  page: Page,
  input: { email: string; password: string; totpSecret?: string },
): Promise<void> {
  if (!page.url().includes('/sign-in')) await page.goto('/sign-in');
  await page.getByLabel('Email').fill(input.email);
  await page.getByLabel('Password', { exact: true }).fill(input.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (input.totpSecret) {
    const code = page.getByLabel('Authentication code');
    await code.waitFor();
    await screenshot(page, '05-sign-in-authentication-code');
    // The code used to turn two-factor on is spent: take the next time step's code.
    await code.fill(await totpCode(input.totpSecret, { nextStep: true }));
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await page.waitForURL((url) => url.pathname === '/');
}
