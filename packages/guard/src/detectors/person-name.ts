import type { CheckDocument } from '../engine/document.js';
import type { Severity } from '../types.js';
import { CLINICIAN_TITLES, GREETING_CUES, HONORIFICS } from '../data/vocab/name-cues.js';
import { classifyNameToken, type NameClass } from './name-tokens.js';

const MAX_RUN = 5;
/** "So proud of Xavier", "shout out to Maria", "congrats to Sam". */
const PRAISE = new Set([
  'proud',
  'out',
  'congrats',
  'congratulations',
  'thanks',
  'kudos',
  'cheers',
  'felicidades',
  'gracias',
]);
/** Words right after a capitalised run that make it an organisation or a place, not a person. */
const ORG_WORDS = new Set([
  'inc',
  'llc',
  'corp',
  'corporation',
  'company',
  'co',
  'group',
  'dental',
  'dentistry',
  'clinic',
  'hospital',
  'medical',
  'health',
  'university',
  'college',
  'school',
  'bank',
  'foundation',
  'center',
  'centre',
  'insurance',
  'systems',
  'software',
  'associates',
  'partners',
  'orchestra',
  'street',
  'avenue',
  'road',
  'county',
  'park',
  'lake',
  'river',
  'institute',
  'labs',
  'pharmacy',
  'church',
  'hall',
  'library',
  'museum',
  'airport',
  'station',
  'mall',
  'club',
]);
const LOCATIVES = new Set(['in', 'from', 'near', 'en', 'desde']);
/** Lowercase particles inside names: "Willemine ten Pas", "Ludwig van Beethoven", "Maria de la Cruz". */
const PARTICLES = new Set([
  'van',
  'von',
  'der',
  'den',
  'ten',
  'de',
  'del',
  'della',
  'la',
  'le',
  'da',
  'di',
  'du',
  'dos',
  'das',
  'bin',
  'ibn',
  'al',
  'el',
  'y',
]);
const NAME_PHRASES = [
  ['name', 'is'],
  ['named'],
  ['called'],
  ['me', 'llamo'],
  ['soy'],
  ['i', 'am'],
  ['i’m'],
  ["i'm"],
  ['im'],
  ['this', 'is'],
];

interface Run {
  first: number;
  last: number;
  classes: NameClass[];
}

/**
 * The name model: capitalised runs scored by gazetteers (given names, surnames), shape (unknown capitalised words,
 * initials) and context (honorifics, greetings, "our patient", "Dr."). The practice's own providers and staff are skipped.
 */
export function detectPersonNames(doc: CheckDocument): void {
  const t = doc.tokens;
  const style = textStyle(doc);
  for (let i = 0; i < t.length; i++) {
    const c = classifyNameToken(doc, i);
    if (c === 'no' || c === 'initial') continue;
    const run = collectRun(doc, i, c);
    judge(doc, run, style);
    i = run.last;
  }
}

/** Title Case or ALL-CAPS text capitalises ordinary words; all-lowercase text does not capitalise names. */
interface TextStyle {
  titleCase: boolean;
  lowercase: boolean;
  /** Spanish text capitalises many words our English lists do not know ("Acompáñenos"). */
  spanish: boolean;
}

function textStyle(doc: CheckDocument): TextStyle {
  let mid = 0;
  let midCaps = 0;
  let caps = 0;
  for (const x of doc.tokens) {
    if (x.kind !== 'word') continue;
    if (x.cap) caps++;
    if (x.sentenceStart || x.text.length < 4) continue;
    mid++;
    if (x.cap) midCaps++;
  }
  return {
    titleCase: mid >= 4 && midCaps / mid > 0.6,
    lowercase: caps === 0,
    spanish: doc.spanish,
  };
}

