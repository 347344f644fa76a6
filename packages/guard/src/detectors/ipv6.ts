import type { CheckDocument } from '../engine/document.js';
import { redactFix } from '../engine/redaction.js';

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/** IPv6 addresses: hex groups with colons (8 groups, or fewer with one `::`). Found from each run of hex-and-colon characters, bounded to 45 characters. */
export function detectIpv6(doc: CheckDocument): void {
  const text = doc.text;
  let i = text.indexOf(':');
  while (i !== -1) {
    let s = i;
    while (s > 0 && i - s < 45 && (isHex(text.charCodeAt(s - 1)) || text.charCodeAt(s - 1) === 58)) s--;
    let e = i;
    while (e < text.length && e - s < 45 && (isHex(text.charCodeAt(e)) || text.charCodeAt(e) === 58)) e++;
    const cand = text.slice(s, e);
    const prev = s > 0 ? text.charCodeAt(s - 1) : 32;
    const next = e < text.length ? text.charCodeAt(e) : 32;
    const bounded = !/[\w.]/.test(String.fromCharCode(prev)) && !/[\w]/.test(String.fromCharCode(next));
    if (bounded && validIpv6(cand)) {
      doc.claim(s, e);
      doc.add(
        {
          rule: 'phi.ip-address',
          category: 'ip_address',
          start: s,
          end: e,
          severity: doc.severityFor('identifier', s),
          message: 'An IP address can point to one household or device; it is a Safe Harbor identifier.',
          fix: redactFix('ip_address'),
        },
        80,
      );
    }
    i = text.indexOf(':', Math.max(e, i + 1));
  }
}

function validIpv6(s: string): boolean {
  if (s.length < 3 || s.length > 39) return false;
  const double = s.indexOf('::');
  if (double !== -1 && s.indexOf('::', double + 1) !== -1) return false;
  const parts = s.split(':');
  if (parts.some((p) => p.length > 4)) return false;
  const filled = parts.filter((p) => p.length > 0).length;
  if (double === -1) return parts.length === 8 && filled === 8;
  return filled >= 2 && filled < 8 && /[a-f]/i.test(s) === /[a-f]/i.test(s) && /\d/.test(s);
}
