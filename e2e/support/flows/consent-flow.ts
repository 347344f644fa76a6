import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** A synthetic patient for the authorization journeys. */
export const patient = {
  name: 'Jordan Sample',
  email: 'jordan.sample@example.test',
  description: 'My first name, my written review and two photos of my smile taken in March.',
};

/** Fills the request form; `networks` are the checkbox labels to tick. */
export async function fillRequest(page: Page, networks: string[]): Promise<void> {
  await page.getByLabel("Patient's full name").fill(patient.name);
  await page.getByLabel('Email address').fill(patient.email);
  await page.getByRole('checkbox', { name: 'Photos' }).check();
  await page.getByLabel('Describe it specifically').fill(patient.description);
  for (const network of networks) await page.getByRole('checkbox', { name: network }).check();
  await page.getByLabel('Last day in effect').fill('2099-12-31');
}

/** Draws a signature-like stroke with the mouse across the canvas. */
export async function drawSignature(page: Page): Promise<void> {
  const canvas = page.getByRole('img', { name: 'Your signature' });
  // Mouse events land on what is on screen: bring the canvas into the (phone-sized) viewport.
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  if (!box) throw new Error('signature canvas is not visible');
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + 20, y);
  await page.mouse.down();
  for (let i = 1; i <= 24; i += 1) {
    await page.mouse.move(box.x + 20 + i * 11, y + Math.sin(i / 2) * 28, { steps: 2 });
  }
  await page.mouse.up();
}

/** The revocation link in the patient's copy (a multipart mail with the PDF attached). */
export async function revocationLinkIn(outboxDir: string, baseUrl: string): Promise<string> {
  for (const name of (await readdir(outboxDir)).sort()) {
    const raw = (await readFile(join(outboxDir, name), 'utf8')).replace(/=\r?\n/g, '');
    if (!raw.includes('Your signed authorization')) continue;
    const match = new RegExp(`${baseUrl}/revoke/[A-Za-z0-9_-]+`).exec(raw);
    if (match) return match[0];
  }
  throw new Error('no copy with a revocation link in the outbox');
}
