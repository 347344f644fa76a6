import { afterAll, beforeAll, expect, it } from 'vitest';
import { AppError } from '../../errors.js';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../test-support/test-database.js';
import { linkPostAuthorization } from './links.js';
import { findPostCoverageGap } from './post-coverage.js';
import {
  captureMailer,
  publicUrl,
  requestFor,
  seedOrg,
  seedPost,
  seedSignedAuthorization,
  type SeededOrg,
} from './test-support/seed.js';
import { requestAuthorization } from './request-authorization.js';
import { schedulePost } from '../dispatch/schedule-post.js';
import { revokeAuthorization } from './revoke-authorization.js';
import { createPostEffects } from './post-effects.js';
import { createSecretBox } from '../../security/secret-box.js';
import { createChannelConnectors } from '../channels/channel-connectors.js';

const story = 'Congratulations to our patient Maria Gonzalez on finishing her braces!';
const plain = 'Flu shots are available this week at our clinic.';
const at = new Date('2027-06-01T15:00:00Z');

describeEachDialect('findPostCoverageGap', (dialect) => {
  let t: TestDatabase;
  let org: SeededOrg;
  let other: SeededOrg;
  let covering: string;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    org = await seedOrg(t.handle.db, 'a');
    other = await seedOrg(t.handle.db, 'b');
    covering = await seedSignedAuthorization(t.handle.db, org);
  });
  afterAll(() => t.drop());

  const gap = (postId: string, when = at) =>
    findPostCoverageGap(t.handle.db, { orgId: org.orgId, postId, at: when });
  const link = (postId: string, authorizationId: string) =>
    linkPostAuthorization(t.handle.db, {
      actor: org.actor,
      orgId: org.orgId,
      postId,
      authorizationId,
    });

  it('lets a post that features nobody through', async () => {
    const { postId } = await seedPost(t.handle.db, org, {
      variants: [{ network: 'mastodon', text: plain }],
    });
    expect(await gap(postId)).toBeNull();
  });

  it('asks a post marked as a patient story for an authorization', async () => {
    const { postId } = await seedPost(t.handle.db, org, {
      variants: [{ network: 'mastodon', text: plain }],
      patientStory: true,
    });
    expect(await gap(postId)).toMatchObject({
      code: 'authorization-required',
      because: ['patient-story'],
      reason: expect.stringMatching(/patient story/),
    });
  });

  it('asks a post whose text names a patient for an authorization, even when not marked', async () => {
    const { postId } = await seedPost(t.handle.db, org, {
      variants: [{ network: 'bluesky', text: story }],
    });
    expect(await gap(postId)).toMatchObject({
      code: 'authorization-required',
      because: ['patient-identifiers'],
    });
  });

  it('passes a patient story linked to a signed authorization covering its networks, content and date', async () => {
    const { postId } = await seedPost(t.handle.db, org, {
      variants: [
        { network: 'mastodon', text: story },
        { network: 'bluesky', text: story },
      ],
      patientStory: true,
      withMedia: true,
    });
    await link(postId, covering);
    expect(await gap(postId)).toBeNull();
  });

  it('refuses a network the authorization does not list, naming it', async () => {
    const { postId } = await seedPost(t.handle.db, org, {
      variants: [{ network: 'linkedin', text: story }],
      patientStory: true,
    });
    await link(postId, covering);
    expect(await gap(postId)).toMatchObject({
      code: 'authorization-does-not-cover',
      authorizationId: covering,
      reasons: ['The authorization does not list LinkedIn.'],
    });
  });

  it('ignores a channel taken off the post', async () => {
    const { postId } = await seedPost(t.handle.db, org, {
      variants: [
        { network: 'mastodon', text: story },
        { network: 'linkedin', text: story },
      ],
      patientStory: true,
    });
    await link(postId, covering);
    expect((await gap(postId))?.code).toBe('authorization-does-not-cover');
    await t.handle.db
      .updateTable('postVariants')
      .set({ removedAt: new Date().toISOString() })
      .where('postId', '=', postId)
      .where('network', '=', 'linkedin')
      .execute();
    expect(await gap(postId)).toBeNull();
  });

  it('refuses a publish date after the expiry date', async () => {
    const short = await seedSignedAuthorization(t.handle.db, org, {
      expiry: { kind: 'date', date: '2027-05-31' },
    });
    const { postId } = await seedPost(t.handle.db, org, {
      variants: [{ network: 'mastodon', text: story }],
      patientStory: true,
    });
    await link(postId, short);
    expect(await gap(postId, new Date('2027-05-31T20:00:00Z'))).toBeNull();
    const refused = await gap(postId, new Date('2027-06-01T15:00:00Z'));
    expect(refused?.code).toBe('authorization-does-not-cover');
    expect(refused?.reason).toMatch(
      /expires on 2027-05-31, before the publish date \(2027-06-01\)/,
    );
  });

  it('refuses photos when the only authorization covers only words', async () => {
    const wordsOnly = await seedSignedAuthorization(t.handle.db, org, {
      contentTypes: ['text'],
      contentDescription: 'My written review.',
    });
    const { postId } = await seedPost(t.handle.db, org, {
      variants: [{ network: 'mastodon', text: plain }],
      patientStory: true,
      withMedia: true,
    });
    await link(postId, wordsOnly);
    expect(await gap(postId)).toMatchObject({
      code: 'authorization-does-not-cover',
      authorizationId: wordsOnly,
      reasons: ['The authorization does not cover photos of the patient.'],
    });
  });

  it('refuses an authorization the patient has not signed yet', async () => {
    const pending = await requestAuthorization(t.handle.db, {
      actor: org.actor,
      orgId: org.orgId,
      input: requestFor(),
      mail: { mailer: captureMailer(), publicUrl },
    });
    const { postId } = await seedPost(t.handle.db, org, {
      variants: [{ network: 'mastodon', text: story }],
      patientStory: true,
    });
    await link(postId, pending.authorizationId);
    expect((await gap(postId))?.reason).toMatch(/has not signed/);
  });

  it('schedulePost refuses a patient post with no authorization, a revoked one, or one missing its network, giving the reason', async () => {
    const soon = `${new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10)}T09:00`;
    const schedule = (postId: string) =>
      schedulePost(t.handle.db, { actor: org.actor, orgId: org.orgId, postId, localTime: soon });
    const refusal = async (postId: string): Promise<string> => {
      const error: unknown = await schedule(postId).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('conflict');
      return (error as AppError).message;
    };
    const none = await seedPost(t.handle.db, org, {
      variants: [{ network: 'mastodon', text: story }],
      patientStory: true,
    });
    expect(await refusal(none.postId)).toMatch(/patient story: link a signed authorization/);

    const wrongNetwork = await seedPost(t.handle.db, org, {
      variants: [{ network: 'linkedin', text: story }],
      patientStory: true,
    });
    await link(wrongNetwork.postId, covering);
    expect(await refusal(wrongNetwork.postId)).toMatch(/does not list LinkedIn/);

    const revokedId = await seedSignedAuthorization(t.handle.db, org);
    const revokedPost = await seedPost(t.handle.db, org, {
      variants: [{ network: 'mastodon', text: story }],
      patientStory: true,
    });
    await link(revokedPost.postId, revokedId);
    expect((await schedule(revokedPost.postId)).postId).toBe(revokedPost.postId);
    await revokeAuthorization(t.handle.db, {
      actor: org.actor,
      orgId: org.orgId,
      authorizationId: revokedId,
      effects: createPostEffects({
        box: createSecretBox(Buffer.alloc(32, 7)),
        connectors: createChannelConnectors(),
      }),
    });
    const back = await t.handle.db
      .selectFrom('posts')
      .select('status')
      .where('id', '=', revokedPost.postId)
      .executeTakeFirstOrThrow();
    expect(back.status).toBe('draft');
    await t.handle.db
      .updateTable('posts')
      .set({ status: 'approved' })
      .where('id', '=', revokedPost.postId)
      .execute();
    expect(await refusal(revokedPost.postId)).toMatch(/The patient revoked this authorization/);
  });

  it("answers not found for another organization's post", async () => {
    const { postId } = await seedPost(t.handle.db, other, {
      variants: [{ network: 'mastodon', text: plain }],
    });
    await expect(gap(postId)).rejects.toSatisfy(
      (e) => e instanceof AppError && e.code === 'not_found',
    );
  });
});
