import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { testEnv } from '../../../../../tools/test-env.js';
import { listenOnLoopbackOnly } from './listen-on-loopback.js';

/** A whole local Bluesky network: PLC, PDS, the real AppView and Ozone (@atproto/dev-env TestNetwork). */
export interface LocalBlueskyNetwork {
  pdsUrl: string;
  createAccount(handle: string, password: string): Promise<void>;
  /** Waits until the AppView has indexed everything the PDS has written (notifications, threads). */
  processAll(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the network with its AppView on a fresh database of the machine's PostgreSQL
 * (DATABASE_URL_TEST); NETWORKS.md §1.3. Mentions, replies and notifications need the AppView,
 * which the PDS-only `startLocalPds` does not run. Callers skip when PostgreSQL is not configured.
 */
export async function startLocalBlueskyNetwork(): Promise<LocalBlueskyNetwork> {
  listenOnLoopbackOnly();
  process.env.REDIS_HOST ??= '127.0.0.1:6379';
  const name = `bsky_net_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testEnv.postgresUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(testEnv.postgresUrl);
  url.pathname = `/${name}`;
  const dir = mkdtempSync(join(tmpdir(), 'bedside-bsky-'));
  const dropDatabase = async (): Promise<void> => {
    const dropper = new pg.Client({ connectionString: testEnv.postgresUrl });
    await dropper.connect();
    await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await dropper.end();
  };
  const { TestNetwork } = await import('@atproto/dev-env');
  // dev-env puts each PDS's data under os.tmpdir() and never removes it: point that at our dir.
  const previousTmp = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  const network = await TestNetwork.create({
    dbPostgresUrl: url.toString(),
    dbPostgresSchema: 'bedside',
  })
    .catch(async (error: unknown) => {
      rmSync(dir, { recursive: true, force: true });
      await dropDatabase();
      throw error;
    })
    .finally(() => {
      if (previousTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previousTmp;
    });
  return {
    pdsUrl: network.pds.url,
    async createAccount(handle, password) {
      await network.pds
        .getClient()
        .createAccount({ handle, email: `${handle.split('.')[0]}@example.com`, password });
    },
    processAll: () => network.processAll(),
    async close() {
      await network.close();
      rmSync(dir, { recursive: true, force: true });
      await dropDatabase();
    },
  };
}
