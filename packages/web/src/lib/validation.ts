/** Small validators for forms: each returns a message for a person, or undefined when fine. */
export type Validator = (value: string) => string | undefined;

export const MIN_PASSWORD_LENGTH = 12;

export const required =
  (what: string): Validator =>
  (value) =>
    value.trim() ? undefined : `Enter ${what}.`;

export const email: Validator = (value) => {
  if (!value.trim()) return 'Enter an email address.';
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim())
    ? undefined
    : 'Enter an email address like name@practice.com.';
};

export const password: Validator = (value) => {
  if (!value) return 'Enter a password.';
  return value.length >= MIN_PASSWORD_LENGTH
    ? undefined
    : `Use at least ${MIN_PASSWORD_LENGTH} characters (${value.length} so far).`;
};

export const usState: Validator = (value) =>
  /^[A-Za-z]{2}$/.test(value.trim()) ? undefined : 'Enter the two-letter state code, like NY.';

export const zip: Validator = (value) =>
  /^\d{5}(-\d{4})?$/.test(value.trim()) ? undefined : 'Enter a 5-digit ZIP code, like 10001.';

export const phone = (what: string, optional = false): Validator => {
  return (value) => {
    if (!value.trim()) return optional ? undefined : `Enter ${what}.`;
    const digits = value.replace(/\D/g, '');
    return digits.length >= 10 && digits.length <= 15
      ? undefined
      : `Enter ${what} with area code, like (212) 555-0100.`;
  };
};

export const totpCode: Validator = (value) =>
  /^\d{6}$/.test(value.trim()) ? undefined : 'Enter the 6-digit code from your authenticator app.';

/** Runs every validator and returns only the fields that failed. */
export function validate<T extends Record<string, string>>(
  values: T,
  rules: Partial<Record<keyof T, Validator>>,
): Partial<Record<keyof T, string>> {
  const errors: Partial<Record<keyof T, string>> = {};
  for (const key of Object.keys(rules) as (keyof T)[]) {
    const message = rules[key]?.(values[key] ?? '');
    if (message) errors[key] = message;
  }
  return errors;
}
