import type { DbOrTx } from '../db/database.js';
import { demoLocation } from './test-app.js';
import { createOrganization } from '../domain/orgs/create-organization.js';
import { createUser } from '../domain/orgs/create-user.js';
import type { IncomingItem } from '../domain/reputation/ingest-items.js';

/** A practice with one owner, for domain tests (synthetic data only). */
export async function createTestPractice(
  db: DbOrTx,
  tag: string,
): Promise<{ orgId: string; locationId: string; ownerId: string }> {
  const owner = await createUser(db, {
    name: `Owner ${tag}`,
    email: `owner.${tag}@clinic.test`,
    password: 'correct horse battery',
  });
  const actor = { userId: owner.id, label: 'owner', ip: null };
  const created = await db.transaction().execute((tx) =>
    createOrganization(tx, {
      actor,
      ownerId: owner.id,
      name: `Practice ${tag}`,
      kind: 'practice',
      location: { ...demoLocation, fax: null },
    }),
  );
  return { ...created, ownerId: owner.id };
}

/** An inbound item with the given id and text; everything else empty. */
export function incoming(
  externalId: string,
  text: string,
  extra: Partial<IncomingItem> = {},
): IncomingItem {
  return {
    externalId,
    kind: 'review',
    text,
    rating: null,
    authorName: null,
    authorHandle: null,
    url: null,
    parentExternalId: null,
    threadExternalId: null,
    publishedAt: null,
    editedAt: null,
    deleted: false,
    replyRef: null,
    ...extra,
  };
}
