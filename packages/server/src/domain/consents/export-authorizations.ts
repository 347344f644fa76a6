import { zipSync } from 'fflate';
import type { DbOrTx } from '../../db/database.js';
import { notFound } from '../../errors.js';
import type { Actor } from '../audit/audit-types.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { listAuthorizations, type DisplayStatus } from './list-authorizations.js';

const extension = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' } as const;

const columns = [
  'id',
  'patient_name',
  'external_id',
  'contact',
  'source',
  'status',
  'created_at',
  'signed_at',
  'expiry',
  'revoked_at',
  'channels',
  'content_types',
  'dependent_posts',
  'open_takedowns',
  'documents',
] as const;

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  // A spreadsheet would run a cell that starts with = + - @ as a formula.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Everything an auditor asks for, as one zip: `authorizations.csv` (one row per authorization,
 * with each document's file name and SHA-256) and `documents/` with every signed PDF and paper scan
 * exactly as stored. Recorded in the audit trail (who exported how many).
 */
export async function exportAuthorizations(
  db: DbOrTx,
  options: { actor: Actor; orgId: string; status?: DisplayStatus; query?: string },
): Promise<{ zip: Buffer; count: number }> {
  const items = await listAuthorizations(db, options);
  const ids = items.map((i) => i.id);
  const documents =
    ids.length === 0
      ? []
      : await db
          .selectFrom('authorizationDocuments')
          .select(['id', 'authorizationId', 'kind', 'mediaType', 'sha256', 'content'])
          .where('orgId', '=', options.orgId)
          .where('authorizationId', 'in', ids)
          .orderBy('createdAt')
          .execute();
  const files: Record<string, Uint8Array> = {};
  const names = new Map<string, string[]>();
  for (const d of documents) {
    const name = `documents/${d.authorizationId}-${d.kind.replace('_', '-')}-${d.sha256.slice(0, 12)}.${extension[d.mediaType]}`;
    files[name] = new Uint8Array(d.content);
    names.set(d.authorizationId, [
      ...(names.get(d.authorizationId) ?? []),
      `${name} sha256:${d.sha256}`,
    ]);
  }
  const rows = items.map((i) =>
    [
      i.id,
      i.patientName,
      i.externalId,
      i.contact,
      i.source,
      i.status,
      i.createdAt,
      i.signedAt,
      i.expiry.kind === 'date' ? i.expiry.date : `event: ${i.expiry.event}`,
      i.revokedAt,
      i.channels.join(' '),
      i.contentTypes.join(' '),
      i.dependentPosts,
      i.openTakedowns,
      (names.get(i.id) ?? []).join('; '),
    ]
      .map(csvCell)
      .join(','),
  );
  const csv = [columns.join(','), ...rows].join('\r\n') + '\r\n';
  files['authorizations.csv'] = new TextEncoder().encode(csv);
  await recordAuditEvent(db, {
    orgId: options.orgId,
    actor: options.actor,
    action: 'consent.exported',
    details: {
      authorizations: items.length,
      documents: documents.length,
      status: options.status ?? null,
    },
  });
  return { zip: Buffer.from(zipSync(files, { level: 6 })), count: items.length };
}

/** One stored document of this organization's authorization, as stored. */
export async function readDocument(
  db: DbOrTx,
  options: { orgId: string; authorizationId: string; documentId: string },
): Promise<{ content: Buffer; mediaType: string; filename: string; sha256: string }> {
  const d = await db
    .selectFrom('authorizationDocuments')
    .select(['content', 'mediaType', 'sha256', 'kind'])
    .where('orgId', '=', options.orgId)
    .where('authorizationId', '=', options.authorizationId)
    .where('id', '=', options.documentId)
    .executeTakeFirst();
  if (!d) throw notFound('The document');
  return {
    content: Buffer.from(d.content),
    mediaType: d.mediaType,
    sha256: d.sha256,
    filename: `authorization-${options.authorizationId}-${d.kind.replace('_', '-')}.${extension[d.mediaType]}`,
  };
}

/** A person removed a post by hand: the checklist item is done. */
export async function resolveTakedown(
  db: DbOrTx,
  options: { actor: Actor; orgId: string; itemId: string },
): Promise<void> {
  const now = new Date().toISOString();
  const changed = await db
    .updateTable('takedownItems')
    .set({ status: 'done', resolvedAt: now, resolvedBy: options.actor.userId })
    .where('orgId', '=', options.orgId)
    .where('id', '=', options.itemId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (Number(changed.numUpdatedRows) === 0) {
    const exists = await db
      .selectFrom('takedownItems')
      .select('id')
      .where('orgId', '=', options.orgId)
      .where('id', '=', options.itemId)
      .executeTakeFirst();
    if (!exists) throw notFound('The checklist item');
    return;
  }
  await recordAuditEvent(db, {
    orgId: options.orgId,
    actor: options.actor,
    action: 'consent.takedown_resolved',
    target: { type: 'takedown_item', id: options.itemId },
  });
}
