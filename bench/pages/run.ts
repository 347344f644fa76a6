import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { seedDemoPractice } from './seed.js';

/**
 * `npm run bench:pages`: the public provider and practice pages of the seeded demo practice,
 * served by a real `bedside serve` process on embedded SQLite, loaded by autocannon over loopback
 * with 200 concurrent connections. Targets (issue 7): ≤ 50 KB transferred per page (no photo),
 * p95 ≤ 20 ms. autocannon reports fixed percentiles; p97.5 is printed as the bound for p95.
 * BENCH_SECONDS sets the duration per page (default 10).
 */
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = 200;
const bin = fileURLToPath(new URL('../../packages/server/bin/bedside.js', import.meta.url));

/** CPU seconds (user + system) the server process has used, from /proc (Linux). */
function cpuSeconds(pid: number | undefined): number {
  if (!pid || !existsSync(`/proc/${pid}/stat`)) return NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

const START = '<!-- bench:pages:start -->';
const END = '<!-- bench:pages:end -->';
const loadAtStart = loadavg()
  .map((l) => l.toFixed(2))
  .join(' / ');
const benchmarksFile = fileURLToPath(new URL('../../BENCHMARKS.md', import.meta.url));

/** Replaces this bench's section of BENCHMARKS.md (or appends it), leaving the others alone. */
function writeSection(section: string): void {
  const text = existsSync(benchmarksFile) ? readFileSync(benchmarksFile, 'utf8') : '# Benchmarks\n';
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  const next =
    start >= 0 && end > start
      ? text.slice(0, start) + section + text.slice(end + END.length)
      : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(benchmarksFile, next);
}

async function main(): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bedside-bench-pages-'));
  const { slug, providerSlugs } = await seedDemoPractice(dataDir);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [bin, 'serve'], {
    env: {
      ...process.env,
      BEDSIDE_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      BEDSIDE_PUBLIC_URL: base,
      BEDSIDE_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (let i = 0; i < 300; i += 1) {
      if (
        await fetch(`${base}/api/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await sleep(100);
    }
    const pages = [
      `/practices/${slug}`,
      ...providerSlugs.slice(0, 2).map((p) => `/practices/${slug}/providers/${p}`),
    ];
    const rows: string[] = [];
    let ok = true;
    for (const path of pages) {
      const first = await fetch(base + path);
      const bytes = Buffer.byteLength(await first.text());
      const headerBytes = [...first.headers].reduce((n, [k, v]) => n + k.length + v.length + 4, 0);
      const cpuBefore = cpuSeconds(server.pid);
      const result = await autocannon({ url: base + path, connections, duration: seconds });
      const cpuPerRequest = ((cpuSeconds(server.pid) - cpuBefore) * 1e6) / result.requests.total;
      const p975 = result.latency.p97_5;
      const pass =
        bytes + headerBytes <= 50 * 1024 &&
        p975 <= 20 &&
        result.non2xx === 0 &&
        result.errors === 0;
      ok &&= pass;
      rows.push(
        `| ${path} | ${((bytes + headerBytes) / 1024).toFixed(1)} KB | ${result.latency.p50} | ${result.latency.p90} | ${p975} | ${result.latency.p99} | ${Math.round(result.requests.average)} | ${Math.round(cpuPerRequest)} | ${result.non2xx + result.errors} | ${pass ? '✅ met' : '❌ missed'} |`,
      );
    }
    const load = loadavg()
      .map((l) => l.toFixed(2))
      .join(' / ');
    const section = [
      START,
      '## Public provider pages (issue 7)',
      '',
      'Reproduce: `npm run build && npm run bench:pages` (about 40 s; rewrites this section; `BENCH_SECONDS` sets the seconds per page).',
      '',
      `The seeded demo practice (NPPES and PubMed fixtures imported, changes approved, publications confirmed) served by a real \`bedside serve\` on embedded SQLite; autocannon 9.0.0 on loopback, ${connections} connections, ${seconds} s per page. Targets: ≤ 50 KB transferred per page (no photo; body plus headers), p95 ≤ 20 ms. autocannon reports fixed percentiles: p97.5 is the bound shown for p95. Server CPU per request (from /proc, user + system) does not depend on how busy the machine is: 1 000 000 / it is the requests one quiet core can serve.`,
      '',
      `Machine: ${cpus().length} cores, Node ${process.version}; load average at start ${loadAtStart}, at end ${load}. Run ${new Date().toISOString().slice(0, 10)}.`,
      '',
      '| page | transferred | p50 ms | p90 ms | p97.5 ms (≥ p95) | p99 ms | req/s | server CPU µs/request | errors | target |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      ...rows,
      END,
    ].join('\n');
    console.log(section);
    writeSection(section);
    return ok ? 0 : 1;
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
