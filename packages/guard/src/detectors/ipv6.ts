import type { CheckDocument } from '../engine/document.js';
import { redactFix } from '../engine/redaction.js';

const MAX_IPV6 = 39;

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/**
 * IPv6 addresses: hex groups with colons (8 groups, or fewer with one `::`). One linear pass over maximal runs of
 * hex digits and colons; runs longer than an address are skipped whole.
 */
export function detectIpv6(doc: CheckDocument): void {
  const text = doc.text;
  let i = text.indexOf(':');
  while (i !== -1) {
    let s = i;
    while (s > 0 && (isHex(text.charCodeAt(s - 1)) || text.charCodeAt(s - 1) === 58)) s--;
    let e = i;
    while (e < text.length && (isHex(text.charCodeAt(e)) || text.charCodeAt(e) === 58)) e++;
    const bounded =
      !(s > 0 && (isWordChar(text.charCodeAt(s - 1)) || text.charCodeAt(s - 1) === 46)) &&
      !(e < text.length && isWordChar(text.charCodeAt(e)));
    if (bounded && e - s <= MAX_IPV6 && validIpv6(text.slice(s, e))) {
      doc.claim(s, e);
      doc.add(
        {
          rule: 'phi.ip-address',
          category: 'ip_address',
          start: s,
          end: e,
          severity: doc.severityFor('identifier', s),
          message:
            'An IP address can point to one household or device; it is a Safe Harbor identifier.',
          fix: redactFix('ip_address'),
        },
        80,
      );
    }
    i = text.indexOf(':', e + 1);
  }
}

function validIpv6(s: string): boolean {
  if (s.length < 3) return false;
  const double = s.indexOf('::');
  if (double !== -1 && s.indexOf('::', double + 1) !== -1) return false;
  const parts = s.split(':');
  if (parts.some((p) => p.length > 4)) return false;
  const filled = parts.filter((p) => p.length > 0).length;
  if (double === -1) return parts.length === 8 && filled === 8;
  return filled >= 2 && filled < 8 && /\d/.test(s) && /[a-f]/i.test(s);
}
