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
import { submitForReview } from '../posts/submit-for-review.js';
import { findCoveredIdentifiers } from './covered-identifiers.js';
import { linkPostAuthorization } from './links.js';
import { createPostEffects } from './post-effects.js';
import { revokeAuthorization } from './revoke-authorization.js';
import { seedOrg, seedPost, seedSignedAuthorization, type SeededOrg } from './test-support/seed.js';

const effects = createPostEffects({
  box: createSecretBox(Buffer.alloc(32, 7)),
  connectors: createChannelConnectors({ timeoutMs: 2000 }),
});
const story = 'Congratulations to our patient Maria Gonzalez on finishing her braces!';

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describeEachDialect('a patient named under a linked authorization', (dialect) => {
  let t: TestDatabase;
  let db: Kysely<Database>;
  let org: SeededOrg;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    db = t.handle.db;
    org = await seedOrg(db, 'c');
  });
  afterAll(() => t.drop());

  const draft = async (text = story) =>
    (
      await seedPost(db, org, {
        variants: [{ network: 'mastodon', text }],
        patientStory: true,
        status: 'draft',
      })
    ).postId;
  const link = (postId: string, authorizationId: string) =>
    linkPostAuthorization(db, { actor: org.actor, orgId: org.orgId, postId, authorizationId });
  const submit = (postId: string) =>
    submitForReview(db, { actor: org.actor, orgId: org.orgId, postId });

  it('is blocked with nothing linked', async () => {
    const postId = await draft();
    const error = await failure(submit(postId));
    expect(error.details).toMatchObject({ verdict: 'block' });
    expect(await findCoveredIdentifiers(db, { orgId: org.orgId, postId, at: new Date() })).toEqual(
      [],
    );
  });

  it('goes to review without a justification when a signed authorization covers the name, and the audit says so', async () => {
    const postId = await draft();
    await link(postId, await seedSignedAuthorization(db, org));
    const post = await submit(postId);
    expect(post.status).toBe('in_review');
    expect(post.guardVerdict).toBe('review');
    const event = await db
      .selectFrom('auditEvents')
      .select('details')
      .where('action', '=', 'post.submitted')
      .where('targetId', '=', postId)
      .executeTakeFirstOrThrow();
    expect(String(event.details)).toContain('phi.name');
    expect(String(event.details)).toContain('coveredByAuthorization');
  });

  it('stays blocked when the linked authorization does not cover the name, or not this network', async () => {
    const wordsOnly = await draft();
    await link(wordsOnly, await seedSignedAuthorization(db, org, { contentTypes: ['text'] }));
    expect((await failure(submit(wordsOnly))).details).toMatchObject({ verdict: 'block' });

    const elsewhere = await draft();
    await link(elsewhere, await seedSignedAuthorization(db, org, { networks: ['facebook'] }));
    expect((await failure(submit(elsewhere))).details).toMatchObject({ verdict: 'block' });
  });

  it('keeps every other identifier blocked: a phone number is never covered', async () => {
    const postId = await draft(`${story} Call her at 555-201-7788.`);
    await link(postId, await seedSignedAuthorization(db, org));
    const error = await failure(submit(postId));
    expect(error.details).toMatchObject({ verdict: 'block' });
  });

  it('is blocked again once the authorization is revoked', async () => {
    const postId = await draft();
    const authorizationId = await seedSignedAuthorization(db, org);
    await link(postId, authorizationId);
    await revokeAuthorization(db, { actor: org.actor, orgId: org.orgId, authorizationId, effects });
    expect((await failure(submit(postId))).details).toMatchObject({ verdict: 'block' });
  });
});
