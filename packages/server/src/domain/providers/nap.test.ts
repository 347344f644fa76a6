import { describe, expect, it } from 'vitest';
import { napMismatches, normalizeAddress, normalizePhone } from './nap.js';

const master = {
  names: ['Riverbend Family Health', 'Riverbend Family Health — Portland'],
  address: '1200 NW Everett St, Suite 300, Portland, OR 97209',
  phone: '(503) 555-0142',
};

describe('NAP comparison', () => {
  it('ignores case, punctuation, USPS abbreviations, ZIP+4 and phone formatting', () => {
    expect(normalizeAddress('1200 Northwest Everett Street #300, Portland OR 97209-1234')).toBe(
      normalizeAddress(master.address),
    );
    expect(normalizePhone('+1 503.555.0142')).toBe(normalizePhone('(503) 555-0142'));
    expect(
      napMismatches(
        {
          name: 'RIVERBEND FAMILY HEALTH',
          address: '1200 NW Everett St Ste 300 Portland, OR 97209',
          phone: '503-555-0142',
        },
        master,
      ),
    ).toEqual([]);
  });

  it('reports each field that really differs, with both values', () => {
    const found = napMismatches(
      {
        name: 'Riverbend Health',
        address: '1210 NW Everett St, Suite 300, Portland, OR 97209',
        phone: '(503) 555-0199',
      },
      master,
    );
    expect(found).toEqual([
      { field: 'name', listed: 'Riverbend Health', master: 'Riverbend Family Health' },
      {
        field: 'address',
        listed: '1210 NW Everett St, Suite 300, Portland, OR 97209',
        master: master.address,
      },
      { field: 'phone', listed: '(503) 555-0199', master: '(503) 555-0142' },
    ]);
  });
});
