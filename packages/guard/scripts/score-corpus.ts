/* eslint-disable no-console -- a local developer script run with tsx; it is not part of the shipped library. */
// Quick local look at the bench corpus (the official numbers come from bench/run.ts):
// block rate per subtype and span recall per category. Run: npx tsx packages/guard/scripts/score-corpus.ts [--misses CATEGORY] [--wrong SUBTYPE]
import { readFileSync } from 'node:fs';
import { createGuard, type CheckKind, type GuardContext } from '../src/index.js';

interface Row {
  id: string;
  practice: number;
  kind: CheckKind;
  subtype: string;
  text: string;
  review?: string;
  spans: { start: number; end: number; category: string; text: string }[];
  should_block: boolean;
}
const dir = new URL('../bench/corpus/', import.meta.url);
const rows = readFileSync(new URL('corpus.jsonl', dir), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as Row);
const contexts = (
  JSON.parse(readFileSync(new URL('contexts.json', dir), 'utf8')) as { contexts: GuardContext[] }
).contexts;
const guards = contexts.map((c) => createGuard(c));
const args = process.argv.slice(2);
const misses = args.includes('--misses') ? args[args.indexOf('--misses') + 1] : undefined;
const wrong = args.includes('--wrong') ? args[args.indexOf('--wrong') + 1] : undefined;
const bySub = new Map<string, { n: number; blocked: number; review: number }>();
const byCat = new Map<string, { n: number; hit: number }>();
for (const r of rows) {
  const g = guards[r.practice];
  if (!g) continue;
  const res = g.check({ text: r.text, kind: r.kind, ...(r.review ? { review: r.review } : {}) });
  const s = bySub.get(r.subtype) ?? { n: 0, blocked: 0, review: 0 };
  s.n++;
  if (res.verdict === 'block') s.blocked++;
  if (res.verdict === 'review') s.review++;
  bySub.set(r.subtype, s);
  if (wrong === r.subtype && (res.verdict === 'block') !== r.should_block) {
    console.log(res.verdict, '|', r.text.replace(/\n/g, ' ').slice(0, 220));
    for (const f of res.findings.filter((f) => f.severity !== 'info'))
      console.log('     ', f.severity, f.rule, JSON.stringify(f.text));
  }
  for (const sp of r.spans) {
    const c = byCat.get(sp.category) ?? { n: 0, hit: 0 };
    c.n++;
    const hit = res.findings.some(
      (f) => f.start < sp.end && f.end > sp.start && f.category === sp.category,
    );
    if (hit) c.hit++;
    else if (misses === sp.category)
      console.log('MISS', JSON.stringify(sp.text), '|', r.text.replace(/\n/g, ' ').slice(0, 200));
    byCat.set(sp.category, c);
  }
}
for (const [k, v] of [...bySub].sort())
  console.log(
    k.padEnd(30),
    String(v.n).padStart(4),
    'blocked',
    (v.blocked / v.n).toFixed(3),
    'review',
    (v.review / v.n).toFixed(3),
  );
for (const [k, v] of [...byCat].sort((a, b) => b[1].n - a[1].n))
  console.log(k.padEnd(22), String(v.n).padStart(5), 'recall', (v.hit / v.n).toFixed(3));
