import type { CheckDocument } from '../engine/document.js';
import { wordsBefore } from '../engine/nearby-words.js';
import type { Severity } from '../types.js';

/** Words that tie a nearby date to a person's care or life (birth, admission, visit, surgery, death). */
export const DATE_TIE_WORDS = new Set([
  'born',
  'dob',
  'birth',
  'birthday',
  'bday',
  'birthdate',
  'admitted',
  'admission',
  'discharged',
  'discharge',
  'died',
  'death',
  'passed',
  'surgery',
  'operation',
  'procedure',
  'visit',
  'visited',
  'appointment',
  'appt',
  'seen',
  'treated',
  'delivered',
  'diagnosed',
  'came',
  'nacimiento',
  'nació',
  'nacio',
  'cita',
  'cirugía',
  'cirugia',
  'visita',
  'murió',
  'fallecio',
  'falleció',
  'ingresó',
  'consulta',
]);

const PRACTICE_EVENT_WORDS = new Set([
  'clinic',
  'event',
  'open',
  'house',
  'closed',
  'holiday',
  'hours',
  'drive',
  'fair',
  'webinar',
  'seminar',
  'workshop',
  'class',
  'join',
  'starting',
  'starts',
  'begins',
  'through',
  'until',
  'sale',
  'special',
]);

/**
 * Severity of a date: tied to a person (cue words right before it, or a patient in the sentence) blocks;
 * a bare event date in a post is only noted.
 */
export function dateSeverity(doc: CheckDocument, start: number): Severity {
  if (doc.kind === 'inbound') return 'info';
  const before = wordsBefore(doc, start, 5);
  if (before.some((w) => DATE_TIE_WORDS.has(w))) return 'block';
  if (
    doc.kind !== 'reply' &&
    before.some((w) => PRACTICE_EVENT_WORDS.has(w)) &&
    !doc.personCue(doc.sentenceAt(start))
  )
    return 'info';
  return doc.severityFor('incidental', start);
}

export const DATE_MESSAGE =
  'A date tied to a person (birth, visit, surgery, admission) is PHI; only the year may be shared.';
export const EVENT_DATE_MESSAGE =
  'A date. Fine for a practice event; not if it is when a patient was born, seen or treated.';
