import type { GuardContext } from '../types.js';

/** A sample practice used across the tests (synthetic). */
export const PRACTICE: GuardContext = {
  name: 'Maple Grove Dental',
  providers: [
    { name: 'Dr. Ana Lee', credentials: 'DDS' },
    { name: 'Marcus Whitfield', credentials: 'DMD' },
  ],
  staff: [{ name: 'Tom Becker' }, { name: 'Jessica Alvarez' }],
  locations: [
    {
      name: 'Maple Grove',
      address: '1200 Maple Grove Rd, Suite 200',
      city: 'Springfield',
      state: 'IL',
      zip: '62704',
      phone: '(217) 555-0100',
      fax: '217-555-0101',
    },
  ],
  mailingAddress: 'PO Box 455, Springfield, IL 62705',
  website: 'https://www.maplegrovedental.com',
  emails: ['hello@maplegrovedental.com'],
  handles: ['@maplegrovedental'],
  customRules: { block: ['free whitening'], allow: ['Smile Squad'] },
};
