import { describe, expect, it } from 'vitest';
import { buildAuthorization } from './test-support/build-authorization.js';
import { expectOnlyDefect, options, statements, valid } from './test-support/expect-only-defect.js';
import { validateAuthorization } from './validate-authorization.js';

it('accepts a complete, signed, unexpired authorization', () => {
  expect(validateAuthorization(valid, options)).toEqual({ valid: true, defects: [] });
});

describe('core elements, 45 CFR 164.508(c)(1) — (b)(2)(ii) not filled out completely', () => {
  it('(c)(1)(i) information: no description of the information is refused — 45 CFR 164.508(c)(1)(i)', () => {
    expectOnlyDefect(
      buildAuthorization({ information: { contentTypes: ['photo'], description: '  ' } }),
      'information-missing',
      '45 CFR 164.508(c)(1)(i)',
    );
    expectOnlyDefect(
      buildAuthorization({ information: { contentTypes: [], description: 'Two photos.' } }),
      'information-missing',
      '45 CFR 164.508(c)(1)(i)',
    );
  });

  it('(c)(1)(i) information: a blanket "all records" description is not specific — 45 CFR 164.508(c)(1)(i)', () => {
    const record = buildAuthorization({
      information: { contentTypes: ['photo'], description: 'Any and all information in my chart.' },
    });
    expectOnlyDefect(record, 'information-not-specific', '45 CFR 164.508(c)(1)(i)');
  });

  it('(c)(1)(ii) who discloses: no practice or person named is refused — 45 CFR 164.508(c)(1)(ii)', () => {
    expectOnlyDefect(
      buildAuthorization({ disclosers: { practiceName: '', persons: [] } }),
      'discloser-missing',
      '45 CFR 164.508(c)(1)(ii)',
    );
  });

  it('(c)(1)(ii) who discloses: named persons alone are enough', () => {
    expect(
      validateAuthorization(
        buildAuthorization({ disclosers: { practiceName: '', persons: ['Dr. Sam Sample'] } }),
        options,
      ).valid,
    ).toBe(true);
  });

  it('(c)(1)(iii) who receives: no network or channel listed is refused — 45 CFR 164.508(c)(1)(iii)', () => {
    expectOnlyDefect(
      buildAuthorization({ recipients: { channels: [], description: 'The public.' } }),
      'recipient-missing',
      '45 CFR 164.508(c)(1)(iii)',
    );
  });

  it('(c)(1)(iv) purpose: no purpose is refused — 45 CFR 164.508(c)(1)(iv)', () => {
    expectOnlyDefect(
      buildAuthorization({ purpose: { description: '', atRequestOfIndividual: false } }),
      'purpose-missing',
      '45 CFR 164.508(c)(1)(iv)',
    );
  });

  it('(c)(1)(iv) purpose: "at the request of the individual" is enough when the patient started it', () => {
    expect(
      validateAuthorization(
        buildAuthorization({ purpose: { description: '', atRequestOfIndividual: true } }),
        options,
      ).valid,
    ).toBe(true);
  });

  it('(c)(1)(v) expiry: no expiration date or event is refused — 45 CFR 164.508(c)(1)(v)', () => {
    expectOnlyDefect(
      buildAuthorization({ expiry: null }),
      'expiry-missing',
      '45 CFR 164.508(c)(1)(v)',
    );
    expectOnlyDefect(
      buildAuthorization({ expiry: { kind: 'event', event: '' } }),
      'expiry-missing',
      '45 CFR 164.508(c)(1)(v)',
    );
  });

  it('(c)(1)(v) expiry: "none" is allowed only for research — 45 CFR 164.508(c)(1)(v)', () => {
    for (const event of ['None', 'never', 'End of the research study.']) {
      expectOnlyDefect(
        buildAuthorization({ expiry: { kind: 'event', event } }),
        'expiry-not-allowed',
        '45 CFR 164.508(c)(1)(v)',
      );
    }
  });

  it('(c)(1)(v) expiry: an event relating to the patient is accepted', () => {
    const record = buildAuthorization({
      expiry: { kind: 'event', event: 'I finish my orthodontic treatment' },
    });
    expect(validateAuthorization(record, options).valid).toBe(true);
  });

  it('(c)(1)(vi) signature: an unsigned form is refused — 45 CFR 164.508(c)(1)(vi)', () => {
    expectOnlyDefect(
      buildAuthorization({ signature: null }),
      'signature-missing',
      '45 CFR 164.508(c)(1)(vi)',
    );
    const blankName = buildAuthorization({ signature: { ...valid.signature!, signedName: '' } });
    expectOnlyDefect(blankName, 'signature-missing', '45 CFR 164.508(c)(1)(vi)');
  });

  it('(c)(1)(vi) signature date: an undated signature is refused — 45 CFR 164.508(c)(1)(vi)', () => {
    expectOnlyDefect(
      buildAuthorization({ signature: { ...valid.signature!, signedAt: '' } }),
      'signature-date-missing',
      '45 CFR 164.508(c)(1)(vi)',
    );
  });
});

