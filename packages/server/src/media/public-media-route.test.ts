import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createGoogleBusinessConnector } from '../connectors/google-business/google-business-connector.js';
import { createInstagramConnector } from '../connectors/instagram/instagram-connector.js';
import { networkEndpoints } from '../connectors/network-endpoints.js';
import { freeLoopbackPort } from '../connectors/test-support/free-port.js';
import {
  startGoogleBusinessFake,
  type GoogleBusinessFake,
} from '../connectors/test-support/google-business-fake.js';
import { useLoopbackOnlyNetwork } from '../connectors/test-support/loopback-only.js';
import { startInstagramFake, type InstagramFake } from '../connectors/test-support/meta-fake.js';
import type { ChannelNetwork } from '../db/schema.js';
import { createChannelConnectors } from '../domain/channels/channel-connectors.js';
import { deletePublishedPost } from '../domain/dispatch/delete-published-post.js';
import type { DispatchDeps } from '../domain/dispatch/dispatch-deps.js';
import { addApprovedPost, addChannel } from '../domain/dispatch/test-support/dispatch-fixture.js';
import { runDueTargets } from '../domain/dispatch/test-support/drive-dispatch.js';
import { uploadMedia } from '../domain/posts/media/upload-media.js';
import { createOrgWithRoles, type OrgWithRoles } from '../test-support/org-with-roles.js';
import { createTestApp, TestClient, type TestApp } from '../test-support/test-app.js';
import { describeEachDialect } from '../test-support/test-database.js';
import { createFileMediaStore, type MediaStore } from './media-store.js';
import { createMediaLinkSigner, PUBLIC_MEDIA_PATH } from './public-media-url.js';

/**
 * The public media route end to end: dispatch signs a link per target and image, the Instagram
 * and Google Business Profile fakes download it from the real app listening on loopback (as the
 * networks download from Bedside), and the link opens exactly that image while the post is live.
 */
