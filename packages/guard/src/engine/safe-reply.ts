import type { Fix } from '../types.js';
import type { PracticeModel } from '../context/practice.js';
import type { Token } from '../text/tokenize.js';

/** True when tokenized text reads as Spanish (share of very common Spanish function words in the first 400 words). */
export function looksSpanishTokens(tokens: readonly Token[]): boolean {
  let words = 0;
  let es = 0;
  for (const t of tokens) {
    if (t.kind !== 'word') continue;
    if (++words > 400) break;
    if (SPANISH.has(t.norm)) es++;
  }
  return words > 0 && es / words > 0.15;
}

const SPANISH = new Set([
  'el',
  'la',
  'los',
  'las',
  'que',
  'de',
  'por',
  'para',
  'su',
  'sus',
  'usted',
  'nuestro',
  'nuestra',
  'gracias',
  'con',
  'una',
  'muy',
  'es',
  'fue',
  'cita',
  'pero',
  'lo',
  'le',
  'del',
  'estamos',
  'nos',
  'sentimos',
]);

/**
 * A reply that confirms nothing about anyone: thanks, a general statement, and an offline contact (HIPAA.md §4.3, §4.4 rule 7).
 * Uses the practice's own phone when the context has one.
 */
export function safeReplyFix(practice: PracticeModel, spanish: boolean): Fix {
  const phone = practice.contactPhone;
  const replacement = spanish
    ? `Gracias por sus comentarios. Tomamos en serio todas las inquietudes y, por las leyes de privacidad, no podemos hablar de ninguna situación en línea. Por favor llame a nuestra oficina${phone ? ` al ${phone}` : ''} para que podamos ayudarle.`
    : `Thank you for your feedback. We take every concern seriously, and privacy laws keep us from discussing anyone’s care online. Please call our office${phone ? ` at ${phone}` : ''} so we can help.`;
  return {
    kind: 'replace-text',
    replacement,
    description:
      'Reply without confirming the reviewer is a patient: thank them, speak generally, and take it offline.',
  };
}
