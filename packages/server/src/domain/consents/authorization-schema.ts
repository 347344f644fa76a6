import { z } from 'zod';
import {
  authorizationStatuses,
  contentTypes,
  recipientChannels,
  type AuthorizationRecord,
} from './authorization.js';
import { defect, type AuthorizationDefect } from './defects.js';

/**
 * Reads an authorization from untrusted input (a request body, a stored row, a paper form's ticks).
 *
 * Missing or empty text becomes '' and missing optional parts become null, so an incomplete form
 * reaches validation and is reported as the element it lacks (164.508(b)(2)(ii)). Only input of the
 * wrong shape (a number for a name, an unknown network, a malformed date, an unknown field) is a
 * schema problem.
 */
const text = z
  .string()
  .nullish()
  .transform((value) => (value ?? '').trim());

const textList = z
  .array(z.string())
  .nullish()
  .transform((values) => (values ?? []).map((value) => value.trim()).filter(Boolean));

const flag = z
  .boolean()
  .nullish()
  .transform((value) => value ?? false);

const unique = <T extends string>(values: readonly T[] | null | undefined): T[] => [
  ...new Set(values ?? []),
];

const isoInstant = z.iso.datetime({ offset: true });
const isoDate = z.iso.date();
const dateMessage = 'expected a date such as 2025-04-30 or a time such as 2025-04-30T14:05:00Z';

/** '' (not filled in), a calendar date, or an instant with offset. */
const dateOrInstant = text.refine(
  (value) =>
    value === '' || isoDate.safeParse(value).success || isoInstant.safeParse(value).success,
  dateMessage,
);
const instantOrNull = isoInstant.nullish().transform((value) => value ?? null);

const patientSchema = z.strictObject({
  name: z.string().trim().min(1, 'expected the patient name'),
  contact: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('email'), email: z.email() }),
    z.strictObject({
      kind: z.literal('phone'),
      phone: z
        .string()
        .trim()
        .regex(/^\+?[0-9 ().-]{7,20}$/),
    }),
  ]),
  externalId: z
    .string()
    .trim()
    .nullish()
    .transform((value) => value || null),
});

const expirySchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('date'), date: isoDate }),
    z.strictObject({ kind: z.literal('event'), event: text }),
  ])
  .nullish()
  .transform((value) => value ?? null);

const signatureSchema = z
  .strictObject({
    signedName: text,
    signedAt: dateOrInstant,
    signer: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('individual') }),
      z.strictObject({ kind: z.literal('personal-representative'), authority: text }),
    ]),
  })
  .nullish()
  .transform((value) => value ?? null);

const revocationProcedureSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('described'), exceptions: text, howToRevoke: text }),
    z.strictObject({ kind: z.literal('notice-of-privacy-practices'), reference: text }),
  ])
  .nullish()
  .transform((value) => value ?? null);

const emptyStatements = {
  rightToRevoke: '',
  revocationProcedure: null,
  conditioning: '',
  redisclosure: '',
};

export const authorizationRecordSchema = z.strictObject({
  patient: patientSchema,
  information: z
    .strictObject({
      contentTypes: z.array(z.enum(contentTypes)).nullish().transform(unique),
      description: text,
    })
    .nullish()
    .transform((value) => value ?? { contentTypes: [], description: '' }),
  disclosers: z
    .strictObject({ practiceName: text, persons: textList })
    .nullish()
    .transform((value) => value ?? { practiceName: '', persons: [] }),
  recipients: z
    .strictObject({
      channels: z.array(z.enum(recipientChannels)).nullish().transform(unique),
      description: text,
    })
    .nullish()
    .transform((value) => value ?? { channels: [], description: '' }),
  purpose: z
    .strictObject({ description: text, atRequestOfIndividual: flag })
    .nullish()
    .transform((value) => value ?? { description: '', atRequestOfIndividual: false }),
  expiry: expirySchema,
  signature: signatureSchema,
  statements: z
    .strictObject({
      rightToRevoke: text,
      revocationProcedure: revocationProcedureSchema,
      conditioning: text,
      redisclosure: text,
    })
    .nullish()
    .transform((value) => value ?? emptyStatements),
  remuneration: z
    .strictObject({ thirdPartyPays: flag, statement: text })
    .nullish()
    .transform((value) => value ?? { thirdPartyPays: false, statement: '' }),
  combinedWithOtherDocument: flag,
  treatmentConditionedOnSigning: flag,
  knownFalseMaterialInformation: flag,
  status: z.enum(authorizationStatuses),
  revokedAt: instantOrNull,
  expiresAt: instantOrNull,
});

