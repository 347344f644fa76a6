import type { AuthorizationRecord } from '../authorization.js';

/** The practice's zone in tests: a zone whose date differs from UTC's in the evening. */
export const testTimeZone = 'America/Chicago';

/** Noon in Chicago on 2026-03-02; every fixture date is relative to it. */
export const testNow = new Date('2026-03-02T18:00:00Z');

/**
 * A complete, valid, signed authorization for a synthetic patient. Override any part; nested
 * objects are replaced, not merged, so a test states exactly the element it breaks.
 */
export function buildAuthorization(
  overrides: Partial<AuthorizationRecord> = {},
): AuthorizationRecord {
  return {
    patient: {
      name: 'Robin Testpatient',
      contact: { kind: 'email', email: 'robin@example.test' },
      externalId: null,
    },
    information: {
      contentTypes: ['text', 'name', 'photo'],
      description:
        'My first name, two photos of my smile taken before and after treatment, and my written review.',
    },
    disclosers: { practiceName: 'Sample Family Dental', persons: [] },
    recipients: {
      channels: ['instagram', 'facebook', 'website'],
      description: "The public, through the practice's accounts.",
    },
    purpose: {
      description: 'To promote Sample Family Dental with a patient story.',
      atRequestOfIndividual: false,
    },
    expiry: { kind: 'date', date: '2027-03-01' },
    signature: {
      signedName: 'Robin Testpatient',
      signedAt: '2026-03-01T15:30:00Z',
      signer: { kind: 'individual' },
    },
    statements: {
      rightToRevoke: 'You may revoke this authorization at any time by telling us in writing.',
      revocationProcedure: {
        kind: 'described',
        howToRevoke: 'Send a signed letter or email to the practice, or use the link in your copy.',
        exceptions:
          'Revoking does not undo what the practice already did relying on this authorization.',
      },
      conditioning:
        'Your treatment, payment, enrollment and eligibility for benefits do not depend on signing.',
      redisclosure:
        'People who see the information may share it further; it is then no longer protected by HIPAA.',
    },
    remuneration: { thirdPartyPays: false, statement: '' },
    combinedWithOtherDocument: false,
    treatmentConditionedOnSigning: false,
    knownFalseMaterialInformation: false,
    status: 'signed',
    revokedAt: null,
    expiresAt: null,
    ...overrides,
  };
}

/** The record as plain unknown input with one path changed or removed (`undefined` deletes). */
export function withField(record: object, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(record) as unknown as Record<string, unknown>;
  const keys = path.split('.');
  let target = copy;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  const last = keys[keys.length - 1] as string;
  if (value === undefined) delete target[last];
  else target[last] = value;
  return copy;
}
