/**
 * `npm run bench:scheduler` — the dispatcher against a fake network with 50 ms latency.
 *
 * For each configuration (SQLite with one `bedside worker` process; PostgreSQL with 1 and with 4):
 * 1. on-time lag: BENCH_RATE targets/s come due for BENCH_PACED_SECONDS; lag = published − due;
 * 2. throughput: BENCH_TARGETS targets across BENCH_CHANNELS channels all come due at once;
 *    throughput = targets / time until the last one is published.
 * Every run counts duplicates (an idempotency key the network received twice) and losses (a target
 * not published at the end). Each configuration's row replaces its own in the bench:scheduler
 * section of BENCHMARKS.md (the others are kept, so configurations can be run one at a time).
 *
 * Size knobs (env): BENCH_TARGETS=100000 BENCH_CHANNELS=2000 BENCH_RATE=50 BENCH_PACED_SECONDS=30
 * BENCH_LATENCY_MS=50 BENCH_CONCURRENCY=16 BENCH_CONFIGS=sqlite,pg1,pg4
 * BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres (a server where it may create databases)
 */
import { execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../packages/server/src/db/database.js';
import { migrateToLatest } from '../../packages/server/src/db/migrate.js';
import {
  startBedsideProcess,
  type BedsideProcess,
} from '../../packages/server/src/domain/dispatch/test-support/bedside-process.js';
import { createSecretBox } from '../../packages/server/src/security/secret-box.js';
import { startFakeNetwork, type FakeNetwork } from './fake-network.js';
import { seedChannels, seedTargets } from './seed.js';

const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const settings = {
  targets: env('BENCH_TARGETS', 100_000),
  channels: env('BENCH_CHANNELS', 2_000),
  rate: env('BENCH_RATE', 50),
  pacedSeconds: env('BENCH_PACED_SECONDS', 30),
  latencyMs: env('BENCH_LATENCY_MS', 50),
  concurrency: env('BENCH_CONCURRENCY', 16),
  configs: (process.env.BENCH_CONFIGS ?? 'sqlite,pg1,pg4').split(','),
  postgresUrl: process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
};
const BURST_OCCURRENCE = 1_000_000;

interface Result {
  config: string;
  workers: number;
  lagP50: number;
  lagP99: number;
  lagMax: number;
  paced: number;
  throughput: number;
  burst: number;
  duplicates: number;
  lost: number;
  /** Worker CPU (all worker processes) per published target in the burst, in ms: load-independent. */
  cpuMsPerTarget: number;
  /** PostgreSQL server CPU (every `postgres` process on this machine) per target in the burst, in ms. */
  dbCpuMsPerTarget: number;
  /** This bench process's CPU (the fake network answering, the progress polls) per target in the burst, in ms. */
  benchCpuMsPerTarget: number;
  /** How long the fake network took to answer a publish during the burst (p50, p99), in ms. */
  answeredP50: number;
  answeredP99: number;
  /** Wall-clock seconds of the whole configuration (setup, lag phase, burst, checks). */
  seconds: number;
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** CPU seconds (user + system) of every PostgreSQL server process on this machine, by pid. */
function postgresCpuByPid(): Map<string, number> {
  const byPid = new Map<string, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (!stat.includes(' (postgres) ')) continue;
      const fields = stat.split(') ')[1]?.split(' ') ?? [];
      byPid.set(entry, (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      // The process ended while we looked.
    }
  }
  return byPid;
}

/**
 * PostgreSQL server CPU over a stretch of time, sampled every 250 ms per process: backends and
 * autovacuum workers come and go, and a process that has ended takes its CPU time with it (a
 * before/after sum can even come out negative). A process that starts meanwhile counts from zero;
 * one that ends loses at most its last 250 ms.
 */
function meterPostgresCpu(): { stop(): number } {
  let last = postgresCpuByPid();
  let total = 0;
  const sample = (): void => {
    const now = postgresCpuByPid();
    for (const [pid, seconds] of now) total += Math.max(0, seconds - (last.get(pid) ?? 0));
    last = now;
  };
  const timer = setInterval(sample, 250);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return total;
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

async function prepare(
  config: string,
  key: Buffer,
): Promise<{ handle: DatabaseHandle; env: Record<string, string>; drop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bedside-bench-'));
  const common = {
    BEDSIDE_DATA_DIR: dataDir,
    BEDSIDE_LOG_LEVEL: process.env.BENCH_DEBUG ? 'warn' : 'error',
    BEDSIDE_DISPATCH_CONCURRENCY: String(settings.concurrency),
    BEDSIDE_ROLES: 'worker',
    // The fake network is on this computer; production refuses loopback service addresses.
    BEDSIDE_SERVICE_ADDRESSES: 'loopback',
    // Mastodon's documented 300 requests per 5 minutes per server would pace the whole run: the
    // cap is still counted across workers for every claim, but set far above what the run sends.
    BEDSIDE_DISPATCH_APP_LIMITS: 'mastodon=100000000/60',
  };
  if (config === 'sqlite') {
    writeFileSync(join(dataDir, 'secret.key'), `${key.toString('base64')}\n`, { mode: 0o600 });
    const handle = openDatabase({ kind: 'sqlite', file: join(dataDir, 'bedside.sqlite') });
    await migrateToLatest(handle);
    return {
      handle,
      env: common,
      drop: async () => {
        await handle.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const name = `bedside_bench_${randomBytes(4).toString('hex')}`;
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
    env: {
      ...common,
      DATABASE_URL: url.toString(),
      BEDSIDE_SECRET_KEY: key.toString('base64'),
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: '9',
    },
    drop: async () => {
      await handle.close();
      const dropper = new pg.Client({ connectionString: settings.postgresUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Waits until `total` targets are resolved. While the fake network has not yet received a post
 * for each of them (or while it is still receiving) the database is not asked at all — a count
 * over 100,000 rows every half second would be PostgreSQL CPU charged to the scheduler; after
 * that it is asked until every outcome is recorded.
 */
async function waitForPublished(
  where: { handle: DatabaseHandle; network: FakeNetwork },
  total: number,
  timeoutMs: number,
): Promise<void> {
  const { handle, network } = where;
  const deadline = Date.now() + timeoutMs;
  let seen = -1;
  let stalledSince = Date.now();
  while (Date.now() < deadline) {
    if (network.received.size !== seen) {
      seen = network.received.size;
      stalledSince = Date.now();
    }
    // Failed targets never reach the network: once it stops receiving, ask the database anyway.
    if (network.received.size >= total || Date.now() - stalledSince > 5_000) {
      const row = await handle.db
        .selectFrom('postTargets')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', 'in', ['published', 'failed', 'unconfirmed'])
        .executeTakeFirstOrThrow();
      if (Number(row.n) >= total) return;
    }
    await sleep(250);
  }
}

async function runConfig(config: string, network: FakeNetwork): Promise<Result> {
  const workers = config === 'pg4' ? 4 : 1;
  const configStart = Date.now();
  const key = randomBytes(32);
  const setup = await prepare(config, key);
  const { db } = setup.handle;
  const variants = await seedChannels(db, {
    channels: settings.channels,
    box: createSecretBox(key),
    baseUrl: network.baseUrl,
    token: network.token,
  });
  const processes: BedsideProcess[] = [];
  try {
    const nodeArgs = process.env.BENCH_PROFILE_DIR
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
      : [];
    for (let w = 0; w < workers; w += 1)
      processes.push(startBedsideProcess(['worker'], setup.env, { nodeArgs }));
    for (const p of processes)
      while (!p.output().includes('worker running')) {
        if (p.child.exitCode !== null) throw new Error(`worker exited: ${p.output()}`);
        await sleep(100);
      }
    // 1. On-time lag at a steady rate.
    const paced = Math.round(settings.rate * settings.pacedSeconds);
    const firstDue = Date.now() + 3_000;
    await seedTargets(db, {
      variants,
      count: paced,
      firstOccurrence: 0,
      dueAt: (i) => new Date(firstDue + (i * 1000) / settings.rate),
      status: 'queued',
    });
    await waitForPublished(
      { handle: setup.handle, network },
      paced,
      settings.pacedSeconds * 1000 + (process.env.BENCH_DEBUG ? 15_000 : 120_000),
    );
    const pacedRows = await db
      .selectFrom('postTargets')
      .select(['dueAt', 'publishedAt'])
      .where('occurrence', '<', BURST_OCCURRENCE)
      .execute();
    const lags = pacedRows
      .filter((r) => r.publishedAt)
      .map((r) => Date.parse(r.publishedAt ?? '') - Date.parse(r.dueAt))
      .sort((a, b) => a - b);

    // 2. Throughput: everything due at once.
    await seedTargets(db, {
      variants,
      count: settings.targets,
      firstOccurrence: BURST_OCCURRENCE,
      dueAt: () => new Date(Date.now() - 1_000),
      status: 'canceled',
    });
    const cpuBefore = processes.reduce((sum, p) => sum + cpuSeconds(p.child.pid), 0);
    const dbMeter = config === 'sqlite' ? undefined : meterPostgresCpu();
    const benchCpuBefore = process.cpuUsage();
    const answersBefore = network.answeredAfterMs.length;
    const burstStart = Date.now();
    await db
      .updateTable('postTargets')
      .set({ status: 'queued' })
      .where('occurrence', '>=', BURST_OCCURRENCE)
      .execute();
    await waitForPublished(
      { handle: setup.handle, network },
      paced + settings.targets,
      60 * 60 * 1000,
    );
    const last = await db
      .selectFrom('postTargets')
      .select((eb) => eb.fn.max('publishedAt').as('last'))
      .where('occurrence', '>=', BURST_OCCURRENCE)
      .executeTakeFirstOrThrow();
    const seconds = (Date.parse(String(last.last)) - burstStart) / 1000;
    const cpuAfter = processes.reduce((sum, p) => sum + cpuSeconds(p.child.pid), 0);
    const dbCpu = dbMeter ? dbMeter.stop() : Number.NaN;
    const benchCpu = process.cpuUsage(benchCpuBefore);
    const answered = network.answeredAfterMs.slice(answersBefore).sort((a, b) => a - b);

    const all = await db.selectFrom('postTargets').select(['idempotencyKey', 'status']).execute();
    const duplicates = all.filter((t) => (network.received.get(t.idempotencyKey) ?? 0) > 1).length;
    const lost = all.filter(
      (t) => t.status !== 'published' || !network.received.has(t.idempotencyKey),
    ).length;
    return {
      config,
      workers,
      lagP50: percentile(lags, 50),
      lagP99: percentile(lags, 99),
      lagMax: lags[lags.length - 1] ?? Number.NaN,
      paced,
      throughput: settings.targets / seconds,
      burst: settings.targets,
      duplicates,
      lost,
      cpuMsPerTarget: ((cpuAfter - cpuBefore) * 1000) / settings.targets,
      dbCpuMsPerTarget: (dbCpu * 1000) / settings.targets,
      benchCpuMsPerTarget: (benchCpu.user + benchCpu.system) / 1000 / settings.targets,
      answeredP50: percentile(answered, 50),
      answeredP99: percentile(answered, 99),
      seconds: (Date.now() - configStart) / 1000,
    };
  } finally {
    if (process.env.BENCH_DEBUG) {
      for (const p of processes) console.log(p.output().slice(-3000));
      console.log(
        await db
          .selectFrom('postTargets')
          .select(['status', 'leaseOwner', 'nextAttemptAt', 'lastErrorMessage'])
          .limit(5)
          .execute(),
      );
    }
    for (const p of processes) await p.stop();
    await setup.drop();
  }
}

/** One configuration's result with the circumstances of its run (rows are kept per configuration). */
interface Row extends Result {
  /** 1-minute load average when the configuration started and when it ended. */
  load: [number, number];
  /** UTC, minutes. */
  started: string;
  commit: string;
  channels: number;
  latencyMs: number;
  concurrency: number;
  rate: number;
  pacedSeconds: number;
}

const ORDER = ['sqlite', 'pg1', 'pg4'];
const DATA = /<!-- bench:scheduler:data (.*) -->/;

/**
 * Rewrites the bench:scheduler section of BENCHMARKS.md with these rows and the rows of the
 * configurations not run this time (kept from the section's data line), so `BENCH_CONFIGS=pg4`
 * replaces only the PostgreSQL 4-worker row. Each row says when, at what load and at which
 * commit it was measured.
 */
function writeSection(rows: Row[]): void {
  // BENCH_MARKDOWN: another file to write (a copy, to try the bench without touching BENCHMARKS.md).
  const file = process.env.BENCH_MARKDOWN ?? new URL('../../BENCHMARKS.md', import.meta.url);
  const text = readFileSync(file, 'utf8');
  const pattern = /<!-- bench:scheduler:start -->[\s\S]*<!-- bench:scheduler:end -->/;
  const kept = new Map<string, Row>();
  const stored = DATA.exec(pattern.exec(text)?.[0] ?? '')?.[1];
  if (stored) for (const row of JSON.parse(stored) as Row[]) kept.set(row.config, row);
  for (const row of rows) kept.set(row.config, row);
  const all = [...kept.values()].sort((a, b) => ORDER.indexOf(a.config) - ORDER.indexOf(b.config));
  const fmt = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');
  const sqlite = all.find((r) => r.config === 'sqlite');
  const one = all.find((r) => r.config === 'pg1');
  const four = all.find((r) => r.config === 'pg4');
  const speedup = one && four ? four.throughput / one.throughput : Number.NaN;
  const name = (r: Row) =>
    r.config === 'sqlite'
      ? 'SQLite, 1 process'
      : `PostgreSQL, ${r.workers} worker process${r.workers > 1 ? 'es' : ''}`;
  const mark = (ok: boolean) => (ok ? ' ✅' : ' ❌');
  const lines = all.map(
    (r) =>
      `| ${name(r)} | ${r.burst.toLocaleString('en-US')} | ${fmt(r.lagP50)} | ${fmt(r.lagP99)}${r.config === 'sqlite' ? mark(r.lagP99 <= 1000) : ''} | ${fmt(r.lagMax)} | ${fmt(r.throughput, 1)} | ${fmt(r.cpuMsPerTarget, 2)} | ${r.config === 'sqlite' ? '(in the worker)' : fmt(r.dbCpuMsPerTarget, 2)} | ${fmt(r.benchCpuMsPerTarget, 2)} | ${fmt(r.answeredP50)} / ${fmt(r.answeredP99)} | ${fmt(r.seconds)} | ${r.load.map((l) => l.toFixed(2)).join(' → ')} | ${r.started}, \`${r.commit}\` | ${r.duplicates}${mark(r.duplicates === 0)} | ${r.lost}${mark(r.lost === 0)} |`,
  );
  const small = all.filter((r) => r.burst < 100_000);
  const setup = all[all.length - 1] ?? settings;
  const section = `<!-- bench:scheduler:start -->
## Scheduler (\`npm run bench:scheduler\`)

Reproduce: \`npm run bench:scheduler\` (PostgreSQL at \`BENCH_POSTGRES_URL\`, default \`postgres://postgres@127.0.0.1:5432/postgres\`; size knobs in bench/scheduler/run.ts). \`BENCH_CONFIGS=sqlite\` (or \`pg1\`, \`pg4\`) runs one configuration and replaces only its row: each row says when, at which commit and at what load (1-minute load average at its start → end) it was measured.

Machine: ${cpus().length} cores, Node ${process.version}.

Setup: ${setup.channels} channels in ${Math.ceil(setup.channels / 20)} organizations on a fake Mastodon-shaped network answering after ${setup.latencyMs} ms (in the bench process); each worker process is the real \`bedside worker\` (from source via tsx) publishing ${setup.concurrency} targets at a time. Lag: ${setup.rate} targets/s due for ${setup.pacedSeconds} s (${Math.round(setup.rate * setup.pacedSeconds)} targets), lag = published − due. Throughput: the burst targets all due at once, targets ÷ seconds until the last is published. A worker claims due targets in one statement and reads what they need (channels, texts, images, rate-limit blocks, its share of the network app's request cap — raised far above this run for the fake server, so it is counted but never binds) once per claim; publications that finish together are written in one transaction (each target's row, its audit event, its post's status). Connector HTTP goes through one keep-alive connection pool per process (undici).${small.length > 0 ? ` **Fewer burst targets than the 100,000 the issue names in: ${small.map(name).join('; ')}.**` : ''}

| Configuration | burst targets | lag p50 (ms) | lag p99 (ms) (target ≤ 1000 on SQLite) | lag max (ms) | throughput (targets/s) | worker CPU per target (ms) | PostgreSQL CPU per target (ms) | bench process CPU per target (ms) | fake network answered after p50 / p99 (ms) | run time (s) | load | run (UTC), commit | duplicates | lost |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${lines.join('\n')}

4 PostgreSQL workers vs 1: **${fmt(speedup, 2)}×** (target ≥ 3.5×)${Number.isFinite(speedup) ? mark(speedup >= 3.5) : ''}${one && four && one.burst !== four.burst ? ' (the two rows had different burst sizes)' : ''}.

Reading it: lag and throughput are wall-clock and depend on the CPU the workers got; on a shared machine (see the load column) they measure the machine as much as the code. "Worker CPU per target" (user + system from /proc, burst only) is the cost of one publish in the worker — its share of the claim and the reads, the HTTP call, its share of the outcome transaction: one otherwise idle core gives a worker process about ${fmt(sqlite ? 1000 / sqlite.cpuMsPerTarget : Number.NaN)} targets/s on SQLite${one ? ` and ${fmt(1000 / one.cpuMsPerTarget)} on PostgreSQL` : ''}. "PostgreSQL CPU per target" counts every PostgreSQL process on the machine, so it is only exact when nothing else uses the server. "Bench process CPU" is the fake network answering (and the bench's progress polls), and "answered after" is how long it took to answer a publish during the burst: 50 ms plus however long its timer waited for the CPU. A worker publishing ${setup.concurrency} at a time against ${setup.latencyMs} ms answers cannot exceed about ${fmt((setup.concurrency * 1000) / (setup.latencyMs + 5))} targets/s; four can scale 3.5× over one only while the machine has the CPU for 3.5 times that (worker + database + the fake network, per target). \`BENCH_PROFILE_DIR=<dir>\` writes a CPU profile of every worker (\`--cpu-prof\`).
<!-- bench:scheduler:data ${JSON.stringify(all)} -->
<!-- bench:scheduler:end -->`;
  writeFileSync(
    file,
    pattern.test(text) ? text.replace(pattern, section) : `${text.trimEnd()}\n\n${section}\n`,
  );
  if (sqlite) console.log(`SQLite p99 lag ${fmt(sqlite.lagP99)} ms`);
}

const commit = execSync('git rev-parse --short HEAD').toString().trim();
const network = await startFakeNetwork(settings.latencyMs);
const rows: Row[] = [];
try {
  for (const config of settings.configs) {
    console.log(`running ${config} …`);
    const started = new Date().toISOString().slice(0, 16).replace('T', ' ');
    const loadStart = loadavg()[0] ?? Number.NaN;
    const result = await runConfig(config, network);
    network.received.clear();
    network.answeredAfterMs.length = 0;
    console.log(JSON.stringify(result));
    rows.push({
      ...result,
      load: [loadStart, loadavg()[0] ?? Number.NaN],
      started,
      commit,
      channels: settings.channels,
      latencyMs: settings.latencyMs,
      concurrency: settings.concurrency,
      rate: settings.rate,
      pacedSeconds: settings.pacedSeconds,
    });
  }
} finally {
  await network.close();
}
if (process.env.BENCH_WRITE !== '0') writeSection(rows);
