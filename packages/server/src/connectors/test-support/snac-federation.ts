import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { snacMissingReason } from './connector-test-env.js';
import { freeLoopbackPort } from './free-port.js';
import type { SnacInstance } from './snac-instance.js';

/** One of two federating snac2 servers; `host` is what goes after the `@` in a mention. */
export interface FederatedSnac extends SnacInstance {
  host: string;
}

export interface SnacFederation {
  /** Where the practice's account (`clinic`) lives; Bedside connects to this one. */
  home: FederatedSnac;
  /** Another server, with the `patient` account that mentions the practice. */
  remote: FederatedSnac;
  stop(): Promise<void>;
}

/**
 * Two snac2 servers that federate over plain HTTP on loopback. What snac needs for that:
 *
 * - `"protocol": "http"` in each server.json (the default `https` goes into every actor, inbox
 *   and webfinger URL it builds, and nothing serves TLS here);
 * - a mentioned server whose host has no port: snac finds mentions in the text with
 *   `@user@[A-Za-z0-9.-]+`, so `@clinic@127.0.0.1:8001` becomes a webfinger query to
 *   `127.0.0.1` (port 80) and the mention is dropped. The home server therefore listens on port
 *   80 of its own loopback address (127.x.y.z; Linux routes all of 127/8 to `lo`), which needs
 *   root or CAP_NET_BIND_SERVICE. The remote server, which is only ever reached through the
 *   actor URLs it hands out, keeps 127.0.0.1 and a free port.
 *
 * Each server has its own data dir (removed on stop) and runs `snac httpd`, whose background
 * thread delivers the queue within a second or two.
 */
export async function startSnacFederation(): Promise<SnacFederation> {
  const address = await freeLoopbackAddressOnPort80();
  const home = await startFederatedSnac({ address, port: 80, host: address, user: 'clinic' });
  try {
    const port = await freeLoopbackPort();
    const remote = await startFederatedSnac({
      address: '127.0.0.1',
      port,
      host: `127.0.0.1:${port}`,
      user: 'patient',
    });
    return {
      home,
      remote,
      async stop() {
        await Promise.all([home.stop(), remote.stop()]);
      },
    };
  } catch (error) {
    await home.stop();
    throw error;
  }
}

/** Why the two-server suite cannot run here, or undefined when it can. */
export async function snacFederationMissingReason(): Promise<string | undefined> {
  const missing = snacMissingReason();
  if (missing) return missing;
  try {
    await freeLoopbackAddressOnPort80();
    return undefined;
  } catch (error) {
    return `snac2 federation tests skipped: ${(error as Error).message}`;
  }
}

interface ServerOptions {
  address: string;
  port: number;
  host: string;
  user: string;
}

async function startFederatedSnac(options: ServerOptions): Promise<FederatedSnac> {
  const root = mkdtempSync(join(tmpdir(), 'bedside-snac-fed-'));
  const dir = join(root, 'data');
  // init asks: address, port, host name, URL prefix, admin email.
  run(['init', dir], `${options.address}\n${options.port}\n${options.host}\n\n\n`);
  const configPath = join(dir, 'server.json');
  const config = JSON.parse(readFileSync(configPath, 'utf8')) as Record<string, unknown>;
  writeFileSync(configPath, JSON.stringify({ ...config, protocol: 'http' }, null, 4));
  const password = addUser(dir, options.user);

  const server = spawn('snac', ['httpd', dir], { stdio: 'ignore' });
  const exited = once(server, 'exit');
  const baseUrl =
    options.port === 80 ? `http://${options.address}` : `http://${options.address}:${options.port}`;
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
    await waitUntilServing(baseUrl);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    baseUrl,
    host: options.host,
    user: options.user,
    password,
    addUser: (name) => addUser(dir, name),
    stop,
  };
}

/**
 * A random 127.x.y.z (never 127.0.0.1) whose port 80 is free now, so parallel runs do not meet.
 * Throws when port 80 cannot be bound at all (not root, no CAP_NET_BIND_SERVICE).
 */
async function freeLoopbackAddressOnPort80(): Promise<string> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const octet = () => 1 + Math.floor(Math.random() * 254);
    const address = `127.${octet()}.${octet()}.${octet()}`;
    const server = net.createServer();
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(80, address, resolve);
      });
      await new Promise<void>((resolve) => server.close(() => resolve()));
      return address;
    } catch (error) {
      lastError = error;
      if ((error as NodeJS.ErrnoException).code === 'EACCES')
        throw new Error(
          'port 80 on a loopback address cannot be bound (needs root or CAP_NET_BIND_SERVICE); snac only resolves mentions of port-less hosts',
        );
    }
  }
  throw new Error(`no free loopback address with port 80: ${String(lastError)}`);
}

function addUser(dir: string, name: string): string {
  const added = /User password is (\S+)/.exec(run(['adduser', dir, name], ''))?.[1];
  if (!added) throw new Error('snac adduser printed no password');
  return added;
}

function run(args: string[], input: string): string {
  const result = spawnSync('snac', args, { input, encoding: 'utf8', timeout: 15_000 });
  if (result.status !== 0) throw new Error(`snac ${args[0]} failed: ${result.stderr}`);
  return `${result.stdout}${result.stderr}`;
}

async function waitUntilServing(baseUrl: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
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
