import type { Role } from '../../db/schema.js';

export const roles: readonly Role[] = [
  'owner',
  'admin',
  'marketer',
  'compliance_officer',
  'clinician',
  'front_desk',
  'viewer',
];

/**
 * Every action a member can take inside an organization, and the roles that may take it.
 * This table is the one place that decides; routes name an action, never a role.
 */
export const permissions = {
  'org.read': [
    'owner',
    'admin',
    'marketer',
    'compliance_officer',
    'clinician',
    'front_desk',
    'viewer',
  ],
  'org.update': ['owner', 'admin'],
  'location.read': [
    'owner',
    'admin',
    'marketer',
    'compliance_officer',
    'clinician',
    'front_desk',
    'viewer',
  ],
  'location.manage': ['owner', 'admin'],
  'channel.read': [
    'owner',
    'admin',
    'marketer',
    'compliance_officer',
    'clinician',
    'front_desk',
    'viewer',
  ],
  'channel.manage': ['owner', 'admin'],
  'member.read': ['owner', 'admin', 'compliance_officer'],
  'member.manage': ['owner', 'admin'],
  'invitation.manage': ['owner', 'admin'],
  'audit.read': ['owner', 'admin', 'compliance_officer'],
  'audit.export': ['owner', 'admin', 'compliance_officer'],
  'guard.check': ['owner', 'admin', 'marketer', 'compliance_officer', 'clinician', 'front_desk'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof permissions;
export const actions = Object.keys(permissions) as Action[];

export function can(role: Role, action: Action): boolean {
  return (permissions[action] as readonly Role[]).includes(role);
}

/**
 * Role changes have one more rule: only an owner grants or removes ownership, and an
 * organization always keeps at least one owner (checked by the operation, which sees the count).
 */
export function canAssignRole(
  actorRole: Role,
  fromRole: Role | null,
  toRole: Role | null,
): boolean {
  if (!can(actorRole, 'member.manage')) return false;
  if (toRole === 'owner' || fromRole === 'owner') return actorRole === 'owner';
  return true;
}
