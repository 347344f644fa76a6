import type { DbOrTx } from '../../db/database.js';
import { findUsableSigningRequest } from './signing-links.js';

/** What the public signing page shows: the form the patient is asked to sign, nothing else. */
export interface SigningFormView {
  practiceName: string;
  patientName: string;
  title: string;
  sections: { heading: string; body: string }[];
  expiresAt: string;
  mode: 'email' | 'tablet';
}

/**
 * The form behind a signing link that can still be used. Unknown links answer not found; used,
 * replaced or expired ones say so, so the patient knows to ask for a new one.
 */
export async function signingFormView(
  db: DbOrTx,
  options: { token: string; now: Date },
): Promise<SigningFormView> {
  const request = await findUsableSigningRequest(db, options);
  const row = await db
    .selectFrom('authorizations')
    .innerJoin('signingRequests', 'signingRequests.authorizationId', 'authorizations.id')
    .select([
      'authorizations.practiceName',
      'authorizations.patientName',
      'authorizations.formText',
      'signingRequests.mode',
    ])
    .where('signingRequests.id', '=', request.id)
    .executeTakeFirstOrThrow();
  const [title = '', ...blocks] = row.formText.trim().split(/\n{2,}/);
  return {
    practiceName: row.practiceName,
    patientName: row.patientName,
    title,
    sections: blocks.map((block) => {
      const [heading = '', ...body] = block.split('\n');
      return { heading, body: body.join('\n') };
    }),
    expiresAt: request.expiresAt,
    mode: row.mode,
  };
}
