import type { Tx } from '../../db/database.js';
import { conflict } from '../../errors.js';
import type { Actor } from '../audit/audit-types.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { checkBio } from './bio-check.js';
import { ensurePracticePage, invalidatePublicPages } from './practice-page.js';

export interface PracticePageSettings {
  slug: string;
  url: string;
  published: boolean;
  appointmentUrl: string | null;
  showRatings: boolean;
  description: string;
}

export async function getPracticePageSettings(
  tx: Tx,
  options: { orgId: string; publicUrl: string },
): Promise<PracticePageSettings> {
  const row = await ensurePracticePage(tx, options.orgId);
  return {
    slug: row.slug,
    url: `${options.publicUrl}/practices/${row.slug}`,
    published: row.published === 1,
    appointmentUrl: row.appointmentUrl,
    showRatings: row.showRatings === 1,
    description: row.description,
  };
}

export async function updatePracticePage(
  tx: Tx,
  options: {
    actor: Actor;
    orgId: string;
    publicUrl: string;
    input: Partial<Omit<PracticePageSettings, 'url'>>;
  },
): Promise<PracticePageSettings> {
  const { orgId, input } = options;
  await ensurePracticePage(tx, orgId);
  if (input.slug) {
    const taken = await tx
      .selectFrom('practicePages')
      .select('orgId')
      .where('slug', '=', input.slug)
      .executeTakeFirst();
    if (taken && taken.orgId !== orgId) throw conflict('Another practice uses this address.');
  }
  // The description is published like a bio: the guard checks it.
  if (input.description)
    await checkBio(tx, { orgId, bio: input.description, field: 'description' });
  await tx
    .updateTable('practicePages')
    .set({
      ...(input.slug !== undefined && { slug: input.slug }),
      ...(input.published !== undefined && { published: input.published ? 1 : 0 }),
      ...(input.appointmentUrl !== undefined && { appointmentUrl: input.appointmentUrl }),
      ...(input.showRatings !== undefined && { showRatings: input.showRatings ? 1 : 0 }),
      ...(input.description !== undefined && { description: input.description }),
      updatedAt: new Date().toISOString(),
    })
    .where('orgId', '=', orgId)
    .execute();
  await invalidatePublicPages(tx, orgId);
  await recordAuditEvent(tx, {
    orgId,
    actor: options.actor,
    action: 'practice_page.updated',
    details: { fields: Object.keys(input) },
  });
  return getPracticePageSettings(tx, options);
}
