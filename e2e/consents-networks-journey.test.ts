import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { missingReason } from '../tools/test-env.js';
import { createChannelConnectors } from '../packages/server/src/domain/channels/channel-connectors.js';
import type { MastodonCredentials } from '../packages/server/src/connectors/mastodon/mastodon-credentials.js';
import {
  startLocalPds,
  type LocalPds,
} from '../packages/server/src/connectors/test-support/local-pds.js';
import {
  startFacebookFake,
  type FacebookFake,
} from '../packages/server/src/connectors/test-support/meta-fake.js';
import {
  startSnacInstance,
  type SnacInstance,
} from '../packages/server/src/connectors/test-support/snac-instance.js';
import { connectSnacAccount } from '../packages/server/src/connectors/test-support/snac-oauth.js';
import { snacMissingReason } from '../packages/server/src/connectors/test-support/connector-test-env.js';
import { testPng } from '../packages/server/src/connectors/test-support/test-image.js';
import { startBedsideServer, type BedsideServer } from './support/bedside-server.js';
import { failureScreenshots, launchChromium, RequestLog, screenshot } from './support/browser.js';
import { connectBluesky } from './support/flows/compose-flow.js';
import {
  drawSignature,
  fillRequest,
  patient,
  revocationLinkIn,
} from './support/flows/consent-flow.js';
import { acceptInvitation, inviteMember } from './support/flows/members-flow.js';
import { completeFirstRunSetup } from './support/flows/setup-flow.js';
import { linkIn, waitForMail } from './support/outbox.js';
import { artifactsDir } from './support/paths.js';
import { invitee as compliance, owner, practice } from './support/people.js';

const skipReason = missingReason('chromium') ?? snacMissingReason();
if (skipReason) console.warn(skipReason);

const BSKY_HANDLE = 'riverside-consent.test';
const BSKY_PASSWORD = 'pds-app-password-2';
// A patient story (marked so, with the patient's photo) that does not name the patient: the guard
// blocks a patient's name in post text whether or not an authorization is linked.
const TEXT =
  'A smile journey completed this spring! Thank you for letting us share your story and your photo.';
const ALT = 'A smiling patient after treatment at the front desk';

/** The API as the browser's signed-in user (its cookies), with the CSRF header. */
async function apiAs(context: BrowserContext) {
  const request: APIRequestContext = context.request;
  const { token } = (await (await request.get('/api/csrf')).json()) as { token: string };
  const headers = { 'x-csrf-token': token };
  return {
    get: async <T>(path: string): Promise<T> => {
      const res = await request.get(path);
      if (!res.ok()) throw new Error(`GET ${path} → ${res.status()} ${await res.text()}`);
      return (await res.json()) as T;
    },
    post: async <T>(path: string, data?: unknown): Promise<T> => {
      const res = await request.post(path, { headers, data: data ?? {} });
      if (!res.ok()) throw new Error(`POST ${path} → ${res.status()} ${await res.text()}`);
      return (await res.json()) as T;
    },
    upload: async <T>(path: string, bytes: Uint8Array, type: string): Promise<T> => {
      const res = await request.post(path, {
        headers: { ...headers, 'content-type': type },
        data: Buffer.from(bytes),
      });
      if (!res.ok()) throw new Error(`upload ${path} → ${res.status()} ${await res.text()}`);
      return (await res.json()) as T;
    },
  };
}

