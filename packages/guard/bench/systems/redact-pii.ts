/**
 * redact-pii 3.4.0, `new SyncRedactor()` with its default configuration.
 *
 * redact-pii only returns the redacted string. To recover spans we re-run the same pipeline
 * (the library's own child redactors, in its own order, with its own regular expressions) on a
 * text that remembers where every character came from; `predict` checks that the result is
 * byte-identical to `SyncRedactor.redact` and counts any document where it is not.
 */
import { createRequire } from 'node:module';
import { SyncRedactor } from 'redact-pii';
import type { BenchDoc, HipaaCategory, Prediction, PredictedSpan } from '../types.js';
import type { BenchSystem } from './system.js';
import { TrackedText } from './tracked-text.js';

const require = createRequire(import.meta.url);
const patterns = require('redact-pii/lib/built-ins/simple-regexp-patterns.js') as Record<
  string,
  RegExp
>;
const wellKnownNames = require('redact-pii/lib/built-ins/well-known-names.json') as string[];

/** redact-pii's replacement token → HIPAA category. */
const TOKEN_CATEGORY: Record<string, HipaaCategory> = {
  CREDIT_CARD_NUMBER: 'account_number',
  STREET_ADDRESS: 'geographic',
  ZIPCODE: 'geographic',
  PHONE_NUMBER: 'phone',
  IP_ADDRESS: 'ip_address',
  US_SOCIAL_SECURITY_NUMBER: 'ssn',
  EMAIL_ADDRESS: 'email',
  USERNAME: 'other_identifier',
  PASSWORD: 'other_identifier',
  CREDENTIALS: 'other_identifier',
  DIGITS: 'other_identifier',
  URL: 'url',
  PERSON_NAME: 'name',
};

/** lodash `snakeCase(name).toUpperCase()` for the built-in names (all camelCase ASCII). */
function tokenFor(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
}

// The NameRedactor's expressions, copied verbatim from redact-pii/src/built-ins/NameRedactor.ts.
const greetingRegex = /(^|\.\s+)(dear|hi|hello|greetings|hey|hey there)/gi;
const closingRegex =
  /(thx|thanks|thank you|regards|best|[a-z]+ly|[a-z]+ regards|all the best|happy [a-z]+ing|take care|have a [a-z]+ (weekend|night|day))/gi;
const greetingOrClosing = new RegExp(
  '(((' + greetingRegex.source + ')|(' + closingRegex.source + '\\s*[,.!]*))[\\s-]*)',
  'gi',
);
const genericName = new RegExp('( ?(([A-Z][a-z]+)|([A-Z]\\.)))+([,.]|[,.]?$)', 'gm');
const wellKnownNamesRegex = new RegExp(
  '\\b(\\s*)(\\s*(' + wellKnownNames.join('|') + '))+\\b',
  'gim',
);

function applyRegex(tracked: TrackedText, regex: RegExp, token: string): void {
  const matches = [...tracked.text.matchAll(new RegExp(regex.source, regex.flags))];
  tracked.replaceAll(
    matches.map((m) => ({ start: m.index, end: m.index + m[0].length })),
    token,
  );
}

function applyNames(tracked: TrackedText, token: string): void {
  greetingOrClosing.lastIndex = 0;
  genericName.lastIndex = 0;
  let greeting = greetingOrClosing.exec(tracked.text);
  while (greeting !== null) {
    genericName.lastIndex = greetingOrClosing.lastIndex;
    const name = genericName.exec(tracked.text);
    if (name !== null && name.index === greetingOrClosing.lastIndex) {
      const suffix = name[5] ?? '';
      tracked.replaceAll(
        [{ start: name.index, end: name.index + name[0].length - suffix.length }],
        token,
      );
    }
    greeting = greetingOrClosing.exec(tracked.text);
  }
  const matches = [
    ...tracked.text.matchAll(new RegExp(wellKnownNamesRegex.source, wellKnownNamesRegex.flags)),
  ];
  tracked.replaceAll(
    matches.map((m) => ({ start: m.index + (m[1] ?? '').length, end: m.index + m[0].length })),
    token,
  );
}

/** Runs redact-pii's default pipeline on `text` and returns the redacted text and where each token came from. */
export function traceRedactPii(text: string): { redacted: string; spans: PredictedSpan[] } {
  const tracked = new TrackedText(text);
  for (const [name, regex] of Object.entries(patterns)) applyRegex(tracked, regex, tokenFor(name));
  applyNames(tracked, 'PERSON_NAME');
  const spans = tracked.tokens().flatMap((t): PredictedSpan[] => {
    const category = TOKEN_CATEGORY[t.token];
    return category && t.end > t.start
      ? [{ start: t.start, end: t.end, category, sourceType: t.token }]
      : [];
  });
  return { redacted: tracked.text, spans };
}

/** Documents where the traced pipeline did not reproduce redact-pii's own output. */
export const redactPiiTraceMismatches: string[] = [];

export function createRedactPiiSystem(): BenchSystem {
  const redactor = new SyncRedactor();
  return {
    id: 'redact-pii',
    label: 'redact-pii 3.4.0 (SyncRedactor, default config)',
    predict(doc: BenchDoc): Prediction {
      const real = redactor.redact(doc.text);
      const traced = traceRedactPii(doc.text);
      if (traced.redacted !== real) redactPiiTraceMismatches.push(doc.id);
      return { spans: traced.spans, block: real !== doc.text };
    },
    run(text: string): void {
      redactor.redact(text);
    },
  };
}
