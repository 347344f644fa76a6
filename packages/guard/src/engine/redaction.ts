import type { FindingCategory, Fix } from '../types.js';

const LABELS: Partial<Record<FindingCategory, string>> = {
  name: 'name',
  geographic: 'place',
  date: 'date',
  age: 'age',
  phone: 'phone',
  fax: 'fax',
  email: 'email',
  ssn: 'SSN',
  medical_record_number: 'record number',
  health_plan_number: 'member ID',
  account_number: 'account number',
  license_number: 'licence number',
  vehicle_identifier: 'vehicle ID',
  device_identifier: 'device ID',
  url: 'link',
  ip_address: 'IP address',
  biometric: 'biometric',
  other_identifier: 'ID',
};

/** A redaction fix such as `[name]`, with a plain description. */
export function redactFix(category: FindingCategory, replacement?: string): Fix {
  const label = LABELS[category] ?? 'identifier';
  return {
    kind: 'redact',
    replacement: replacement ?? `[${label}]`,
    description: `Remove the ${label} or replace it with ${replacement ?? `[${label}]`}.`,
  };
}
