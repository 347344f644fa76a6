import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeAppView, type FakeAppView } from './fake-appview.js';
import { listenOnLoopbackOnly } from './listen-on-loopback.js';

/** A real Bluesky PDS (with its PLC directory) on 127.0.0.1, from @atproto/dev-env. */
export interface LocalPds {
  url: string;
  /** The PLC directory the PDS registers DIDs with (atproto OAuth clients resolve through it). */
  plcUrl: string;
  appView: FakeAppView;
  /** Creates an account; its password works as an app password does for `createSession`. */
  createAccount(handle: string, password: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts PLC + PDS once per test file (the slow part is loading the packages, ~2–3 s; the
 * servers start in ~200 ms). Data lives in a temp dir removed on close, because dev-env's own
 * default dirs under `os.tmpdir()` are never cleaned. `app.bsky.*` reads are proxied to a fake
 * AppView on loopback instead of dev-env's `appview.invalid`.
 */
export async function startLocalPds(): Promise<LocalPds> {
  listenOnLoopbackOnly();
  const { TestNetworkNoAppView } = await import('@atproto/dev-env');
  const dir = mkdtempSync(join(tmpdir(), 'bedside-pds-'));
  const appView = await startFakeAppView();
  const network = await TestNetworkNoAppView.create({
    pds: {
      dataDirectory: dir,
      blobstoreDiskLocation: join(dir, 'blobs'),
      bskyAppViewUrl: appView.url,
    },
  }).catch(async (error: unknown) => {
    await appView.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  const url = network.pds.url;
  return {
    url,
    plcUrl: network.plc.url,
    appView,
    async createAccount(handle, password) {
      await network.pds
        .getClient()
        .createAccount({ handle, email: `${handle.split('.')[0]}@example.com`, password });
    },
    async close() {
      await network.close();
      await appView.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
