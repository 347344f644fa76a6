// Times the guard on adversarial 1 MB inputs and on a typical 500-character post (a quick local check;
// the official numbers come from bench/).
import { createGuard } from '../src/index.js';

const guard = createGuard({ providers: [{ name: 'Dr. Ana Lee' }] });
const MB = 1_000_000;
const cases: Record<string, string> = {
  digits: '1'.repeat(MB),
  'a@': 'a@'.repeat(MB / 2),
  dots: '.'.repeat(MB),
  '1-': '1-'.repeat(MB / 2),
  capitals: 'Abc '.repeat(MB / 4),
  'a a': 'a '.repeat(MB / 2),
  mixed: 'Mr. Kline 555-123-4567 a@b.co 1.2.3.4 Apt 5 '.repeat(MB / 44),
  names: 'Maria Gonzalez '.repeat(MB / 15),
  urls: 'http://x.co/'.repeat(MB / 12),
  colons: '1:'.repeat(MB / 2),
  hash: '#1'.repeat(MB / 2),
};
for (const [name, text] of Object.entries(cases)) {
  const t = performance.now();
  const r = guard.check({ text, kind: 'post', network: 'x' });
  process.stdout.write(
    `${name.padEnd(10)} ${(performance.now() - t).toFixed(0).padStart(6)} ms  ${r.findings.length} findings\n`,
  );
}
const post =
  'Meet Dr. Lee! Our Springfield office is open Saturdays this fall. Flu shots on Oct 3 from 9-5, call (217) 555-0100 to book. Remember: brushing twice a day and flossing once keeps gum disease away. We accept most insurance plans including Medicare. Visit www.maplegrovedental.com for new patient forms and our holiday hours. Thanks to everyone who came to our open house last week, we loved meeting you! #dental #smile';
const n = 20000;
const times: number[] = [];
const t0 = performance.now();
for (let i = 0; i < n; i++) {
  const s = performance.now();
  guard.check({ text: post, kind: 'post' });
  times.push(performance.now() - s);
}
const total = performance.now() - t0;
times.sort((a, b) => a - b);
process.stdout.write(
  `500-char post: ${(n / (total / 1000)).toFixed(0)} texts/s, p99 ${times[Math.floor(n * 0.99)]?.toFixed(3)} ms\n`,
);
