import type { AuthorizationPatient, AuthorizationRecord } from './authorization.js';
import type { TemplateSectionId, TemplateValues } from './default-template.js';

export interface DraftAuthorizationOptions {
  patient: AuthorizationPatient;
  values: TemplateValues;
  /** The rendered section bodies (from `renderAuthorization`, or read off a form). */
  sections: Partial<Record<TemplateSectionId, string>>;
}

/**
 * The record for a form about to be sent for signature: the structured choices come from the
 * values, the statements are the exact wording the patient will read (164.508(c)(2)), so what is
 * validated is what is signed. Unsigned, in `draft`; validate it with `beforeSigning: true`.
 *
 * @example
 * const rendered = renderAuthorization(values);
 * const record = draftAuthorization({ patient, values, sections: rendered.sections });
 */
export function draftAuthorization(options: DraftAuthorizationOptions): AuthorizationRecord {
  const { patient, values, sections } = options;
  const section = (id: TemplateSectionId): string => sections[id]?.trim() ?? '';
  return {
    patient,
    information: {
      contentTypes: [...values.contentTypes],
      description: values.contentDescription.trim(),
    },
    disclosers: { practiceName: values.practiceName.trim(), persons: [] },
    recipients: { channels: [...values.networks], description: section('recipients') },
    purpose: { description: values.purpose.trim(), atRequestOfIndividual: false },
    expiry: values.expiry,
    signature: null,
    statements: {
      rightToRevoke: section('revocation-right'),
      revocationProcedure: {
        kind: 'described',
        howToRevoke: section('revocation-how'),
        exceptions: section('revocation-exceptions'),
      },
      conditioning: section('conditioning'),
      redisclosure: section('redisclosure'),
    },
    remuneration: {
      thirdPartyPays: values.remunerationPayer !== null,
      statement: section('remuneration'),
    },
    combinedWithOtherDocument: false,
    treatmentConditionedOnSigning: false,
    knownFalseMaterialInformation: false,
    status: 'draft',
    revokedAt: null,
    expiresAt: null,
  };
}
