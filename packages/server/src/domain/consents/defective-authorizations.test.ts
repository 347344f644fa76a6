import { describe, expect, it } from 'vitest';
import type { AuthorizationRecord } from './authorization.js';
import { buildAuthorization } from './test-support/build-authorization.js';
import { expectOnlyDefect, options } from './test-support/expect-only-defect.js';
import { validateAuthorization } from './validate-authorization.js';

describe('defective authorizations, 45 CFR 164.508(b)(2)', () => {
  it('(b)(2)(i) expired: the expiration date has passed — 45 CFR 164.508(b)(2)(i)', () => {
    expectOnlyDefect(
      buildAuthorization({ expiry: { kind: 'date', date: '2026-03-01' } }),
      'expired',
      '45 CFR 164.508(b)(2)(i)',
    );
  });

  it('(b)(2)(i) expired: the practice knows the expiration event has occurred — 45 CFR 164.508(b)(2)(i)', () => {
    const record = buildAuthorization({
      expiry: { kind: 'event', event: 'I finish treatment' },
      expiresAt: '2026-03-02T09:00:00Z',
    });
    expectOnlyDefect(record, 'expiry-event-occurred', '45 CFR 164.508(b)(2)(i)');
  });

  it('(b)(2)(ii) incomplete: any missing (c) element makes it defective (each element has its own test in validate-authorization.test.ts) — 45 CFR 164.508(b)(2)(ii)', () => {
    const result = validateAuthorization(
      buildAuthorization({ purpose: { description: '', atRequestOfIndividual: false } }),
      options,
    );
    expect(result.valid).toBe(false);
  });

  it('(b)(2)(iii) revoked: the practice knows it has been revoked — 45 CFR 164.508(b)(2)(iii)', () => {
    expectOnlyDefect(
      buildAuthorization({ status: 'revoked', revokedAt: '2026-03-02T08:00:00Z' }),
      'revoked',
      '45 CFR 164.508(b)(2)(iii)',
    );
    expectOnlyDefect(
      buildAuthorization({ status: 'revoked' }),
      'revoked',
      '45 CFR 164.508(b)(2)(iii)',
    );
  });

  it('(b)(2)(iii) revoked: a revocation is effective only once received (revokedAt after now is not yet known)', () => {
    expect(
      validateAuthorization(buildAuthorization({ revokedAt: '2026-03-03T08:00:00Z' }), options)
        .valid,
    ).toBe(true);
  });

  it('(b)(2)(iv) compound: combined with another document — 45 CFR 164.508(b)(2)(iv), (b)(3)', () => {
    expectOnlyDefect(
      buildAuthorization({ combinedWithOtherDocument: true }),
      'compound-authorization',
      '45 CFR 164.508(b)(2)(iv), (b)(3)',
    );
  });

  it('(b)(2)(iv) conditioning: treatment conditioned on signing — 45 CFR 164.508(b)(2)(iv), (b)(4)', () => {
    expectOnlyDefect(
      buildAuthorization({ treatmentConditionedOnSigning: true }),
      'treatment-conditioned',
      '45 CFR 164.508(b)(2)(iv), (b)(4)',
    );
  });

  it('(b)(2)(v) false information: material information known to be false — 45 CFR 164.508(b)(2)(v)', () => {
    expectOnlyDefect(
      buildAuthorization({ knownFalseMaterialInformation: true }),
      'known-false-information',
      '45 CFR 164.508(b)(2)(v)',
    );
  });
});

describe('marketing remuneration, 45 CFR 164.508(a)(3)(ii)', () => {
  it('(a)(3)(ii) remuneration: a third party pays and the form does not say so — 45 CFR 164.508(a)(3)(ii)', () => {
    expectOnlyDefect(
      buildAuthorization({ remuneration: { thirdPartyPays: true, statement: '' } }),
      'remuneration-statement-missing',
      '45 CFR 164.508(a)(3)(ii)',
    );
  });

  it('(a)(3)(ii) remuneration: stated when a third party pays is valid; not needed when nobody pays', () => {
    const stated = buildAuthorization({
      remuneration: {
        thirdPartyPays: true,
        statement: 'Sample Aligners Inc. pays the practice for this post.',
      },
    });
    expect(validateAuthorization(stated, options).valid).toBe(true);
    expect(
      validateAuthorization(
        buildAuthorization({ remuneration: { thirdPartyPays: false, statement: '' } }),
        options,
      ).valid,
    ).toBe(true);
  });
});

describe('personal representatives, 45 CFR 164.508(c)(1)(vi)', () => {
  const representative = (authority: string): AuthorizationRecord =>
    buildAuthorization({
      signature: {
        signedName: 'Jordan Testparent',
        signedAt: '2026-03-01T15:30:00Z',
        signer: { kind: 'personal-representative', authority },
      },
    });

  it('(c)(1)(vi) representative: a signature with a description of authority is valid', () => {
    expect(
      validateAuthorization(representative('Parent of the patient, who is a minor.'), options)
        .valid,
    ).toBe(true);
  });

  it('(c)(1)(vi) representative: no description of authority is refused — 45 CFR 164.508(c)(1)(vi)', () => {
    expectOnlyDefect(
      representative(''),
      'representative-authority-missing',
      '45 CFR 164.508(c)(1)(vi)',
    );
  });
});

describe('before signing', () => {
  it('a complete form can be checked before it is sent: only the signature is not expected', () => {
    const draft = buildAuthorization({ status: 'draft', signature: null });
    expect(validateAuthorization(draft, { ...options, beforeSigning: true })).toEqual({
      valid: true,
      defects: [],
    });
    expect(validateAuthorization(draft, options).defects.map((d) => d.code)).toEqual([
      'signature-missing',
    ]);
  });
});
