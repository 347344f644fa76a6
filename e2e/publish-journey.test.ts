import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { missingReason } from '../tools/test-env.js';
import { snacMissingReason } from '../packages/server/src/connectors/test-support/connector-test-env.js';
import {
  startLocalPds,
  type LocalPds,
} from '../packages/server/src/connectors/test-support/local-pds.js';
import {
  startSnacInstance,
  type SnacInstance,
} from '../packages/server/src/connectors/test-support/snac-instance.js';
import { startBedsideServer, type BedsideServer } from './support/bedside-server.js';
import { failureScreenshots, launchChromium, RequestLog, screenshot } from './support/browser.js';
import { connectBluesky, openComposer } from './support/flows/compose-flow.js';
import { acceptInvitation, inviteMember } from './support/flows/members-flow.js';
import { connectMastodon, localMinute, submitScheduleTime } from './support/flows/publish-flow.js';
import { completeFirstRunSetup } from './support/flows/setup-flow.js';
import { linkIn, waitForMail } from './support/outbox.js';
import { owner, practice } from './support/people.js';

const skipReason = missingReason('chromium') ?? snacMissingReason();
if (skipReason) console.warn(skipReason);

const compliance = {
  name: 'Priya Natarajan',
  email: 'priya@riverside-dental.test',
  password: 'lanterns along the canal',
  roleLabel: 'Compliance officer',
};
const marketer = {
  name: 'Jonah Whitfield',
  email: 'jonah@riverside-dental.test',
  password: 'kites over the harbour',
  roleLabel: 'Marketer',
};
const BSKY_HANDLE = 'riverside.test';
const BSKY_PASSWORD = 'pds-app-password-2';
const TEXT =
  'Flu shot clinic this Saturday at our Midtown office: walk-ins welcome from nine until noon.';
const ALT = 'A sunny waiting room with three empty chairs and a potted fern';
const ZONE = practice.location.timeZone;
/** The longest the journey waits for the dispatcher after the scheduled minute. */
const ARRIVAL_TIMEOUT_MS = 150_000;

interface BskyRecord {
  value: {
    text: string;
    embed?: { $type: string; images?: { alt: string; image: { ref: { $link: string } } }[] };
  };
}
interface MastodonStatus {
  id: string;
  content: string;
  media_attachments: { type: string; description: string | null; url: string }[];
}

/**
 * The "Done when": in the browser, a member with the Marketer role connects a Mastodon account on a real snac2 server through snac's own login form and a Bluesky
 * account on a real local PDS with an app password, composes a post with an image, the
 * compliance officer approves it in her own session, it is scheduled a minute or two ahead — and
 * it arrives on both servers exactly once, image and alt text included, and the calendar says so.
 * Along the way the composer's bad-input messages (media, length, time) are checked.
 * The owner only sets the practice up and invites the team; marketers may connect accounts
 * (`channel.connect`), only managers disconnect them.
 */
