import { z } from 'zod';
import type { DbOrTx } from '../../db/database.js';
import { invalid } from '../../errors.js';
import { newId } from '../../security/tokens.js';
import type { Actor } from '../audit/audit-types.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { contentTypes, recipientChannels, type AuthorizationRecord } from './authorization.js';
import { fingerprint } from './render-pdf.js';
import {
  defectError,
  expiryInputSchema,
  insertScope,
  locationFor,
  patientInputSchema,
} from './request-authorization.js';
import { inTransaction } from './transact.js';
import { validateAuthorization } from './validate-authorization.js';

/** A scanned form is a page or two: 2 MB holds a phone photo or a PDF scan at normal resolution, and keeps every request under the 3 MB the API refuses outright. */
export const maxPaperBytes = 2 * 1024 * 1024;

const magic = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d],
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
} as const;
type PaperMediaType = keyof typeof magic;

/** The elements staff tick off on the paper form (164.508(c)); an unticked one is reported missing. */
export const paperElements = [
  'information',
  'disclosers',
  'recipients',
  'purpose',
  'expiry',
  'signature',
  'rightToRevoke',
  'revocationProcedure',
  'conditioning',
  'redisclosure',
  'remuneration',
  'standalone',
] as const;

export const paperInputSchema = z.strictObject({
  locationId: z.string().min(1).max(64).optional(),
  patient: patientInputSchema,
  contentTypes: z.array(z.enum(contentTypes)).max(contentTypes.length),
  contentDescription: z.string().trim().max(2000),
  networks: z.array(z.enum(recipientChannels)).max(recipientChannels.length),
  purpose: z.string().trim().max(2000),
  expiry: expiryInputSchema,
  remunerationPayer: z.string().trim().max(200).nullish(),
  signature: z.strictObject({
    signedName: z.string().trim().max(200),
    signedOn: z.iso.date('Enter the date written next to the signature, such as 2026-03-01.'),
    signer: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('individual') }),
      z.strictObject({
        kind: z.literal('personal-representative'),
        authority: z.string().trim().max(500),
      }),
    ]),
  }),
  /** Each element is on the paper form, as staff checked it. */
  elements: z.strictObject(
    Object.fromEntries(paperElements.map((e) => [e, z.boolean()])) as Record<
      (typeof paperElements)[number],
      z.ZodBoolean
    >,
  ),
  file: z.strictObject({
    mediaType: z.enum(['application/pdf', 'image/jpeg', 'image/png']),
    /** The scan, base64. */
    data: z.base64('The file must be sent as base64.').max(Math.ceil((maxPaperBytes * 4) / 3) + 4),
  }),
});
export type PaperInput = z.infer<typeof paperInputSchema>;

/** The bytes of an uploaded scan, refused unless they are what their type says (magic bytes) and small enough. */
export function scanBytes(file: PaperInput['file']): { bytes: Buffer; mediaType: PaperMediaType } {
  const bytes = Buffer.from(file.data, 'base64');
  if (bytes.length === 0) throw invalid({ 'file.data': 'The file is empty.' });
  if (bytes.length > maxPaperBytes)
    throw invalid({ 'file.data': 'The file is larger than 2 MB; scan it at a lower resolution.' });
  const expected = magic[file.mediaType];
  if (!expected.every((b, i) => bytes[i] === b)) {
    throw invalid({
      'file.data': `The file is not a ${file.mediaType.split('/')[1]?.toUpperCase()} file; upload a PDF, JPEG or PNG scan.`,
    });
  }
  return { bytes, mediaType: file.mediaType };
}

const onForm = 'As stated on the signed paper form.';

