/**
 * The closed set of reasons an authorization is refused, each tied to the rule it enforces.
 * Messages are plain words for a compliance officer and never repeat what the form says about the
 * patient, so a defect can be logged or shown anywhere.
 */
export interface AuthorizationDefect {
  code: DefectCode;
  /** The field or element at fault, e.g. `purpose` or `statements.redisclosure`. */
  element: string;
  message: string;
  /** e.g. `45 CFR 164.508(c)(1)(iv)`. */
  citation: string;
}

interface CatalogEntry {
  element: string;
  citation: string;
  message: string;
}

const cfr = (paragraph: string): string => `45 CFR 164.508${paragraph}`;

export const defectCatalog = {
  'invalid-input': {
    element: 'record',
    citation: cfr('(b)(2)'),
    message: 'The authorization could not be read, so it cannot be shown to be valid.',
  },
  'information-missing': {
    element: 'information',
    citation: cfr('(c)(1)(i)'),
    message:
      'The form does not describe the information to be used or shared (which words, photos, videos or health details).',
  },
  'information-not-specific': {
    element: 'information.description',
    citation: cfr('(c)(1)(i)'),
    message:
      'The description of the information is too general ("all records" and the like); it must say specifically what will be used.',
  },
  'discloser-missing': {
    element: 'disclosers',
    citation: cfr('(c)(1)(ii)'),
    message:
      'The form does not name who may use or share the information (the practice or named staff).',
  },
  'recipient-missing': {
    element: 'recipients',
    citation: cfr('(c)(1)(iii)'),
    message:
      'The form does not say who will receive the information (which networks, the website or print).',
  },
  'purpose-missing': {
    element: 'purpose',
    citation: cfr('(c)(1)(iv)'),
    message: 'The form does not describe the purpose of the use or disclosure.',
  },
  'expiry-missing': {
    element: 'expiry',
    citation: cfr('(c)(1)(v)'),
    message: 'The form has no expiration date or expiration event.',
  },
  'expiry-not-allowed': {
    element: 'expiry.event',
    citation: cfr('(c)(1)(v)'),
    message:
      'An expiration of "none" or "end of the research study" is allowed only for research; give a date or an event.',
  },
  'signature-missing': {
    element: 'signature',
    citation: cfr('(c)(1)(vi)'),
    message: 'The form has not been signed by the patient or their personal representative.',
  },
  'signature-date-missing': {
    element: 'signature.signedAt',
    citation: cfr('(c)(1)(vi)'),
    message: 'The signature is not dated.',
  },
  'representative-authority-missing': {
    element: 'signature.signer.authority',
    citation: cfr('(c)(1)(vi)'),
    message:
      'A personal representative signed, but the form does not describe their authority to act for the patient.',
  },
  'signed-in-future': {
    element: 'signature.signedAt',
    citation: cfr('(c)(1)(vi)'),
    message: 'The signature date is in the future.',
  },
  'revocation-right-missing': {
    element: 'statements.rightToRevoke',
    citation: cfr('(c)(2)(i)'),
    message: 'The form does not tell the patient they may revoke the authorization in writing.',
  },
  'revocation-procedure-missing': {
    element: 'statements.revocationProcedure',
    citation: cfr('(c)(2)(i)(A)-(B)'),
    message:
      'The form does not say how to revoke and the exceptions to revoking, nor refer to the Notice of Privacy Practices for them.',
  },
  'conditioning-statement-missing': {
    element: 'statements.conditioning',
    citation: cfr('(c)(2)(ii)'),
    message:
      'The form does not say that treatment, payment, enrollment or eligibility for benefits will not depend on signing.',
  },
  'redisclosure-statement-missing': {
    element: 'statements.redisclosure',
    citation: cfr('(c)(2)(iii)'),
    message:
      'The form does not warn that the recipients may share the information further and it will then no longer be protected.',
  },
  'remuneration-statement-missing': {
    element: 'remuneration.statement',
    citation: cfr('(a)(3)(ii)'),
    message: 'A third party pays the practice for this marketing, but the form does not say so.',
  },
  expired: {
    element: 'expiry.date',
    citation: cfr('(b)(2)(i)'),
    message: 'The expiration date has passed.',
  },
  'expiry-event-occurred': {
    element: 'expiry.event',
    citation: cfr('(b)(2)(i)'),
    message: 'The practice knows the expiration event has occurred.',
  },
  revoked: {
    element: 'status',
    citation: cfr('(b)(2)(iii)'),
    message: 'The patient has revoked this authorization.',
  },
  'compound-authorization': {
    element: 'combinedWithOtherDocument',
    citation: cfr('(b)(2)(iv), (b)(3)'),
    message:
      'The authorization is combined with another document (such as an intake or treatment consent form); it must stand on its own.',
  },
  'treatment-conditioned': {
    element: 'treatmentConditionedOnSigning',
    citation: cfr('(b)(2)(iv), (b)(4)'),
    message:
      'Treatment, payment, enrollment or eligibility was made to depend on signing, which is not allowed for this kind of authorization.',
  },
  'known-false-information': {
    element: 'knownFalseMaterialInformation',
    citation: cfr('(b)(2)(v)'),
    message: 'The practice knows that material information in the form is false.',
  },
} as const satisfies Record<string, CatalogEntry>;

export type DefectCode = keyof typeof defectCatalog;

/** A defect from the catalog, optionally with a more precise element or message. */
export function defect(
  code: DefectCode,
  overrides: Partial<CatalogEntry> = {},
): AuthorizationDefect {
  return { code, ...defectCatalog[code], ...overrides };
}
