import type { Role } from '../../api/types';

export const roles: Role[] = [
  'owner',
  'admin',
  'marketer',
  'compliance_officer',
  'clinician',
  'front_desk',
  'viewer',
];

export const roleLabels: Record<Role, string> = {
  owner: 'Owner',
  admin: 'Admin',
  marketer: 'Marketer',
  compliance_officer: 'Compliance officer',
  clinician: 'Clinician',
  front_desk: 'Front desk',
  viewer: 'Viewer',
};

export const roleDescriptions: Record<Role, string> = {
  owner: 'Everything, including the organization itself',
  admin: 'Manages people, locations and settings',
  marketer: 'Drafts posts and replies, plans the calendar',
  compliance_officer: 'Sets rules, approves flagged content, reads the audit log',
  clinician: 'Keeps their profile true, approves posts that feature them',
  front_desk: 'Sends review requests, triages the inbox',
  viewer: 'Reads without changing anything',
};

export const roleOptions = roles.map((role) => ({ value: role, label: roleLabels[role] }));

/** What each role may do in the settings screens (the server decides for real). */
export const can = {
  manageOrg: (role: Role) => role === 'owner' || role === 'admin',
  /** Connect, reconnect and check accounts (mirrors the server's `channel.connect`). */
  connectChannels: (role: Role) => role === 'owner' || role === 'admin' || role === 'marketer',
  /** Disconnect an account (the server's `channel.manage`). */
  manageChannels: (role: Role) => role === 'owner' || role === 'admin',
  manageMembers: (role: Role) => role === 'owner' || role === 'admin',
  readAudit: (role: Role) => role === 'owner' || role === 'admin' || role === 'compliance_officer',
};
