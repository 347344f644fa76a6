import type { Tx } from '../../db/database.js';
import { conflict, invalid, notFound } from '../../errors.js';
import type { Actor } from '../audit/audit-types.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { createDraft } from '../posts/create-draft.js';
import { ensurePracticePage } from './practice-page.js';
import { getProvider } from './provider-views.js';
import { taxonomyName } from './taxonomy.js';

export type ProfileEvent =
  | { kind: 'provider' }
  | { kind: 'certification'; index: number }
  | { kind: 'publication'; publicationId: string };

/**
 * Turns a profile event — a new provider, a board certification, a confirmed publication — into a
 * post draft with a variant for every connected network of the provider's office (posts-authoring's
 * createDraft). The text is built from the public profile only; the guard runs when it is submitted.
 */
export async function shareAsPost(
  tx: Tx,
  options: {
    actor: Actor;
    orgId: string;
    providerId: string;
    event: ProfileEvent;
    publicUrl: string;
  },
): Promise<{ postId: string; text: string }> {
  const { actor, orgId, event } = options;
  const provider = await getProvider(tx, { orgId, providerId: options.providerId });
  const page = await ensurePracticePage(tx, orgId);
  const org = await tx
    .selectFrom('organizations')
    .select('name')
    .where('id', '=', orgId)
    .executeTakeFirstOrThrow();
  const profileUrl = `${options.publicUrl}/practices/${page.slug}/providers/${provider.slug}`;
  let locationId = provider.locationIds[0];
  if (!locationId) {
    const first = await tx
      .selectFrom('locations')
      .select('id')
      .where('orgId', '=', orgId)
      .where('archived', '=', 0)
      .orderBy('createdAt')
      .executeTakeFirst();
    locationId = first?.id;
  }
  if (!locationId) throw invalid({ locationId: 'Add a location first.' });
  const specialty = provider.taxonomies[0] ? ` (${taxonomyName(provider.taxonomies[0].code)})` : '';
  let text: string;
  if (event.kind === 'provider') {
    text = `Welcome ${provider.displayName}${specialty} to ${org.name}!${provider.acceptingNewPatients ? ' Now accepting new patients.' : ''} Meet ${provider.firstName}: ${profileUrl}`;
  } else if (event.kind === 'certification') {
    const cert = provider.boardCertifications[event.index];
    if (!cert) throw notFound('The certification');
    text = `Congratulations to ${provider.displayName}, board certified in ${cert.specialty} by the ${cert.board}${cert.year ? ` (${cert.year})` : ''}. ${profileUrl}`;
  } else {
    const pub = await tx
      .selectFrom('providerPublications')
      .innerJoin('publications', 'publications.id', 'providerPublications.publicationId')
      .select([
        'publications.title',
        'publications.journal',
        'publications.year',
        'publications.pmid',
        'providerPublications.status',
      ])
      .where('providerPublications.orgId', '=', orgId)
      .where('providerPublications.providerId', '=', provider.id)
      .where('providerPublications.publicationId', '=', event.publicationId)
      .executeTakeFirst();
    if (!pub) throw notFound('The publication');
    if (pub.status !== 'confirmed')
      throw conflict('The provider has not confirmed this article is theirs yet.');
    const title = pub.title.replace(/\.$/, '');
    text = `New publication from ${provider.displayName}: “${title}”, ${pub.journal}${pub.year ? ` (${pub.year})` : ''}. https://pubmed.ncbi.nlm.nih.gov/${pub.pmid}/`;
  }
  const post = await createDraft(tx, actor, {
    orgId,
    locationId,
    baseText: text,
    campaign: `provider-${event.kind}`,
  });
  await recordAuditEvent(tx, {
    orgId,
    actor,
    action: 'provider.shared_as_post',
    target: { type: 'provider', id: provider.id },
    details: { event: event.kind, postId: post.id },
  });
  return { postId: post.id, text };
}
