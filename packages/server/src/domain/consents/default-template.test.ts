import { describe, expect, it } from 'vitest';
import type { AuthorizationPatient, AuthorizationRecord } from './authorization.js';
import {
  defaultAuthorizationTemplate,
  missingTemplateSections,
  renderAuthorization,
  type AuthorizationTemplate,
  type TemplateSectionId,
  type TemplateValues,
} from './default-template.js';
import type { DefectCode } from './defects.js';
import { draftAuthorization } from './draft-authorization.js';
import { testNow, testTimeZone } from './test-support/build-authorization.js';
import { validateAuthorization } from './validate-authorization.js';

const patient: AuthorizationPatient = {
  name: 'Casey Sampleton',
  contact: { kind: 'phone', phone: '+1 555 010 0199' },
  externalId: 'T-0001',
};
const values: TemplateValues = {
  practiceName: 'Sample Family Dental',
  patientName: 'Casey Sampleton',
  contentTypes: ['name', 'photo', 'text'],
  contentDescription: 'two photos of my smile from March and my written review',
  networks: ['instagram', 'facebook', 'gbp'],
  purpose:
    'To show prospective patients the results of clear aligner treatment at Sample Family Dental.',
  expiry: { kind: 'date', date: '2027-03-01' },
  remunerationPayer: null,
};
const options = { now: testNow, timeZone: testTimeZone };

/** Reads a rendered form back the way a person would: a heading line, then its text, blocks apart. */
function readSections(
  text: string,
  template: AuthorizationTemplate,
): Partial<Record<TemplateSectionId, string>> {
  const sections: Partial<Record<TemplateSectionId, string>> = {};
  for (const block of text.trim().split('\n\n').slice(1)) {
    const [heading, ...body] = block.split('\n');
    const section = template.sections.find((s) => s.heading === heading);
    if (section) sections[section.id] = body.join('\n');
  }
  return sections;
}

/** The record a form's text yields, signed by the patient the day before the check. */
function signedRecordFrom(
  text: string,
  template: AuthorizationTemplate,
  from: TemplateValues = values,
): AuthorizationRecord {
  const draft = draftAuthorization({
    patient,
    values: from,
    sections: readSections(text, template),
  });
  return {
    ...draft,
    status: 'signed',
    signature: {
      signedName: 'Casey Sampleton',
      signedAt: '2026-03-01T16:00:00Z',
      signer: { kind: 'individual' },
    },
  };
}

describe('the default authorization template — 45 CFR 164.508(c)', () => {
  const rendered = renderAuthorization(values);

  it('renders every placeholder and reads like a form', () => {
    expect(rendered.text).not.toMatch(/\{\{|\}\}/);
    expect(rendered.text).toContain(
      "Authorization to use and share my health information for Sample Family Dental's publicity",
    );
    expect(rendered.text).toContain(
      'my name, photographs of me and my own words (a quote, review or story), namely: two photos of my smile',
    );
    expect(rendered.text).toContain('on Instagram, Facebook and Google Business Profile.');
    expect(rendered.text).toContain('expires at the end of the day on March 1, 2027');
    expect(rendered.text).not.toContain('Payment to the practice');
  });

  it('parsed back from its text into a record, passes validation before and after signing', () => {
    const draft = draftAuthorization({
      patient,
      values,
      sections: readSections(rendered.text, defaultAuthorizationTemplate),
    });
    expect(validateAuthorization(draft, { ...options, beforeSigning: true })).toEqual({
      valid: true,
      defects: [],
    });
    expect(
      validateAuthorization(signedRecordFrom(rendered.text, defaultAuthorizationTemplate), options),
    ).toEqual({ valid: true, defects: [] });
  });

  it('the sections read back from the text are exactly the ones rendered', () => {
    expect(readSections(rendered.text, defaultAuthorizationTemplate)).toEqual(rendered.sections);
  });

  it('has every required section', () => {
    expect(missingTemplateSections(defaultAuthorizationTemplate, { thirdPartyPays: true })).toEqual(
      [],
    );
  });

  const statementSections: [TemplateSectionId, DefectCode, string][] = [
    ['revocation-right', 'revocation-right-missing', '(c)(2)(i)'],
    ['revocation-how', 'revocation-procedure-missing', '(c)(2)(i)(A)'],
    ['revocation-exceptions', 'revocation-procedure-missing', '(c)(2)(i)(A)'],
    ['conditioning', 'conditioning-statement-missing', '(c)(2)(ii)'],
    ['redisclosure', 'redisclosure-statement-missing', '(c)(2)(iii)'],
  ];
  it.each(statementSections)(
    'statement by statement: without its "%s" section the form is refused with %s — 45 CFR 164.508%s',
    (id, code, paragraph) => {
      const without: AuthorizationTemplate = {
        ...defaultAuthorizationTemplate,
        sections: defaultAuthorizationTemplate.sections.filter((s) => s.id !== id),
      };
      expect(missingTemplateSections(without, { thirdPartyPays: false })).toEqual([id]);
      const result = validateAuthorization(
        signedRecordFrom(renderAuthorization(values, without).text, without),
        options,
      );
      expect(result.defects.map((d) => [d.code, d.citation])).toEqual([
        [code, `45 CFR 164.508${paragraph}`],
      ]);
    },
  );

  it('(a)(3)(ii) remuneration: renders the payment statement when a third party pays, and validates — 45 CFR 164.508(a)(3)(ii)', () => {
    const paid: TemplateValues = { ...values, remunerationPayer: 'Sample Aligners Inc.' };
    const text = renderAuthorization(paid).text;
    expect(text).toContain(
      'Sample Family Dental receives financial payment from Sample Aligners Inc. in connection with this communication.',
    );
    expect(
      validateAuthorization(signedRecordFrom(text, defaultAuthorizationTemplate, paid), options)
        .valid,
    ).toBe(true);
  });

  it('(a)(3)(ii) remuneration: a custom template without the payment section is refused when a third party pays — 45 CFR 164.508(a)(3)(ii)', () => {
    const paid: TemplateValues = { ...values, remunerationPayer: 'Sample Aligners Inc.' };
    const without: AuthorizationTemplate = {
      ...defaultAuthorizationTemplate,
      sections: defaultAuthorizationTemplate.sections.filter((s) => s.id !== 'remuneration'),
    };
    expect(missingTemplateSections(without, { thirdPartyPays: true })).toEqual(['remuneration']);
    expect(missingTemplateSections(without, { thirdPartyPays: false })).toEqual([]);
    const result = validateAuthorization(
      signedRecordFrom(renderAuthorization(paid, without).text, without, paid),
      options,
    );
    expect(result.defects.map((d) => d.code)).toEqual(['remuneration-statement-missing']);
  });

  it('renders an expiry event in words', () => {
    const text = renderAuthorization({
      ...values,
      expiry: { kind: 'event', event: 'I finish my aligner treatment.' },
    }).text;
    expect(text).toContain(
      'This authorization expires when this happens: I finish my aligner treatment, unless I revoke it sooner.',
    );
  });

  it('fills placeholders once: a value that looks like a placeholder stays as typed', () => {
    const text = renderAuthorization({ ...values, purpose: 'Shown as {{patientName}}.' }).text;
    expect(text).toContain('Shown as {{patientName}}.');
  });

  it('leaves unknown placeholders in a custom template visible for the reviewer', () => {
    const custom: AuthorizationTemplate = {
      title: 'Form {{unknownThing}}',
      sections: defaultAuthorizationTemplate.sections,
    };
    expect(renderAuthorization(values, custom).text.startsWith('Form {{unknownThing}}\n')).toBe(
      true,
    );
  });
});
