import { describe, expect, it } from 'vitest';
import { check, flagged, texts } from '../test-support/check.js';

describe('structured identifiers', () => {
  it.each([
    ['SSN 123-45-6789 on file', 'ssn', '123-45-6789'],
    ['her social security number is 078 05 1120', 'ssn', '078 05 1120'],
    ['MRN: 00123456', 'medical_record_number', '00123456'],
    ['medical record number 8812-3341', 'medical_record_number', '8812-3341'],
    ['Member ID XJH123456789', 'health_plan_number', 'XJH123456789'],
    ['policy number: AB-778812', 'health_plan_number', 'AB-778812'],
    ['account # 99812377', 'account_number', '99812377'],
    ['card 4111 1111 1111 1111 was declined', 'account_number', '4111 1111 1111 1111'],
    ['IBAN GB82WEST12345698765432', 'account_number', 'GB82WEST12345698765432'],
    ["driver's license D1234567", 'license_number', 'D1234567'],
    ['VIN 1HGCM82633A004352', 'vehicle_identifier', '1HGCM82633A004352'],
    ['his car 1HGCM82633A004352 was towed', 'vehicle_identifier', '1HGCM82633A004352'],
    ['license plate 7ABC123', 'vehicle_identifier', '7ABC123'],
    ['pacemaker serial number PM-44810023', 'device_identifier', 'PM-44810023'],
    ['patient email maria.g@gmail.com', 'email', 'maria.g@gmail.com'],
    ['call her at 312-555-0188', 'phone', '312-555-0188'],
    ['reach him on (415) 555-2671 x204', 'phone', '(415) 555-2671 x204'],
    ['mobile +44 20 7946 0958', 'phone', '+44 20 7946 0958'],
    ['fax 312.555.0199', 'fax', '312.555.0199'],
    ['logged in from 192.168.10.4', 'ip_address', '192.168.10.4'],
    ['address 2001:db8::8a2e:370:7334', 'ip_address', '2001:db8::8a2e:370:7334'],
    ['see facebook.com/maria.gonzalez.552', 'url', 'facebook.com/maria.gonzalez.552'],
    [
      'https://portal.example.com/view?patient=8812&dob=1951-03-14',
      'url',
      'https://portal.example.com/view?patient=8812&dob=1951-03-14',
    ],
    ['case ID 88120033', 'other_identifier', '88120033'],
    ['fingerprint scan on file', 'biometric', 'fingerprint scan'],
  ])('finds %s', (text, category, value) => {
    expect(texts(text, category)).toContain(value);
    expect(check(text).verdict).not.toBe('pass');
  });

  it('blocks SSNs, MRNs and patient phones in posts', () => {
    expect(check('SSN 123-45-6789').verdict).toBe('block');
    expect(check('MRN 00123456').verdict).toBe('block');
    expect(check('Call Maria at 312-555-0188').verdict).toBe('block');
  });

  it('rejects SSN-shaped numbers with impossible areas when unlabelled', () => {
    expect(texts('ticket 666-12-3456', 'ssn')).toEqual([]);
    expect(texts('order 900-12-3456 shipped', 'ssn')).toEqual([]);
  });

  it('ignores Luhn-invalid card-like numbers', () => {
    expect(texts('4111 1111 1111 1112', 'account_number')).toEqual([]);
  });

  it('does not read an NPI as a phone', () => {
    expect(flagged('Dr. Lee, NPI 1234567893')).toEqual([]);
  });

  it('leaves the practice phone, fax, e-mail, website and handle alone', () => {
    const r = check(
      'Call (217) 555-0100, fax 217-555-0101, email hello@maplegrovedental.com, visit https://www.maplegrovedental.com/new-patients or follow @maplegrovedental',
    );
    expect(r.verdict).toBe('pass');
  });

  it('treats toll-free numbers as notes only', () => {
    expect(check('Crisis line: 1-800-273-8255').verdict).toBe('pass');
  });

  it('reports a plain link as info', () => {
    const r = check('Read more at https://www.cdc.gov/flu/prevent');
    expect(r.verdict).toBe('pass');
    expect(r.findings[0]?.category).toBe('url');
  });

  it('flags a tagged account in a post', () => {
    expect(texts('So proud of @maria_k92 today!', 'name')).toEqual(['@maria_k92']);
  });

  it('does not flag dates and times as phones', () => {
    expect(texts('Open 9-5 on 10/03/2024', 'phone')).toEqual([]);
  });

  it('leaves short codes and units alone', () => {
    expect(flagged('Take 500mg vitamin B12 and H1N1 shots at 10am on the 3rd')).toEqual([]);
  });
});
