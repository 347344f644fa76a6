import { isTimeZone } from '../orgs/schemas.js';
import { parseAuthorization } from './authorization-schema.js';
import { isValidDate } from './calendar-date.js';
import { defect, type AuthorizationDefect } from './defects.js';
import { findElementDefects } from './find-element-defects.js';
import { findValidityDefects } from './find-validity-defects.js';

export interface ValidateAuthorizationOptions {
  /** The moment of the check; the caller's clock, never read here. */
  now: Date;
  /** The practice's IANA time zone (e.g. America/Chicago): expiry dates are calendar dates there. */
  timeZone: string;
  /** Check a form before it is sent for signature: the signature element is not expected yet. */
  beforeSigning?: boolean;
}

export interface AuthorizationValidation {
  valid: boolean;
  defects: AuthorizationDefect[];
}

/**
 * Decides whether an authorization is valid under 45 CFR 164.508(b)(1)–(2), naming every defect:
 *
 * - (b)(2)(i) the expiration date has passed or the expiration event is known to have occurred;
 * - (b)(2)(ii) not filled out completely: each core element of (c)(1), each statement of (c)(2),
 *   and the remuneration statement that (a)(3)(ii) requires when a third party pays for marketing;
 * - (b)(2)(iii) known to have been revoked;
 * - (b)(2)(iv) a compound authorization (b)(3), or conditioning treatment on signing (b)(4);
 * - (b)(2)(v) material information known to be false;
 * - and a signature dated in the future, or by a representative without a description of authority.
 *
 * Out of scope: whether the wording is plain language (164.508(c)(3)) is for a person to judge;
 * giving the patient a copy (c)(4) and retention (b)(6) are obligations of the signing and storage
 * steps, not properties of the form; sale of PHI (a)(4) is not something Bedside supports.
 *
 * Takes unknown input and never throws: schema problems come back as `invalid-input` defects.
 *
 * @example
 * const { valid, defects } = validateAuthorization(row, { now: clock.now(), timeZone: org.timeZone });
 */
export function validateAuthorization(
  input: unknown,
  options: ValidateAuthorizationOptions,
): AuthorizationValidation {
  const optionDefects = checkOptions(options);
  const parsed = parseAuthorization(input);
  if (!parsed.ok || optionDefects.length > 0) {
    return { valid: false, defects: [...optionDefects, ...(parsed.ok ? [] : parsed.defects)] };
  }
  const defects = [
    ...findElementDefects(parsed.record, { beforeSigning: options.beforeSigning === true }),
    ...findValidityDefects(parsed.record, options),
  ];
  return { valid: defects.length === 0, defects };
}

function checkOptions(options: ValidateAuthorizationOptions): AuthorizationDefect[] {
  const defects: AuthorizationDefect[] = [];
  if (!isValidDate(options.now)) {
    defects.push(
      defect('invalid-input', {
        element: 'now',
        message: 'The time of the check is not a valid date.',
      }),
    );
  }
  if (typeof options.timeZone !== 'string' || !isTimeZone(options.timeZone)) {
    defects.push(
      defect('invalid-input', {
        element: 'timeZone',
        citation: '45 CFR 164.508(b)(2)(i)',
        message:
          "The practice's time zone is not a recognised IANA name, so expiry dates cannot be read.",
      }),
    );
  }
  return defects;
}