/** The record the ticks describe: an unticked element is empty, so validation names it. */
function paperRecord(input: PaperInput, practiceName: string): AuthorizationRecord {
  const e = input.elements;
  const text = (ticked: boolean, value: string) => (ticked ? value || onForm : '');
  return {
    patient: {
      name: input.patient.name,
      contact: input.patient.contact,
      externalId: input.patient.externalId || null,
    },
    information: {
      contentTypes: e.information ? [...new Set(input.contentTypes)] : [],
      description: text(e.information, input.contentDescription),
    },
    disclosers: { practiceName: e.disclosers ? practiceName : '', persons: [] },
    recipients: { channels: e.recipients ? [...new Set(input.networks)] : [], description: '' },
    purpose: { description: text(e.purpose, input.purpose), atRequestOfIndividual: false },
    expiry: e.expiry ? input.expiry : null,
    signature: e.signature
      ? {
          signedName: input.signature.signedName,
          signedAt: input.signature.signedOn,
          signer: input.signature.signer,
        }
      : null,
    statements: {
      rightToRevoke: text(e.rightToRevoke, ''),
      revocationProcedure: e.revocationProcedure
        ? { kind: 'described', howToRevoke: onForm, exceptions: onForm }
        : null,
      conditioning: text(e.conditioning, ''),
      redisclosure: text(e.redisclosure, ''),
    },
    remuneration: {
      thirdPartyPays: Boolean(input.remunerationPayer),
      statement: input.remunerationPayer ? text(e.remuneration, '') : '',
    },
    combinedWithOtherDocument: !e.standalone,
    treatmentConditionedOnSigning: false,
    knownFalseMaterialInformation: false,
    status: 'signed',
    revokedAt: null,
    expiresAt: null,
  };
}

/**
 * Files a paper authorization: the scan (PDF, JPEG or PNG, checked by its magic bytes) and the
 * elements staff ticked off. Refused, naming each missing element, unless the form is valid now.
 */
export async function recordPaperAuthorization(
  db: DbOrTx,
  options: { actor: Actor; orgId: string; input: PaperInput },
): Promise<{ authorizationId: string; sha256: string }> {
  const { input, orgId } = options;
  const scan = scanBytes(input.file);
  return inTransaction(db, async (tx) => {
    const location = await locationFor(tx, { orgId, locationId: input.locationId });
    const org = await tx
      .selectFrom('organizations')
      .select('name')
      .where('id', '=', orgId)
      .executeTakeFirstOrThrow();
    const record = paperRecord(input, org.name);
    const now = new Date();
    const validation = validateAuthorization(record, { now, timeZone: location.timeZone });
    if (!validation.valid) throw defectError(validation.defects);

    const id = newId();
    const at = now.toISOString();
    const sha256 = fingerprint(scan.bytes);
    await tx
      .insertInto('authorizations')
      .values({
        id,
        orgId,
        locationId: location.id,
        timeZone: location.timeZone,
        source: 'paper',
        status: 'signed',
        patientName: record.patient.name,
        contactKind: record.patient.contact.kind,
        contactValue:
          record.patient.contact.kind === 'email'
            ? record.patient.contact.email
            : record.patient.contact.phone,
        externalId: record.patient.externalId,
        informationDescription: record.information.description,
        practiceName: record.disclosers.practiceName,
        discloserPersons: '[]',
        recipientsDescription: '',
        purpose: record.purpose.description,
        purposeAtRequest: 0,
        expiryKind: input.expiry.kind,
        expiryDate: input.expiry.kind === 'date' ? input.expiry.date : null,
        expiryEvent: input.expiry.kind === 'event' ? input.expiry.event : null,
        statements: JSON.stringify(record.statements),
        remunerationPayer: input.remunerationPayer || null,
        remunerationStatement: record.remuneration.statement,
        combinedWithOtherDocument: 0,
        treatmentConditioned: 0,
        knownFalseInformation: 0,
        templateId: null,
        formText: 'Paper form: see the stored scan.',
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
      contentTypes: record.information.contentTypes,
      networks: record.recipients.channels,
    });
    const signature = input.signature;
    await tx
      .insertInto('signatures')
      .values({
        id: newId(),
        orgId,
        authorizationId: id,
        signedName: signature.signedName,
        signedAt: signature.signedOn,
        signerKind: signature.signer.kind,
        representativeAuthority:
          signature.signer.kind === 'personal-representative' ? signature.signer.authority : null,
        method: 'paper',
        imagePng: null,
        signingRequestId: null,
        recordedBy: options.actor.userId,
        createdAt: at,
      })
      .execute();
    const documentId = newId();
    await tx
      .insertInto('authorizationDocuments')
      .values({
        id: documentId,
        orgId,
        authorizationId: id,
        kind: 'paper_scan',
        mediaType: scan.mediaType,
        byteSize: scan.bytes.length,
        sha256,
        content: scan.bytes,
        createdBy: options.actor.userId,
        createdAt: at,
      })
      .execute();
    await recordAuditEvent(tx, {
      orgId,
      actor: options.actor,
      action: 'consent.paper_recorded',
      target: { type: 'authorization', id },
      details: { documentId, sha256, mediaType: scan.mediaType, byteSize: scan.bytes.length },
    });
    return { authorizationId: id, sha256 };
  });
}
