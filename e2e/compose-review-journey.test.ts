import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { missingReason } from '../tools/test-env.js';
import {
  startLocalPds,
  type LocalPds,
} from '../packages/server/src/connectors/test-support/local-pds.js';
import { startBedsideServer, type BedsideServer } from './support/bedside-server.js';
import { failureScreenshots, launchChromium, RequestLog, screenshot } from './support/browser.js';
import { connectBluesky, openComposer } from './support/flows/compose-flow.js';
import { acceptInvitation, inviteMember } from './support/flows/members-flow.js';
import { completeFirstRunSetup } from './support/flows/setup-flow.js';
import { linkIn, waitForMail } from './support/outbox.js';
import { owner, practice } from './support/people.js';

const skipReason = missingReason('chromium');
if (skipReason) console.warn(skipReason);

const marketer = {
  name: 'Jordan Reyes',
  email: 'jordan@riverside-dental.test',
  password: 'a quiet harbour at dusk',
  roleLabel: 'Marketer',
};
const compliance = {
  name: 'Priya Natarajan',
  email: 'priya@riverside-dental.test',
  password: 'lanterns along the canal',
  roleLabel: 'Compliance officer',
};
const CHANNEL = 'riverside.test';
const RISKY = 'Our whitening is guaranteed to give you a perfect smile.';
const SAFE =
  'Brighter smiles this spring: whitening appointments are open at our Midtown office. Book at https://riverside-dental.test/whitening and see https://www.ada.org/whitening.';

/**
 * A marketer composes a post with an image, the guard highlights a risky claim as she types,
 * she fixes it and submits; the compliance officer comments on a passage and approves.
 */
describe.skipIf(Boolean(skipReason))('compose and approve a post in a real browser', () => {
  let server: BedsideServer;
  let browser: Browser;
  let pds: LocalPds;
  let dir: string;
  const requests = new RequestLog();
  const pages: Record<'owner' | 'marketer' | 'compliance', Page> = {} as never;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [server, browser, pds] = await Promise.all([
      startBedsideServer('compose-review'),
      launchChromium(),
      startLocalPds(),
    ]);
    dir = await mkdtemp(join(tmpdir(), 'bedside-e2e-img-'));
    await pds.createAccount(CHANNEL, 'pds-app-password-1');
    for (const who of ['owner', 'marketer', 'compliance'] as const) {
      const context = await requests.newContext(browser, server.url);
      contexts.push(context);
      pages[who] = await context.newPage();
    }
  }, 180_000);

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await failureScreenshots(browser, task.name);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await pds?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('sets up the practice, its Bluesky channel and two colleagues', async () => {
    await completeFirstRunSetup(pages.owner, { owner, practice });
    await connectBluesky(pages.owner, {
      handle: CHANNEL,
      appPassword: 'pds-app-password-1',
      service: pds.url,
    });
    // Links to the practice's own site get campaign parameters; others never do.
    await pages.owner.getByRole('link', { name: 'Publishing', exact: true }).click();
    await pages.owner.getByLabel('Your websites', { exact: true }).fill('riverside-dental.test');
    await pages.owner.getByRole('button', { name: 'Save' }).click();
    await pages.owner.getByText('Publishing settings saved.').waitFor();
    await screenshot(pages.owner, 'compose-00-publishing-settings');
    for (const [who, person] of [
      ['marketer', marketer],
      ['compliance', compliance],
    ] as const) {
      await inviteMember(pages.owner, person);
      const mail = await waitForMail(server.outboxDir, person.email);
      await acceptInvitation(pages[who], {
        link: linkIn(mail, `${server.url}/invite/`),
        ...person,
      });
    }
  });

  it('highlights a risky claim as the marketer types, with counts and a preview per network', async () => {
    const page = pages.marketer;
    await openComposer(page);
    const main = page.getByLabel('Main text');
    await main.fill(RISKY);
    await page
      .locator('[data-testid="guard-highlights"] mark[data-severity="warn"]')
      .first()
      .waitFor();
    const rules = await page
      .locator('[data-testid="guard-highlights"] mark')
      .evaluateAll((marks) => marks.map((m) => m.getAttribute('data-rules')));
    expect(rules.join(' ')).toContain('claims.guarantee');
    await page.getByTestId('variant-bluesky').getByText(`${RISKY.length} / 300`).waitFor();
    await page.getByTestId('preview-bluesky').getByText(RISKY).waitFor();
    await screenshot(page, 'compose-01-guard-highlights');
  });

  it('adds an image with alt text (metadata removed on the server) and submits the fixed post', async () => {
    const page = pages.marketer;
    const photo = join(dir, 'office.jpg');
    await writeFile(
      photo,
      await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#8fb8de' } })
        .jpeg()
        .withExif({
          IFD0: { Make: 'PhoneCam' },
          IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '39/1 47/1 2/1' },
        })
        .toBuffer(),
    );
    await page.getByLabel('Main text').fill(SAFE);
    await page.locator('input[type="file"]').setInputFiles(photo);
    await page
      .getByLabel('Alt text')
      .fill('A bright, empty treatment room with a dental chair by the window');
    await page.getByRole('button', { name: 'Add image' }).click();
    await page.getByText('metadata removed').waitFor();
    await page
      .getByTestId('preview-bluesky')
      .getByRole('img', { name: /treatment room/ })
      .waitFor();
    const preview = (await page.getByTestId('preview-bluesky').textContent()) ?? '';
    expect(preview).toContain(
      'https://riverside-dental.test/whitening?utm_source=bluesky&utm_medium=social&utm_campaign=',
    );
    expect(preview).toContain('https://www.ada.org/whitening.');
    expect(preview).not.toContain('ada.org/whitening?utm');
    await screenshot(page, 'compose-02-ready-with-image');
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await page.waitForURL(/\/posts\/[^/]+$/);
    await page.getByText('In review').first().waitFor();
    await page.getByText('Still needs: Compliance officer.').waitFor();
    // The author cannot approve her own post.
    expect(await page.getByRole('button', { name: /^Approve/ }).count()).toBe(0);
    await screenshot(page, 'compose-03-submitted');
  });

  it('the compliance officer finds it in her queue, comments on a passage and approves', async () => {
    const page = pages.compliance;
    await page.getByRole('link', { name: 'Posts', exact: true }).click();
    await page.getByRole('tab', { name: 'Waiting for my review' }).waitFor();
    await page.getByRole('link', { name: /Brighter smiles/ }).click();
    const text = page.getByLabel('Text for Bluesky');
    await text.focus();
    await text.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(0, 15));
    await page.getByRole('button', { name: 'Comment on selected text' }).click();
    await page.getByLabel('Your comment').fill('Lovely opening.');
    await page.getByRole('button', { name: 'Add comment' }).first().click();
    await page.getByText('Lovely opening.').waitFor();
    // The commented passage can be found again from the comment, by keyboard too.
    await text.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(0, 0));
    await page.getByRole('button', { name: 'Show in text' }).click();
    expect(
      await text.evaluate((el: HTMLTextAreaElement) => [el.selectionStart, el.selectionEnd]),
    ).toEqual([0, 15]);
    await screenshot(page, 'compose-04-review');
    await page.getByRole('button', { name: /^Approve version/ }).click();
    await page.getByText('Approved', { exact: true }).first().waitFor();
    await screenshot(page, 'compose-05-approved');
  });

  it('loaded nothing from anywhere but the Bedside server', () => {
    expect(requests.foreign(server.url)).toEqual([]);
  });
});