describe('required statements, 45 CFR 164.508(c)(2) — (b)(2)(ii) not filled out completely', () => {
  it('(c)(2)(i) right to revoke: no statement of the right to revoke in writing is refused — 45 CFR 164.508(c)(2)(i)', () => {
    expectOnlyDefect(
      statements({ rightToRevoke: '' }),
      'revocation-right-missing',
      '45 CFR 164.508(c)(2)(i)',
    );
  });

  it('(c)(2)(i) how to revoke: neither the procedure nor a Notice of Privacy Practices reference is refused — 45 CFR 164.508(c)(2)(i)(A)-(B)', () => {
    expectOnlyDefect(
      statements({ revocationProcedure: null }),
      'revocation-procedure-missing',
      '45 CFR 164.508(c)(2)(i)(A)-(B)',
    );
  });

  it('(c)(2)(i)(A) how to revoke: exceptions without the procedure, or the procedure without exceptions, is refused — 45 CFR 164.508(c)(2)(i)(A)', () => {
    const noHow = statements({
      revocationProcedure: { kind: 'described', howToRevoke: '', exceptions: 'Past posts stay.' },
    });
    expectOnlyDefect(noHow, 'revocation-procedure-missing', '45 CFR 164.508(c)(2)(i)(A)');
    const noExceptions = statements({
      revocationProcedure: { kind: 'described', howToRevoke: 'Write to us.', exceptions: '' },
    });
    expectOnlyDefect(noExceptions, 'revocation-procedure-missing', '45 CFR 164.508(c)(2)(i)(A)');
    expect(validateAuthorization(noExceptions, options).defects[0]?.element).toBe(
      'statements.revocationProcedure.exceptions',
    );
    const neither = statements({
      revocationProcedure: { kind: 'described', howToRevoke: '', exceptions: '' },
    });
    expect(validateAuthorization(neither, options).defects.map((d) => d.element)).toEqual([
      'statements.revocationProcedure.howToRevoke',
      'statements.revocationProcedure.exceptions',
    ]);
  });

  it('(c)(2)(i)(B) how to revoke: a Notice of Privacy Practices reference suffices, an empty one does not — 45 CFR 164.508(c)(2)(i)(B)', () => {
    const npp = statements({
      revocationProcedure: {
        kind: 'notice-of-privacy-practices',
        reference: 'See our Notice of Privacy Practices, section 4.',
      },
    });
    expect(validateAuthorization(npp, options).valid).toBe(true);
    const empty = statements({
      revocationProcedure: { kind: 'notice-of-privacy-practices', reference: '' },
    });
    expectOnlyDefect(empty, 'revocation-procedure-missing', '45 CFR 164.508(c)(2)(i)(B)');
  });

  it('(c)(2)(ii) conditioning: no statement that treatment does not depend on signing is refused — 45 CFR 164.508(c)(2)(ii)', () => {
    expectOnlyDefect(
      statements({ conditioning: '' }),
      'conditioning-statement-missing',
      '45 CFR 164.508(c)(2)(ii)',
    );
  });

  it('(c)(2)(iii) redisclosure: no warning that recipients may redisclose is refused — 45 CFR 164.508(c)(2)(iii)', () => {
    expectOnlyDefect(
      statements({ redisclosure: '' }),
      'redisclosure-statement-missing',
      '45 CFR 164.508(c)(2)(iii)',
    );
  });

  it('reports every missing element at once, each by name', () => {
    const empty = buildAuthorization({
      information: { contentTypes: [], description: '' },
      disclosers: { practiceName: '', persons: [] },
      recipients: { channels: [], description: '' },
      purpose: { description: '', atRequestOfIndividual: false },
      expiry: null,
      signature: null,
      statements: {
        rightToRevoke: '',
        revocationProcedure: null,
        conditioning: '',
        redisclosure: '',
      },
    });
    expect(validateAuthorization(empty, options).defects.map((d) => d.citation)).toEqual([
      '45 CFR 164.508(c)(1)(i)',
      '45 CFR 164.508(c)(1)(ii)',
      '45 CFR 164.508(c)(1)(iii)',
      '45 CFR 164.508(c)(1)(iv)',
      '45 CFR 164.508(c)(1)(v)',
      '45 CFR 164.508(c)(1)(vi)',
      '45 CFR 164.508(c)(2)(i)',
      '45 CFR 164.508(c)(2)(i)(A)-(B)',
      '45 CFR 164.508(c)(2)(ii)',
      '45 CFR 164.508(c)(2)(iii)',
    ]);
  });
});
