import type { FieldChange, ProfileFields } from '../../api/providers';

export const fieldLabels: Record<keyof ProfileFields, string> = {
  firstName: 'First name',
  lastName: 'Last name',
  credentials: 'Credentials',
  npi: 'NPI',
  taxonomies: 'Specialties (NUCC taxonomy)',
  licences: 'State licences',
  boardCertifications: 'Board certifications',
  education: 'Education and training',
  affiliations: 'Hospital affiliations',
  languages: 'Languages',
  acceptingNewPatients: 'Accepting new patients',
  telehealth: 'Telehealth',
  photo: 'Photo',
  photoAlt: 'Photo alt text',
  bio: 'Bio',
  locationIds: 'Locations',
};

/** A readable one-line rendering of a profile value for the change diff. */
export function formatValue(field: FieldChange['field'], value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (field === 'photo' && typeof value === 'object')
    return `New photo (${String((value as { width: number }).width)} × ${String((value as { height: number }).height)} px)`;
  if (!Array.isArray(value)) return String(value);
  if (value.length === 0) return '—';
  return value
    .map((item: unknown) => {
      if (typeof item !== 'object' || item === null) return String(item);
      const o = item as Record<string, unknown>;
      if (field === 'taxonomies') return `${String(o.code)}${o.primary ? ' (primary)' : ''}`;
      if (field === 'licences')
        return `${String(o.state)} ${String(o.number)}${o.expiresOn ? `, expires ${String(o.expiresOn)}` : ''}`;
      if (field === 'boardCertifications') return `${String(o.specialty)} — ${String(o.board)}`;
      if (field === 'education') return `${String(o.institution)} (${String(o.kind)})`;
      return JSON.stringify(o);
    })
    .join('; ');
}
