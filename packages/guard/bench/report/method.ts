/** The "how it is measured" section: data, mappings, matching rule, integrity checks. */
import { fmtInt } from './format.js';
import type { BenchResults } from './results.js';

export function METHOD(results: BenchResults): string {
  const c = results.corpusStats;
  const subtypes = Object.entries(c.bySubtype)
    .map(([k, v]) => `${k} ${fmtInt(v)}`)
    .join(', ');
  const spans = Object.entries(c.spansByCategory)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${fmtInt(v)}`)
    .join(', ');
  const es = ((c.byLang.es ?? 0) / Math.max(1, c.items)) * 100;
  const i = results.integrity;
  return `## How it is measured

**One harness, same data, same matching for every system** (\`packages/guard/bench/run.ts\`).

### Matching
- **Entity level.** A labelled span is *found* when at least one predicted identifier span overlaps it by at least one UTF-16 code unit, whatever category the system gave it (a phone number redacted as "digits" is still kept out of the post). Recall is per labelled category. A predicted span is *correct* when it overlaps any scored labelled span; precision is per the system's own (mapped) category. A "typed" variant, where the category must also agree (phone ≈ fax), is in the collapsible tables and in results.json.
- **Neutral spans.** Labelled types that are not Safe Harbor identifiers are not scored, and predictions that overlap only them are left out of precision (neither right nor wrong).
- **Character level.** The same sets counted over non-whitespace characters: recall = labelled characters covered by any prediction; precision = predicted characters inside a scored labelled span, ignoring characters inside neutral spans.
- **Documents.** A peer blocks when it finds anything; the guard blocks when its verdict is \`block\`. Guard findings count as predicted spans when their category is one of the 17 identifier categories, their span is non-empty and their severity is \`block\` or \`warn\` (\`info\` findings, e.g. "this is your own provider", are not predictions).
- **Context.** The guard gets the practice's GuardContext from \`bench/corpus/contexts.json\` (corpus items: their own practice; other data sets: practice 0). The peers have no notion of context.

### Peers
- **redact-pii 3.4.0**: \`new SyncRedactor()\` with the default configuration. It returns only redacted text, so spans are recovered by replaying its own child redactors (its exported regular expressions, in its order, then its name redactor) on a text that tracks where every character came from. The replay is checked against \`SyncRedactor.redact\` on every document: ${fmtInt(i.redactPiiTraceMismatches)} mismatches. Tokens map to categories: PERSON_NAME → name; STREET_ADDRESS, ZIPCODE → geographic; PHONE_NUMBER → phone; EMAIL_ADDRESS → email; US_SOCIAL_SECURITY_NUMBER → ssn; CREDIT_CARD_NUMBER → account_number; IP_ADDRESS → ip_address; URL → url; DIGITS, USERNAME, PASSWORD, CREDENTIALS → other_identifier. Throughput and latency time \`SyncRedactor.redact\` itself, not the replay.
- **@openredaction/openredaction 1.0.4**: \`new OpenRedaction({ preset: 'hipaa' })\` and \`detect(text).detections[].position\`. Types map by name (EMAIL → email, NAME → name, PHONE_* → phone, SSN → ssn, ZIP_CODE_US / ADDRESS_STREET → geographic, DATE_OF_BIRTH → date, CREDIT_CARD / BANK_ACCOUNT_* → account_number, DRIVING_LICENSE_US → license_number, IPV4/IPV6 → ip_address, anything else → other_identifier). Detections whose \`value\` differs from \`text.slice(position)\`: ${fmtInt(i.openRedactionOffsetMismatches)}.

### Data
- **presidio** — \`../shared/data/phi/presidio_synth_dataset_v2.json\`, 1,500 synthetic sentences (MIT, microsoft/presidio-research; fake identities from Fake Name Generator, CC BY-SA 3.0 US). Mapping: PERSON → name; STREET_ADDRESS, ZIP_CODE → geographic; DATE_TIME → date (a bare 4-digit year is neutral: Safe Harbor keeps years); AGE → age only when over 89 (younger ages are neutral); PHONE_NUMBER → phone; EMAIL_ADDRESS → email; US_SSN → ssn; CREDIT_CARD, IBAN_CODE → account_number; DOMAIN_NAME → url; IP_ADDRESS → ip_address; US_DRIVER_LICENSE → license_number. Neutral: ORGANIZATION, TITLE, NRP (not identifiers of a person) and GPE (countries and states, which Safe Harbor allows, mixed with cities; its recall is still shown in the per-label table). Document label: should block = has a scored span.
- **social_ner** — \`../shared/data/social_ner\`: Broad Twitter Corpus test split (section F, CC BY 4.0, Derczynski, Bontcheva & Roberts, COLING 2016) and WNUT-17 test split (CC BY 4.0, Derczynski et al., WNUT 2017). Text is rebuilt from the CoNLL tokens joined by single spaces, with \`@\`/\`#\` joined to the next token (BTC splits "@user" in two; the halves are one entity) and , . ! ? ; : ) joined to the previous one; offsets are UTF-16. PER/person → name, LOC/location → geographic, every other type neutral. These are real tweets about public figures and places, so there is no document label, LOC includes countries, and only name and geographic rows are shown: indicative, not targets.
- **corpus** — \`packages/guard/bench/corpus/corpus.jsonl\`, generated by \`corpus/generate-corpus.ts\` (seed in \`contexts.json\`; regenerate with \`node --import tsx packages/guard/bench/corpus/write-corpus.ts\`). All synthetic: names are random combinations from the bench's own pools (not the guard's gazetteers), identifiers are random values in real formats (Luhn-valid cards, check-digit-valid VINs, valid SSN ranges). ${fmtInt(c.items)} items (${(c.bytes / 1e6).toFixed(2)} MB) from ${c.practices} practices, ${es.toFixed(0)} % Spanish: ${subtypes}. Labelled spans: ${spans}. Clean posts are hard negatives full of the practice's providers, staff, addresses, phones, faxes, website, emails, handles, event dates and health facts with no person. Replies are modelled on HIPAA.md §4.1 (Elite Dental, Igbinadolor, New Vision Dental, Manasa): friendly and defensive, with and without identifiers; \`names-reviewer\` replies are generic but greet the reviewer by name (should block, do not confirm care). Inbound reviews (\`kind: 'inbound'\`) are never published, so they carry \`should_block: false\` and \`contains_phi\`, and are scored at span level only; for them the guard's findings count at every severity, because it reports identifiers in a received review at \`info\` by design.

### Speed
Throughput: every presidio text through the bare library call (guard: \`check({ text, kind: 'post' })\`), repeated for at least 2 s after a warm-up pass, in one process. Latency: each call on the corpus's ~500-character posts timed separately, 20 passes. Both run as three interleaved rounds (guard, redact-pii, openredaction, guard, …) and keep each system's best round, so load from other processes on a shared machine hurts every system alike. Adversarial inputs: one child process per (system, pattern, size); a run that finishes in over 200 ms is run once more and the faster time kept.

### Not measured here
Fuzzing with fast-check (no crash, offsets inside the input) belongs to the guard's own test suite; this harness only counts findings whose \`text\` is not \`input.slice(start, end)\`: ${fmtInt(i.guardOffsetMismatches.length)} on this run.`;
}
