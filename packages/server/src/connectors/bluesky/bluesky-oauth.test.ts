import { AtpAgent, AtUri } from '@atproto/api';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorError } from '../connector-error.js';
import { startLocalPds, type LocalPds } from '../test-support/local-pds.js';
import {
  chromiumMissingReason,
  launchChromium,
  signInOnPds,
} from '../test-support/pds-oauth-browser.js';
import { createBlueskyConnector, type BlueskyConnector } from './bluesky-connector.js';
import type { BlueskyCredentials } from './bluesky-credentials.js';
import { blueskyClientId, blueskyClientMetadata, isLoopbackUrl } from './bluesky-oauth.js';

const skip = chromiumMissingReason();
if (skip) console.warn(skip);

/** Bedside's callback as a loopback client has it; nothing listens, the browser's redirect is caught. */
const PUBLIC_URL = 'http://127.0.0.1:9';
const REDIRECT_URI = `${PUBLIC_URL}/settings/channels/bluesky/callback`;
const CLIENT_ID = blueskyClientId(PUBLIC_URL, REDIRECT_URI, `${PUBLIC_URL}/unused`);
const PASSWORD = 'correct horse battery';

describe('Bluesky client id and metadata', () => {
  it('is atproto’s loopback client on this computer and a metadata URL elsewhere', () => {
    expect(isLoopbackUrl('http://127.0.0.1:3000')).toBe(true);
    expect(isLoopbackUrl('https://bedside.example')).toBe(false);
    expect(CLIENT_ID.startsWith('http://localhost?')).toBe(true);
    expect(new URL(CLIENT_ID).searchParams.get('redirect_uri')).toBe(REDIRECT_URI);
    const hosted = blueskyClientId(
      'https://bedside.example',
      'https://bedside.example/settings/channels/bluesky/callback',
      'https://bedside.example/api/oauth/bluesky/client-metadata.json',
    );
    expect(hosted).toBe('https://bedside.example/api/oauth/bluesky/client-metadata.json');
    const metadata = blueskyClientMetadata(
      hosted,
      'https://bedside.example/settings/channels/bluesky/callback',
    );
    expect(metadata).toMatchObject({
      client_id: hosted,
      application_type: 'web',
      dpop_bound_access_tokens: true,
      token_endpoint_auth_method: 'none',
      redirect_uris: ['https://bedside.example/settings/channels/bluesky/callback'],
    });
  });

  it('refuses a localhost redirect, which atproto does not allow for loopback clients', () => {
    expect(() =>
      blueskyClientId('http://localhost:3000', 'http://localhost:3000/cb', 'unused'),
    ).toThrow();
  });
});

