import type { AuthorizationRecord, RequiredStatements } from './authorization.js';
import { defect, type AuthorizationDefect } from './defects.js';

/**
 * Blanket descriptions HHS does not accept as "specific and meaningful" (164.508(c)(1)(i)). A narrow
 * net on purpose: it catches "all my records" and "any and all information", not ordinary wording.
 */
const blanketInformation =
  /^(everything|all|any)$|\b(all|any and all|entire|complete|whole)\b[^.]{0,30}\b(records?|charts?|files?|information|phi)\b/i;

/** Only research may use these (164.508(c)(1)(v)); Bedside's authorizations are never for research. */
const researchOnlyExpiry =
  /^(none|never|n\/?a|no expiration( date)?|indefinite(ly)?|perpetual|forever|end of (the )?(research )?study)\.?$/i;

/**
 * 164.508(b)(2)(ii): the form is not "filled out completely" with respect to an element of (c) —
 * each core element of (c)(1) and each statement of (c)(2) — nor, for paid marketing, (a)(3)(ii).
 * `beforeSigning` skips the signature, for checking a form before it is sent to the patient.
 */
export function findElementDefects(
  record: AuthorizationRecord,
  options: { beforeSigning: boolean },
): AuthorizationDefect[] {
  const defects: AuthorizationDefect[] = [];
  const { information, disclosers, recipients, purpose, expiry, signature, remuneration } = record;

  if (information.contentTypes.length === 0 || information.description === '') {
    defects.push(defect('information-missing'));
  } else if (blanketInformation.test(information.description)) {
    defects.push(defect('information-not-specific'));
  }
  if (disclosers.practiceName === '' && disclosers.persons.length === 0)
    defects.push(defect('discloser-missing'));
  if (recipients.channels.length === 0) defects.push(defect('recipient-missing'));
  if (purpose.description === '' && !purpose.atRequestOfIndividual)
    defects.push(defect('purpose-missing'));

  if (expiry === null || (expiry.kind === 'event' && expiry.event === '')) {
    defects.push(defect('expiry-missing'));
  } else if (expiry.kind === 'event' && researchOnlyExpiry.test(expiry.event)) {
    defects.push(defect('expiry-not-allowed'));
  }

  if (!options.beforeSigning) {
    if (signature === null || signature.signedName === '')
      defects.push(defect('signature-missing'));
    if (signature !== null && signature.signedAt === '')
      defects.push(defect('signature-date-missing'));
    if (signature?.signer.kind === 'personal-representative' && signature.signer.authority === '') {
      defects.push(defect('representative-authority-missing'));
    }
  }

  defects.push(...findStatementDefects(record.statements));

  if (remuneration.thirdPartyPays && remuneration.statement === '') {
    defects.push(defect('remuneration-statement-missing'));
  }
  return defects;
}

/** 164.508(c)(2)(i)–(iii), each statement on its own. */
function findStatementDefects(statements: RequiredStatements): AuthorizationDefect[] {
  const defects: AuthorizationDefect[] = [];
  if (statements.rightToRevoke === '') defects.push(defect('revocation-right-missing'));
  const procedure = statements.revocationProcedure;
  if (procedure === null) {
    defects.push(defect('revocation-procedure-missing'));
  } else if (procedure.kind === 'described') {
    const missing: [field: string, words: string][] = [];
    if (procedure.howToRevoke === '') missing.push(['howToRevoke', 'how to revoke']);
    if (procedure.exceptions === '')
      missing.push(['exceptions', 'the exceptions to the right to revoke']);
    for (const [field, words] of missing) {
      defects.push(
        defect('revocation-procedure-missing', {
          element: `statements.revocationProcedure.${field}`,
          citation: '45 CFR 164.508(c)(2)(i)(A)',
          message: `The form does not describe ${words}.`,
        }),
      );
    }
  } else if (procedure.kind === 'notice-of-privacy-practices' && procedure.reference === '') {
    defects.push(
      defect('revocation-procedure-missing', {
        element: 'statements.revocationProcedure.reference',
        citation: '45 CFR 164.508(c)(2)(i)(B)',
        message:
          'The form points to the Notice of Privacy Practices for how to revoke, but the reference is empty.',
      }),
    );
  }
  if (statements.conditioning === '') defects.push(defect('conditioning-statement-missing'));
  if (statements.redisclosure === '') defects.push(defect('redisclosure-statement-missing'));
  return defects;
}
