import type { DbOrTx } from '../../db/database.js';
import type { Role } from '../../db/schema.js';
import { invalid } from '../../errors.js';
import type { Actor } from '../audit/audit-types.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { can, roles } from '../policy/policy.js';

/** How an organization reviews what it publishes. */
export interface PublishingSettings {
  /** One approval from a member of each of these roles; empty means any one approver. */
  approverRoles: Role[];
  /** The compliance officer must approve anything the guard warned about. */
  complianceOnWarning: boolean;
  /** The practice's own sites (`example-clinic.com`); only links there get UTM parameters. */
  websiteDomains: string[];
  utmEnabled: boolean;
}

/** Until an organization chooses: its compliance officer approves everything. */
export const defaultPublishingSettings: PublishingSettings = {
  approverRoles: ['compliance_officer'],
  complianceOnWarning: true,
  websiteDomains: [],
  utmEnabled: true,
};

export async function getPublishingSettings(
  db: DbOrTx,
  orgId: string,
): Promise<PublishingSettings> {
  const row = await db
    .selectFrom('publishingSettings')
    .selectAll()
    .where('orgId', '=', orgId)
    .executeTakeFirst();
  if (!row) return { ...defaultPublishingSettings };
  return {
    approverRoles: JSON.parse(row.approverRoles) as Role[],
    complianceOnWarning: row.complianceOnWarning === 1,
    websiteDomains: JSON.parse(row.websiteDomains) as string[],
    utmEnabled: row.utmEnabled === 1,
  };
}

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** Lower-cased host names; `https://www.Example.com/x` is accepted as `www.example.com`. */
export function normalizeDomains(domains: string[]): string[] {
  const out = new Set<string>();
  domains.forEach((raw, i) => {
    const host = raw
      .trim()
      .toLowerCase()
      .replace(/^https?:\/\//, '')
      .replace(/[/?#].*$/, '');
    if (!DOMAIN.test(host))
      throw invalid({ [`websiteDomains.${i}`]: 'Enter a domain such as example-clinic.com.' });
    out.add(host);
  });
  return [...out];
}

/** Saves the settings; a role that cannot approve at all (policy `post.approve`) is refused. */
export async function updatePublishingSettings(
  db: DbOrTx,
  options: { actor: Actor; orgId: string; settings: PublishingSettings },
): Promise<PublishingSettings> {
  const { settings } = options;
  const approverRoles = [...new Set(settings.approverRoles)];
  approverRoles.forEach((role, i) => {
    if (!roles.includes(role) || !can(role, 'post.approve'))
      throw invalid({ [`approverRoles.${i}`]: `The role ${role} cannot approve posts.` });
  });
  const websiteDomains = normalizeDomains(settings.websiteDomains);
  const now = new Date().toISOString();
  const values = {
    approverRoles: JSON.stringify(approverRoles),
    complianceOnWarning: settings.complianceOnWarning ? 1 : 0,
    websiteDomains: JSON.stringify(websiteDomains),
    utmEnabled: settings.utmEnabled ? 1 : 0,
    updatedBy: options.actor.userId,
    updatedAt: now,
  };
  await db
    .insertInto('publishingSettings')
    .values({ orgId: options.orgId, ...values })
    .onConflict((oc) => oc.column('orgId').doUpdateSet(values))
    .execute();
  const saved = {
    approverRoles,
    complianceOnWarning: settings.complianceOnWarning,
    websiteDomains,
    utmEnabled: settings.utmEnabled,
  };
  await recordAuditEvent(db, {
    orgId: options.orgId,
    actor: options.actor,
    action: 'post.settings_updated',
    target: { type: 'organization', id: options.orgId },
    details: { ...saved },
  });
  return saved;
}
