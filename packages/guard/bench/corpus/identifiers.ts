/**
 * Fake identifier values in the formats patients and practices actually write them. Numbers
 * are random; where a real check exists (Luhn, VIN check digit, SSN ranges) the value passes it.
 */
import {
  MONTHS,
  MONTHS_ES,
  STREET_NAMES,
  STREET_SUFFIXES,
  WEEKDAYS,
  WEEKDAYS_ES,
} from './pools.js';
import type { Rng } from './rng.js';

const AREA_CODES = [
  '205',
  '214',
  '224',
  '239',
  '248',
  '262',
  '267',
  '281',
  '303',
  '309',
  '312',
  '317',
  '330',
  '346',
  '385',
  '405',
  '412',
  '415',
  '425',
  '469',
  '480',
  '502',
  '503',
  '512',
  '520',
  '541',
  '571',
  '602',
  '608',
  '614',
  '616',
  '626',
  '651',
  '702',
  '704',
  '713',
  '720',
  '737',
  '754',
  '763',
  '786',
  '801',
  '813',
  '832',
  '847',
  '860',
  '904',
  '916',
  '919',
  '952',
  '971',
];

/** A US phone number in one of the common written formats. */
export function phone(rng: Rng): string {
  const area = rng.pick(AREA_CODES);
  const exchange = `${rng.int(2, 9)}${rng.digits(2)}`.replace(/^555$/, '556');
  const line = rng.digits(4);
  switch (rng.int(0, 6)) {
    case 0:
      return `(${area}) ${exchange}-${line}`;
    case 1:
      return `${area}-${exchange}-${line}`;
    case 2:
      return `${area}.${exchange}.${line}`;
    case 3:
      return `+1 ${area} ${exchange} ${line}`;
    case 4:
      return `${area} ${exchange} ${line}`;
    case 5:
      return `1-${area}-${exchange}-${line}`;
    default:
      return `(${area})${exchange}-${line}`;
  }
}

export function ssn(rng: Rng): string {
  let area = rng.int(1, 899);
  if (area === 666) area = 667;
  const parts = [
    String(area).padStart(3, '0'),
    String(rng.int(1, 99)).padStart(2, '0'),
    String(rng.int(1, 9999)).padStart(4, '0'),
  ];
  return rng.chance(0.8) ? parts.join('-') : rng.chance(0.5) ? parts.join(' ') : parts.join('');
}

export function mrn(rng: Rng): string {
  switch (rng.int(0, 3)) {
    case 0:
      return rng.digits(8);
    case 1:
      return `${rng.letters(1)}${rng.digits(7)}`;
    case 2:
      return `${rng.digits(2)}-${rng.digits(5)}`;
    default:
      return `MR${rng.digits(6)}`;
  }
}

export function memberId(rng: Rng): string {
  switch (rng.int(0, 3)) {
    case 0:
      return `${rng.letters(3)}${rng.digits(9)}`;
    case 1:
      return `W${rng.digits(4)} ${rng.digits(4)}`;
    case 2:
      return `${rng.digits(8)}${rng.letters(1)}`;
    default:
      return `${rng.letters(1)}${rng.digits(2)}-${rng.digits(6)}-${rng.digits(2)}`;
  }
}

export function accountNumber(rng: Rng): string {
  return rng.chance(0.5) ? `${rng.digits(4)}-${rng.digits(5)}` : rng.digits(rng.int(7, 10));
}

/** A 16-digit card number that passes the Luhn check. */
export function cardNumber(rng: Rng): string {
  const digits = [4, ...Array.from({ length: 14 }, () => rng.int(0, 9))];
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    let d = digits[14 - i] ?? 0;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  digits.push((10 - (sum % 10)) % 10);
  const s = digits.join('');
  return rng.chance(0.5) ? s.replace(/(\d{4})(?=\d)/g, '$1 ') : s;
}

export function driverLicense(rng: Rng): string {
  switch (rng.int(0, 2)) {
    case 0:
      return `${rng.letters(1)}${rng.digits(7)}`;
    case 1:
      return `${rng.letters(1)}${rng.digits(3)}-${rng.digits(4)}-${rng.digits(4)}`;
    default:
      return rng.digits(9);
  }
}