describe.skipIf(Boolean(skipReason))('publish to real Mastodon and Bluesky servers', () => {
  let server: BedsideServer;
  let browser: Browser;
  let pds: LocalPds;
  let snac: SnacInstance;
  let dir: string;
  let postUrl: string;
  let scheduledFor: Date;
  const requests = new RequestLog();
  const pages = {} as Record<'owner' | 'marketer' | 'compliance', Page>;

  beforeAll(async () => {
    [server, browser, pds, snac] = await Promise.all([
      startBedsideServer('publish'),
      launchChromium(),
      startLocalPds(),
      startSnacInstance('clinic', { protocol: 'http' }),
    ]);
    dir = await mkdtemp(join(tmpdir(), 'bedside-e2e-publish-'));
    await pds.createAccount(BSKY_HANDLE, BSKY_PASSWORD);
    for (const who of ['owner', 'marketer', 'compliance'] as const)
      pages[who] = await (await requests.newContext(browser, server.url)).newPage();
  }, 180_000);

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await failureScreenshots(browser, task.name);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await pds?.close();
    await snac?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('the owner sets up the practice and invites the team; the marketer connects snac2 and the PDS', async () => {
    await completeFirstRunSetup(pages.owner, { owner, practice });
    for (const member of [compliance, marketer]) {
      await inviteMember(pages.owner, member);
      const mail = await waitForMail(server.outboxDir, member.email);
      await acceptInvitation(member === marketer ? pages.marketer : pages.compliance, {
        link: linkIn(mail, `${server.url}/invite/`),
        ...member,
      });
    }
    const page = pages.marketer;

    await connectMastodon(page, {
      instanceUrl: snac.baseUrl,
      login: snac.user,
      password: snac.password,
      handle: new RegExp(`@${snac.user}@127\\.0\\.0\\.1`),
    });
    await connectBluesky(page, {
      handle: BSKY_HANDLE,
      appPassword: BSKY_PASSWORD,
      service: pds.url,
    });
    await page.getByText(BSKY_HANDLE).first().waitFor();
    await screenshot(page, 'publish-02-channels');
  });

  it('the composer says plainly what is wrong: unsupported or oversized images, text too long', async () => {
    const page = pages.marketer;
    await openComposer(page);
    await page.getByTestId('variant-mastodon').waitFor();
    await page.getByTestId('variant-bluesky').waitFor();

    // Text over Bluesky's 300 graphemes: counted, said in words, and the post cannot go to review.
    await page.getByLabel('Main text').fill(`${TEXT} `.repeat(4).trim());
    const over = page.getByTestId('variant-bluesky').getByText(/over the limit/);
    await over.waitFor();
    expect(await over.textContent()).toMatch(/^3\d\d \/ 300 — \d+ over the limit$/);
    expect(await page.getByRole('button', { name: 'Submit for review' }).isDisabled()).toBe(true);

    const fileInput = page.locator('input[type="file"]');
    // A file that only claims to be an image: the server reads the bytes and refuses it.
    const fake = join(dir, 'not-really.png');
    await writeFile(fake, 'This is a text file with a .png name.\n');
    await fileInput.setInputFiles(fake);
    await page.getByLabel('Alt text').fill('Not an image at all');
    await page.getByRole('button', { name: 'Add image' }).click();
    await page
      .getByRole('alert')
      .getByText(/could not be read as an image/)
      .waitFor();

    // Over 10 MB: refused before upload, with the limit in words.
    const big = join(dir, 'huge.jpg');
    await writeFile(big, Buffer.alloc(11 * 1024 * 1024, 7));
    await fileInput.setInputFiles(big);
    await page.getByText('This image is over 10 MB; choose a smaller one.').waitFor();
    // The refusal of the previous file is gone: it said nothing about this one.
    expect(await page.getByText(/could not be read as an image/).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add image' }).isDisabled()).toBe(true);

    // A GIF is not among the formats taken.
    const gif = join(dir, 'animation.gif');
    await writeFile(
      gif,
      await sharp({ create: { width: 10, height: 10, channels: 3, background: '#fff' } })
        .gif()
        .toBuffer(),
    );
    await fileInput.setInputFiles(gif);
    await page.getByText('Choose a JPEG, PNG or WebP image.').waitFor();
    await screenshot(page, 'publish-03-composer-bad-input');
  });

  it('composes the post with a photo (alt text, a preview per network) and submits it', async () => {
    const page = pages.marketer;
    const photo = join(dir, 'waiting-room.jpg');
    await writeFile(
      photo,
      await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#e9c46a' } })
        .jpeg()
        .withExif({
          IFD0: { Make: 'PhoneCam' },
          IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '39/1 47/1 2/1' },
        })
        .toBuffer(),
    );
    await page.getByLabel('Main text').fill(TEXT);
    await page.locator('input[type="file"]').setInputFiles(photo);
    await page.getByLabel('Alt text').fill(ALT);
    await page.getByRole('button', { name: 'Add image' }).click();
    await page.getByText('metadata removed').waitFor();
    for (const network of ['bluesky', 'mastodon'])
      await page
        .getByTestId(`preview-${network}`)
        .getByRole('img', { name: /sunny waiting room/ })
        .waitFor();
    await page.getByTestId('preview-bluesky').getByText(TEXT).waitFor();
    await page.getByTestId('preview-mastodon').getByText(TEXT).waitFor();
    await page.getByTestId('variant-bluesky').getByText(`${TEXT.length} / 300`).waitFor();
    await screenshot(page, 'publish-04-composer-ready');
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await page.waitForURL(/\/posts\/[^/]+$/);
    postUrl = page.url();
    await page.getByText('Still needs: Compliance officer.').waitFor();
  });

  it('the compliance officer approves it in her own session', async () => {
    const page = pages.compliance;
    await page.getByRole('link', { name: 'Posts', exact: true }).click();
    await page.getByRole('tab', { name: 'Waiting for my review' }).waitFor();
    await page.getByRole('link', { name: /Flu shot clinic/ }).click();
    await page.getByRole('button', { name: /^Approve version/ }).click();
    await page.getByText('Approved', { exact: true }).first().waitFor();
    await screenshot(page, 'publish-05-approved');
  });

  it('scheduling refuses a past time, explains a time that does not exist, then takes one a minute or two ahead', async () => {
    const page = pages.marketer;
    await page.goto(postUrl);
    await page.getByRole('button', { name: 'Schedule' }).click();
    const dialog = page.getByRole('dialog', { name: 'Schedule post' });

    await submitScheduleTime(page, localMinute(new Date(Date.now() - 3_600_000), ZONE));
    await dialog.getByText(/has already passed/).waitFor();

    // 02:30 on the day Chicago springs forward does not exist: it moves to after the change, and says so.
    await submitScheduleTime(page, '2027-03-14T02:30');
    await dialog.getByText(/does not exist on the day clocks spring forward/).waitFor();
    // The post page says when on the location's clock: 02:30 became 03:30 in Chicago.
    await page.getByText('Scheduled for Mar 14, 2027, 3:30 AM (America/Chicago)').waitFor();
    await screenshot(page, 'publish-06-schedule-dst-gap');

    // The next whole minute after a minute from now (minute precision; never already past).
    scheduledFor = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 120_000);
    const local = localMinute(scheduledFor, ZONE);
    await submitScheduleTime(page, local);
    await dialog.getByText(`Scheduled for ${local.replace('T', ' ')}`).waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByText('Scheduled', { exact: true }).first().waitFor();
  });

  it(
    'arrives on snac2 and on the PDS exactly once, with the image and its alt text',
    async () => {
      // snac2 serves an account's public statuses to anyone, as Mastodon does.
      const masto = async <T>(path: string): Promise<T> => {
        const res = await fetch(`${snac.baseUrl}${path}`);
        expect(res.status, path).toBe(200);
        return (await res.json()) as T;
      };
      const me = await masto<{ id: string }>(`/api/v1/accounts/lookup?acct=${snac.user}`);
      const statuses = async () =>
        (await masto<MastodonStatus[]>(`/api/v1/accounts/${me.id}/statuses?limit=40`)).filter((s) =>
          s.content.includes('Flu shot clinic this Saturday'),
        );
      const records = async () => {
        const res = await fetch(
          `${pds.url}/xrpc/com.atproto.repo.listRecords?repo=${BSKY_HANDLE}&collection=app.bsky.feed.post`,
        );
        return ((await res.json()) as { records: BskyRecord[] }).records.filter(
          (r) => r.value.text === TEXT,
        );
      };
      // Nothing before its time.
      if (Date.now() < scheduledFor.getTime() - 5_000) {
        expect(await statuses()).toEqual([]);
        expect(await records()).toEqual([]);
      }
      const deadline = scheduledFor.getTime() + ARRIVAL_TIMEOUT_MS;
      while (Date.now() < deadline) {
        if ((await statuses()).length > 0 && (await records()).length > 0) break;
        await sleep(1_000);
      }

      const [status, ...moreStatuses] = await statuses();
      expect(moreStatuses).toEqual([]);
      expect(status?.media_attachments).toMatchObject([{ type: 'image', description: ALT }]);
      const [record, ...moreRecords] = await records();
      expect(moreRecords).toEqual([]);
      expect(record?.value.embed?.$type).toBe('app.bsky.embed.images');
      expect(record?.value.embed?.images?.map((i) => i.alt)).toEqual([ALT]);

      // The image that went out carries no camera or GPS metadata.
      const did = (
        (await (
          await fetch(`${pds.url}/xrpc/com.atproto.identity.resolveHandle?handle=${BSKY_HANDLE}`)
        ).json()) as { did: string }
      ).did;
      const cid = record?.value.embed?.images?.[0]?.image.ref.$link ?? '';
      const blob = await fetch(`${pds.url}/xrpc/com.atproto.sync.getBlob?did=${did}&cid=${cid}`);
      expect(blob.status).toBe(200);
      const meta = await sharp(Buffer.from(await blob.arrayBuffer())).metadata();
      expect(meta.exif).toBeUndefined();
      expect(meta.format).toBe('jpeg');
      const attachment = await fetch(status?.media_attachments[0]?.url ?? '');
      expect(attachment.status).toBe(200);
      expect((await sharp(Buffer.from(await attachment.arrayBuffer())).metadata()).exif).toBe(
        undefined,
      );
    },
    ARRIVAL_TIMEOUT_MS + 240_000,
  );

  it('the calendar shows it published on both networks', async () => {
    const page = pages.marketer;
    // A full load, not the menu link: after minutes of waiting the tab may hold an older build's
    // chunk names (other test runs rebuild the web app), as a long-open tab after an upgrade would.
    await page.goto('/calendar');
    const entries = page.locator('[data-testid="calendar-entry"]');
    const published = page.locator('[data-testid="calendar-entry"][data-status="published"]');
    // The calendar reads the targets when opened; reload until the worker's last write shows.
    for (let i = 0; i < 30; i += 1) {
      await entries.first().waitFor();
      if ((await published.count()) >= 2) break;
      await sleep(1_000);
      await page.reload();
    }
    expect(await published.count()).toBe(2);
    const tiles = (await published.allInnerTexts()).join('\n');
    expect(tiles).toContain('Bluesky');
    expect(tiles).toContain('Mastodon');
    expect(tiles).toContain('Flu shot clinic');
    expect(await entries.count()).toBe(2);
    await screenshot(page, 'publish-07-calendar-month');
    await page.getByText('Week', { exact: true }).click();
    await page.getByText(/^Week of /).waitFor();
    await published.nth(1).waitFor();
    await screenshot(page, 'publish-08-calendar-week');
    await page.goto(postUrl);
    await page.getByText('Published', { exact: true }).first().waitFor();
    await screenshot(page, 'publish-09-post-published');
  });

  it('loaded nothing from anywhere but Bedside and, for the sign-in, the snac2 instance', () => {
    const allowed = new Set([server.url, snac.baseUrl]);
    expect(
      requests.urls.filter(
        (url) => !/^(data|blob):/.test(url) && !allowed.has(new URL(url).origin),
      ),
    ).toEqual([]);
  });
});
