import type { Selectable } from 'kysely';
import type { AuthorizationTable, SignatureTable } from '../../db/consents-schema.js';
import type { DbOrTx } from '../../db/database.js';
import { notFound } from '../../errors.js';
import type {
  AuthorizationRecord,
  ContentType,
  RecipientChannel,
  RequiredStatements,
} from './authorization.js';

export type AuthorizationRow = Selectable<AuthorizationTable>;
export type SignatureRow = Selectable<SignatureTable>;

/** A stored authorization with what hangs off it, read in one place. */
export interface StoredAuthorization {
  row: AuthorizationRow;
  channels: RecipientChannel[];
  contentTypes: ContentType[];
  signature: SignatureRow | null;
}

/** The stored authorization of this organization, or `not_found` (another org's record does not exist). */
export async function loadAuthorization(
  db: DbOrTx,
  options: { orgId: string; id: string },
): Promise<StoredAuthorization> {
  const row = await db
    .selectFrom('authorizations')
    .selectAll()
    .where('orgId', '=', options.orgId)
    .where('id', '=', options.id)
    .executeTakeFirst();
  if (!row) throw notFound('The authorization');
  const [loaded] = await loadParts(db, [row]);
  return loaded as StoredAuthorization;
}

/** Channels, content types and signatures of many rows in three queries. */
export async function loadParts(
  db: DbOrTx,
  rows: AuthorizationRow[],
): Promise<StoredAuthorization[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [channels, types, signatures] = await Promise.all([
    db
      .selectFrom('authorizationChannels')
      .selectAll()
      .where('authorizationId', 'in', ids)
      .execute(),
    db
      .selectFrom('authorizationContentTypes')
      .selectAll()
      .where('authorizationId', 'in', ids)
      .execute(),
    db
      .selectFrom('signatures')
      .select([
        'id',
        'orgId',
        'authorizationId',
        'signedName',
        'signedAt',
        'signerKind',
        'representativeAuthority',
        'method',
        'signingRequestId',
        'recordedBy',
        'createdAt',
      ])
      .where('authorizationId', 'in', ids)
      .execute(),
  ]);
  return rows.map((row) => {
    const signature = signatures.find((s) => s.authorizationId === row.id);
    return {
      row,
      channels: channels
        .filter((c) => c.authorizationId === row.id)
        .map((c) => c.channel as RecipientChannel),
      contentTypes: types
        .filter((c) => c.authorizationId === row.id)
        .map((c) => c.contentType as ContentType),
      signature: signature ? { ...signature, imagePng: null } : null,
    };
  });
}

/** The domain record validation and coverage work on, exactly as stored. */
export function toRecord(stored: StoredAuthorization): AuthorizationRecord {
  const { row, signature } = stored;
  return {
    patient: {
      name: row.patientName,
      contact:
        row.contactKind === 'email'
          ? { kind: 'email', email: row.contactValue }
          : { kind: 'phone', phone: row.contactValue },
      externalId: row.externalId,
    },
    information: { contentTypes: stored.contentTypes, description: row.informationDescription },
    disclosers: {
      practiceName: row.practiceName,
      persons: JSON.parse(row.discloserPersons) as string[],
    },
    recipients: { channels: stored.channels, description: row.recipientsDescription },
    purpose: { description: row.purpose, atRequestOfIndividual: row.purposeAtRequest === 1 },
    expiry:
      row.expiryKind === 'date'
        ? { kind: 'date', date: row.expiryDate ?? '' }
        : { kind: 'event', event: row.expiryEvent ?? '' },
    signature: signature
      ? {
          signedName: signature.signedName,
          signedAt: signature.signedAt,
          signer:
            signature.signerKind === 'individual'
              ? { kind: 'individual' }
              : {
                  kind: 'personal-representative',
                  authority: signature.representativeAuthority ?? '',
                },
        }
      : null,
    statements: JSON.parse(row.statements) as RequiredStatements,
    remuneration: {
      thirdPartyPays: row.remunerationPayer !== null,
      statement: row.remunerationStatement,
    },
    combinedWithOtherDocument: row.combinedWithOtherDocument === 1,
    treatmentConditionedOnSigning: row.treatmentConditioned === 1,
    knownFalseMaterialInformation: row.knownFalseInformation === 1,
    status: row.status,
    revokedAt: row.revokedAt,
    expiresAt: row.expiresAt,
  };
}
