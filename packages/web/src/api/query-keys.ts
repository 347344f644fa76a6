/** Query keys in one place, so invalidation after a change names the same thing the read used. */
export const queryKeys = {
  setup: ['setup'] as const,
  session: ['session'] as const,
  invitation: (token: string) => ['invitation', token] as const,
  org: (orgId: string) => ['org', orgId] as const,
  organization: (orgId: string) => ['org', orgId, 'organization'] as const,
  locations: (orgId: string) => ['org', orgId, 'locations'] as const,
  channels: (orgId: string) => ['org', orgId, 'channels'] as const,
  members: (orgId: string) => ['org', orgId, 'members'] as const,
  invitations: (orgId: string) => ['org', orgId, 'invitations'] as const,
  audit: (orgId: string, query: string) => ['org', orgId, 'audit', query] as const,
  auditActions: (orgId: string) => ['org', orgId, 'audit-actions'] as const,
  guardContext: (orgId: string) => ['org', orgId, 'guard-context'] as const,
};