describeEachDialect('public media links: networks download the image from Bedside', (dialect) => {
  useLoopbackOnlyNetwork();
  let t: TestApp;
  let o: OrgWithRoles;
  let ig: InstagramFake;
  let gbp: GoogleBusinessFake;
  let dir: string;
  let store: MediaStore;
  let appUrl: string;
  let stored: { mediaId: string; bytes: Uint8Array };
  const db = () => t.services.database.db;
  let day = 10;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    dir = await mkdtemp(join(tmpdir(), 'bedside-public-media-'));
    store = createFileMediaStore(dir);
    t.services.mediaStore = store;
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    appUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    o = await createOrgWithRoles(t, `pm-${dialect}`);
    [ig, gbp] = await Promise.all([startInstagramFake(), startGoogleBusinessFake()]);
    const photo = await sharp({
      create: { width: 1200, height: 900, channels: 3, background: '#2a9d8f' },
    })
      .jpeg()
      .withExif({ IFD0: { Make: 'PhoneCam' }, IFD3: { GPSLatitudeRef: 'N' } })
      .toBuffer();
    const media = await uploadMedia(db(), {
      actor: { userId: o.userIds.marketer, label: 'marketer', ip: null },
      orgId: o.orgId,
      bytes: photo,
      altText: 'The front desk with a vase of tulips',
      store,
    });
    const row = await db()
      .selectFrom('mediaAssets')
      .select('storageKey')
      .where('id', '=', media.id)
      .executeTakeFirstOrThrow();
    stored = { mediaId: media.id, bytes: await store.get(row.storageKey) };
  }, 60_000);
  afterAll(async () => {
    await Promise.all([ig?.close(), gbp?.close()]);
    await t?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const connectors = () => ({
    ...createChannelConnectors({ timeoutMs: 5_000 }),
    instagram: createInstagramConnector({
      endpoints: networkEndpoints(ig.endpoints).meta,
      client: ig.client,
      timeoutMs: 5_000,
      containerPollMs: 5,
    }),
    gbp: createGoogleBusinessConnector({
      endpoints: networkEndpoints(gbp.endpoints).google,
      client: gbp.client,
      timeoutMs: 5_000,
    }),
  });
  const deps = (publicBaseUrl: string): DispatchDeps => ({
    db: db(),
    dialect,
    box: t.services.box,
    connectors: connectors(),
    owner: 'worker-media',
    log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    loadMedia: async ({ orgId, storageKey }) => {
      expect(storageKey.startsWith(`${orgId}/`)).toBe(true);
      return store.get(storageKey);
    },
    mediaLinks: createMediaLinkSigner({ ...t.services.config.mediaUrls, publicBaseUrl }),
  });

  /** An approved post with the image on an Instagram and a GBP channel, scheduled and due. */
  async function duePost(
    text: string,
    mediaId: string = stored.mediaId,
  ): Promise<{ postId: string; due: Date }> {
    const fixture = {
      orgId: o.orgId,
      locationId: o.locationId,
      ownerId: o.userIds.owner,
      box: t.services.box,
      actor: { userId: o.userIds.owner, label: 'owner', ip: null },
    };
    const channels: { id: string; network: ChannelNetwork }[] = [];
    for (const [network, fake] of [
      ['instagram', ig],
      ['gbp', gbp],
    ] as const)
      channels.push({
        network,
        id: await addChannel(db(), fixture, {
          network,
          serviceUrl: fake.baseUrl,
          credentials: fake.credentials,
        }),
      });
    const { postId } = await addApprovedPost(db(), fixture, { channels, text });
    await db()
      .insertInto('postMedia')
      .values({ postId, mediaId, orgId: o.orgId, position: 0 })
      .execute();
    day += 1;
    const res = await o.clients.marketer.post(`/api/orgs/${o.orgId}/posts/${postId}/schedule`, {
      localTime: `2027-06-${day}T09:00`,
    });
    expect(res.statusCode, res.body).toBe(200);
    return { postId, due: new Date(`2027-06-${day}T14:00:01Z`) };
  }

  const targets = (postId: string) =>
    db()
      .selectFrom('postTargets')
      .selectAll()
      .where('postId', '=', postId)
      .orderBy('network')
      .execute();
  const get = (url: string) => fetch(url, { redirect: 'manual' });
  let publishedPostId = '';
  let links: string[] = [];

  it('Instagram and Google download the exact stored image through signed links; the posts go out', async () => {
    const { postId, due } = await duePost(`New front desk flowers (${dialect}).`);
    publishedPostId = postId;
    const outcomes = await runDueTargets(deps(appUrl), due);
    expect(outcomes.map((r) => [r.target.network, r.outcome]).sort()).toEqual([
      ['gbp', 'published'],
      ['instagram', 'published'],
    ]);
    const fetches = [...ig.mediaFetches(), ...gbp.mediaFetches()];
    expect(fetches).toHaveLength(2);
    for (const fetched of fetches) {
      expect(fetched).toMatchObject({ ok: true, contentType: 'image/jpeg' });
      expect(fetched.ok && new Uint8Array(fetched.bytes)).toEqual(stored.bytes);
      expect(fetched.url.startsWith(`${appUrl}${PUBLIC_MEDIA_PATH}`)).toBe(true);
      // Nothing about the organization or the storage layout is in the link.
      expect(fetched.url).not.toContain(o.orgId);
      expect(fetched.url).not.toContain('.jpg');
    }
    links = fetches.map((f) => f.url);
    const rows = await targets(postId);
    expect(links[0]).toContain(rows.find((r) => r.network === 'instagram')?.id);
    expect(links[1]).toContain(rows.find((r) => r.network === 'gbp')?.id);
    expect(ig.posts()).toMatchObject([{ mediaCount: 1 }]);
    expect(gbp.posts()).toMatchObject([{ mediaCount: 1 }]);
  });

  it('a link opens only the image: its type, no metadata, no cookie, no caching, no session', async () => {
    const res = await get(links[0] ?? '');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('set-cookie')).toBeNull();
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(bytes).toEqual(stored.bytes);
    const meta = await sharp(bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.icc === undefined || meta.icc.length < 4096).toBe(true);
  });

  it('Instagram (JPEG only) gets a PNG as a JPEG without metadata; Google gets the stored PNG', async () => {
    const png = await sharp({
      create: {
        width: 800,
        height: 800,
        channels: 4,
        background: { r: 42, g: 157, b: 143, alpha: 0.5 },
      },
    })
      .png()
      .toBuffer();
    const media = await uploadMedia(db(), {
      actor: { userId: o.userIds.marketer, label: 'marketer', ip: null },
      orgId: o.orgId,
      bytes: png,
      altText: 'A teal square',
      store,
    });
    const before = ig.mediaFetches().length + gbp.mediaFetches().length;
    const { due } = await duePost(`A teal square (${dialect}).`, media.id);
    const outcomes = await runDueTargets(deps(appUrl), due);
    expect(outcomes.map((r) => r.outcome)).toEqual(['published', 'published']);
    const [fromIg] = ig.mediaFetches().slice(-1);
    const [fromGbp] = gbp.mediaFetches().slice(-1);
    expect(ig.mediaFetches().length + gbp.mediaFetches().length).toBe(before + 2);
    expect(fromIg).toMatchObject({ ok: true, contentType: 'image/jpeg' });
    expect(fromGbp).toMatchObject({ ok: true, contentType: 'image/png' });
    const jpeg = await sharp(
      new Uint8Array(fromIg?.ok ? fromIg.bytes : new ArrayBuffer(0)),
    ).metadata();
    expect(jpeg).toMatchObject({ format: 'jpeg', width: 800, height: 800, hasAlpha: false });
    expect(jpeg.exif).toBeUndefined();
    const kept = await sharp(
      new Uint8Array(fromGbp?.ok ? fromGbp.bytes : new ArrayBuffer(0)),
    ).metadata();
    expect(kept).toMatchObject({ format: 'png', hasAlpha: true });
  });

  it('bad input: forged, altered, expired and foreign-key links, probing and listing all get the same 404', async () => {
    const link = links[0] ?? '';
    const token = link.slice(`${appUrl}${PUBLIC_MEDIA_PATH}`.length);
    const [targetId = '', mediaId = '', expires = '', signature = ''] = token.split(/[/.]/);
    const expired = createMediaLinkSigner(t.services.config.mediaUrls).urlFor(
      { targetId, mediaId },
      new Date(Date.now() - 2 * 3600_000),
    );
    const foreign = createMediaLinkSigner({
      key: Buffer.alloc(32, 1),
      publicBaseUrl: appUrl,
      ttlSeconds: 3600,
    }).urlFor({ targetId, mediaId });
    const base = `${appUrl}${PUBLIC_MEDIA_PATH}`;
    const bad = [
      `${base}${targetId}/${mediaId}/${expires}.${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`,
      `${base}${targetId}/${mediaId}/${Number(expires) + 3600}.${signature}`,
      `${base}${mediaId}/${targetId}/${expires}.${signature}`,
      `${base}${expired.slice(expired.indexOf(PUBLIC_MEDIA_PATH) + PUBLIC_MEDIA_PATH.length)}`,
      `${base}${foreign.slice(foreign.indexOf(PUBLIC_MEDIA_PATH) + PUBLIC_MEDIA_PATH.length)}`,
      `${base}a/b/not-a-token`,
      `${base}${targetId}/${mediaId}/..%2F..%2Fsecret.key`,
      `${base}${o.orgId}/${stored.mediaId}/${expires}.${signature}`,
    ];
    const bodies = new Set<string>();
    for (const url of bad) {
      const res = await get(url);
      expect(res.status, url).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      bodies.add(await res.text());
    }
    expect(bodies.size).toBe(1);
    expect([...bodies][0]).not.toMatch(/expired|signature|target/i);
    // No listing of the folder or of a target's images, with or without the slash.
    for (const url of [
      base,
      base.slice(0, -1),
      `${base}${targetId}/`,
      `${base}${targetId}/${mediaId}`,
      `${base}${o.orgId}/${'a'.repeat(64)}.jpg`,
    ])
      expect((await get(url)).status, url).toBe(404);
    // Parts longer than any real one are refused before they are looked at.
    expect((await get(`${base}${targetId}/${mediaId}/${'a'.repeat(90)}`)).status).toBe(400);
    // Only GET (and HEAD): nothing can be written through it.
    // (the CSRF check refuses a cookie-less POST before routing does).
    expect([403, 404]).toContain((await fetch(link, { method: 'POST', body: 'x' })).status);
  });

  it('when the post is taken down from the networks, its links stop working', async () => {
    expect((await get(links[1] ?? '')).status).toBe(200);
    // What the "Delete from networks" action runs (its route has its own suite).
    await deletePublishedPost(db(), {
      actor: { userId: o.userIds.marketer, label: 'marketer', ip: null },
      orgId: o.orgId,
      postId: publishedPostId,
      box: t.services.box,
      connectors: connectors(),
    });
    expect((await targets(publishedPostId)).map((r) => [r.network, r.status])).toEqual([
      ['gbp', 'deleted'],
      ['instagram', 'removal_needed'],
    ]);
    for (const link of links) expect((await get(link)).status, link).toBe(404);
  });

  it('an image removed from a waiting post is no longer served through its link', async () => {
    const { postId } = await duePost(`Spring hours (${dialect}).`);
    const [target] = await targets(postId);
    const signer = createMediaLinkSigner({
      ...t.services.config.mediaUrls,
      publicBaseUrl: appUrl,
    });
    const link = signer.urlFor({ targetId: target?.id ?? '', mediaId: stored.mediaId });
    try {
      expect((await get(link)).status).toBe(200);
      await db().deleteFrom('postMedia').where('postId', '=', postId).execute();
      expect((await get(link)).status).toBe(404);
    } finally {
      await o.clients.marketer.post(`/api/orgs/${o.orgId}/posts/${postId}/unschedule`);
    }
  });

  it('a Bedside the networks cannot reach fails the target at once, saying what to fix — nothing is published', async () => {
    const closed = `http://127.0.0.1:${await freeLoopbackPort()}`;
    const before = { ig: ig.publishCount(), gbp: gbp.publishCount() };
    const { postId, due } = await duePost(`Parking update (${dialect}).`);
    const outcomes = await runDueTargets(deps(closed), due);
    expect(outcomes.map((r) => r.outcome)).toEqual(['failed', 'failed']);
    for (const row of await targets(postId)) {
      expect(row.status).toBe('failed');
      expect(row.lastErrorKind).toBe('content_rejected');
      expect(row.lastErrorMessage).toMatch(
        /could not download the image from Bedside: .*unreachable.*BEDSIDE_MEDIA_PUBLIC_URL/,
      );
    }
    expect({ ig: ig.publishCount(), gbp: gbp.publishCount() }).toEqual(before);
  });

  it('the link route is rate-limited per address', async () => {
    const client = new TestClient(t.app);
    const statuses: number[] = [];
    for (let i = 0; i < 125; i += 1)
      statuses.push((await client.get(`/api/public/media/t/m/guess-${i}`)).statusCode);
    expect(statuses.slice(0, 120).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(120)).toEqual([429, 429, 429, 429, 429]);
  });
});