/** The schema's output is exactly the domain type, so the two cannot drift apart. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesType: Same<
  z.output<typeof authorizationRecordSchema>,
  AuthorizationRecord
> = true;
void schemaMatchesType;

/** Where each top-level field sits in 164.508, so a schema problem names the rule it blocks. */
const fieldCitations: Record<string, string> = {
  information: '(c)(1)(i)',
  disclosers: '(c)(1)(ii)',
  recipients: '(c)(1)(iii)',
  purpose: '(c)(1)(iv)',
  expiry: '(c)(1)(v)',
  signature: '(c)(1)(vi)',
  remuneration: '(a)(3)(ii)',
  combinedWithOtherDocument: '(b)(3)',
  treatmentConditionedOnSigning: '(b)(4)',
  knownFalseMaterialInformation: '(b)(2)(v)',
  revokedAt: '(b)(2)(iii)',
  expiresAt: '(b)(2)(i)',
};
const statementCitations: Record<string, string> = {
  rightToRevoke: '(c)(2)(i)',
  revocationProcedure: '(c)(2)(i)',
  conditioning: '(c)(2)(ii)',
  redisclosure: '(c)(2)(iii)',
};

export type ParsedAuthorization =
  { ok: true; record: AuthorizationRecord } | { ok: false; defects: AuthorizationDefect[] };

/** Parses without throwing; every schema problem becomes an `invalid-input` defect. */
export function parseAuthorization(input: unknown): ParsedAuthorization {
  // reportInput lets a wrong value be told from a missing one; the value itself is never repeated.
  const result = authorizationRecordSchema.safeParse(input, { reportInput: true });
  if (result.success) return { ok: true, record: result.data };
  return { ok: false, defects: result.error.issues.flatMap(issueToDefects) };
}

/** One defect per issue, and one per unknown field so each is named. */
function issueToDefects(issue: z.core.$ZodIssue): AuthorizationDefect[] {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) =>
      toDefect(
        [...path, key],
        `The field "${[...path, key].join('.')}" is not a field an authorization has.`,
      ),
    );
  }
  return [toDefect(path, describeIssue(issue, path.join('.') || 'record'))];
}

function toDefect(path: string[], message: string): AuthorizationDefect {
  const [top = '', second = ''] = path;
  const paragraph = top === 'statements' ? statementCitations[second] : fieldCitations[top];
  return defect('invalid-input', {
    element: path.join('.') || 'record',
    citation: paragraph ? `45 CFR 164.508${paragraph}` : '45 CFR 164.508(b)(2)',
    message,
  });
}

/** Plain words, never the value received (it may be patient information). */
function describeIssue(issue: z.core.$ZodIssue, element: string): string {
  const where = element === 'record' ? 'The authorization' : `The field "${element}"`;
  if (issue.code === 'invalid_type' && issue.input === undefined) return `${where} is missing.`;
  if (issue.code === 'invalid_type')
    return `${where} has the wrong kind of value (expected ${issue.expected}).`;
  if (issue.code === 'invalid_value') return `${where} is not one of the allowed values.`;
  if (issue.code === 'invalid_union')
    return `${where} is not in a recognised form (check its "kind").`;
  return `${where} is not in the expected form (${issue.message}).`;
}
