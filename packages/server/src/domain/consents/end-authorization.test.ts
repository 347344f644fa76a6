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
import { addMembership } from '../orgs/create-organization.js';
import { createUser } from '../orgs/create-user.js';
import { expireDueAuthorizations } from './expire-authorizations.js';
import { linkPostAuthorization } from './links.js';
import { createPostEffects } from './post-effects.js';
import { revokeAuthorization, revokeByPatientLink } from './revoke-authorization.js';
import {
  markPublished,
  seedOrg,
  seedPost,
  seedSigned,
  seedSignedAuthorization,
  type SeededOrg,
} from './test-support/seed.js';

/** The real effects: posts' returnToDraft and dispatch's deletePublishedPost (its network call fails here). */
const postEffects = createPostEffects({
  box: createSecretBox(Buffer.alloc(32, 7)),
  connectors: createChannelConnectors({ timeoutMs: 2000 }),
});

const story = 'Congratulations to our patient Maria Gonzalez on finishing her braces!';

describeEachDialect('revocation and expiry', (dialect) => {
  let t: TestDatabase;
  let org: SeededOrg;
  let db: Kysely<Database>;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    db = t.handle.db;
    org = await seedOrg(db, 'r');
    const officer = await createUser(db, {
      name: 'Casey Compliance',
      email: 'casey@clinic.test',
      password: 'correct horse battery',
    });
    await addMembership(db, {
      orgId: org.orgId,
      userId: officer.id,
      role: 'compliance_officer',
      now: new Date().toISOString(),
    });
  });
  afterAll(() => t.drop());

  const count = async (action: string, targetId: string) =>
    (
      await db
        .selectFrom('auditEvents')
        .select('id')
        .where('action', '=', action)
        .where('targetId', '=', targetId)
        .execute()
    ).length;

  it('a staff-recorded revocation sends scheduled posts back to draft, lists published ones for takedown, tells owner and compliance', async () => {
    const authorizationId = await seedSignedAuthorization(db, org);
    const scheduled = await seedPost(db, org, {
      variants: [{ network: 'mastodon', text: story }],
      patientStory: true,
    });
    const published = await seedPost(db, org, {
      variants: [{ network: 'bluesky', text: story }],
      patientStory: true,
    });
    const draft = await seedPost(db, org, {
      variants: [{ network: 'mastodon', text: story }],
      patientStory: true,
      status: 'draft',
    });
    for (const p of [scheduled, published, draft])
      await linkPostAuthorization(db, {
        actor: org.actor,
        orgId: org.orgId,
        postId: p.postId,
        authorizationId,
      });
    await schedulePost(db, {
      actor: org.actor,
      orgId: org.orgId,
      postId: scheduled.postId,
      localTime: `${new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10)}T09:00`,
    });
    await markPublished(db, org, published.postId);

    const report = await revokeAuthorization(db, {
      actor: org.actor,
      orgId: org.orgId,
      authorizationId,
      effects: postEffects,
    });
    expect(report).toMatchObject({
      ended: true,
      returnedToDraft: [scheduled.postId],
      takedown: [
        {
          postId: published.postId,
          network: 'bluesky',
          url: 'https://social.example.test/@clinic/42',
        },
      ],
    });
    const posts = await db.selectFrom('posts').select(['id', 'status', 'scheduledAt']).execute();
    expect(posts.find((p) => p.id === scheduled.postId)).toMatchObject({
      status: 'draft',
      scheduledAt: null,
    });
    expect(posts.find((p) => p.id === draft.postId)?.status).toBe('draft');
    const targets = await db
      .selectFrom('postTargets')
      .select('status')
      .where('postId', '=', scheduled.postId)
      .execute();
    expect(targets.map((x) => x.status)).toEqual(['canceled']);
    const row = await db
      .selectFrom('authorizations')
      .selectAll()
      .where('id', '=', authorizationId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'revoked', revocationSource: 'staff_written' });
    expect(row.retainUntil).toBe(
      `${Number(row.revokedAt?.slice(0, 4)) + 6}${row.revokedAt?.slice(4, 10)}`,
    );
    const items = await db
      .selectFrom('takedownItems')
      .selectAll()
      .where('authorizationId', '=', authorizationId)
      .execute();
    expect(items).toMatchObject([{ postId: published.postId, status: 'open', reason: 'revoked' }]);
    const told = await db
      .selectFrom('notifications')
      .innerJoin('memberships', (j) =>
        j
          .onRef('memberships.userId', '=', 'notifications.userId')
          .onRef('memberships.orgId', '=', 'notifications.orgId'),
      )
      .select([
        'memberships.role',
        'notifications.title',
        'notifications.body',
        'notifications.emailStatus',
      ])
      .where('notifications.kind', '=', 'consent.revoked')
      .execute();
    expect(told.map((n) => n.role).sort()).toEqual(['compliance_officer', 'owner']);
    expect(told[0]?.title).toBe('A patient authorization was revoked');
    expect(told[0]?.emailStatus).toBe('pending');
    expect(JSON.stringify(told)).not.toMatch(/Robin|Maria/);
    expect(await count('consent.revoked', authorizationId)).toBe(1);
    expect(await count('post.returned_to_draft', scheduled.postId)).toBe(1);

    await expect(
      revokeAuthorization(db, {
        actor: org.actor,
        orgId: org.orgId,
        authorizationId,
        effects: postEffects,
      }),
    ).rejects.toSatisfy((e) => e instanceof AppError && e.code === 'conflict');
  });

  it('the patient revokes through the link in their copy; a second use answers without repeating', async () => {
    const { id: authorizationId, revocationToken: token } = await seedSigned(db, org);
    const patient = { userId: null, label: 'patient (revocation link)', ip: null };
    const first = await revokeByPatientLink(db, { token, actor: patient, effects: postEffects });
    expect(first.status).toBe('revoked');
    const second = await revokeByPatientLink(db, { token, actor: patient, effects: postEffects });
    expect(second).toEqual(first);
    expect(await count('consent.revoked', authorizationId)).toBe(1);
    await expect(
      revokeByPatientLink(db, { token: 'not-a-real-token', actor: patient, effects: postEffects }),
    ).rejects.toSatisfy((e) => e instanceof AppError && e.code === 'not_found');
  });

  it('the daily expiry run ends an authorization after its date in the practice zone, and running it twice does nothing more', async () => {
    const authorizationId = await seedSignedAuthorization(db, org, {
      expiry: { kind: 'date', date: '2098-01-31' },
    });
    const post = await seedPost(db, org, {
      variants: [{ network: 'mastodon', text: story }],
      patientStory: true,
    });
    await linkPostAuthorization(db, {
      actor: org.actor,
      orgId: org.orgId,
      postId: post.postId,
      authorizationId,
    });
    // 23:00 UTC on Jan 31 is still Jan 31 in Chicago: in effect.
    const lastDay = await expireDueAuthorizations(db, {
      now: new Date('2098-01-31T23:00:00Z'),
      effects: postEffects,
    });
    expect(lastDay.map((r) => r.authorizationId)).not.toContain(authorizationId);

    const now = new Date('2098-02-01T12:00:00Z');
    const first = await expireDueAuthorizations(db, { now, effects: postEffects });
    expect(first.find((r) => r.authorizationId === authorizationId)).toMatchObject({
      ended: true,
      returnedToDraft: [post.postId],
    });
    const second = await expireDueAuthorizations(db, { now, effects: postEffects });
    expect(second.find((r) => r.authorizationId === authorizationId)).toMatchObject({
      ended: false,
      returnedToDraft: [],
      takedown: [],
    });
    expect(await count('consent.expired', authorizationId)).toBe(1);
    expect(await count('post.returned_to_draft', post.postId)).toBe(1);
    const notes = await db
      .selectFrom('notifications')
      .select('id')
      .where('kind', '=', 'consent.expired')
      .execute();
    expect(notes).toHaveLength(2);
    const row = await db
      .selectFrom('authorizations')
      .select(['status', 'expiresAt', 'retainUntil'])
      .where('id', '=', authorizationId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'expired', retainUntil: '2104-02-01' });
  });
});