(skip ? describe.skip : describe)('Bluesky atproto OAuth against a real local PDS', () => {
  let pds: LocalPds;
  let browser: Browser;
  let bluesky: BlueskyConnector;
  /** Reads the repo as the PDS sees it, through an ordinary password session. */
  let reader: AtpAgent;

  beforeAll(async () => {
    pds = await startLocalPds();
    await pds.createAccount('clinic.test', PASSWORD);
    browser = await launchChromium();
    bluesky = createBlueskyConnector({
      timeoutMs: 10_000,
      oauth: { plcDirectoryUrl: pds.plcUrl, handleResolverUrl: pds.url, allowHttp: true },
    });
    reader = new AtpAgent({ service: pds.url });
    await reader.login({ identifier: 'clinic.test', password: PASSWORD });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await pds?.close();
  });

  /** The whole connect: handle → PAR → sign in and allow on the PDS page → callback → session. */
  async function connect(): Promise<BlueskyCredentials> {
    const start = await bluesky.oauth.start({
      identifier: 'clinic.test',
      clientId: CLIENT_ID,
      redirectUri: REDIRECT_URI,
    });
    expect(start.url.startsWith(`${pds.url}/oauth/authorize?`)).toBe(true);
    expect(start.issuer).toBe(pds.url);
    const callback = await signInOnPds(browser, {
      authorizeUrl: start.url,
      redirectUri: REDIRECT_URI,
      password: PASSWORD,
    });
    expect(callback.searchParams.get('state')).toBe(start.state);
    return bluesky.oauth.finish({
      clientId: CLIENT_ID,
      redirectUri: REDIRECT_URI,
      pending: start.pending,
      params: {
        state: start.state,
        iss: callback.searchParams.get('iss') ?? undefined,
        code: callback.searchParams.get('code') ?? '',
      },
    });
  }

  it('connects through the PDS sign-in page, then publishes, validates and deletes with DPoP-bound tokens', async () => {
    const credentials = await connect();
    expect(credentials.did).toBe(reader.session?.did);
    expect(credentials.handle).toBe('clinic.test');
    expect(credentials.service).toBe(pds.url);
    expect(credentials.accessJwt).toBe('');
    expect(credentials.oauth?.clientId).toBe(CLIENT_ID);
    expect(credentials.oauth?.session.tokenSet.token_type).toBe('DPoP');
    expect(credentials.oauth?.session.dpopJwk).toHaveProperty('d'); // the private key, sealed at rest

    const account = await bluesky.validate(credentials);
    expect(account).toMatchObject({ id: credentials.did, handle: 'clinic.test' });

    const post = await bluesky.publish(credentials, {
      text: 'Flu shots this week https://example.com/flu #health',
      idempotencyKey: 'oauth-1',
    });
    const uri = new AtUri(post.remoteId);
    const record = await reader.com.atproto.repo.getRecord({
      repo: uri.host,
      collection: uri.collection,
      rkey: uri.rkey,
    });
    expect((record.data.value as { text: string }).text).toBe(
      'Flu shots this week https://example.com/flu #health',
    );

    await bluesky.delete(credentials, post.remoteId);
    await expect(
      reader.com.atproto.repo.getRecord({
        repo: uri.host,
        collection: uri.collection,
        rkey: uri.rkey,
      }),
    ).rejects.toMatchObject({ error: 'RecordNotFound' });
  }, 90_000);

  it('refreshes (rotating the refresh token); replaying the spent one makes the PDS end the session', async () => {
    const credentials = await connect();
    const refreshed = await bluesky.refresh(credentials);
    expect(refreshed.oauth?.session.tokenSet.refresh_token).toBeDefined();
    expect(refreshed.oauth?.session.tokenSet.refresh_token).not.toBe(
      credentials.oauth?.session.tokenSet.refresh_token,
    );
    // The new session works.
    await expect(bluesky.validate(refreshed)).resolves.toMatchObject({ handle: 'clinic.test' });

    // The old refresh token was spent: using it again is refused and revokes the session.
    const replay = await bluesky.refresh(credentials).catch((e: unknown) => e);
    expect(replay).toBeInstanceOf(ConnectorError);
    expect((replay as ConnectorError).kind).toBe('reconnect_needed');
    const after = await bluesky
      .publish(refreshed, { text: 'Should not post', idempotencyKey: 'oauth-2' })
      .catch((e: unknown) => e);
    expect(after).toBeInstanceOf(ConnectorError);
    expect((after as ConnectorError).kind).toBe('reconnect_needed');
  }, 90_000);

  it('maps bad input to connector errors: an unknown handle, a forged code, a denied consent', async () => {
    const unknown = await bluesky.oauth
      .start({ identifier: 'nobody.test', clientId: CLIENT_ID, redirectUri: REDIRECT_URI })
      .catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(ConnectorError);
    expect((unknown as ConnectorError).kind).toBe('content_rejected');

    const start = await bluesky.oauth.start({
      identifier: 'clinic.test',
      clientId: CLIENT_ID,
      redirectUri: REDIRECT_URI,
    });
    const forged = await bluesky.oauth
      .finish({
        clientId: CLIENT_ID,
        redirectUri: REDIRECT_URI,
        pending: start.pending,
        params: { state: start.state, iss: start.issuer, code: 'cod-forged' },
      })
      .catch((e: unknown) => e);
    expect(forged).toBeInstanceOf(ConnectorError);
    expect((forged as ConnectorError).kind).toBe('content_rejected');

    const denied = await bluesky.oauth.start({
      identifier: 'clinic.test',
      clientId: CLIENT_ID,
      redirectUri: REDIRECT_URI,
    });
    const callback = await signInOnPds(browser, {
      authorizeUrl: denied.url,
      redirectUri: REDIRECT_URI,
      password: PASSWORD,
      consent: 'deny',
    });
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('code')).toBeNull();
  }, 90_000);
});
