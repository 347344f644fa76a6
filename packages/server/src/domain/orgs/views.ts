import type { LocationRow, OrganizationRow, Role } from '../../db/schema.js';

export interface OrganizationView {
  id: string;
  name: string;
  kind: 'practice' | 'agency';
  requireTotp: boolean;
  idleTimeoutMinutes: number;
}

export interface LocationView {
  id: string;
  name: string;
  address: string;
  city: string;
  state: string;
  zip: string;
  phone: string;
  fax: string | null;
  timeZone: string;
  archived: boolean;
}

export interface MemberView {
  userId: string;
  name: string;
  email: string;
  role: Role;
  totpEnabled: boolean;
  joinedAt: string;
}

export const organizationView = (row: OrganizationRow): OrganizationView => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  requireTotp: row.requireTotp === 1,
  idleTimeoutMinutes: row.idleTimeoutMinutes,
});

export const locationView = (row: LocationRow): LocationView => ({
  id: row.id,
  name: row.name,
  address: row.address,
  city: row.city,
  state: row.state,
  zip: row.zip,
  phone: row.phone,
  fax: row.fax,
  timeZone: row.timeZone,
  archived: row.archived === 1,
});
