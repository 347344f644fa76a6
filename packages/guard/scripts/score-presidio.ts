/* eslint-disable no-console -- a local developer script run with tsx; it is not part of the shipped library. */
// Quick local scoring of the guard on the presidio synthetic set (the official harness lives in bench/).
// Run: npx tsx packages/guard/scripts/score-presidio.ts [--kind post] [--misses PERSON]
import { readFileSync } from 'node:fs';
import { createGuard, type CheckKind, type Finding } from '../src/index.js';

interface Span {
  entity_type: string;
  entity_value: string;
  start_position: number;
  end_position: number;
}
const rows = JSON.parse(
  readFileSync('../shared/data/phi/presidio_synth_dataset_v2.json', 'utf8'),
) as { full_text: string; spans: Span[] }[];
const args = process.argv.slice(2);
const kind = (args.includes('--kind') ? args[args.indexOf('--kind') + 1] : 'post') as CheckKind;
const showMisses = args.includes('--misses') ? args[args.indexOf('--misses') + 1] : undefined;
const showFp = args.includes('--fp');

const MAP: Record<string, string[]> = {
  PERSON: ['name'],
  STREET_ADDRESS: ['geographic'],
  GPE: ['geographic'],
  ZIP_CODE: ['geographic'],
  DATE_TIME: ['date'],
  PHONE_NUMBER: ['phone', 'fax'],
  EMAIL_ADDRESS: ['email'],
  US_SSN: ['ssn'],
  CREDIT_CARD: ['account_number'],
  IBAN_CODE: ['account_number'],
  IP_ADDRESS: ['ip_address'],
  DOMAIN_NAME: ['url'],
  AGE: ['age'],
  US_DRIVER_LICENSE: ['license_number', 'other_identifier'],
};
const guard = createGuard({});
const stats = new Map<string, { n: number; hit: number; hitAny: number }>();
let fp = 0;
let flagged = 0;
const t0 = performance.now();
for (const r of rows) {
  const res = guard.check({ text: r.full_text, kind });
  const phi = res.findings.filter((f) => f.end > f.start);
  for (const s of r.spans) {
    const cats = MAP[s.entity_type];
    if (!cats) continue;
    const st = stats.get(s.entity_type) ?? { n: 0, hit: 0, hitAny: 0 };
    st.n++;
    const over = (f: Finding) => f.start < s.end_position && f.end > s.start_position;
    if (phi.some((f) => over(f) && cats.includes(f.category))) st.hit++;
    else if (showMisses === s.entity_type)
      console.log(
        'MISS',
        JSON.stringify(s.entity_value),
        '|',
        r.full_text.slice(0, 160).replace(/\n/g, ' '),
      );
    if (phi.some((f) => over(f))) st.hitAny++;
    stats.set(s.entity_type, st);
  }
  for (const f of phi) {
    if (f.severity === 'info') continue;
    flagged++;
    if (!r.spans.some((s) => f.start < s.end_position && f.end > s.start_position)) {
      fp++;
      if (showFp)
        console.log(
          'FP',
          f.category,
          JSON.stringify(f.text),
          '|',
          r.full_text.slice(0, 140).replace(/\n/g, ' '),
        );
    }
  }
}
const ms = performance.now() - t0;
for (const [k, v] of [...stats].sort((a, b) => b[1].n - a[1].n))
  console.log(
    k.padEnd(18),
    String(v.n).padStart(4),
    'recall',
    (v.hit / v.n).toFixed(3),
    'any-category',
    (v.hitAny / v.n).toFixed(3),
  );
console.log(
  `warn/block findings not on any labelled span: ${fp}/${flagged} (${(fp / flagged).toFixed(3)}); ${(rows.length / (ms / 1000)).toFixed(0)} texts/s`,
);
