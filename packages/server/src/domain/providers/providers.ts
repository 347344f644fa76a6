import type { Tx } from '../../db/database.js';
import type { ProviderRow } from '../../db/providers-schema.js';
import type { Role } from '../../db/schema.js';
import { AppError, forbidden, invalid, notFound } from '../../errors.js';
import { newId } from '../../security/tokens.js';
import type { Actor } from '../audit/audit-types.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { can } from '../policy/policy.js';
import {
  applyChanges,
  checkPhotoAlt,
  currentFields,
  diffFields,
  validateChanges,
  type FieldChange,
} from './apply-profile.js';
import { emptyStoredProfile, profileChangesSchema, type ProfileChanges } from './profile-schema.js';
import { getProvider, requireProvider, type ProviderView } from './provider-views.js';
import { slugify, uniqueSlug } from './slug.js';
import { invalidatePublicPages } from './practice-page.js';

export interface NewProvider {
  firstName: string;
  lastName: string;
  credentials: string;
  npi: string | null;
  userId: string | null;
}

/** Adds a provider with an empty profile; the rest arrives by edits or an NPPES import. */
export async function createProvider(
  tx: Tx,
  options: { actor: Actor; orgId: string; input: NewProvider },
): Promise<ProviderView> {
  const { actor, orgId, input } = options;
  await validateChanges(tx, { orgId, providerId: null, changes: { npi: input.npi } });
  if (input.userId) {
    const member = await tx
      .selectFrom('memberships')
      .select('userId')
      .where('orgId', '=', orgId)
      .where('userId', '=', input.userId)
      .executeTakeFirst();
    if (!member) throw invalid({ userId: 'Choose a member of this practice.' });
    const linked = await tx
      .selectFrom('providers')
      .select('id')
      .where('orgId', '=', orgId)
      .where('userId', '=', input.userId)
      .executeTakeFirst();
    if (linked) throw invalid({ userId: 'This person already has a provider profile.' });
  }
  const base = slugify(`${input.firstName} ${input.lastName}`);
  const taken = await tx
    .selectFrom('providers')
    .select('slug')
    .where('orgId', '=', orgId)
    .where('slug', 'like', `${base}%`)
    .execute();
  const now = new Date().toISOString();
  const id = newId();
  await tx
    .insertInto('providers')
    .values({
      id,
      orgId,
      userId: input.userId,
      slug: uniqueSlug(
        base,
        taken.map((t) => t.slug),
      ),
      npi: input.npi,
      firstName: input.firstName,
      lastName: input.lastName,
      credentials: input.credentials,
      profile: JSON.stringify(emptyStoredProfile),
      published: 1,
      version: 1,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  await invalidatePublicPages(tx, orgId);
  await recordAuditEvent(tx, {
    orgId,
    actor,
    action: 'provider.created',
    target: { type: 'provider', id },
    details: { linkedUser: input.userId !== null, npi: input.npi !== null },
  });
  return getProvider(tx, { orgId, providerId: id });
}

export type ChangeOutcome =
  | { status: 'applied'; fields: FieldChange[] }
  | { status: 'pending'; changeId: string; fields: FieldChange[] }
  | { status: 'unchanged'; fields: [] };

/**
 * A change to a profile. The clinician's own changes apply at once, as do changes to a profile
 * no clinician account is linked to. Anyone else's (a manager's edit, an NPPES import) waits for
 * the clinician's approval. Every outcome is audited with the names of the fields, not their values.
 */
export async function proposeProviderChange(
  tx: Tx,
  options: {
    actor: Actor & { role: Role };
    orgId: string;
    providerId: string;
    changes: ProfileChanges;
    source?: 'edit' | 'nppes';
  },
): Promise<ChangeOutcome> {
  const { actor, orgId } = options;
  const changes = profileChangesSchema.parse(options.changes);
  const row = await requireProvider(tx, { orgId, providerId: options.providerId });
  const own = row.userId !== null && row.userId === actor.userId;
  if (!own && !can(actor.role, 'provider.manage'))
    throw forbidden('You can edit only your own profile.');
  const current = await currentFields(tx, row);
  checkPhotoAlt({ ...current, ...changes });
  const fields = diffFields(current, changes);
  if (fields.length === 0) return { status: 'unchanged', fields: [] };
  const changed = Object.fromEntries(fields.map((f) => [f.field, f.after])) as ProfileChanges;
  const audit = { orgId, actor, target: { type: 'provider', id: row.id } };
  const details = { fields: fields.map((f) => f.field), source: options.source ?? 'edit' };
  if (own || row.userId === null) {
    await applyChanges(tx, { row, changes: changed });
    await recordAuditEvent(tx, { ...audit, action: 'provider.updated', details });
    return { status: 'applied', fields };
  }
  await validateChanges(tx, { orgId, providerId: row.id, changes: changed });
  const changeId = newId();
  await tx
    .insertInto('providerChanges')
    .values({
      id: changeId,
      orgId,
      providerId: row.id,
      proposedBy: actor.userId ?? 'system',
      source: options.source ?? 'edit',
      changes: JSON.stringify(changed),
      status: 'pending',
      decidedBy: null,
      decidedAt: null,
      createdAt: new Date().toISOString(),
    })
    .execute();
  await recordAuditEvent(tx, {
    ...audit,
    action: 'provider.change_proposed',
    details: { ...details, changeId },
  });
  return { status: 'pending', changeId, fields };
}

/** The clinician approves or rejects a change someone else proposed to their profile. */
export async function decideProviderChange(
  tx: Tx,
  options: { actor: Actor; orgId: string; changeId: string; approve: boolean },
): Promise<{ status: 'approved' | 'rejected' }> {
  const { actor, orgId } = options;
  const change = await tx
    .selectFrom('providerChanges')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('id', '=', options.changeId)
    .executeTakeFirst();
  if (!change) throw notFound('The change');
  const row: ProviderRow = await requireProvider(tx, { orgId, providerId: change.providerId });
  if (row.userId !== actor.userId)
    throw forbidden('Only the clinician whose profile this is can decide on this change.');
  if (change.status !== 'pending')
    throw new AppError('conflict', `This change was already ${change.status}.`);
  const status = options.approve ? 'approved' : 'rejected';
  const changes = JSON.parse(change.changes) as ProfileChanges;
  if (options.approve) await applyChanges(tx, { row, changes });
  await tx
    .updateTable('providerChanges')
    .set({ status, decidedBy: actor.userId, decidedAt: new Date().toISOString() })
    .where('id', '=', change.id)
    .execute();
  await recordAuditEvent(tx, {
    orgId,
    actor,
    action: options.approve ? 'provider.change_approved' : 'provider.change_rejected',
    target: { type: 'provider', id: row.id },
    details: { changeId: change.id, fields: Object.keys(changes), source: change.source },
  });
  return { status };
}

export interface ChangeView {
  id: string;
  providerId: string;
  providerName: string;
  source: string;
  status: string;
  createdAt: string;
  decidedAt: string | null;
  /** True when the caller is the clinician who decides. */
  mine: boolean;
  fields: FieldChange[];
}

/** Pending and recent changes, each with before (the profile now) and after. */
export async function listProviderChanges(
  tx: Tx,
  options: { orgId: string; userId: string | null },
): Promise<ChangeView[]> {
  const rows = await tx
    .selectFrom('providerChanges')
    .innerJoin('providers', 'providers.id', 'providerChanges.providerId')
    .selectAll('providerChanges')
    .select(['providers.firstName', 'providers.lastName', 'providers.userId'])
    .where('providerChanges.orgId', '=', options.orgId)
    .orderBy('providerChanges.createdAt', 'desc')
    .limit(100)
    .execute();
  const out: ChangeView[] = [];
  for (const r of rows) {
    const provider = await requireProvider(tx, { orgId: options.orgId, providerId: r.providerId });
    const changes = JSON.parse(r.changes) as ProfileChanges;
    const current = await currentFields(tx, provider);
    out.push({
      id: r.id,
      providerId: r.providerId,
      providerName: `${r.firstName} ${r.lastName}`,
      source: r.source,
      status: r.status,
      createdAt: r.createdAt,
      decidedAt: r.decidedAt,
      mine: r.userId !== null && r.userId === options.userId,
      fields: (Object.keys(changes) as (keyof ProfileChanges)[]).map((field) => ({
        field,
        before: current[field],
        after: changes[field],
      })),
    });
  }
  return out;
}
