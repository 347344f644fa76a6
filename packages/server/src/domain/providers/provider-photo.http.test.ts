import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createFileMediaStore } from '../../media/media-store.js';
import { createTestApp, TestClient, type TestApp } from '../../test-support/test-app.js';
import { createOrgWithRoles, type OrgWithRoles } from '../../test-support/org-with-roles.js';
import { describeEachDialect } from '../../test-support/test-database.js';

const MARKER = 'BedsideSyntheticCamera';

/** A synthetic 1600×2000 portrait as a phone writes it: EXIF with the camera and a GPS position. */
async function portrait(background = '#c8a27a'): Promise<Buffer> {
  return sharp({ create: { width: 1600, height: 2000, channels: 3, background } })
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: MARKER, Model: 'Model 7' },
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

function jsonLdOf(html: string): Record<string, unknown> {
  const match = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html);
  if (!match) throw new Error('no JSON-LD block');
  return JSON.parse(match[1]!) as Record<string, unknown>;
}

const imgOf = (html: string) =>
  /<img class="photo" src="([^"]+)" alt="([^"]*)" width="(\d+)" height="(\d+)">/.exec(html);

describeEachDialect('providers: photo upload', (dialect) => {
  let t: TestApp;
  let o: OrgWithRoles;
  let dir: string;
  let base: string;
  let hartId: string;
  let oseiId: string;
  const anon = () => new TestClient(t.app);
  const upload = (
    client: TestClient,
    providerId: string,
    options: { body: Buffer | string; altText?: string; type?: string },
  ) =>
    client.request(
      'POST',
      `${base}/providers/${providerId}/photo${options.altText === undefined ? '' : `?altText=${encodeURIComponent(options.altText)}`}`,
      { rawBody: options.body, headers: { 'content-type': options.type ?? 'image/jpeg' } },
    );
  const hartPage = () => anon().get('/practices/practice-ph/providers/amelia-hart');
  const mediaCount = async () =>
    (await t.services.database.db.selectFrom('mediaAssets').select('id').execute()).length;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    dir = mkdtempSync(join(tmpdir(), 'bedside-photo-'));
    t.services.mediaStore = createFileMediaStore(dir);
    o = await createOrgWithRoles(t, `ph-${dialect}`);
    base = `/api/orgs/${o.orgId}`;
    const hart = await o.clients.admin.post(`${base}/providers`, {
      firstName: 'Amelia',
      lastName: 'Hart',
      credentials: 'MD',
      npi: '1904000019',
      userId: o.userIds.clinician,
    });
    hartId = hart.json().id;
    const osei = await o.clients.admin.post(`${base}/providers`, {
      firstName: 'Samuel',
      lastName: 'Osei',
      credentials: 'MD',
      npi: null,
      userId: null,
    });
    oseiId = osei.json().id;
    await o.clients.admin.patch(`${base}/public-page`, { slug: 'practice-ph' });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("the clinician's own photo: metadata stripped, resized, on the public page with alt, size, og:image and JSON-LD image", async () => {
    const before = await hartPage();
    expect(imgOf(before.body)).toBeNull();
    const res = await upload(o.clients.clinician, hartId, {
      body: await portrait(),
      altText: 'Dr. Amelia Hart smiling in a white coat',
    });
    expect(res.statusCode, res.body).toBe(201);
    const outcome = res.json();
    expect(outcome.status).toBe('applied');
    expect(outcome.photo).toMatchObject({ width: 640, height: 800, mimeType: 'image/jpeg' });

    const page = await hartPage();
    expect(page.headers.etag).not.toBe(before.headers.etag); // the page cache was invalidated
    const img = imgOf(page.body);
    expect(img).not.toBeNull();
    const [, src, alt, width, height] = img!;
    expect(src).toBe(
      `http://localhost:3000/practices/practice-ph/photos/${outcome.photo.mediaId}.jpg`,
    );
    expect([alt, width, height]).toEqual(['Dr. Amelia Hart smiling in a white coat', '640', '800']);
    expect(page.body).toContain(`<meta property="og:image" content="${src}">`);
    expect(page.body).toContain(
      '<meta property="og:image:alt" content="Dr. Amelia Hart smiling in a white coat">',
    );
    expect(jsonLdOf(page.body).image).toBe(src);

    const photo = await anon().get(new URL(src!).pathname);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/jpeg');
    expect(photo.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const meta = await sharp(photo.rawPayload).metadata();
    expect([meta.width, meta.height]).toEqual([640, 800]);
    expect(meta.exif).toBeUndefined();
    expect(photo.rawPayload.includes(Buffer.from(MARKER))).toBe(false);
    expect(photo.rawPayload.includes(Buffer.from('WGS-84'))).toBe(false);
    // An unpublished practice serves no photos either.
    await o.clients.admin.patch(`${base}/public-page`, { published: false });
    expect((await anon().get(new URL(src!).pathname)).statusCode).toBe(404);
    await o.clients.admin.patch(`${base}/public-page`, { published: true });
    // The wrong extension is not the same file.
    expect((await anon().get(new URL(src!).pathname.replace('.jpg', '.png'))).statusCode).toBe(404);
  });

  it("a marketer's photo waits for the clinician's approval; until then the public page and photo route show the old one", async () => {
    const old = imgOf((await hartPage()).body)![1]!;
    const res = await upload(o.clients.marketer, hartId, {
      body: await portrait('#7aa3c8'),
      altText: 'Dr. Hart at the clinic entrance',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().status).toBe('pending');
    const pendingPath = `/practices/practice-ph/photos/${res.json().photo.mediaId}.jpg`;
    expect((await anon().get(pendingPath)).statusCode).toBe(404);
    expect(imgOf((await hartPage()).body)![1]).toBe(old);

    const audit = await t.services.database.db
      .selectFrom('auditEvents')
      .select(['action', 'details'])
      .where('orgId', '=', o.orgId)
      .where('action', 'in', ['media.uploaded', 'provider.change_proposed'])
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['media.uploaded', 'provider.change_proposed']),
    );
    const proposed = audit.find((a) => a.action === 'provider.change_proposed')!;
    expect(JSON.parse(proposed.details ?? '{}').fields).toEqual(['photo', 'photoAlt']);

    const changes = (await o.clients.clinician.get(`${base}/provider-changes`)).json().changes;
    const change = changes.find((c: { status: string }) => c.status === 'pending');
    expect(change.fields.map((f: { field: string }) => f.field)).toEqual(['photo', 'photoAlt']);
    expect(
      (
        await o.clients.clinician.post(`${base}/provider-changes/${change.id}/decision`, {
          approve: true,
        })
      ).statusCode,
    ).toBe(200);
    const page = (await hartPage()).body;
    expect(imgOf(page)![1]).toBe(`http://localhost:3000${pendingPath}`);
    expect(imgOf(page)![2]).toBe('Dr. Hart at the clinic entrance');
    expect((await anon().get(pendingPath)).statusCode).toBe(200);
    expect((await anon().get(new URL(old).pathname)).statusCode).toBe(404); // replaced
  });

  it('refuses a non-image, a missing alt text, an oversized file and a photo for someone else, storing nothing', async () => {
    const count = await mediaCount();
    const text = await upload(o.clients.clinician, hartId, {
      body: 'not an image at all',
      altText: 'A photo',
    });
    expect(text.statusCode).toBe(415);
    expect(text.json().error.message).toMatch(/could not be read as an image/);
    const gif = await upload(o.clients.clinician, hartId, {
      body: Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;'),
      altText: 'A photo',
      type: 'image/gif',
    });
    expect(gif.statusCode).toBe(415);
    const noAlt = await upload(o.clients.clinician, hartId, { body: await portrait() });
    expect(noAlt.statusCode).toBe(400);
    expect(noAlt.json().error.details.fields.altText).toMatch(/Describe the image/);
    const blankAlt = await upload(o.clients.clinician, hartId, {
      body: await portrait(),
      altText: '   ',
    });
    expect(blankAlt.statusCode).toBe(400);
    const longAlt = await upload(o.clients.clinician, hartId, {
      body: await portrait(),
      altText: 'x'.repeat(301),
    });
    expect(longAlt.json().error.details.fields.altText).toMatch(/under 300/);
    const huge = await upload(o.clients.clinician, hartId, {
      body: Buffer.alloc(11 * 1024 * 1024, 1),
      altText: 'A photo',
    });
    expect(huge.statusCode).toBe(413);
    const notMine = await upload(o.clients.clinician, oseiId, {
      body: await portrait(),
      altText: 'Dr. Osei',
    });
    expect(notMine.statusCode).toBe(403);
    const viewer = await upload(o.clients.viewer, hartId, { body: await portrait(), altText: 'A' });
    expect(viewer.statusCode).toBe(403);
    expect(await mediaCount()).toBe(count);
  });

  it('keeps the alt text required while a photo is shown, refuses a forged photo, and removes the photo', async () => {
    const blank = await o.clients.clinician.patch(`${base}/providers/${hartId}`, { photoAlt: '' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.details.fields.photoAlt).toMatch(/Describe the photo/);
    const forged = await o.clients.clinician.patch(`${base}/providers/${hartId}`, {
      photo: { mediaId: 'x', width: 1, height: 1, mimeType: 'image/png' },
    });
    expect(forged.statusCode).toBe(400);

    // A post image of the practice is not a public photo.
    const post = await o.clients.marketer.request(
      'POST',
      `${base}/media?altText=${encodeURIComponent('Flu clinic poster')}`,
      { rawBody: await portrait('#336699'), headers: { 'content-type': 'image/jpeg' } },
    );
    expect(post.statusCode).toBe(201);
    expect(
      (await anon().get(`/practices/practice-ph/photos/${post.json().id}.jpg`)).statusCode,
    ).toBe(404);

    const before = await hartPage();
    const removed = await o.clients.clinician.patch(`${base}/providers/${hartId}`, {
      photo: null,
      photoAlt: '',
    });
    expect(removed.json().status).toBe('applied');
    const after = await hartPage();
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(imgOf(after.body)).toBeNull();
    expect(after.body).not.toContain('og:image');
    expect(jsonLdOf(after.body).image).toBeUndefined();
    expect((await anon().get('/practices/practice-ph/photos/nope.gif')).statusCode).toBe(400);
  });
});
