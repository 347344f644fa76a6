import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeLoopbackPort } from './free-port.js';

/** A throw-away snac2 server (a real Mastodon-API server) on 127.0.0.1, with one user. */
export interface SnacInstance {
  baseUrl: string;
  user: string;
  password: string;
  /** Adds another local user (a reviewer who mentions the clinic); returns its password. */
  addUser(name: string): string;
  stop(): Promise<void>;
}

/**
 * Creates an instance in a temp dir on a free port, as NETWORKS.md §2 shows: `snac init` reads
 * its answers from stdin, `snac adduser` prints the generated password, `snac httpd` serves.
 *
 * `protocol: 'http'` makes the instance's own pages (its OAuth login form posts to an absolute
 * URL) and media URLs say http://, which is what it really serves: a browser test needs that.
 */
export async function startSnacInstance(
  user = 'clinic',
  options: { protocol?: 'http' | 'https' } = {},
): Promise<SnacInstance> {
  // The free port can be taken by another process before snac binds it (several suites start
  // servers at once): a server that exits or never answers is retried on a new port.
  let failure: unknown;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      return await startOnce(user, options);
    } catch (error) {
      failure = error;
    }
  }
  throw failure;
}

async function startOnce(
  user: string,
  options: { protocol?: 'http' | 'https' },
): Promise<SnacInstance> {
  const root = mkdtempSync(join(tmpdir(), 'bedside-snac-'));
  const dir = join(root, 'data');
  const port = await freeLoopbackPort();
  // init asks: address, port, host name, URL prefix, admin email.
  run(['init', dir], `127.0.0.1\n${port}\n127.0.0.1:${port}\n\n\n`);
  if (options.protocol) {
    const file = join(dir, 'server.json');
    const server = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...server, protocol: options.protocol }, null, 4));
  }
  const password = /User password is (\S+)/.exec(run(['adduser', dir, user], ''))?.[1];
  if (!password) throw new Error('snac adduser printed no password');

  const server = spawn('snac', ['httpd', dir], { stdio: 'ignore' });
  const exited = once(server, 'exit');
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (server.exitCode === null && server.signalCode === null) {
      server.kill('SIGTERM');
      const timer = setTimeout(() => server.kill('SIGKILL'), 2_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(root, { recursive: true, force: true });
  };
  try {
    await waitUntilServing(baseUrl, () => server.exitCode !== null || server.signalCode !== null);
  } catch (error) {
    await stop();
    throw error;
  }
  const addUser = (name: string): string => {
    const added = /User password is (\S+)/.exec(run(['adduser', dir, name], ''))?.[1];
    if (!added) throw new Error('snac adduser printed no password');
    return added;
  };
  return { baseUrl, user, password, addUser, stop };
}

function run(args: string[], input: string): string {
  const result = spawnSync('snac', args, { input, encoding: 'utf8', timeout: 15_000 });
  if (result.status !== 0) throw new Error(`snac ${args[0]} failed: ${result.stderr}`);
  return `${result.stdout}${result.stderr}`;
}

async function waitUntilServing(baseUrl: string, exited: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (exited()) throw new Error(`snac httpd exited before serving ${baseUrl} (port taken?)`);
    const ok = await fetch(`${baseUrl}/api/v1/instance`, {
      signal: AbortSignal.timeout(1_000),
    }).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`snac did not start on ${baseUrl}`);
}
