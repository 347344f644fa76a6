import { describe, expect, it } from 'vitest';
import {
  buildAuthorization,
  testNow,
  testTimeZone,
  withField,
} from './test-support/build-authorization.js';
import { validateAuthorization } from './validate-authorization.js';

const options = { now: testNow, timeZone: testTimeZone };
const valid = buildAuthorization();
const defectsOf = (input: unknown): [string, string, string][] =>
  validateAuthorization(input, options).defects.map((d) => [d.code, d.element, d.citation]);

describe('bad input is reported as defects, never thrown', () => {
  it.each([[null], [undefined], [42], ['authorization'], [[]], [true]])(
    'refuses %j as a whole',
    (input) => {
      expect(defectsOf(input)).toEqual([['invalid-input', 'record', '45 CFR 164.508(b)(2)']]);
    },
  );

  it('a missing element field is the element missing, not a schema error — 45 CFR 164.508(c)(1)(iv)', () => {
    expect(defectsOf(withField(valid, 'purpose', undefined))).toEqual([
      ['purpose-missing', 'purpose', '45 CFR 164.508(c)(1)(iv)'],
    ]);
    expect(defectsOf(withField(valid, 'statements', null)).map(([code]) => code)).toEqual([
      'revocation-right-missing',
      'revocation-procedure-missing',
      'conditioning-statement-missing',
      'redisclosure-statement-missing',
    ]);
  });

  it('a value of the wrong type names the field and the rule it blocks', () => {
    expect(defectsOf(withField(valid, 'purpose.description', 42))).toEqual([
      ['invalid-input', 'purpose.description', '45 CFR 164.508(c)(1)(iv)'],
    ]);
    expect(defectsOf(withField(valid, 'statements.redisclosure', ['x']))).toEqual([
      ['invalid-input', 'statements.redisclosure', '45 CFR 164.508(c)(2)(iii)'],
    ]);
    expect(defectsOf(withField(valid, 'treatmentConditionedOnSigning', 'no'))).toEqual([
      ['invalid-input', 'treatmentConditionedOnSigning', '45 CFR 164.508(b)(4)'],
    ]);
  });

  it('an unknown network, content type or status is refused', () => {
    expect(defectsOf(withField(valid, 'recipients.channels', ['instagram', 'tiktok']))).toEqual([
      ['invalid-input', 'recipients.channels.1', '45 CFR 164.508(c)(1)(iii)'],
    ]);
    expect(defectsOf(withField(valid, 'information.contentTypes', ['x-ray']))).toEqual([
      ['invalid-input', 'information.contentTypes.0', '45 CFR 164.508(c)(1)(i)'],
    ]);
    expect(defectsOf(withField(valid, 'status', 'approved'))).toEqual([
      ['invalid-input', 'status', '45 CFR 164.508(b)(2)'],
    ]);
  });

  it('malformed dates are refused', () => {
    expect(defectsOf(withField(valid, 'expiry', { kind: 'date', date: '2027-02-30' }))).toEqual([
      ['invalid-input', 'expiry.date', '45 CFR 164.508(c)(1)(v)'],
    ]);
    expect(defectsOf(withField(valid, 'signature.signedAt', 'last Tuesday'))).toEqual([
      ['invalid-input', 'signature.signedAt', '45 CFR 164.508(c)(1)(vi)'],
    ]);
    expect(defectsOf(withField(valid, 'revokedAt', '2026-03-01'))).toEqual([
      ['invalid-input', 'revokedAt', '45 CFR 164.508(b)(2)(iii)'],
    ]);
  });

  it('an unknown kind of expiry or signer is refused', () => {
    expect(defectsOf(withField(valid, 'expiry', { kind: 'forever' }))).toEqual([
      ['invalid-input', 'expiry.kind', '45 CFR 164.508(c)(1)(v)'],
    ]);
    expect(defectsOf(withField(valid, 'signature.signer', { kind: 'friend' }))).toEqual([
      ['invalid-input', 'signature.signer.kind', '45 CFR 164.508(c)(1)(vi)'],
    ]);
  });

  it('the patient needs a name and a way to reach them for the signing link', () => {
    expect(
      defectsOf(withField(valid, 'patient.contact', { kind: 'email', email: 'not-an-address' })),
    ).toEqual([['invalid-input', 'patient.contact.email', '45 CFR 164.508(b)(2)']]);
    expect(defectsOf(withField(valid, 'patient.name', ''))).toEqual([
      ['invalid-input', 'patient.name', '45 CFR 164.508(b)(2)'],
    ]);
    const byPhone = withField(valid, 'patient.contact', {
      kind: 'phone',
      phone: '+1 555 010 0100',
    });
    expect(validateAuthorization(byPhone, options).valid).toBe(true);
  });

  it('each unknown field is named, so a misspelt element is not silently dropped', () => {
    const misspelt = withField(withField(valid, 'purpse', 'Testimonial'), 'extra', 1);
    expect(defectsOf(misspelt)).toEqual([
      ['invalid-input', 'purpse', '45 CFR 164.508(b)(2)'],
      ['invalid-input', 'extra', '45 CFR 164.508(b)(2)'],
    ]);
  });

  it('never repeats the value it refused (it may be patient information)', () => {
    const result = validateAuthorization(
      withField(valid, 'patient.contact', { kind: 'email', email: 'Robin Testpatient' }),
      options,
    );
    expect(JSON.stringify(result)).not.toContain('Robin');
    for (const d of result.defects)
      expect(d.message).toMatch(/^The field "patient\.contact\.email"/);
  });

  it('whitespace-only text counts as not filled in', () => {
    expect(defectsOf(withField(valid, 'statements.conditioning', '   \n'))).toEqual([
      ['conditioning-statement-missing', 'statements.conditioning', '45 CFR 164.508(c)(2)(ii)'],
    ]);
  });
});