function collectRun(doc: CheckDocument, i: number, c: NameClass): Run {
  const run: Run = { first: i, last: i, classes: [c] };
  let k = i;
  while (run.classes.length < MAX_RUN) {
    let n = k + 1;
    if (doc.tokens[n]?.text === '.' && run.classes[run.classes.length - 1] === 'initial') n++;
    const space = doc.tokens[n];
    if (!space || space.kind !== 'space' || space.newline || space.text.length > 2) break;
    let cls = classifyNameToken(doc, n + 1);
    const word = doc.tokens[n + 1];
    if (
      cls === 'no' &&
      word &&
      c !== 'lower' &&
      PARTICLES.has(word.text) &&
      run.classes.length < MAX_RUN - 1
    ) {
      // A particle joins only when a capitalised word follows it: that word is the family name ("ten Pas").
      const sp = doc.tokens[n + 2];
      const after = doc.tokens[n + 3];
      if (
        sp?.kind === 'space' &&
        !sp.newline &&
        after?.kind === 'word' &&
        after.cap &&
        !doc.isClaimed(n + 3)
      ) {
        run.classes.push('initial', 'surname');
        k = n + 3;
        run.last = k;
        continue;
      }
    }
    if (cls === 'no' && c === 'lower' && word && isLowercaseUnknown(doc, word.norm, word.text))
      cls = 'lower';
    if (cls === 'no' || (cls === 'lower') !== (c === 'lower')) break;
    k = n + 1;
    run.classes.push(cls);
    if (cls !== 'initial') run.last = k;
  }
  return run;
}

function previousWords(doc: CheckDocument, index: number, count: number): string[] {
  const out: string[] = [];
  for (let k = index - 1; k >= 0 && out.length < count && k > index - 12; k--) {
    const x = doc.tokens[k];
    if (!x) break;
    if (x.kind === 'space') {
      if (x.newline) break;
      continue;
    }
    if (x.kind === 'punct') {
      if (
        x.text === ',' ||
        (x.text === '.' &&
          out.length === 0 &&
          /^(mr|mrs|ms|dr|dra|sr|sra|srta|mx|prof)$/.test(doc.tokens[k - 1]?.norm ?? ''))
      )
        continue;
      if (x.text === ':' || x.text === '"' || x.text === '“') continue;
      break;
    }
    out.push(x.norm);
  }
  return out;
}

function isLowercaseUnknown(doc: CheckDocument, norm: string, text: string): boolean {
  return (
    text === norm &&
    norm.length >= 3 &&
    /^\p{Ll}+$/u.test(norm) &&
    !doc.lex.english.has(norm) &&
    !doc.lex.usCities.has(norm)
  );
}

