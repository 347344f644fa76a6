import { z } from 'zod';
import type { DbOrTx, Tx } from '../../db/database.js';
import { conflict, invalid } from '../../errors.js';
import type { Mailer } from '../../mail/mailer.js';
import { newId, newToken } from '../../security/tokens.js';
import type { Actor } from '../audit/audit-types.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { Signer } from './authorization.js';
import { loadAuthorization, toRecord } from './authorization-rows.js';
import { fingerprint, renderSignedPdf } from './render-pdf.js';
import { defectError } from './request-authorization.js';
import { claimSigningRequest } from './signing-links.js';
import { inTransaction } from './transact.js';
import { validateAuthorization } from './validate-authorization.js';

/** A drawn signature is a small PNG; anything larger is not a signature pad's output. */
export const maxSignaturePngBytes = 300 * 1024;
const pngMagic = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export const signInputSchema = z.strictObject({
  signedName: z.string().trim().min(1, 'Type your full name.').max(200),
  signer: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('individual') }),
    z.strictObject({
      kind: z.literal('personal-representative'),
      authority: z.string().trim().max(500),
    }),
  ]),
  signature: z.discriminatedUnion('method', [
    z.strictObject({
      method: z.literal('drawn'),
      /** data:image/png;base64,… from the signature canvas. */
      image: z
        .string()
        .max(Math.ceil((maxSignaturePngBytes * 4) / 3) + 40)
        .regex(
          /^data:image\/png;base64,[A-Za-z0-9+/]+=*$/,
          'Expected a PNG image of the signature.',
        ),
    }),
    z.strictObject({ method: z.literal('typed') }),
  ]),
  /** The patient ticked "I have read this form and I agree". */
  agreed: z.literal(true, 'Tick the box to confirm you read the form and agree.'),
});
export type SignInput = z.infer<typeof signInputSchema>;

export interface SignResult {
  authorizationId: string;
  sha256: string;
  /** Whether the copy went to the patient's email (tablet signing for a phone-only patient: printed by staff). */
  copyEmailed: boolean;
}

/** The PNG bytes of a drawn signature, checked by magic bytes and size. */
export function signaturePng(input: SignInput['signature']): Buffer | null {
  if (input.method === 'typed') return null;
  const bytes = Buffer.from(input.image.slice(input.image.indexOf(',') + 1), 'base64');
  if (bytes.length > maxSignaturePngBytes)
    throw invalid({ 'signature.image': 'The signature image is too large.' });
  if (bytes.length < 60 || !bytes.subarray(0, 8).equals(pngMagic))
    throw invalid({ 'signature.image': 'The signature is not a PNG image.' });
  return bytes;
}

/**
 * The patient signs through their link: the link is used up, the signature and the rendered PDF
 * (with its SHA-256) are stored, the authorization becomes `signed` — all in one transaction,
 * refused with the missing element if the signed form would not be valid (a representative must
 * describe their authority). Then the patient's copy goes out with a link to revoke (164.508(c)(4)).
 */
export async function signAuthorization(
  db: DbOrTx,
  options: {
    token: string;
    input: SignInput;
    actor: Actor;
    mail: { mailer: Mailer; publicUrl: string };
  },
): Promise<SignResult> {
  const png = signaturePng(options.input.signature);
  const now = new Date();
  const done = await inTransaction(db, (tx) => storeSignature(tx, { ...options, png, now }));
  if (done.email !== null) {
    await options.mail.mailer.send({
      to: done.email,
      subject: `Your signed authorization for ${done.practiceName}`,
      text: [
        'Hello,',
        '',
        `Attached is your copy of the authorization you signed for ${done.practiceName}.`,
        `Its fingerprint (SHA-256) is ${done.sha256}.`,
        '',
        'You may revoke it at any time. To revoke it, open this link:',
        `${options.mail.publicUrl}/revoke/${done.revocationToken}`,
        '',
        'You can also send the practice a signed letter or email saying that you revoke it.',
      ].join('\n'),
      attachments: [
        {
          filename: `authorization-${done.authorizationId}.pdf`,
          content: done.pdf,
          contentType: 'application/pdf',
        },
      ],
    });
  }
  return {
    authorizationId: done.authorizationId,
    sha256: done.sha256,
    copyEmailed: done.email !== null,
  };
}

async function storeSignature(
  tx: Tx,
  options: { token: string; input: SignInput; actor: Actor; png: Buffer | null; now: Date },
): Promise<{
  authorizationId: string;
  sha256: string;
  pdf: Buffer;
  email: string | null;
  practiceName: string;
  revocationToken: string;
}> {
  const { input, now } = options;
  const request = await claimSigningRequest(tx, { token: options.token, now });
  const stored = await loadAuthorization(tx, { orgId: request.orgId, id: request.authorizationId });
  if (stored.row.status !== 'sent')
    throw conflict('This authorization is no longer waiting for a signature.');
  const signer: Signer = input.signer;
  const signedAt = now.toISOString();
  const record = {
    ...toRecord(stored),
    signature: { signedName: input.signedName, signedAt, signer },
    status: 'signed' as const,
  };
  const validation = validateAuthorization(record, { now, timeZone: stored.row.timeZone });
  if (!validation.valid) throw defectError(validation.defects);

  let pdf: Buffer;
  try {
    pdf = await renderSignedPdf({
      authorizationId: stored.row.id,
      practiceName: stored.row.practiceName,
      patientName: stored.row.patientName,
      formText: stored.row.formText,
      signedName: input.signedName,
      signedAt,
      timeZone: stored.row.timeZone,
      signer,
      signaturePng: options.png,
    });
  } catch {
    // pdf-lib refuses a PNG it cannot decode: that is the image's fault, not ours.
    throw invalid({
      'signature.image': 'The signature image could not be read. Please sign again.',
    });
  }
  const sha256 = fingerprint(pdf);
  const orgId = request.orgId;
  await tx
    .insertInto('signatures')
    .values({
      id: newId(),
      orgId,
      authorizationId: stored.row.id,
      signedName: input.signedName,
      signedAt,
      signerKind: signer.kind,
      representativeAuthority: signer.kind === 'personal-representative' ? signer.authority : null,
      method: input.signature.method,
      imagePng: options.png,
      signingRequestId: request.id,
      recordedBy: null,
      createdAt: signedAt,
    })
    .execute();
  const documentId = newId();
  await tx
    .insertInto('authorizationDocuments')
    .values({
      id: documentId,
      orgId,
      authorizationId: stored.row.id,
      kind: 'signed_pdf',
      mediaType: 'application/pdf',
      byteSize: pdf.length,
      sha256,
      content: pdf,
      createdBy: null,
      createdAt: signedAt,
    })
    .execute();
  const revocation = newToken();
  await tx
    .updateTable('authorizations')
    .set({ status: 'signed', revocationTokenHash: revocation.hash, updatedAt: signedAt })
    .where('id', '=', stored.row.id)
    .execute();
  await recordAuditEvent(tx, {
    orgId,
    actor: options.actor,
    action: 'consent.signed',
    target: { type: 'authorization', id: stored.row.id },
    details: { method: input.signature.method, signer: signer.kind, documentId, sha256 },
  });
  return {
    authorizationId: stored.row.id,
    sha256,
    pdf,
    email: stored.row.contactKind === 'email' ? stored.row.contactValue : null,
    practiceName: stored.row.practiceName,
    revocationToken: revocation.token,
  };
}
