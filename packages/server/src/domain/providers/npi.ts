/**
 * The NPI check digit (CMS, "Requirements for National Provider Identifier (NPI) and NPI Enumeration
 * Software"): the Luhn formula over the card-issuer prefix 80840 followed by the first nine digits.
 * The prefix contributes a constant 24 to the sum, so the check runs on the ten digits alone.
 */
export function npiProblem(value: string): string | null {
  if (!/^\d{10}$/.test(value)) return 'An NPI is exactly ten digits.';
  if (value[0] !== '1' && value[0] !== '2')
    return 'An NPI starts with 1 (individual) or 2 (organization).';
  const expected = npiCheckDigit(value.slice(0, 9));
  if (Number(value[9]) !== expected)
    return `The check digit does not match: an NPI starting ${value.slice(0, 9)} ends in ${expected}.`;
  return null;
}

/** The tenth digit for nine NPI digits (Luhn on "80840" + the nine digits). */
export function npiCheckDigit(nineDigits: string): number {
  let sum = 24;
  for (let i = 0; i < 9; i += 1) {
    // From the right of the full 15-digit number (prefix + 9 + check), every second digit is doubled;
    // for the nine digits that means positions 0, 2, 4, 6, 8.
    let d = Number(nineDigits[i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}
