import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { PostTargetTable } from '../../packages/server/src/db/dispatch-schema.js';
import type { Db } from '../../packages/server/src/db/database.js';
import type { SecretBox } from '../../packages/server/src/security/secret-box.js';
import { createOrganization } from '../../packages/server/src/domain/orgs/create-organization.js';
import { createUser } from '../../packages/server/src/domain/orgs/create-user.js';

export interface SeededVariant {
  orgId: string;
  postId: string;
  variantId: string;
  channelId: string;
}

/**
 * Organizations (20 channels each, so no one audit chain serialises everyone), their channels on
 * the fake network, and one approved post with one variant per channel.
 */
export async function seedChannels(
  db: Db,
  options: { channels: number; box: SecretBox; baseUrl: string; token: string },
): Promise<SeededVariant[]> {
  const owner = await createUser(db, {
    name: 'Bench Owner',
    email: 'bench@clinic.test',
    password: 'correct horse battery',
  });
  const actor = { userId: owner.id, label: 'bench', ip: null };
  const sealed = options.box.seal(
    JSON.stringify({
      instanceUrl: options.baseUrl,
      accessToken: options.token,
      clientId: 'c',
      clientSecret: 'bench-secret',
    }),
  );
  const variants: SeededVariant[] = [];
  const now = new Date().toISOString();
  let org: { orgId: string; locationId: string } | undefined;
  for (let c = 0; c < options.channels; c += 1) {
    if (c % 20 === 0)
      org = await db.transaction().execute((tx) =>
        createOrganization(tx, {
          actor,
          ownerId: owner.id,
          name: `Bench practice ${c / 20}`,
          kind: 'practice',
          location: {
            name: 'Main',
            address: '1 Main St',
            city: 'Springfield',
            state: 'IL',
            zip: '62701',
            phone: '(217) 555-0100',
            fax: null,
            timeZone: 'America/Chicago',
          },
        }),
      );
    if (!org) throw new Error('no organization');
    const channelId = randomUUID();
    const postId = randomUUID();
    const variantId = randomUUID();
    await db
      .insertInto('channels')
      .values({
        id: channelId,
        orgId: org.orgId,
        locationId: org.locationId,
        network: 'mastodon',
        accountId: `a${c}`,
        handle: `@clinic${c}`,
        displayName: 'Clinic',
        serviceUrl: options.baseUrl,
        credentialsSealed: sealed,
        status: 'connected',
        statusReason: null,
        createdBy: owner.id,
        createdAt: now,
        updatedAt: now,
        lastValidatedAt: now,
      })
      .execute();
    await db
      .insertInto('posts')
      .values({
        id: postId,
        orgId: org.orgId,
        locationId: org.locationId,
        authorId: owner.id,
        lastEditedBy: owner.id,
        status: 'scheduled',
        baseText: `Bench post ${c}`,
        campaign: 'bench',
        patientStory: 0,
        guardVerdict: 'pass',
        overrideJustification: null,
        scheduledAt: now,
        timeZone: 'America/Chicago',
        version: 1,
        submittedAt: now,
        approvedAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await db
      .insertInto('postVariants')
      .values({
        id: variantId,
        postId,
        orgId: org.orgId,
        channelId,
        network: 'mastodon',
        text: `Bench post ${c}`,
        publishText: `Bench post ${c}`,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    variants.push({ orgId: org.orgId, postId, variantId, channelId });
  }
  return variants;
}

/** `count` targets spread over the variants, due at `dueAt(i)`, in `status`. */
export async function seedTargets(
  db: Db,
  options: {
    variants: SeededVariant[];
    count: number;
    firstOccurrence: number;
    dueAt: (i: number) => Date;
    status: 'queued' | 'canceled';
  },
): Promise<void> {
  const now = new Date().toISOString();
  const batch = 500;
  for (let start = 0; start < options.count; start += batch) {
    const rows: Insertable<PostTargetTable>[] = [];
    for (let i = start; i < Math.min(options.count, start + batch); i += 1) {
      const variant = options.variants[i % options.variants.length];
      if (!variant) throw new Error('no variants');
      const due = options.dueAt(i).toISOString();
      rows.push({
        id: randomUUID(),
        orgId: variant.orgId,
        postId: variant.postId,
        variantId: variant.variantId,
        channelId: variant.channelId,
        network: 'mastodon' as const,
        occurrence: options.firstOccurrence + Math.floor(i / options.variants.length),
        recurrenceId: null,
        dueAt: due,
        timeZone: 'America/Chicago',
        status: options.status,
        idempotencyKey: randomUUID(),
        attempts: 0,
        nextAttemptAt: due,
        createdAt: now,
        updatedAt: now,
      });
    }
    await db.insertInto('postTargets').values(rows).execute();
  }
}
