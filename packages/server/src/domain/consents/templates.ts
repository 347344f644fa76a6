import { z } from 'zod';
import type { DbOrTx } from '../../db/database.js';
import { invalid } from '../../errors.js';
import { newId } from '../../security/tokens.js';
import type { Actor } from '../audit/audit-types.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import {
  defaultAuthorizationTemplate,
  missingTemplateSections,
  templateSectionIds,
  type AuthorizationTemplate,
} from './default-template.js';

/** An organization's form as stored: version 0 is Bedside's default, never stored. */
export interface TemplateView extends AuthorizationTemplate {
  id: string | null;
  version: number;
  createdAt: string | null;
}

const placeholders = new Set([
  'practiceName',
  'patientName',
  'content',
  'networks',
  'purpose',
  'expiry',
  'remunerationPayer',
]);

export const templateInputSchema = z.strictObject({
  title: z.string().trim().min(1, 'Give the form a title.').max(300),
  sections: z
    .array(
      z.strictObject({
        id: z.enum(templateSectionIds),
        heading: z.string().trim().min(1, 'Give every section a heading.').max(200),
        body: z.string().trim().max(4000),
      }),
    )
    .min(1)
    .max(templateSectionIds.length),
});
export type TemplateInput = z.infer<typeof templateInputSchema>;

/** The latest version of the organization's form, or the default when it never saved one. */
export async function currentTemplate(db: DbOrTx, orgId: string): Promise<TemplateView> {
  const row = await db
    .selectFrom('authorizationTemplates')
    .selectAll()
    .where('orgId', '=', orgId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return { ...defaultAuthorizationTemplate, id: null, version: 0, createdAt: null };
  return {
    id: row.id,
    version: row.version,
    createdAt: row.createdAt,
    title: row.title,
    sections: JSON.parse(row.sections) as AuthorizationTemplate['sections'],
  };
}

/**
 * Saves a new version of the organization's form. Every element and statement of 164.508(c) must
 * keep its section (the remuneration section may be left out: a form that needs it is refused when
 * it is sent), each section appears once, and only known {{placeholders}} are used. Forms already
 * sent keep the wording they were sent with.
 */
export async function saveTemplate(
  db: DbOrTx,
  options: { actor: Actor; orgId: string; input: TemplateInput },
): Promise<TemplateView> {
  const { input } = options;
  const fields: Record<string, string> = {};
  const seen = new Set<string>();
  input.sections.forEach((section, index) => {
    if (seen.has(section.id))
      fields[`sections.${index}.id`] = `The "${section.id}" section appears twice.`;
    seen.add(section.id);
    const unknown = [...`${section.heading} ${section.body}`.matchAll(/\{\{(\w+)\}\}/g)]
      .map((m) => m[1] ?? '')
      .filter((name) => !placeholders.has(name));
    if (unknown.length > 0)
      fields[`sections.${index}.body`] =
        `Unknown placeholder ${unknown.map((n) => `{{${n}}}`).join(', ')}.`;
  });
  for (const id of missingTemplateSections(input, { thirdPartyPays: false })) {
    fields[`sections.${id}`] = `The form needs its "${id}" section: 45 CFR 164.508(c) requires it.`;
  }
  if (Object.keys(fields).length > 0) throw invalid(fields);

  const previous = await currentTemplate(db, options.orgId);
  const row = {
    id: newId(),
    orgId: options.orgId,
    version: previous.version + 1,
    title: input.title,
    sections: JSON.stringify(input.sections),
    createdBy: options.actor.userId,
    createdAt: new Date().toISOString(),
  };
  await db.insertInto('authorizationTemplates').values(row).execute();
  await recordAuditEvent(db, {
    orgId: options.orgId,
    actor: options.actor,
    action: 'consent.template_saved',
    target: { type: 'authorization_template', id: row.id },
    details: { version: row.version },
  });
  return {
    id: row.id,
    version: row.version,
    createdAt: row.createdAt,
    title: row.title,
    sections: input.sections,
  };
}
