import { z } from 'zod';
import type { DbOrTx, Tx } from '../../db/database.js';
import { AppError, invalid } from '../../errors.js';
import type { Mailer } from '../../mail/mailer.js';
import { newId } from '../../security/tokens.js';
import type { Actor } from '../audit/audit-types.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { contentTypes, recipientChannels, type AuthorizationPatient } from './authorization.js';
import type { AuthorizationDefect } from './defects.js';
import { renderAuthorization } from './default-template.js';
import { draftAuthorization } from './draft-authorization.js';
import { createSigningLink, type SigningLink } from './signing-links.js';
import { currentTemplate } from './templates.js';
import { inTransaction } from './transact.js';
import { validateAuthorization } from './validate-authorization.js';

const shortText = (max: number) => z.string().trim().max(max);

export const patientInputSchema = z.strictObject({
  name: z.string().trim().min(1, "Enter the patient's name.").max(200),
  contact: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('email'), email: z.email().max(320) }),
    z.strictObject({
      kind: z.literal('phone'),
      phone: z
        .string()
        .trim()
        .regex(/^\+?[0-9 ().-]{7,20}$/, 'Enter a phone number such as (217) 555-0100.'),
    }),
  ]),
  externalId: shortText(100).nullish(),
});

export const expiryInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('date'), date: z.iso.date('Enter a date such as 2027-03-01.') }),
  z.strictObject({ kind: z.literal('event'), event: shortText(500) }),
]);

/** What staff fill in to ask a patient for an authorization. */
export const requestInputSchema = z.strictObject({
  locationId: z.string().min(1).max(64).optional(),
  patient: patientInputSchema,
  contentTypes: z.array(z.enum(contentTypes)).max(contentTypes.length),
  contentDescription: shortText(2000),
  networks: z.array(z.enum(recipientChannels)).max(recipientChannels.length),
  purpose: shortText(2000),
  expiry: expiryInputSchema,
  remunerationPayer: shortText(200).nullish(),
  /** Email the link to the patient, or sign now on a tablet in the office. */
  delivery: z.enum(['email', 'tablet']),
});
export type RequestInput = z.infer<typeof requestInputSchema>;

export interface RequestResult {
  authorizationId: string;
  /** Returned only for tablet signing: the link is opened on the office tablet. */
  signingUrl: string | null;
  expiresAt: string;
}

/** Defects as field errors (element → message with its citation), plus the list itself. */
export function defectError(defects: AuthorizationDefect[]): AppError {
  const fields: Record<string, string> = {};
  for (const d of defects) fields[d.element] ??= `${d.message} (${d.citation})`;
  return new AppError(
    'validation_failed',
    `The authorization is not valid: ${defects.map((d) => d.message).join(' ')}`,
    {
      fields,
      defects: defects.map((d) => ({ code: d.code, element: d.element, citation: d.citation })),
    },
  );
}

/** The location whose zone the authorization's dates are read in: the given one, or the first. */
export async function locationFor(
  db: DbOrTx,
  options: { orgId: string; locationId?: string | undefined },
): Promise<{ id: string; timeZone: string }> {
  let query = db
    .selectFrom('locations')
    .select(['id', 'timeZone'])
    .where('orgId', '=', options.orgId)
    .where('archived', '=', 0);
  if (options.locationId) query = query.where('id', '=', options.locationId);
  const location = await query.orderBy('createdAt').executeTakeFirst();
  if (!location) throw invalid({ locationId: 'Choose one of your locations.' });
  return location;
}

/**
 * Prepares an authorization from the organization's current form and sends it for signature: by
 * email to the patient, or as a link for the office tablet. The form is validated before it goes
 * out (every element of 164.508(c) except the signature), and refused naming what is missing.
 * The email goes out after the record commits.
 */
export async function requestAuthorization(
  db: DbOrTx,
  options: {
    actor: Actor;
    orgId: string;
    input: RequestInput;
    mail: { mailer: Mailer; publicUrl: string };
  },
): Promise<RequestResult> {
  const { input } = options;
  if (input.delivery === 'email' && input.patient.contact.kind !== 'email') {
    throw invalid({
      'patient.contact':
        'A signing link can be emailed only to an email address; use tablet signing.',
    });
  }
  const { result, link } = await inTransaction(db, async (tx) => {
    const id = await insertRequested(tx, options);
    const created = await createSigningLink(tx, {
      actor: options.actor,
      orgId: options.orgId,
      authorizationId: id,
      mode: input.delivery,
      publicUrl: options.mail.publicUrl,
    });
    return {
      link: created,
      result: {
        authorizationId: id,
        signingUrl: input.delivery === 'tablet' ? created.url : null,
        expiresAt: created.expiresAt,
      },
    };
  });
  if (input.delivery === 'email') await sendSigningEmail(options.mail.mailer, link);
  return result;
}

