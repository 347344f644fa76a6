import type { DbOrTx } from '../../db/database.js';

/**
 * Safe replies by situation (HIPAA.md §4.3–4.4): thank without confirming a visit, describe
 * general policies, say privacy law keeps specifics offline, and give the office's contact. The
 * only variables are the practice's own published details — never anything about the reviewer.
 */
export interface ReplyTemplate {
  id: string;
  situation: string;
  text: string;
}

export const TEMPLATE_VARIABLES = ['practice', 'location', 'phone'] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

export const REPLY_TEMPLATES: readonly ReplyTemplate[] = [
  {
    id: 'thanks',
    situation: 'Positive review',
    text: 'Thank you for taking the time to share this. Everyone at {practice} works hard to make each visit a good one, and kind words mean a lot to our team.',
  },
  {
    id: 'negative_wait',
    situation: 'Negative: waiting',
    text: 'Thank you for this feedback. We work to keep everyone on schedule and are sorry when that falls short. Privacy laws keep us from discussing anyone’s care here; please call {phone} and ask for the office manager so we can listen and help.',
  },
  {
    id: 'negative_billing',
    situation: 'Negative: billing or insurance',
    text: 'Thank you for raising this. Billing questions deserve a careful, private answer, and privacy laws keep us from discussing any account here. Please call {phone} and ask for our billing team; we want to help.',
  },
  {
    id: 'negative_clinical',
    situation: 'Negative: clinical outcome',
    text: 'We are sorry to read this. We take every concern about care seriously, and privacy laws keep us from discussing anyone’s health here. Please call {phone} and ask for the practice manager so we can talk privately.',
  },
  {
    id: 'negative_staff',
    situation: 'Negative: staff',
    text: 'Thank you for telling us. We expect every member of our team to treat people with courtesy and respect, and we review concerns like this one. Please call {phone} so we can follow up privately.',
  },
  {
    id: 'not_a_patient',
    situation: 'Reviewer may not be a patient',
    text: 'Thank you for your message. We are unable to find a matching concern, and privacy laws keep us from discussing anyone’s care online either way. If you would like to talk, please call {practice} at {phone}.',
  },
];

export function findTemplate(id: string): ReplyTemplate | undefined {
  return REPLY_TEMPLATES.find((t) => t.id === id);
}

/** The practice's own details that templates may use: none of them is about a patient. */
export async function templateValues(
  db: DbOrTx,
  options: { orgId: string; locationId: string | null },
): Promise<Record<TemplateVariable, string>> {
  const org = await db
    .selectFrom('organizations')
    .select('name')
    .where('id', '=', options.orgId)
    .executeTakeFirstOrThrow();
  let location = options.locationId
    ? await db
        .selectFrom('locations')
        .select(['name', 'phone'])
        .where('orgId', '=', options.orgId)
        .where('id', '=', options.locationId)
        .executeTakeFirst()
    : undefined;
  location ??= await db
    .selectFrom('locations')
    .select(['name', 'phone'])
    .where('orgId', '=', options.orgId)
    .where('archived', '=', 0)
    .orderBy('createdAt')
    .executeTakeFirst();
  return {
    practice: org.name,
    location: location?.name ?? org.name,
    phone: location?.phone ?? 'our office',
  };
}

export function fillTemplate(
  template: ReplyTemplate,
  values: Record<TemplateVariable, string>,
): string {
  return template.text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    (TEMPLATE_VARIABLES as readonly string[]).includes(name)
      ? values[name as TemplateVariable]
      : whole,
  );
}

/** The template that fits an item best: by topic and sentiment. */
export function suggestTemplate(item: { sentimentLabel: string | null; topics: string[] }): string {
  if (item.sentimentLabel !== 'negative') return 'thanks';
  if (item.topics.includes('billing_insurance')) return 'negative_billing';
  if (item.topics.includes('clinical_outcome')) return 'negative_clinical';
  if (item.topics.includes('wait_time') || item.topics.includes('scheduling_access'))
    return 'negative_wait';
  if (item.topics.includes('staff_manner')) return 'negative_staff';
  return 'negative_clinical';
}
