import type { ContentType, Expiry, RecipientChannel } from './authorization.js';
import { channelLabels, contentTypeLabels, listInWords } from './labels.js';

/**
 * The parts of an authorization form, each tied to the element or statement of 45 CFR 164.508 it
 * carries. A template must contain every required part; `remuneration` appears only when a third
 * party pays the practice (a)(3)(ii).
 */
export const templateSectionIds = [
  'information', // (c)(1)(i)
  'disclosers', // (c)(1)(ii)
  'recipients', // (c)(1)(iii)
  'purpose', // (c)(1)(iv)
  'expiry', // (c)(1)(v)
  'revocation-right', // (c)(2)(i)
  'revocation-how', // (c)(2)(i)(A)
  'revocation-exceptions', // (c)(2)(i)(A)
  'conditioning', // (c)(2)(ii)(A)
  'redisclosure', // (c)(2)(iii)
  'remuneration', // (a)(3)(ii), only when a third party pays
  'copy', // (c)(4)
  'signature', // (c)(1)(vi)
] as const;
export type TemplateSectionId = (typeof templateSectionIds)[number];

export interface TemplateSection {
  id: TemplateSectionId;
  heading: string;
  /** Text with {{placeholders}}: practiceName, patientName, content, networks, purpose, expiry, remunerationPayer. */
  body: string;
}

export interface AuthorizationTemplate {
  title: string;
  sections: TemplateSection[];
}

export interface TemplateValues {
  practiceName: string;
  patientName: string;
  contentTypes: ContentType[];
  /** The specific description: which photos, which words. */
  contentDescription: string;
  networks: RecipientChannel[];
  purpose: string;
  expiry: Expiry;
  /** Who pays the practice for this marketing, when someone does; null otherwise. */
  remunerationPayer: string | null;
}

export interface RenderedAuthorization {
  /** The whole form as plain text: title, then each heading on its own line followed by its body. */
  text: string;
  /** Each rendered section body, by id (absent for sections not rendered). */
  sections: Partial<Record<TemplateSectionId, string>>;
}

/** Bedside's default form. Every statement of 164.508(c)(2) is here, in plain words. */
export const defaultAuthorizationTemplate: AuthorizationTemplate = {
  title: "Authorization to use and share my health information for {{practiceName}}'s publicity",
  sections: [
    {
      id: 'information',
      heading: 'What may be used and shared',
      body: 'I, {{patientName}}, allow the use and sharing of this information about me: {{content}}. Nothing else about me may be used.',
    },
    {
      id: 'disclosers',
      heading: 'Who may use and share it',
      body: '{{practiceName}} and its staff.',
    },
    {
      id: 'recipients',
      heading: 'Who will receive it',
      body: "The public, through {{practiceName}}'s accounts and pages on {{networks}}. Anyone who can see those pages may read, copy or share what is posted.",
    },
    { id: 'purpose', heading: 'Why', body: '{{purpose}}' },
    {
      id: 'expiry',
      heading: 'When this authorization ends',
      body: 'This authorization expires {{expiry}}, unless I revoke it sooner.',
    },
    {
      id: 'revocation-right',
      heading: 'My right to revoke',
      body: 'I may revoke (cancel) this authorization at any time by telling {{practiceName}} in writing.',
    },
    {
      id: 'revocation-how',
      heading: 'How to revoke',
      body: 'Send a signed letter or an email to {{practiceName}} saying that you revoke this authorization, or use the revoke link in the copy of this form you receive. Your revocation takes effect as soon as the practice receives it.',
    },
    {
      id: 'revocation-exceptions',
      heading: 'What revoking cannot undo',
      body: "Revoking does not undo what {{practiceName}} already did relying on this authorization before it received the revocation. Posts that other people have already seen, copied or shared may stay beyond the practice's control.",
    },
    {
      id: 'conditioning',
      heading: 'Signing is my choice',
      body: '{{practiceName}} will not make my treatment, payment, enrollment in a health plan or eligibility for benefits depend on whether I sign. I may refuse to sign.',
    },
    {
      id: 'redisclosure',
      heading: 'Information may be shared further',
      body: 'Once information is shared under this authorization, the people who receive it may share it again, and it will no longer be protected by federal privacy law (HIPAA).',
    },
    {
      id: 'remuneration',
      heading: 'Payment to the practice',
      body: '{{practiceName}} receives financial payment from {{remunerationPayer}} in connection with this communication.',
    },
    { id: 'copy', heading: 'My copy', body: 'I will receive a copy of this signed form.' },
    {
      id: 'signature',
      heading: 'Signature',
      body: "Signed by the patient, or by a personal representative who describes their authority to act for the patient (for example: parent of a minor, legal guardian, health care power of attorney).\nName:\nDate:\nRepresentative's authority (if any):",
    },
  ],
};

/** The sections every template must have; `remuneration` is required only when a third party pays. */
export function missingTemplateSections(
  template: AuthorizationTemplate,
  options: { thirdPartyPays: boolean },
): TemplateSectionId[] {
  return templateSectionIds.filter(
    (id) =>
      (id !== 'remuneration' || options.thirdPartyPays) &&
      !template.sections.some((s) => s.id === id && s.body.trim() !== ''),
  );
}

/**
 * Fills a template in one pass (a value containing "{{x}}" is never expanded again). Unknown
 * placeholders are left as written so a reviewer sees them; the remuneration section is rendered
 * only when `remunerationPayer` is given.
 *
 * @example
 * const { text } = renderAuthorization(values); // the default template
 */
export function renderAuthorization(
  values: TemplateValues,
  template: AuthorizationTemplate = defaultAuthorizationTemplate,
): RenderedAuthorization {
  const fill = placeholderValues(values);
  const render = (source: string): string =>
    source.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => fill[name] ?? whole);
  const sections: Partial<Record<TemplateSectionId, string>> = {};
  const blocks = [render(template.title)];
  for (const section of template.sections) {
    if (section.id === 'remuneration' && !values.remunerationPayer) continue;
    const body = render(section.body);
    sections[section.id] = body;
    blocks.push(`${render(section.heading)}\n${body}`);
  }
  return { text: `${blocks.join('\n\n')}\n`, sections };
}

function placeholderValues(values: TemplateValues): Record<string, string> {
  const content = listInWords(values.contentTypes.map((type) => contentTypeLabels[type]));
  return {
    practiceName: values.practiceName,
    patientName: values.patientName,
    content: values.contentDescription
      ? `${content}, namely: ${values.contentDescription.replace(/\.$/, '')}`
      : content,
    networks: listInWords(values.networks.map((network) => channelLabels[network])),
    purpose: values.purpose,
    expiry: describeExpiry(values.expiry),
    remunerationPayer: values.remunerationPayer ?? '',
  };
}

/** "at the end of the day on March 1, 2027" or "when this happens: …". */
function describeExpiry(expiry: Expiry): string {
  if (expiry.kind === 'event') return `when this happens: ${expiry.event.replace(/\.$/, '')}`;
  const date = new Date(`${expiry.date}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return `on ${expiry.date}`;
  const words = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', dateStyle: 'long' }).format(
    date,
  );
  return `at the end of the day on ${words}`;
}
