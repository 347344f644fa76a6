/** Inputs built to trigger super-linear regular expressions: long runs that almost match. */
export const ADVERSARIAL_PATTERNS = [
  'digits',
  'a-at',
  'dots',
  'one-dash',
  'capitalised',
  'mixed',
] as const;
export type AdversarialPattern = (typeof ADVERSARIAL_PATTERNS)[number];

export const ADVERSARIAL_SIZES = [10_000, 100_000, 1_000_000] as const;

const CAPITALISED = [
  'Alder',
  'Birch',
  'Cedar',
  'Dogwood',
  'Elm',
  'Fir',
  'Ginkgo',
  'Hazel',
  'Ironwood',
  'Juniper',
  'Kapok',
  'Larch',
];
const MIXED_CHUNKS = [
  'a@',
  '1-',
  '....',
  '0123456789',
  'Mr. Ash ',
  'x@y.',
  '12/31/',
  '(555) ',
  'http://',
  '#',
  ' ',
  'Dr',
  '-',
  '.com',
  'Oak St ',
];

/** Exactly `size` UTF-16 code units of the pattern (deterministic). */
export function adversarialInput(pattern: AdversarialPattern, size: number): string {
  let unit: string;
  switch (pattern) {
    case 'digits':
      unit = '1234567890';
      break;
    case 'a-at':
      unit = 'a@';
      break;
    case 'dots':
      unit = '.';
      break;
    case 'one-dash':
      unit = '1-';
      break;
    case 'capitalised':
      unit = CAPITALISED.join(' ') + ' ';
      break;
    case 'mixed': {
      let seed = 7;
      const parts: string[] = [];
      let length = 0;
      while (length < size) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        const chunk = MIXED_CHUNKS[seed % MIXED_CHUNKS.length] ?? ' ';
        parts.push(chunk);
        length += chunk.length;
      }
      return parts.join('').slice(0, size);
    }
  }
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}