function judge(doc: CheckDocument, run: Run, style: TextStyle): void {
  const t = doc.tokens;
  const first = t[run.first];
  const last = t[run.last];
  if (!first || !last) return;
  const names: string[] = [];
  for (let k = run.first; k <= run.last; k++) {
    const x = t[k];
    if (x && x.kind === 'word' && x.text.length > 1) names.push(x.norm);
  }
  const practice = doc.practice;
  if (names.length > 0 && names.every((n) => practice.personTokens.has(n))) return;
  if (
    names.length > 0 &&
    names.every((n) => practice.practiceNameTokens.has(n) || practice.addressTokens.has(n))
  )
    return;
  const before = previousWords(doc, run.first, 3);
  const prev = before[0] ?? '';
  const after = nextWord(doc, run.last);
  if (ORG_WORDS.has(after)) return;
  // Classes of the run's words (initials left out), counted in one pass.
  let words = 0;
  let strong = 0;
  let unknown = 0;
  let firstClass: NameClass | undefined;
  for (const c of run.classes) {
    if (c === 'initial') continue;
    if (words === 0) firstClass = c;
    words++;
    if (c === 'given' || c === 'surname') strong++;
    else if (c === 'unknown') unknown++;
  }
  const clinician = CLINICIAN_TITLES.has(prev);
  const honorific = HONORIFICS.has(prev);
  const greeting =
    GREETING_CUES.has(prev) ||
    (prev === 'you' && before[1] === 'thank') ||
    ((prev === 'of' || prev === 'to') && PRAISE.has(before[1] ?? '')) ||
    prev === 'birthday' ||
    prev === 'bday' ||
    prev === 'cumpleaños' ||
    nameIntro(before);
  const patientWord = prev === 'patient' || prev === 'paciente';
  const cue = honorific || greeting || patientWord;
  if (!cue && !clinician && LOCATIVES.has(prev) && isPlace(doc, names.join(' '))) return;
  const midSentence = !first.sentenceStart && !afterColonOrQuote(doc, run.first);
  const capsMeanName = midSentence && !style.titleCase;
  const nextIsColon = doc.tokens[run.last + 1]?.text === ':';
  const inTitlePhrase =
    capitalisedNeighbour(doc, run.first, -1) || capitalisedNeighbour(doc, run.last, 1);
  let accept: boolean;
  if (cue || clinician) accept = true;
  else if (firstClass === 'lower')
    accept = style.lowercase && (words >= 2 || doc.lex.firstNames.has(first.norm));
  else if (words >= 2) accept = strong + unknown >= 1 || capsMeanName;
  else if (firstClass === 'ambiguous')
    accept =
      (capsMeanName && !inTitlePhrase) || (nextIsColon && doc.lex.firstNames.has(first.norm));
  else if (firstClass === 'unknown')
    accept = midSentence ? !style.titleCase || !inTitlePhrase : !style.titleCase && !style.spanish;
  else accept = true;
  if (!accept) return;
  const start = first.start;
  const end = last.end;
  const sentence = first.sentence;
  let severity: Severity;
  if (doc.kind === 'inbound') severity = 'info';
  else if (clinician) severity = 'warn';
  else if (cue || doc.personCue(sentence) || doc.kind === 'reply')
    severity = doc.kind === 'message' ? 'warn' : 'block';
  else severity = 'warn';
  // Only a confident name ties nearby dates and places to a person: a stray capitalised word should not turn an
  // event date into a patient's date.
  if (!clinician && (cue || strong >= 1)) doc.markPerson(sentence, cue);
  doc.claim(start, end);
  doc.add(
    {
      rule: 'phi.name',
      category: 'name',
      start,
      end,
      severity,
      message: clinician
        ? 'A clinician who is not on the practice’s provider list. If this person is a patient or relative, remove the name.'
        : 'A person’s name that is not one of the practice’s providers or staff. Naming a patient or relative is a HIPAA disclosure.',
      fix: {
        kind: 'redact',
        replacement: '[name]',
        description: 'Remove the name or replace it with [name].',
      },
    },
    clinician ? 35 : 45,
  );
}

/** True when the word next to the run (before if dir is -1, after if 1) is capitalised: "Community Health Fair". */
function capitalisedNeighbour(doc: CheckDocument, index: number, dir: 1 | -1): boolean {
  const sp = doc.tokens[index + dir];
  const w = doc.tokens[index + 2 * dir];
  if (!sp || sp.kind !== 'space' || sp.newline || !w || w.kind !== 'word') return false;
  return w.cap && !(dir === -1 && w.sentenceStart && w.text.length <= 3);
}

/** After "Name:" or an opening quote, a capitalised word starts a new utterance, as at a sentence start. */
function afterColonOrQuote(doc: CheckDocument, index: number): boolean {
  for (let k = index - 1; k >= 0 && k > index - 4; k--) {
    const x = doc.tokens[k];
    if (!x) return false;
    if (x.kind === 'space') continue;
    return (
      x.kind === 'punct' &&
      (x.text === ':' ||
        x.text === '"' ||
        x.text === '“' ||
        x.text === '(' ||
        x.text === '-' ||
        x.text === '—')
    );
  }
  return true;
}

function nameIntro(before: string[]): boolean {
  return NAME_PHRASES.some((p) => p.every((w, k) => before[p.length - 1 - k] === w));
}

function nextWord(doc: CheckDocument, index: number): string {
  for (let k = index + 1; k < doc.tokens.length && k < index + 4; k++) {
    const x = doc.tokens[k];
    if (!x || (x.kind === 'space' && x.newline)) return '';
    if (x.kind === 'word') return x.norm;
    if (x.kind === 'punct' && x.text !== '&') return '';
  }
  return '';
}

function isPlace(doc: CheckDocument, norm: string): boolean {
  return (
    doc.lex.usCities.has(norm) || doc.lex.worldCities.has(norm) || doc.practice.cities.has(norm)
  );
}
