import type { DbOrTx } from '../../db/database.js';
import { notFound } from '../../errors.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { Actor } from '../audit/audit-types.js';
import { organizationView, type OrganizationView } from './views.js';

export async function getOrganization(db: DbOrTx, orgId: string): Promise<OrganizationView> {
  const row = await db
    .selectFrom('organizations')
    .selectAll()
    .where('id', '=', orgId)
    .executeTakeFirst();
  if (!row) throw notFound('The organization');
  return organizationView(row);
}

/** Name, whether two-factor sign-in is required, and the idle logoff (HIPAA 164.312(a)(2)(iii)). */
export async function updateOrganization(
  db: DbOrTx,
  options: {
    actor: Actor;
    orgId: string;
    changes: { name?: string; requireTotp?: boolean; idleTimeoutMinutes?: number };
  },
): Promise<OrganizationView> {
  const { changes } = options;
  const set = {
    ...(changes.name !== undefined && { name: changes.name }),
    ...(changes.requireTotp !== undefined && { requireTotp: changes.requireTotp ? 1 : 0 }),
    ...(changes.idleTimeoutMinutes !== undefined && {
      idleTimeoutMinutes: changes.idleTimeoutMinutes,
    }),
  };
  if (Object.keys(set).length > 0) {
    await db
      .updateTable('organizations')
      .set({ ...set, updatedAt: new Date().toISOString() })
      .where('id', '=', options.orgId)
      .execute();
    await recordAuditEvent(db, {
      orgId: options.orgId,
      actor: options.actor,
      action: 'org.settings_changed',
      target: { type: 'organization', id: options.orgId },
      details: {
        changed: Object.keys(set),
        ...('requireTotp' in set && { requireTotp: changes.requireTotp }),
        ...('idleTimeoutMinutes' in set && { idleTimeoutMinutes: changes.idleTimeoutMinutes }),
      },
    });
  }
  return getOrganization(db, options.orgId);
}