export function licensePlate(rng: Rng): string {
  return rng.chance(0.5)
    ? `${rng.int(1, 9)}${rng.letters(3)}${rng.digits(3)}`
    : `${rng.letters(3)}-${rng.digits(4)}`;
}

const VIN_VALUES: Record<string, number> = {
  A: 1,
  B: 2,
  C: 3,
  D: 4,
  E: 5,
  F: 6,
  G: 7,
  H: 8,
  J: 1,
  K: 2,
  L: 3,
  M: 4,
  N: 5,
  P: 7,
  R: 9,
  S: 2,
  T: 3,
  U: 4,
  V: 5,
  W: 6,
  X: 7,
  Y: 8,
  Z: 9,
};
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

/** A 17-character VIN with a valid check digit (position 9). */
export function vin(rng: Rng): string {
  const alphabet = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
  const chars = Array.from({ length: 17 }, () => alphabet[rng.int(0, alphabet.length - 1)] ?? '0');
  chars[8] = '0';
  const sum = chars.reduce(
    (acc, c, i) => acc + (/\d/.test(c) ? Number(c) : (VIN_VALUES[c] ?? 0)) * (VIN_WEIGHTS[i] ?? 0),
    0,
  );
  const check = sum % 11;
  chars[8] = check === 10 ? 'X' : String(check);
  return chars.join('');
}

export function deviceSerial(rng: Rng): string {
  switch (rng.int(0, 2)) {
    case 0:
      return `${rng.letters(2)}${rng.digits(7)}`;
    case 1:
      return `${rng.letters(2)}-${rng.digits(4)}-${rng.digits(3)}`;
    default:
      return `${rng.digits(1)}${rng.letters(1)}${rng.digits(1)}${rng.letters(1)}${rng.digits(1)}${rng.letters(1)}${rng.digits(4)}`;
  }
}

export function ipAddress(rng: Rng): string {
  return `${rng.int(11, 223)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
}

export function streetAddress(rng: Rng): string {
  const unit = rng.chance(0.2) ? `, Apt ${rng.int(1, 40)}${rng.letters(1, 'ABCD')}` : '';
  return `${rng.int(12, 9899)} ${rng.pick(STREET_NAMES)} ${rng.pick(STREET_SUFFIXES)}${unit}`;
}

/** A date of service or event in a written style; year between 2021 and 2025. */
export function writtenDate(rng: Rng): string {
  const month = rng.int(1, 12);
  const day = rng.int(1, 28);
  const year = rng.int(2021, 2025);
  const name = MONTHS[month - 1] ?? 'March';
  switch (rng.int(0, 6)) {
    case 0:
      return `${name} ${day}`;
    case 1:
      return `${month}/${day}/${year}`;
    case 2:
      return `${name} ${day}, ${year}`;
    case 3:
      return `${String(month).padStart(2, '0')}/${String(day).padStart(2, '0')}`;
    case 4:
      return `${rng.pick(WEEKDAYS)}, ${name} ${day}`;
    case 5:
      return `${name.slice(0, 3)} ${day}`;
    default:
      return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  }
}

export function writtenDateEs(rng: Rng): string {
  const day = rng.int(1, 28);
  const month = rng.pick(MONTHS_ES);
  return rng.chance(0.5) ? `${day} de ${month}` : `${rng.pick(WEEKDAYS_ES)} ${day} de ${month}`;
}

export function birthDate(rng: Rng): string {
  const month = rng.int(1, 12);
  const day = rng.int(1, 28);
  const year = rng.int(1928, 2012);
  return rng.chance(0.6)
    ? `${String(month).padStart(2, '0')}/${String(day).padStart(2, '0')}/${year}`
    : `${MONTHS[month - 1]} ${day}, ${year}`;
}

export function relativeDate(rng: Rng): string {
  return rng.chance(0.25)
    ? 'yesterday'
    : `${rng.pick(['last', 'this past'])} ${rng.pick(WEEKDAYS)}`;
}

export function relativeDateEs(rng: Rng): string {
  return rng.chance(0.3) ? 'ayer' : `el ${rng.pick(WEEKDAYS_ES)} pasado`;
}

export function ordinal(n: number): string {
  const rem = n % 100;
  if (rem >= 11 && rem <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}
