import { randomBytes } from 'node:crypto';
import type { Db } from '../../../db/database.js';
import type { ChannelNetwork } from '../../../db/schema.js';
import { createSecretBox, type SecretBox } from '../../../security/secret-box.js';
import { newId } from '../../../security/tokens.js';
import { createOrganization } from '../../orgs/create-organization.js';
import { createUser } from '../../orgs/create-user.js';

export interface DispatchFixture {
  orgId: string;
  locationId: string;
  ownerId: string;
  box: SecretBox;
  actor: { userId: string; label: string; ip: null };
}

/** An organization with one owner and one location in `timeZone` (America/Denver by default). */
export async function createDispatchFixture(
  db: Db,
  options: { tag: string; timeZone?: string; secretKey?: Buffer },
): Promise<DispatchFixture> {
  const owner = await createUser(db, {
    name: `Owner ${options.tag}`,
    email: `owner.${options.tag}@clinic.test`,
    password: 'correct horse battery',
  });
  const actor = { userId: owner.id, label: 'owner', ip: null };
  const { orgId, locationId } = await db.transaction().execute((tx) =>
    createOrganization(tx, {
      actor,
      ownerId: owner.id,
      name: `Practice ${options.tag}`,
      kind: 'practice',
      location: {
        name: 'Northside Clinic',
        address: '100 Main St',
        city: 'Springfield',
        state: 'CO',
        zip: '80001',
        phone: '(303) 555-0100',
        fax: null,
        timeZone: options.timeZone ?? 'America/Denver',
      },
    }),
  );
  return {
    orgId,
    locationId,
    ownerId: owner.id,
    box: createSecretBox(options.secretKey ?? randomBytes(32)),
    actor,
  };
}

/** A connected channel whose sealed credentials open `serviceUrl` (a real server or a contract fake). */
export async function addChannel(
  db: Db,
  fixture: DispatchFixture,
  options: { network: ChannelNetwork; serviceUrl: string; credentials: object; handle?: string },
): Promise<string> {
  const id = newId();
  const now = new Date().toISOString();
  await db
    .insertInto('channels')
    .values({
      id,
      orgId: fixture.orgId,
      locationId: fixture.locationId,
      network: options.network,
      accountId: `acct-${id}`,
      handle: options.handle ?? `@clinic-${id.slice(0, 4)}`,
      displayName: 'Northside Clinic',
      serviceUrl: options.serviceUrl,
      credentialsSealed: fixture.box.seal(JSON.stringify(options.credentials)),
      status: 'connected',
      statusReason: null,
      createdBy: fixture.ownerId,
      createdAt: now,
      updatedAt: now,
      lastValidatedAt: now,
    })
    .execute();
  return id;
}

/** Mastodon credentials for a contract fake (its only token) or any instance. */
export function mastodonCredentials(instanceUrl: string, accessToken: string): object {
  return { instanceUrl, accessToken, clientId: 'client-id', clientSecret: 'client-secret-value' };
}

/**
 * An approved post with one variant per channel, as the posts area leaves it after review
 * (inserted directly: the review flow has its own suite).
 */
export async function addApprovedPost(
  db: Db,
  fixture: Pick<DispatchFixture, 'orgId' | 'locationId' | 'ownerId'>,
  options: {
    channels: { id: string; network: ChannelNetwork }[];
    text: string;
    status?: 'approved' | 'draft';
  },
): Promise<{ postId: string; variantIds: string[] }> {
  const postId = newId();
  const now = new Date().toISOString();
  await db
    .insertInto('posts')
    .values({
      id: postId,
      orgId: fixture.orgId,
      locationId: fixture.locationId,
      authorId: fixture.ownerId,
      lastEditedBy: fixture.ownerId,
      status: options.status ?? 'approved',
      baseText: options.text,
      campaign: 'test',
      patientStory: 0,
      guardVerdict: 'pass',
      overrideJustification: null,
      scheduledAt: null,
      timeZone: null,
      version: 1,
      submittedAt: now,
      approvedAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  const variantIds: string[] = [];
  for (const channel of options.channels) {
    const id = newId();
    variantIds.push(id);
    await db
      .insertInto('postVariants')
      .values({
        id,
        postId,
        orgId: fixture.orgId,
        channelId: channel.id,
        network: channel.network,
        text: options.text,
        publishText: options.text,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
  }
  return { postId, variantIds };
}
