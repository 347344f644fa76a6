import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { bedsideBin, repoRoot } from '../paths.js';

export interface DemoSignIn {
  role: string;
  email: string;
  password: string;
}

/**
 * Seeds the demo practice (Riverbend Family Health, six clinicians with NPIs) into a running
 * server's data folder with `bedside demo`, and returns the sign-ins it printed. Its 90 days of
 * reviews only with `reviews: true`: most journeys import their own and count the inbox's rows.
 */
export async function seedDemo(
  dataDir: string,
  options: { reviews?: boolean } = {},
): Promise<DemoSignIn[]> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(DATABASE_URL|BEDSIDE_|SMTP_)/.test(key)),
  );
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [bedsideBin, 'demo', ...(options.reviews ? [] : ['--without-reviews'])],
    {
      cwd: repoRoot,
      env: { ...env, BEDSIDE_DATA_DIR: dataDir },
    },
  );
  return [...stdout.matchAll(/^\s+(\w+)\s+(\S+@\S+)\s+(\S+)$/gm)].map((m) => ({
    role: m[1]!,
    email: m[2]!,
    password: m[3]!,
  }));
}

export async function openProviders(page: Page, tab?: RegExp): Promise<void> {
  await page.getByRole('link', { name: 'Providers', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Providers' }).waitFor();
  if (tab) await page.getByRole('tab', { name: tab }).click();
}

/** JSON-LD blocks of the current page, parsed. */
export async function jsonLdOf(page: Page): Promise<Record<string, unknown>[]> {
  const blocks = await page.locator('script[type="application/ld+json"]').allTextContents();
  return blocks.map((b) => JSON.parse(b) as Record<string, unknown>);
}