/** The next whole minute (two ahead when this one is nearly over) in the practice's zone. */
function nextMinuteIn(timeZone: string): string {
  const at = new Date(Date.now() + (new Date().getSeconds() > 40 ? 120_000 : 60_000));
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
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/**
 * The journey end to end: staff request an authorization; the patient signs on a phone; a
 * post featuring the patient (linked to it, its image tagged with it) is approved and published by
 * the real `bedside serve` worker to the real snac2 and the real Bluesky PDS and to the Facebook
 * fake; the patient revokes through the link in their copy; the networks are then asked what they
 * hold. snac2 has no API to delete a status, so its post stays — and the checklist says so.
 */
describe.skipIf(Boolean(skipReason))(
  'revocation takes a patient post down from real networks',
  () => {
    let server: BedsideServer;
    let browser: Browser;
    let pds: LocalPds;
    let snac: SnacInstance;
    let facebook: FacebookFake;
    let snacReader: MastodonCredentials;
    const requests = new RequestLog();
    let staff: BrowserContext;
    let staffPage: Page;
    let officer: BrowserContext;
    let officerPage: Page;
    let orgId = '';
    let consentId = '';
    let postId = '';
    const connectors = createChannelConnectors({ timeoutMs: 10_000 });

    beforeAll(async () => {
      // snac first, on its own: it has ten seconds to answer, and loading the PDS packages in
      // parallel on a busy two-core machine can starve it.
      snac = await startSnacInstance();
      [pds, facebook, browser] = await Promise.all([
        startLocalPds(),
        startFacebookFake(),
        launchChromium(),
      ]);
      await pds.createAccount(BSKY_HANDLE, BSKY_PASSWORD);
      // A second app on the same snac account: the test's own eyes on what snac holds.
      snacReader = (await connectSnacAccount(connectors.mastodon, snac)).credentials;
      server = await startBedsideServer('consents-networks', {
        env: {
          BEDSIDE_META_APP_ID: facebook.client.clientId,
          BEDSIDE_META_APP_SECRET: facebook.client.clientSecret,
          BEDSIDE_META_GRAPH_URL: facebook.endpoints.metaGraphUrl ?? '',
          BEDSIDE_META_LOGIN_URL: facebook.endpoints.metaLoginUrl ?? '',
        },
      });
      staff = await requests.newContext(browser, server.url);
      staffPage = await staff.newPage();
      officer = await requests.newContext(browser, server.url);
      officerPage = await officer.newPage();
    }, 240_000);

    afterEach(async ({ task }) => {
      if (task.result?.state === 'fail') await failureScreenshots(browser, task.name);
    });

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
      await pds?.close();
      await snac?.stop();
      await facebook?.close();
    });

    it('sets up the practice, a compliance officer and three channels: snac2, Bluesky and Facebook', async () => {
      await completeFirstRunSetup(staffPage, { owner, practice });
      await inviteMember(staffPage, compliance);
      const invitation = await waitForMail(server.outboxDir, compliance.email);
      await acceptInvitation(officerPage, {
        link: linkIn(invitation, `${server.url}/invite/`),
        ...compliance,
      });

      await connectBluesky(staffPage, {
        handle: BSKY_HANDLE,
        appPassword: BSKY_PASSWORD,
        service: pds.url,
      });

      // Mastodon: Bedside sends the browser to snac's own sign-in page, which sends it back.
      await staffPage.getByRole('button', { name: 'Connect Mastodon' }).first().click();
      await staffPage.getByLabel('Instance URL').fill(snac.baseUrl);
      await staffPage.getByRole('button', { name: 'Continue to the instance' }).click();
      await staffPage.waitForURL((url) => url.origin === snac.baseUrl);
      await staffPage.locator('input[name="login"]').fill(snac.user);
      await staffPage.locator('input[name="passwd"]').fill(snac.password);
      // snac writes its own address with https:// (its configured protocol) into the form, though it
      // serves plain HTTP on loopback (NETWORKS.md §2): post the form to where snac really listens.
      await staffPage.evaluate(() => {
        for (const form of Array.from(document.forms))
          form.action = form.action.replace(/^https:/, 'http:');
      });
      await staffPage.locator('input[name="passwd"]').press('Enter');
      await staffPage.waitForURL((url) => url.origin === server.url);
      // The channel in the list (the "connected" toast closes by itself after a few seconds).
      await staffPage.waitForURL((url) => url.pathname === '/settings/channels');
      await staffPage
        .getByText(`@${snac.user}@${new URL(snac.baseUrl).host}`)
        .first()
        .waitFor();

      // Facebook: the fake approves at once; Bedside asks which Page.
      await staffPage.goto('/settings/channels');
      await staffPage.getByRole('button', { name: 'Connect another network' }).click();
      await staffPage.getByRole('menuitem', { name: 'Connect Facebook' }).click();
      await staffPage.getByRole('button', { name: 'Continue to Facebook' }).click();
      await staffPage.getByRole('radio', { name: 'Main Street Clinic', exact: true }).check();
      await staffPage.getByRole('button', { name: 'Connect', exact: true }).click();
      await staffPage.waitForURL((url) => url.pathname === '/settings/channels');
      await staffPage.getByText('Main Street Clinic').first().waitFor();
      await screenshot(staffPage, 'consents-net-01-channels');

      const session = await (
        await apiAs(staff)
      ).get<{ memberships: { orgId: string }[] }>('/api/auth/session');
      orgId = session.memberships[0]?.orgId ?? '';
      expect(orgId).not.toBe('');
    });

    it('staff request an authorization; the patient signs it on a 390×844 phone page', async () => {
      await staffPage.goto('/consents');
      await staffPage.getByRole('link', { name: 'Request an authorization' }).click();
      await fillRequest(staffPage, ['Mastodon', 'Bluesky', 'Facebook']);
      await staffPage.getByRole('button', { name: 'Send the signing link' }).click();
      await staffPage.getByRole('heading', { level: 1, name: patient.name }).waitFor();
      consentId = new URL(staffPage.url()).pathname.split('/').pop() ?? '';
      const mail = await waitForMail(server.outboxDir, patient.email);
      const signingLink = linkIn(mail, `${server.url}/sign/`);

      const phone = await browser.newContext({
        baseURL: server.url,
        viewport: { width: 390, height: 844 },
      });
      phone.on('request', (r) => requests.urls.push(r.url()));
      const page = await phone.newPage();
      await page.goto(signingLink);
      await page
        .getByRole('heading', { level: 1, name: /Authorization to use and share/ })
        .waitFor();
      await page.screenshot({ path: join(artifactsDir, 'consents-net-02-phone-top.png') });
      await page.getByLabel('Your full name').fill(patient.name);
      await drawSignature(page);
      await page.getByRole('checkbox', { name: /I have read this form/ }).check();
      await page.getByRole('button', { name: 'Sign the authorization' }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(artifactsDir, 'consents-net-03-phone-signed.png') });
      // Nothing on the phone page is wider than the phone.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        390,
      );
      await page.getByRole('button', { name: 'Sign the authorization' }).click();
      await page.getByRole('heading', { name: 'Thank you — signed' }).waitFor();
      await phone.close();
      await staffPage.reload();
      await staffPage.getByText('Active').first().waitFor();
      // The signed PDF, kept for a person to look at (rendered to PNG with pdftoppm).
      const detail = await (
        await apiAs(staff)
      ).get<{ documents: { id: string; sha256: string }[] }>(
        `/api/orgs/${orgId}/consents/${consentId}`,
      );
      const pdf = await staff.request.get(
        `/api/orgs/${orgId}/consents/${consentId}/documents/${detail.documents[0]?.id ?? ''}`,
      );
      expect(pdf.headers()['x-content-sha256']).toBe(detail.documents[0]?.sha256);
      await writeFile(join(artifactsDir, 'consents-net-signed.pdf'), await pdf.body());
    });

    it('a patient story with a photo: the image is tagged and the post linked in the composer, then approved', async () => {
      const api = await apiAs(staff);
      const { locations } = await api.get<{ locations: { id: string }[] }>(
        `/api/orgs/${orgId}/locations`,
      );
      const locationId = locations[0]?.id ?? '';
      const { channels } = await api.get<{ channels: { id: string; network: string }[] }>(
        `/api/orgs/${orgId}/compose/channels?locationId=${locationId}`,
      );
      expect(channels.map((c) => c.network).sort()).toEqual(['bluesky', 'facebook', 'mastodon']);
      const media = await api.upload<{ id: string }>(
        `/api/orgs/${orgId}/media?altText=${encodeURIComponent(ALT)}`,
        testPng(64, 64),
        'image/png',
      );
      const created = await api.post<{ id: string }>(`/api/orgs/${orgId}/posts`, {
        locationId,
        baseText: TEXT,
        patientStory: true,
        variants: channels.map((c) => ({ channelId: c.id, text: TEXT })),
        mediaIds: [media.id],
      });
      postId = created.id;

      // The post page: a patient story needs an authorization; link the signed one.
      await staffPage.goto(`/posts/${postId}`);
      const panel = staffPage.getByRole('alert').filter({ hasText: 'Patient authorization' });
      await panel.getByPlaceholder('Choose the patient').click();
      await staffPage.getByRole('option', { name: patient.name }).click();
      await panel.getByRole('button', { name: 'Link' }).click();
      await staffPage.getByText('Covered by a patient authorization').waitFor();

      // The composer: tag the image with the patient's authorization.
      await staffPage.goto(`/compose/${postId}`);
      const select = staffPage.getByRole('combobox', { name: /^Patient authorization for image/ });
      await select.click();
      await staffPage.getByRole('option', { name: patient.name }).click();
      await staffPage.getByRole('button', { name: 'Tag image' }).click();
      await staffPage.getByText(`Depends on the authorization of ${patient.name}`).waitFor();
      await screenshot(staffPage, 'consents-net-04-composer-image-tagged');

      const post = await api.get<{ version: number }>(`/api/orgs/${orgId}/posts/${postId}`);
      await api.post(`/api/orgs/${orgId}/posts/${postId}/submit`, { version: post.version });
      await officerPage.goto(`/posts/${postId}`);
      await officerPage.getByRole('button', { name: /^Approve version/ }).click();
      await officerPage.getByText('Approved', { exact: true }).first().waitFor();
    });

    it('the bedside worker publishes it to snac2, the Bluesky PDS and the Facebook fake', async () => {
      const api = await apiAs(staff);
      await api.post(`/api/orgs/${orgId}/posts/${postId}/schedule`, {
        localTime: nextMinuteIn(practice.location.timeZone),
      });
      let status = '';
      for (let i = 0; i < 180 && status !== 'published'; i += 1) {
        status = (await api.get<{ status: string }>(`/api/orgs/${orgId}/posts/${postId}`)).status;
        if (status === 'failed' || status === 'partially_published')
          throw new Error(`publishing ended ${status}; see ${server.logFile}`);
        if (status !== 'published') await sleep(1_000);
      }
      expect(status).toBe('published');

      expect(facebook.posts().map((p) => p.text)).toEqual([TEXT]);
      expect(await blueskyTexts()).toEqual([TEXT]);
      const onSnac = await connectors.mastodon.findRecent(snacReader, {
        since: new Date(Date.now() - 3_600_000),
        text: TEXT,
      });
      expect(onSnac?.remoteId).toBeTruthy();
    }, 240_000);

    it('the patient revokes from the link in their copy', async () => {
      const link = await revocationLinkIn(server.outboxDir, server.url);
      const phone = await browser.newContext({
        baseURL: server.url,
        viewport: { width: 390, height: 844 },
      });
      phone.on('request', (r) => requests.urls.push(r.url()));
      const page = await phone.newPage();
      await page.goto(link);
      await page.getByRole('button', { name: 'Revoke my authorization' }).click();
      await page.getByRole('status').filter({ hasText: 'Revoked' }).waitFor({ timeout: 60_000 });
      await phone.close();
    }, 90_000);

    it('the networks: gone from Bluesky, deleted on Facebook, still on snac2 (it cannot delete by API)', async () => {
      expect(await blueskyTexts()).toEqual([]);
      const deletes = facebook.requests.filter((r) => r.method === 'DELETE');
      expect(deletes).toHaveLength(1);
      expect(facebook.posts()).toEqual([]);
      const onSnac = await connectors.mastodon.findRecent(snacReader, {
        since: new Date(Date.now() - 3_600_000),
        text: TEXT,
      });
      expect(onSnac?.remoteId).toBeTruthy();
      const status = await fetch(`${snac.baseUrl}/api/v1/statuses/${onSnac?.remoteId ?? ''}`, {
        headers: { authorization: `Bearer ${snacReader.accessToken}` },
      });
      expect(status.status).toBe(200);
    });

    it('the checklist lists the snac2 post with its address; the owner and the compliance officer were told', async () => {
      await staffPage.goto(`/consents/${consentId}`);
      await staffPage.getByText('Revoked').first().waitFor();
      const checklist = staffPage.getByRole('region', { name: 'Takedown checklist' });
      await checklist.waitFor();
      const rows = await checklist.getByRole('row').allInnerTexts();
      // What still needs a person comes first (rows[0] is the header).
      expect(rows[1]).toMatch(/^Mastodon/);
      const mastodon = rows.find((r) => r.startsWith('Mastodon'));
      expect(mastodon).toMatch(new RegExp(`${snac.baseUrl.split('//')[1]}/${snac.user}/`));
      expect(mastodon).toMatch(/Mark removed/);
      expect(rows.find((r) => r.startsWith('Bluesky'))).toMatch(/Removed/);
      expect(rows.find((r) => r.startsWith('Facebook'))).toMatch(/Removed/);
      await checklist.scrollIntoViewIfNeeded();
      await screenshot(staffPage, 'consents-net-05-takedown-checklist');

      // In the app, for both of them.
      for (const page of [staffPage, officerPage]) {
        await page.goto('/');
        await page.getByRole('button', { name: /^Notifications, \d+ unread/ }).click();
        await page
          .getByRole('dialog', { name: 'Notifications' })
          .getByText('A patient authorization was revoked')
          .waitFor();
      }
      // And by email.
      for (const who of [owner.email, compliance.email]) {
        const mail = await waitForMailWith(server.outboxDir, who, 'revoked');
        expect(mail.subject).toMatch(/A patient authorization was revoked/);
      }
    }, 200_000);

    it('the browser asked only Bedside, and the networks it signs in to', () => {
      const allowed = new Set([
        new URL(snac.baseUrl).origin,
        new URL(facebook.endpoints.metaLoginUrl ?? facebook.baseUrl).origin,
      ]);
      expect(requests.foreign(server.url).filter((u) => !allowed.has(new URL(u).origin))).toEqual(
        [],
      );
    });

    /** Texts of the posts in the Bluesky account's repository, asked of the PDS itself. */
    async function blueskyTexts(): Promise<string[]> {
      const { did } = (await (
        await fetch(`${pds.url}/xrpc/com.atproto.identity.resolveHandle?handle=${BSKY_HANDLE}`)
      ).json()) as { did: string };
      const listed = (await (
        await fetch(
          `${pds.url}/xrpc/com.atproto.repo.listRecords?repo=${encodeURIComponent(did)}&collection=app.bsky.feed.post`,
        )
      ).json()) as { records: { value: { text: string } }[] };
      return listed.records.map((r) => r.value.text);
    }
  },
);

