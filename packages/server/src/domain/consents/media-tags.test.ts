import type { Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { createSecretBox } from '../../security/secret-box.js';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../test-support/test-database.js';
import { createChannelConnectors } from '../channels/channel-connectors.js';
import { schedulePost } from '../dispatch/schedule-post.js';
import { expireDueAuthorizations } from './expire-authorizations.js';
import { linkPostAuthorization, listMediaTags, tagMedia } from './links.js';
import { findPostCoverageGap } from './post-coverage.js';
import { createPostEffects } from './post-effects.js';
import { requestAuthorization } from './request-authorization.js';
import { revokeAuthorization } from './revoke-authorization.js';
import {
  captureMailer,
  markPublished,
  publicUrl,
  requestFor,
  seedOrg,
  seedPost,
  seedSignedAuthorization,
  type SeededOrg,
} from './test-support/seed.js';

const effects = createPostEffects({
  box: createSecretBox(Buffer.alloc(32, 7)),
  connectors: createChannelConnectors({ timeoutMs: 2000 }),
});
const plain = 'Flu shots are available this week at our clinic.';
const story = 'Congratulations to our patient Maria Gonzalez on finishing her braces!';
const at = new Date('2027-06-01T15:00:00Z');

/** The error a call failed with (or fails the test when it succeeded). */
async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describeEachDialect('images tagged with the authorization they depend on', (dialect) => {
  let t: TestDatabase;
  let db: Kysely<Database>;
  let org: SeededOrg;
  let other: SeededOrg;
  let photos: string;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    db = t.handle.db;
    org = await seedOrg(db, 'm');
    other = await seedOrg(db, 'n');
    photos = await seedSignedAuthorization(db, org, {
      contentTypes: ['photo'],
      contentDescription: 'Two photos of my smile taken in March.',
      networks: ['mastodon', 'bluesky'],
    });
  });
  afterAll(() => t.drop());

  const tag = (mediaId: string, authorizationId: string, who = org) =>
    tagMedia(db, { actor: who.actor, orgId: who.orgId, mediaId, authorizationId });
  const gap = (postId: string, when = at) =>
    findPostCoverageGap(db, { orgId: org.orgId, postId, at: when });
  const imagePost = async (
    variants: { network: 'mastodon' | 'bluesky' | 'linkedin'; text: string }[],
    extra: { patientStory?: boolean; status?: 'approved' | 'scheduled' } = {},
  ) => {
    const seeded = await seedPost(db, org, { variants, withMedia: true, ...extra });
    return { postId: seeded.postId, mediaId: seeded.mediaId ?? '' };
  };

  it('tags an image with an active authorization covering photos; twice is one tag, audited once', async () => {
    const { mediaId } = await imagePost([{ network: 'mastodon', text: plain }]);
    await tag(mediaId, photos);
    await tag(mediaId, photos);
    expect(await listMediaTags(db, { orgId: org.orgId, mediaId })).toEqual([
      { authorizationId: photos, patientName: 'Robin Testpatient', status: 'signed' },
    ]);
    const audited = await db
      .selectFrom('auditEvents')
      .select('id')
      .where('action', '=', 'consent.media_tagged')
      .where('targetId', '=', mediaId)
      .execute();
    expect(audited).toHaveLength(1);
  });

  it("refuses another organization's authorization and another organization's image as not found", async () => {
    const { mediaId } = await imagePost([{ network: 'mastodon', text: plain }]);
    const theirs = await seedSignedAuthorization(db, other);
    expect((await failure(tag(mediaId, theirs))).code).toBe('not_found');
    expect((await failure(tag(mediaId, photos, other))).code).toBe('not_found');
    expect((await failure(listMediaTags(db, { orgId: other.orgId, mediaId }))).code).toBe(
      'not_found',
    );
    expect((await failure(tag(mediaId, 'no-such-authorization'))).code).toBe('not_found');
  });

  it('refuses an authorization that does not cover photos, one not signed, a revoked one and an expired one, saying why', async () => {
    const { mediaId } = await imagePost([{ network: 'mastodon', text: plain }]);
    const reason = async (authorizationId: string): Promise<string> => {
      const error = await failure(tag(mediaId, authorizationId));
      expect(error.code).toBe('validation_failed');
      return (error.details as { fields: Record<string, string> }).fields.authorizationId ?? '';
    };
    const wordsOnly = await seedSignedAuthorization(db, org, {
      contentTypes: ['text'],
      contentDescription: 'My written review.',
    });
    expect(await reason(wordsOnly)).toMatch(/does not cover photos of the patient/);

    const unsigned = await requestAuthorization(db, {
      actor: org.actor,
      orgId: org.orgId,
      input: requestFor(),
      mail: { mailer: captureMailer(), publicUrl },
    });
    expect(await reason(unsigned.authorizationId)).toMatch(/has not signed/);

    const revoked = await seedSignedAuthorization(db, org);
    await revokeAuthorization(db, {
      actor: org.actor,
      orgId: org.orgId,
      authorizationId: revoked,
      effects,
    });
    expect(await reason(revoked)).toMatch(/revoked/);

    const short = await seedSignedAuthorization(db, other, {
      expiry: { kind: 'date', date: '2030-01-31' },
    });
    await expireDueAuthorizations(db, { now: new Date('2030-03-01T12:00:00Z'), effects });
    const { mediaId: theirImage } = await seedPost(db, other, {
      variants: [{ network: 'mastodon', text: plain }],
      withMedia: true,
    });
    const expired = await failure(tag(theirImage ?? '', short, other));
    expect(expired.code).toBe('validation_failed');
    expect(JSON.stringify(expired.details)).toMatch(/expire/);
    expect(await listMediaTags(db, { orgId: org.orgId, mediaId })).toEqual([]);
  });

  it('a tagged image needs its authorization to cover photos, every network and the date, even in a post that names nobody', async () => {
    const covered = await imagePost([
      { network: 'mastodon', text: plain },
      { network: 'bluesky', text: plain },
    ]);
    await tag(covered.mediaId, photos);
    expect(await gap(covered.postId)).toBeNull();

    const elsewhere = await imagePost([
      { network: 'mastodon', text: plain },
      { network: 'linkedin', text: plain },
    ]);
    await tag(elsewhere.mediaId, photos);
    expect(await gap(elsewhere.postId)).toMatchObject({
      code: 'authorization-does-not-cover',
      authorizationId: photos,
      reasons: ['The authorization does not list LinkedIn.'],
      reason: expect.stringMatching(/^The authorization an image is tagged with does not cover/),
    });

    const brief = await seedSignedAuthorization(db, org, {
      contentTypes: ['photo'],
      networks: ['mastodon'],
      expiry: { kind: 'date', date: '2027-05-31' },
    });
    const late = await imagePost([{ network: 'mastodon', text: plain }]);
    await tag(late.mediaId, brief);
    expect(await gap(late.postId, new Date('2027-05-31T20:00:00Z'))).toBeNull();
    expect((await gap(late.postId))?.reason).toMatch(/expires on 2027-05-31/);
  });

  it('a patient story: the link covers the words and the tag covers the photo; an untagged image falls to the link', async () => {
    const words = await seedSignedAuthorization(db, org, {
      contentTypes: ['text', 'name'],
      contentDescription: 'My first name and my written review.',
      networks: ['mastodon', 'bluesky'],
    });
    const both = await imagePost([{ network: 'mastodon', text: story }], { patientStory: true });
    await linkPostAuthorization(db, {
      actor: org.actor,
      orgId: org.orgId,
      postId: both.postId,
      authorizationId: words,
    });
    // Untagged, the image must be covered by the link, which does not cover photos.
    expect(await gap(both.postId)).toMatchObject({
      code: 'authorization-does-not-cover',
      authorizationId: words,
      reasons: ['The authorization does not cover photos of the patient.'],
    });
    await tag(both.mediaId, photos);
    expect(await gap(both.postId)).toBeNull();

    // With nothing linked, the tag is all there is: it must cover the story's words too.
    const tagOnly = await imagePost([{ network: 'mastodon', text: story }], { patientStory: true });
    await tag(tagOnly.mediaId, photos);
    expect((await gap(tagOnly.postId))?.reason).toMatch(/does not cover the patient's own words/);
  });

  it('schedulePost refuses a post whose tagged image is not covered, with the reason', async () => {
    const { postId, mediaId } = await imagePost([{ network: 'linkedin', text: plain }]);
    await tag(mediaId, photos);
    const soon = `${new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10)}T09:00`;
    const error = await failure(
      schedulePost(db, { actor: org.actor, orgId: org.orgId, postId, localTime: soon }),
    );
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/does not list LinkedIn/);
  });

  it('revoking the authorization an image depends on pulls the posts using it: scheduled back to draft, published on the checklist', async () => {
    const own = await seedSignedAuthorization(db, org, {
      contentTypes: ['photo'],
      networks: ['mastodon', 'bluesky'],
    });
    const scheduled = await imagePost([{ network: 'mastodon', text: plain }], {
      status: 'scheduled',
    });
    const published = await imagePost([{ network: 'bluesky', text: plain }]);
    await tag(scheduled.mediaId, own);
    await tag(published.mediaId, own);
    await markPublished(db, org, published.postId);

    const report = await revokeAuthorization(db, {
      actor: org.actor,
      orgId: org.orgId,
      authorizationId: own,
      effects,
    });
    expect(report.returnedToDraft).toEqual([scheduled.postId]);
    // The seeded channel has no real credentials: the network cannot be asked, so a person must.
    expect(report.takedown.map((i) => i.postId)).toEqual([published.postId]);
    const status = await db
      .selectFrom('posts')
      .select('status')
      .where('id', '=', scheduled.postId)
      .executeTakeFirstOrThrow();
    expect(status.status).toBe('draft');
    const items = await db
      .selectFrom('takedownItems')
      .select(['postId', 'status', 'remoteUrl'])
      .where('authorizationId', '=', own)
      .execute();
    expect(items).toEqual([
      {
        postId: published.postId,
        status: 'open',
        remoteUrl: 'https://social.example.test/@clinic/42',
      },
    ]);
    // A revoked authorization's tag stays (the record of what depended on it) and cannot be added anew.
    expect(await listMediaTags(db, { orgId: org.orgId, mediaId: scheduled.mediaId })).toEqual([
      { authorizationId: own, patientName: 'Robin Testpatient', status: 'revoked' },
    ]);
  });
});
