import type { DbOrTx } from '../../../db/database.js';
import type { ChannelNetwork, PostStatus } from '../../../db/schema.js';
import type { MailMessage, Mailer } from '../../../mail/mailer.js';
import { newId } from '../../../security/tokens.js';
import { demoLocation } from '../../../test-support/test-app.js';
import type { Actor } from '../../audit/audit-types.js';
import { createOrganization } from '../../orgs/create-organization.js';
import { createUser } from '../../orgs/create-user.js';
import { requestAuthorization, type RequestInput } from '../request-authorization.js';
import { signAuthorization } from '../sign-authorization.js';

export const publicUrl = 'https://bedside.test';

/** A mailer that keeps what it sends. */
export function captureMailer(): Mailer & { sent: MailMessage[] } {
  const sent: MailMessage[] = [];
  return { outboxDir: null, sent, send: async (m) => void sent.push(m) };
}

export interface SeededOrg {
  orgId: string;
  locationId: string;
  ownerId: string;
  actor: Actor;
}

/** An organization (zone America/Chicago) with its owner. */
export async function seedOrg(db: DbOrTx, tag: string): Promise<SeededOrg> {
  const owner = await createUser(db, {
    name: `Owner ${tag}`,
    email: `owner.${tag}@clinic.test`,
    password: 'correct horse battery',
  });
  const actor = { userId: owner.id, label: `owner.${tag}@clinic.test`, ip: null };
  const { orgId, locationId } = await db.transaction().execute((tx) =>
    createOrganization(tx, {
      actor,
      ownerId: owner.id,
      name: `Sample Smiles ${tag}`,
      kind: 'practice',
      location: { ...demoLocation, fax: null },
    }),
  );
  return { orgId, locationId, ownerId: owner.id, actor };
}

/** A request for a synthetic patient; override any part. */
export function requestFor(overrides: Partial<RequestInput> = {}): RequestInput {
  return {
    patient: {
      name: 'Robin Testpatient',
      contact: { kind: 'email', email: 'robin@example.test' },
      externalId: null,
    },
    contentTypes: ['text', 'name', 'photo'],
    contentDescription: 'My first name, my written review and two photos of my smile.',
    networks: ['mastodon', 'bluesky', 'facebook'],
    purpose: 'To share my experience on the practice’s social media.',
    expiry: { kind: 'date', date: '2099-12-31' },
    remunerationPayer: null,
    delivery: 'tablet',
    ...overrides,
  };
}

/** Requests (tablet mode) and signs an authorization; returns its id. */
export async function seedSignedAuthorization(
  db: DbOrTx,
  org: SeededOrg,
  overrides: Partial<RequestInput> = {},
): Promise<string> {
  return (await seedSigned(db, org, overrides)).id;
}

/** Like seedSignedAuthorization, with the revocation token read from the patient's copy. */
export async function seedSigned(
  db: DbOrTx,
  org: SeededOrg,
  overrides: Partial<RequestInput> = {},
): Promise<{ id: string; revocationToken: string; mails: MailMessage[] }> {
  const mailer = captureMailer();
  const requested = await requestAuthorization(db, {
    actor: org.actor,
    orgId: org.orgId,
    input: requestFor({ ...overrides, delivery: 'tablet' }),
    mail: { mailer, publicUrl },
  });
  const token = (requested.signingUrl ?? '').split('/').pop() ?? '';
  await signAuthorization(db, {
    token,
    input: {
      signedName: 'Robin Testpatient',
      signer: { kind: 'individual' },
      signature: { method: 'typed' },
      agreed: true,
    },
    actor: { userId: null, label: 'patient', ip: null },
    mail: { mailer, publicUrl },
  });
  const copy = mailer.sent.find((m) => m.attachments?.length);
  const revocationToken = /\/revoke\/([A-Za-z0-9_-]+)/.exec(copy?.text ?? '')?.[1] ?? '';
  return { id: requested.authorizationId, revocationToken, mails: mailer.sent };
}

/** A post with one variant per network (each on its own channel row), optionally with an image. */
export async function seedPost(
  db: DbOrTx,
  org: SeededOrg,
  options: {
    variants: { network: ChannelNetwork; text: string }[];
    patientStory?: boolean;
    status?: PostStatus;
    withMedia?: boolean;
  },
): Promise<{ postId: string; mediaId: string | null }> {
  const now = new Date().toISOString();
  const postId = newId();
  await db
    .insertInto('posts')
    .values({
      id: postId,
      orgId: org.orgId,
      locationId: org.locationId,
      authorId: org.ownerId,
      lastEditedBy: org.ownerId,
      status: options.status ?? 'approved',
      baseText: options.variants[0]?.text ?? '',
      campaign: 'test',
      patientStory: options.patientStory ? 1 : 0,
      guardVerdict: null,
      overrideJustification: null,
      scheduledAt: null,
      timeZone: null,
      version: 1,
      submittedAt: null,
      approvedAt: null,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  for (const variant of options.variants) {
    const channelId = newId();
    await db
      .insertInto('channels')
      .values({
        id: channelId,
        orgId: org.orgId,
        locationId: org.locationId,
        network: variant.network,
        accountId: channelId,
        handle: `clinic-${variant.network}`,
        displayName: 'Clinic',
        serviceUrl: 'http://127.0.0.1:9',
        credentialsSealed: 'sealed',
        status: 'connected',
        statusReason: null,
        createdBy: org.ownerId,
        createdAt: now,
        updatedAt: now,
        lastValidatedAt: now,
      })
      .execute();
    await db
      .insertInto('postVariants')
      .values({
        id: newId(),
        postId,
        orgId: org.orgId,
        channelId,
        network: variant.network,
        text: variant.text,
        publishText: variant.text,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
  }
  if (!options.withMedia) return { postId, mediaId: null };
  const mediaId = newId();
  await db
    .insertInto('mediaAssets')
    .values({
      id: mediaId,
      orgId: org.orgId,
      uploadedBy: org.ownerId,
      mimeType: 'image/png',
      width: 10,
      height: 10,
      byteSize: 100,
      sha256: 'x',
      storageKey: mediaId,
      altText: 'A smiling patient after treatment',
      createdAt: now,
    })
    .execute();
  await db
    .insertInto('postMedia')
    .values({ postId, mediaId, orgId: org.orgId, position: 0 })
    .execute();
  return { postId, mediaId };
}

/** Marks a seeded post published on its first variant's network, with a remote URL. */
export async function markPublished(db: DbOrTx, org: SeededOrg, postId: string): Promise<void> {
  const variant = await db
    .selectFrom('postVariants')
    .select(['id', 'channelId', 'network'])
    .where('postId', '=', postId)
    .executeTakeFirstOrThrow();
  const now = new Date().toISOString();
  await db.updateTable('posts').set({ status: 'published' }).where('id', '=', postId).execute();
  await db
    .insertInto('postTargets')
    .values({
      id: newId(),
      orgId: org.orgId,
      postId,
      variantId: variant.id,
      channelId: variant.channelId,
      network: variant.network,
      occurrence: 0,
      recurrenceId: null,
      dueAt: now,
      timeZone: 'America/Chicago',
      status: 'published',
      idempotencyKey: newId(),
      attempts: 1,
      nextAttemptAt: now,
      leaseOwner: null,
      leaseUntil: null,
      claimedAt: null,
      publishStartedAt: null,
      remoteId: '42',
      remoteUrl: 'https://social.example.test/@clinic/42',
      publishedAt: now,
      lastErrorKind: null,
      lastErrorMessage: null,
      lastErrorFix: null,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
}
