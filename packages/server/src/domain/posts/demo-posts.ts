import type { DbOrTx } from '../../db/database.js';
import type { Actor } from '../audit/audit-types.js';
import { createDraft } from './create-draft.js';
import { updatePublishingSettings } from './publishing-settings.js';

/**
 * The demo practice's publishing setup: its (fictional) website for UTM parameters, the compliance
 * officer as approver, and a first draft by the marketer to open in the composer. Channels are
 * connected by whoever tries the demo, so the draft has none yet.
 */
export async function createDemoPosts(
  db: DbOrTx,
  options: { orgId: string; locationId: string; owner: Actor; marketer: Actor },
): Promise<void> {
  await updatePublishingSettings(db, {
    actor: options.owner,
    orgId: options.orgId,
    settings: {
      approverRoles: ['compliance_officer'],
      complianceOnWarning: true,
      websiteDomains: ['riverbend-health.test'],
      utmEnabled: true,
    },
  });
  await createDraft(db, options.marketer, {
    orgId: options.orgId,
    locationId: options.locationId,
    baseText:
      'Flu shots are here! Walk in Monday to Friday, 8 to 5, or book a time at https://riverbend-health.test/flu',
    campaign: 'Flu season',
  });
}
