import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createFileMediaStore } from '../../../media/media-store.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { createOrgWithRoles, type OrgWithRoles } from '../../../test-support/org-with-roles.js';
import { describeEachDialect } from '../../../test-support/test-database.js';
import { addTestChannel } from '../test-support/test-channels.js';
import { readPostMedia } from './upload-media.js';

const MARKER = 'BedsideSyntheticCamera';

/** A 3000×2000 photo as a phone writes it: EXIF with camera, GPS position and a sideways orientation. */
async function phonePhoto(): Promise<Buffer> {
  return sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#7aa3c8' } })
    .jpeg({ quality: 90 })
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: MARKER, Model: 'Model 7', ImageDescription: 'synthetic test image' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '39/1 47/1 2/1',
        GPSLongitudeRef: 'W',
        GPSLongitude: '89/1 38/1 55/1',
        GPSMapDatum: 'WGS-84',
      },
    })
    .toBuffer();
}

describeEachDialect('media upload', (dialect) => {
  let t: TestApp;
  let o: OrgWithRoles;
  let dir: string;
  const upload = (body: Buffer, type: string, altText = 'A sunny waiting room') =>
    o.clients.marketer.request(
      'POST',
      `/api/orgs/${o.orgId}/media?altText=${encodeURIComponent(altText)}`,
      { rawBody: body, headers: { 'content-type': type } },
    );

  beforeAll(async () => {
    t = await createTestApp(dialect);
    dir = mkdtempSync(join(tmpdir(), 'bedside-media-'));
    t.services.mediaStore = createFileMediaStore(dir);
    o = await createOrgWithRoles(t, `media-${dialect}`);
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('strips EXIF with its GPS position and camera, turns the image upright and resizes it', async () => {
    const original = await phonePhoto();
    const before = await sharp(original).metadata();
    expect(before.exif?.includes(Buffer.from(MARKER))).toBe(true);
    expect(before.exif?.includes(Buffer.from('WGS-84'))).toBe(true);
    expect(before.orientation).toBe(6);

    const res = await upload(original, 'image/jpeg');
    expect(res.statusCode, res.body).toBe(201);
    const media = res.json<{
      id: string;
      width: number;
      height: number;
      mimeType: string;
      altText: string;
    }>();
    expect(media).toMatchObject({
      mimeType: 'image/jpeg',
      width: 1333,
      height: 2000,
      altText: 'A sunny waiting room',
    });

    const content = await o.clients.viewer.get(`/api/orgs/${o.orgId}/media/${media.id}/content`);
    expect(content.statusCode).toBe(200);
    expect(content.headers['content-type']).toBe('image/jpeg');
    const stored = content.rawPayload;
    const files = readdirSync(join(dir, o.orgId));
    expect(files).toHaveLength(1);
    for (const needle of [
      MARKER,
      'WGS-84',
      'Exif\0\0',
      'http://ns.adobe.com/xap',
      'synthetic test image',
    ])
      expect(stored.includes(Buffer.from(needle)), needle).toBe(false);
    const after = await sharp(stored).metadata();
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.iptc).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect([after.width, after.height]).toEqual([1333, 2000]);
    expect(stored.byteLength).toBeLessThanOrEqual(976_000);
  });

  it('keeps PNG and WebP as they are, minus metadata', async () => {
    const png = await sharp({
      create: { width: 40, height: 30, channels: 4, background: '#ff000080' },
    })
      .png()
      .toBuffer();
    const res = await upload(png, 'image/png');
    expect(res.json()).toMatchObject({ mimeType: 'image/png', width: 40, height: 30 });
    const webp = await sharp({
      create: { width: 50, height: 20, channels: 3, background: '#00ff00' },
    })
      .webp()
      .toBuffer();
    // The declared type does not matter: the decoder decides.
    const res2 = await upload(webp, 'application/octet-stream');
    expect(res2.json()).toMatchObject({ mimeType: 'image/webp', width: 50, height: 20 });
  });

  it('refuses other formats, garbage, empty and oversized files and missing alt text, storing nothing', async () => {
    const filesBefore = readdirSync(join(dir, o.orgId)).length;
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } })
      .gif()
      .toBuffer();
    const cases: [Buffer, string, number, string][] = [
      [gif, 'image/jpeg', 415, 'GIF images are not supported'],
      [
        Buffer.from(
          '<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><rect width="9" height="9"/></svg>',
        ),
        'image/png',
        415,
        'SVG images are not supported',
      ],
      [Buffer.from('definitely not an image'), 'image/jpeg', 415, 'could not be read as an image'],
      [Buffer.alloc(0), 'image/jpeg', 415, 'The file is empty'],
      [Buffer.alloc(10 * 1024 * 1024 + 1, 1), 'image/jpeg', 413, 'upload one under 10 MB'],
    ];
    for (const [body, type, status, message] of cases) {
      const res = await upload(body, type);
      expect(res.statusCode, `${type} ${res.body}`).toBe(status);
      expect(res.json<{ error: { message: string } }>().error.message).toContain(message);
    }
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    const phi = await upload(
      Buffer.from('not an image'),
      'image/png',
      'Maria Lopez DOB 01/02/1950',
    );
    expect(phi.statusCode).toBe(415);
    expect(t.logLines.length).toBeGreaterThan(0);
    expect(t.logLines.join('\n')).not.toContain('Maria');
    const noAlt = await upload(png, 'image/png', '   ');
    expect(noAlt.statusCode).toBe(400);
    expect(
      noAlt.json<{ error: { details: { fields: Record<string, string> } } }>().error.details.fields
        .altText,
    ).toContain('Describe the image');
    const form = await o.clients.marketer.request('POST', `/api/orgs/${o.orgId}/media?altText=x`, {
      rawBody: 'a=b',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.statusCode).toBe(415);
    const viewer = await o.clients.viewer.request('POST', `/api/orgs/${o.orgId}/media?altText=x`, {
      rawBody: png,
      headers: { 'content-type': 'image/png' },
    });
    expect(viewer.statusCode).toBe(403);
    expect(readdirSync(join(dir, o.orgId)).length).toBe(filesBefore);
    const count = await t.services.database.db
      .selectFrom('mediaAssets')
      .select(t.services.database.db.fn.countAll().as('n'))
      .where('orgId', '=', o.orgId)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(filesBefore);
  });

  it('another organization cannot read or use the image; posts carry it in order; a new description sends an approved post back', async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#123456' } })
      .png()
      .toBuffer();
    const media = (await upload(png, 'image/png', 'Our new lobby')).json<{ id: string }>();
    const other = await createOrgWithRoles(t, `media2-${dialect}`);
    expect(
      (await other.clients.owner.get(`/api/orgs/${other.orgId}/media/${media.id}/content`))
        .statusCode,
    ).toBe(404);
    expect((await o.clients.owner.get(`/api/orgs/${o.orgId}/media/nope/content`)).statusCode).toBe(
      404,
    );

    await addTestChannel(t.services.database.db, {
      orgId: o.orgId,
      locationId: o.locationId,
      network: 'bluesky',
    });
    const theirs = await other.clients.marketer.post(`/api/orgs/${other.orgId}/posts`, {
      locationId: other.locationId,
      baseText: 'Hi',
      mediaIds: [media.id],
    });
    expect(theirs.statusCode).toBe(400);

    const created = await o.clients.marketer.post(`/api/orgs/${o.orgId}/posts`, {
      locationId: o.locationId,
      baseText: 'See our new lobby.',
      mediaIds: [media.id],
    });
    expect(created.statusCode, created.body).toBe(201);
    const post = created.json<{
      id: string;
      version: number;
      media: { id: string; altText: string }[];
    }>();
    expect(post.media).toEqual([
      expect.objectContaining({ id: media.id, altText: 'Our new lobby' }),
    ]);
    const submitted = await o.clients.marketer.post(
      `/api/orgs/${o.orgId}/posts/${post.id}/submit`,
      {
        version: post.version,
      },
    );
    expect(submitted.statusCode, submitted.body).toBe(200);
    const approved = await o.clients.compliance_officer.post(
      `/api/orgs/${o.orgId}/posts/${post.id}/approve`,
      {
        version: post.version,
      },
    );
    expect(approved.json<{ status: string }>().status).toBe('approved');

    const forDispatch = await readPostMedia(t.services.database.db, t.services.mediaStore!, {
      orgId: o.orgId,
      postId: post.id,
    });
    expect(forDispatch.map((m) => [m.mediaId, m.mimeType, m.altText])).toEqual([
      [media.id, 'image/png', 'Our new lobby'],
    ]);
    expect((await sharp(Buffer.from(forDispatch[0]!.bytes)).metadata()).width).toBe(8);

    const renamed = await o.clients.marketer.patch(`/api/orgs/${o.orgId}/media/${media.id}`, {
      altText: 'The lobby at the Springfield office',
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const after = (await o.clients.marketer.get(`/api/orgs/${o.orgId}/posts/${post.id}`)).json<{
      status: string;
      media: { altText: string }[];
    }>();
    expect(after.status).toBe('draft');
    expect(after.media[0]?.altText).toBe('The lobby at the Springfield office');
    const empty = await o.clients.marketer.patch(`/api/orgs/${o.orgId}/media/${media.id}`, {
      altText: '',
    });
    expect(empty.statusCode).toBe(400);
  });
});
