import type { CheckDocument } from '../engine/document.js';
import { PhraseMatcher } from '../text/phrase-matcher.js';

let matcher: PhraseMatcher<true> | undefined;

const PHRASES: ReadonlyArray<readonly [string, true]> = [
  [
    '(fingerprint|fingerprints|voiceprint|voiceprints|retina|retinal|iris|palm|facial|face|gait|dna|genetic|genome|huella|huellas)' +
      ' (scan|scans|print|prints|id|template|data|profile|sample|recognition|sequence|test|results|digital|digitales)',
    true,
  ],
  ['(fingerprint|fingerprints|voiceprint|voiceprints)', true],
];

/** Biometric identifiers (Safe Harbor (P)): fingerprints, voiceprints, retina/iris scans, face templates, DNA profiles. */
export function detectBiometrics(doc: CheckDocument): void {
  if (doc.kind === 'inbound') return;
  matcher ??= new PhraseMatcher(PHRASES);
  for (const m of matcher.matchAll(doc.tokens)) {
    const a = doc.tokens[m.first];
    const b = doc.tokens[m.last];
    if (!a || !b) continue;
    doc.add(
      {
        rule: 'phi.biometric',
        category: 'biometric',
        start: a.start,
        end: b.end,
        severity: doc.personCue(a.sentence) ? 'block' : 'warn',
        message:
          'Biometric data (fingerprints, voiceprints, face or eye scans, DNA) identifies a person; never share a patient’s.',
      },
      50,
    );
  }
}