async function insertRequested(
  tx: Tx,
  options: { actor: Actor; orgId: string; input: RequestInput },
): Promise<string> {
  const { input, orgId } = options;
  const now = new Date();
  const location = await locationFor(tx, { orgId, locationId: input.locationId });
  const org = await tx
    .selectFrom('organizations')
    .select('name')
    .where('id', '=', orgId)
    .executeTakeFirstOrThrow();
  const template = await currentTemplate(tx, orgId);
  const patient: AuthorizationPatient = {
    name: input.patient.name,
    contact: input.patient.contact,
    externalId: input.patient.externalId || null,
  };
  const values = {
    practiceName: org.name,
    patientName: patient.name,
    contentTypes: [...new Set(input.contentTypes)],
    contentDescription: input.contentDescription,
    networks: [...new Set(input.networks)],
    purpose: input.purpose,
    expiry: input.expiry,
    remunerationPayer: input.remunerationPayer || null,
  };
  const rendered = renderAuthorization(values, template);
  const record = draftAuthorization({ patient, values, sections: rendered.sections });
  const validation = validateAuthorization(record, {
    now,
    timeZone: location.timeZone,
    beforeSigning: true,
  });
  if (!validation.valid) throw defectError(validation.defects);

  const id = newId();
  const at = now.toISOString();
  await tx
    .insertInto('authorizations')
    .values({
      id,
      orgId,
      locationId: location.id,
      timeZone: location.timeZone,
      source: 'esign',
      status: 'sent',
      patientName: patient.name,
      contactKind: patient.contact.kind,
      contactValue:
        patient.contact.kind === 'email' ? patient.contact.email : patient.contact.phone,
      externalId: patient.externalId,
      informationDescription: record.information.description,
      practiceName: record.disclosers.practiceName,
      discloserPersons: JSON.stringify(record.disclosers.persons),
      recipientsDescription: record.recipients.description,
      purpose: record.purpose.description,
      purposeAtRequest: 0,
      expiryKind: input.expiry.kind,
      expiryDate: input.expiry.kind === 'date' ? input.expiry.date : null,
      expiryEvent: input.expiry.kind === 'event' ? input.expiry.event : null,
      statements: JSON.stringify(record.statements),
      remunerationPayer: values.remunerationPayer,
      remunerationStatement: record.remuneration.statement,
      combinedWithOtherDocument: 0,
      treatmentConditioned: 0,
      knownFalseInformation: 0,
      templateId: template.id,
      formText: rendered.text,
      revocationTokenHash: null,
      revokedAt: null,
      revocationSource: null,
      expiresAt: null,
      retainUntil: null,
      createdBy: options.actor.userId ?? 'system',
      createdAt: at,
      updatedAt: at,
    })
    .execute();
  await insertScope(tx, {
    id,
    orgId,
    contentTypes: values.contentTypes,
    networks: values.networks,
  });
  await recordAuditEvent(tx, {
    orgId,
    actor: options.actor,
    action: 'consent.requested',
    target: { type: 'authorization', id },
    details: { delivery: input.delivery, templateVersion: template.version },
  });
  return id;
}

export async function insertScope(
  tx: Tx,
  scope: { id: string; orgId: string; contentTypes: string[]; networks: string[] },
): Promise<void> {
  if (scope.networks.length > 0)
    await tx
      .insertInto('authorizationChannels')
      .values(
        scope.networks.map((channel) => ({
          authorizationId: scope.id,
          orgId: scope.orgId,
          channel,
        })),
      )
      .execute();
  if (scope.contentTypes.length > 0)
    await tx
      .insertInto('authorizationContentTypes')
      .values(
        scope.contentTypes.map((contentType) => ({
          authorizationId: scope.id,
          orgId: scope.orgId,
          contentType,
        })),
      )
      .execute();
}

/** The mail to the patient: who asks, the link, when it stops working. Nothing about their health. */
export async function sendSigningEmail(mailer: Mailer, link: SigningLink): Promise<void> {
  if (link.email === null) return;
  await mailer.send({
    to: link.email,
    subject: `${link.practiceName} asks for your authorization`,
    text: [
      `Hello,`,
      ``,
      `${link.practiceName} asks for your written permission before sharing your story.`,
      `Read the form and, if you agree, sign it here (no account needed):`,
      ``,
      link.url,
      ``,
      `The link works once and expires on ${link.expiresAt.slice(0, 10)}. You may refuse: your care does not depend on signing.`,
    ].join('\n'),
  });
}
