/**
 * `npm run bench:ingest` — generated reviews through the real import path (streaming CSV parser,
 * column mapping, analysis, the guard's inbound PHI check, batched storage with every inbox
 * index), on SQLite and PostgreSQL; then inbox filter queries over the stored rows.
 *
 * Reports throughput (reviews/s), heap and RSS sampled while streaming (flat = bounded by the
 * batch, not the file), and p50/p95 of inbox queries with filters. Results replace the
 * bench:ingest section of BENCHMARKS.md (only for a full run unless BENCH_WRITE=1).
 *
 * Size knobs (env): BENCH_REVIEWS=1000000 BENCH_QUERIES=300 BENCH_DIALECTS=sqlite,postgres
 * BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres (a server where it may create databases)
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import {
  openDatabase,
  type DatabaseHandle,
  type DialectName,
} from '../../packages/server/src/db/database.js';
import { migrateToLatest } from '../../packages/server/src/db/migrate.js';
import { importReviews } from '../../packages/server/src/domain/reputation/import-reviews.js';
import {
  listInbox,
  type InboxFilters,
} from '../../packages/server/src/domain/reputation/list-inbox.js';
import { createTestPractice } from '../../packages/server/src/test-support/reputation-practice.js';

const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const settings = {
  reviews: env('BENCH_REVIEWS', 1_000_000),
  queries: env('BENCH_QUERIES', 300),
  dialects: (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',') as DialectName[],
  postgresUrl: process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
};

const OPENINGS = [
  'Waited over an hour past my appointment time.',
  'The receptionist was rude and dismissive.',
  'They billed my insurance wrong and nobody fixed it.',
  'Nobody called me back about my results.',
  'The exam room was dirty.',
  'Dr. Patel listened and explained everything clearly.',
  'The front desk staff were friendly and welcoming.',
  'Short wait, seen right on time.',
  'Spotless office and easy parking.',
  'My telehealth visit was quick and easy.',
];
const CLOSINGS = [
  'Would not recommend.',
  'Highly recommend this practice.',
  'Parking was hard to find.',
  'The nurse was kind.',
  'Scheduling took three calls.',
  '',
];

/** One CSV row per review, generated as the parser asks for more: the file is never in memory. */
async function* generatedCsv(count: number, memory: Memory): AsyncGenerator<string> {
  yield 'Review ID,Date,Rating,Reviewer,Review\n';
  const start = Date.parse('2024-01-01T00:00:00Z');
  let chunk = '';
  for (let i = 0; i < count; i++) {
    const opening = OPENINGS[(i * 7) % OPENINGS.length]!;
    const closing = CLOSINGS[(i * 13) % CLOSINGS.length]!;
    const negative = OPENINGS.indexOf(opening) < 5;
    const rating = negative ? 1 + (i % 2) : 4 + (i % 2);
    const date = new Date(start + i * 45_000).toISOString();
    chunk += `b-${i},${date},${rating},Reviewer ${i % 997},"${opening} ${closing} (visit ${i % 31})"\n`;
    if (i % 20_000 === 0) memory.sample();
    if (chunk.length > 64 * 1024) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/**
 * Memory is sampled by the generator every 20,000 rows: better-sqlite3 is synchronous, so the
 * import never yields to a timer and a setInterval would not fire while it streams.
 */
class Memory {
  heapMb: number[] = [];
  rssMb: number[] = [];
  sample(): void {
    const m = process.memoryUsage();
    this.heapMb.push(m.heapUsed / 1_048_576);
    this.rssMb.push(m.rss / 1_048_576);
  }
}

interface Result {
  dialect: DialectName;
  reviews: number;
  seconds: number;
  perSecond: number;
  heapMb: number[];
  rssMb: number[];
  p50: number;
  p95: number;
  max: number;
  queries: number;
}

async function openBenchDatabase(
  dialect: DialectName,
): Promise<{ handle: DatabaseHandle; drop: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'bedside-bench-ingest-'));
    const handle = openDatabase({ kind: 'sqlite', file: join(dir, 'bench.sqlite') });
    await migrateToLatest(handle);
    return {
      handle,
      drop: async () => {
        await handle.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `bedside_bench_ingest_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: settings.postgresUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(settings.postgresUrl);
  url.pathname = `/${name}`;
  const handle = openDatabase({ kind: 'postgres', url: url.toString() });
  await migrateToLatest(handle);
  return {
    handle,
    drop: async () => {
      await handle.close();
      const dropper = new pg.Client({ connectionString: settings.postgresUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

const FILTERS: InboxFilters[] = [
  {},
  { sentiment: 'negative' },
  { status: 'new' },
  { rating: 1 },
  { topic: 'wait_time' },
  { topic: 'billing_insurance', sentiment: 'negative' },
  { source: 'healthgrades', rating: 5 },
  { urgency: 'high' },
  { assigneeId: 'none', status: 'new' },
  { overdue: true },
  { sentiment: 'positive', topic: 'cleanliness' },
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

async function runOne(dialect: DialectName): Promise<Result> {
  const { handle, drop } = await openBenchDatabase(dialect);
  try {
    const { db } = handle;
    const practice = await createTestPractice(db, `bench${dialect}`);
    const memory = new Memory();
    const started = performance.now();
    const report = await importReviews(db, {
      actor: { userId: practice.ownerId, label: 'bench', ip: null },
      orgId: practice.orgId,
      source: 'healthgrades',
      format: 'csv',
      mapping: {
        externalId: 'Review ID',
        publishedAt: 'Date',
        rating: 'Rating',
        authorName: 'Reviewer',
        text: 'Review',
      },
      fileName: 'bench.csv',
      input: generatedCsv(settings.reviews, memory),
    });
    const seconds = (performance.now() - started) / 1000;
    if (report.created !== settings.reviews)
      throw new Error(`created ${report.created} of ${settings.reviews}`);
    // What autovacuum (PostgreSQL) and `PRAGMA optimize` (SQLite) do after a bulk load.
    // One item in a hundred is past its SLA, so the overdue filter has something to find.
    await db
      .updateTable('reputationItems')
      .set({ slaDueAt: '2025-01-01T00:00:00.000Z' })
      .where('orgId', '=', practice.orgId)
      .where('externalId', 'like', '%00')
      .execute();
    await sql`ANALYZE`.execute(db);
    const times: number[] = [];
    for (let i = 0; i < settings.queries; i++) {
      const filters = FILTERS[i % FILTERS.length]!;
      const t0 = performance.now();
      const page = await listInbox(db, { orgId: practice.orgId, filters, limit: 50 });
      if (page.nextCursor && i % 3 === 0)
        await listInbox(db, { orgId: practice.orgId, filters, limit: 50, cursor: page.nextCursor });
      const took = performance.now() - t0;
      times.push(took);
      if (process.env.BENCH_DEBUG) console.log(JSON.stringify(filters), took.toFixed(1));
    }
    times.sort((a, b) => a - b);
    return {
      dialect,
      reviews: settings.reviews,
      seconds,
      perSecond: settings.reviews / seconds,
      heapMb: memory.heapMb,
      rssMb: memory.rssMb,
      p50: percentile(times, 0.5),
      p95: percentile(times, 0.95),
      max: times.at(-1) ?? 0,
      queries: times.length,
    };
  } finally {
    await drop();
  }
}

function memoryLine(values: number[]): string {
  if (values.length === 0) return 'n/a';
  const at = (f: number) =>
    values[Math.min(values.length - 1, Math.floor(values.length * f))]!.toFixed(0);
  return `${at(0.1)} → ${at(0.5)} → ${at(0.99)} MB (max ${Math.max(...values).toFixed(0)})`;
}

function section(results: Result[], kept: string[]): string {
  const rows = results.map(
    (r) =>
      `| ${r.dialect} | ${r.reviews.toLocaleString('en-US')} | ${r.seconds.toFixed(1)} s | **${Math.round(r.perSecond).toLocaleString('en-US')}/s** | ${memoryLine(r.heapMb)} | ${memoryLine(r.rssMb)} | ${r.p50.toFixed(1)} ms | **${r.p95.toFixed(1)} ms** | ${r.max.toFixed(1)} ms |`,
  );
  return [
    '<!-- bench:ingest:start -->',
    '## Review ingest (`npm run bench:ingest`)',
    '',
    'Reproduce: `npm run bench:ingest` (PostgreSQL at `BENCH_POSTGRES_URL`, default `postgres://postgres@127.0.0.1:5432/postgres`; `BENCH_REVIEWS=1000000`, `BENCH_QUERIES=300`, `BENCH_DIALECTS=sqlite,postgres`). Rewrites this section.',
    '',
    "Generated Healthgrades-style CSV rows stream through `importReviews` — csv-parse, the column mapping, `@bedside/analysis` (sentiment, topics, urgency), the guard's inbound PHI check, batches of 1,000 per transaction into `reputation_items` (11 inbox indexes) and `reputation_item_topics`. Memory is sampled every 20,000 rows while streaming (10% → 50% → 99% of the samples). Then inbox pages of 50 with filters (none; sentiment; status; rating; topic; topic + sentiment; source + rating; urgency; unassigned + new; overdue; sentiment + topic), one in three also reading the next page.",
    '',
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}. Targets: ≥ 5,000 reviews/s on SQLite; inbox p95 ≤ 50 ms.`,
    '',
    '| Database | Reviews | Time | Throughput | Heap while streaming | RSS while streaming | Inbox p50 | Inbox p95 | Inbox max |',
    '|---|---|---|---|---|---|---|---|---|',
    ...kept,
    ...rows,
    '<!-- bench:ingest:end -->',
  ].join('\n');
}

/** Rows of the current section for other dialects stay, so one dialect can be re-run alone. */
function writeSection(results: Result[]): void {
  const file = join(import.meta.dirname, '../../BENCHMARKS.md');
  const current = readFileSync(file, 'utf8');
  const pattern = /<!-- bench:ingest:start -->[\s\S]*<!-- bench:ingest:end -->/;
  const previous = pattern.exec(current)?.[0] ?? '';
  const kept = previous
    .split('\n')
    .filter((line) => /^\| (sqlite|postgres) \|/.test(line))
    .filter((line) => !results.some((r) => line.startsWith(`| ${r.dialect} |`)));
  const text = section(results, kept);
  writeFileSync(
    file,
    pattern.test(current) ? current.replace(pattern, text) : `${current.trimEnd()}\n\n${text}\n`,
  );
}

async function main(): Promise<void> {
  const results: Result[] = [];
  const write = settings.reviews >= 1_000_000 || process.env.BENCH_WRITE === '1';
  for (const dialect of settings.dialects) {
    console.log(`bench:ingest ${dialect}: ${settings.reviews} reviews…`);
    const result = await runOne(dialect);
    console.log(
      `  ${Math.round(result.perSecond)}/s in ${result.seconds.toFixed(1)} s; heap ${memoryLine(result.heapMb)}; inbox p50 ${result.p50.toFixed(1)} ms p95 ${result.p95.toFixed(1)} ms`,
    );
    results.push(result);
    if (write) writeSection(results);
  }
  console.log(section(results, []));
}

await main();
