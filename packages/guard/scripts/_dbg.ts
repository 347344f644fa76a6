import { createGuard } from '../src/index.js';
const g = createGuard({});
for (const text of process.argv.slice(2)) {
  const r = g.check({ text, kind: 'post' });
  process.stdout.write(`${r.verdict} | ${text}\n`);
  for (const f of r.findings) process.stdout.write(`    ${f.severity} ${f.rule} ${JSON.stringify(f.text)}\n`);
}