/**
 * Waits for a mail to `to` whose subject contains `word` (others to them come first). Notification
 * mails go out from a job that runs every minute, so this waits up to two.
 */
async function waitForMailWith(outboxDir: string, to: string, word: string) {
  const deadline = Date.now() + 130_000;
  while (Date.now() < deadline) {
    for (const name of (await readdir(outboxDir).catch(() => [] as string[])).sort()) {
      const raw = await readFile(join(outboxDir, name), 'utf8');
      const head = raw.slice(0, raw.search(/\r?\n\r?\n/)).replace(/\r?\n[ \t]+/g, ' ');
      const toLine = /^To:\s*(.*)$/im.exec(head)?.[1] ?? '';
      const subject = decodeWords(/^Subject:\s*(.*)$/im.exec(head)?.[1] ?? '');
      if (toLine.toLowerCase().includes(to.toLowerCase()) && subject.includes(word))
        return { file: name, subject };
    }
    await sleep(500);
  }
  throw new Error(`no mail to ${to} about "${word}" in ${outboxDir}`);
}

/** RFC 2047 encoded words (a subject with "·" in it arrives as =?UTF-8?Q?…?=). */
function decodeWords(header: string): string {
  return header
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_m, kind: string, text: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_x, hex: string) =>
                String.fromCharCode(parseInt(hex, 16)),
              ),
            'latin1',
          ).toString('utf8'),
    );
}
