import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './free-port.js';
import { artifactsDir, bedsideBin, repoRoot } from './paths.js';

/** A real `bedside serve --migrate` process on embedded SQLite in a fresh data folder. */
export interface BedsideServer {
  url: string;
  dataDir: string;
  /** Where mails land as .eml files, since no SMTP server is configured. */
  outboxDir: string;
  logFile: string;
  stop(): Promise<void>;
}

const startTimeoutMs = 90_000;

/** Variables of the developer's shell that would point the server elsewhere. */
const isolatedVariables = /^(DATABASE_URL|BEDSIDE_|SMTP_|PORT$|HOST$)/;

/** `prepare` runs on the fresh data folder before the server starts (seeding it, say). */
export async function startBedsideServer(
  name: string,
  options: { prepare?: (dataDir: string) => Promise<void>; env?: Record<string, string> } = {},
): Promise<BedsideServer> {
  const distEntry = join(repoRoot, 'packages/server/dist/cli/main.js');
  if (!existsSync(distEntry)) throw new Error(`${distEntry} is missing: run "npm run build" first`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = await mkdtemp(join(tmpdir(), 'bedside-e2e-'));
  await mkdir(artifactsDir, { recursive: true });
  const logFile = join(artifactsDir, `${name}-server.log`);
  await options.prepare?.(dataDir);
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !isolatedVariables.test(key)),
  );
  const child = spawn(process.execPath, [bedsideBin, 'serve', '--migrate'], {
    cwd: repoRoot,
    env: {
      ...env,
      BEDSIDE_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      BEDSIDE_PUBLIC_URL: url,
      // The browser tests connect to local snac2 and PDS servers: allow loopback service addresses.
      BEDSIDE_SERVICE_ADDRESSES: 'loopback',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(logFile);
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const stop = async () => {
    await stopProcess(child);
    log.end();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(url, child);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}; see ${logFile}`, { cause: error });
  }
  return { url, dataDir, outboxDir: join(dataDir, 'outbox'), logFile, stop };
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + startTimeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`bedside serve exited early (${child.exitCode ?? child.signalCode})`);
    }
    const healthy = await fetch(`${url}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return;
    await sleep(200);
  }
  throw new Error(
    `bedside serve did not answer ${url}/api/health within ${startTimeoutMs / 1000} s`,
  );
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const killed = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
  if (!killed) {
    child.kill('SIGKILL');
    await exited;
  }
}
