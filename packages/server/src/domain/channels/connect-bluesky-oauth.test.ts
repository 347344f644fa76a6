import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BlueskyCredentials } from '../../connectors/bluesky/bluesky-credentials.js';
import { DEFAULT_NETWORK_ENDPOINTS } from '../../connectors/network-endpoints.js';
import { startLocalPds, type LocalPds } from '../../connectors/test-support/local-pds.js';
import { useLoopbackOnlyNetwork } from '../../connectors/test-support/loopback-only.js';
import {
  chromiumMissingReason,
  launchChromium,
  signInOnPds,
} from '../../connectors/test-support/pds-oauth-browser.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { createOrgWithRoles, type OrgWithRoles } from '../../test-support/org-with-roles.js';
import { describeEachDialect } from '../../test-support/test-database.js';
import { createChannelConnectors } from './channel-connectors.js';
import { blueskyRedirectUri } from './connect-bluesky-oauth.js';

const chromiumMissing = chromiumMissingReason();
if (chromiumMissing) throw new Error(chromiumMissing);

/** A loopback Bedside: atproto's development client, with the redirect on 127.0.0.1. */
const PUBLIC_URL = 'http://127.0.0.1:9';
const REDIRECT_URI = blueskyRedirectUri(PUBLIC_URL);
const PASSWORD = 'correct horse battery';

/** What the web callback page sends on: the callback's state, iss, code and error. */
function callbackBody(callback: URL): Record<string, string> {
  const body: Record<string, string> = {};
  for (const name of ['state', 'iss', 'code', 'error']) {
    const value = callback.searchParams.get(name);
    if (value !== null) body[name] = value;
  }
  return body;
}

let pds: LocalPds;
let browser: Browser;
useLoopbackOnlyNetwork();
beforeAll(async () => {
  pds = await startLocalPds();
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await pds?.close();
});

describeEachDialect('connect Bluesky with atproto OAuth through the API (real PDS)', (dialect) => {
  let t: TestApp;
  let o: OrgWithRoles;
  const handle = `oauth-${dialect}.test`;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    t.services.config = { ...t.services.config, publicUrl: PUBLIC_URL };
    t.services.connectors = createChannelConnectors({
      timeoutMs: 10_000,
      networks: {
        endpoints: DEFAULT_NETWORK_ENDPOINTS,
        clients: {},
        serviceAddresses: 'loopback',
        bluesky: { plcUrl: pds.plcUrl, handleResolverUrl: pds.url },
      },
    });
    o = await createOrgWithRoles(t, 'bo');
    await pds.createAccount(handle, PASSWORD);
  }, 60_000);
  afterAll(async () => t?.close());

  const start = (body: Record<string, unknown>) =>
    o.clients.owner.post(`/api/orgs/${o.orgId}/channels/bluesky/oauth/start`, body);
  const finish = (body: Record<string, unknown>) =>
    o.clients.owner.post(`/api/orgs/${o.orgId}/channels/bluesky/oauth/finish`, body);

  it('connects: handle → sign in and allow on the PDS → callback → a channel whose session is sealed and works', async () => {
    const started = await start({ locationId: o.locationId, handle: `@${handle}` });
    expect(started.statusCode, started.body).toBe(200);
    const { authorizeUrl } = started.json() as { authorizeUrl: string };
    expect(authorizeUrl.startsWith(`${pds.url}/oauth/authorize?`)).toBe(true);

    const callback = await signInOnPds(browser, {
      authorizeUrl,
      redirectUri: REDIRECT_URI,
      password: PASSWORD,
    });
    expect(callback.origin + callback.pathname).toBe(REDIRECT_URI);
    const done = await finish(callbackBody(callback));
    expect(done.statusCode, done.body).toBe(201);
    expect(done.json()).toMatchObject({ network: 'bluesky', handle, status: 'connected' });
    expect(done.body).not.toMatch(/token|dpop|jwk/i);

    // The state was used up.
    const again = await finish(callbackBody(callback));
    expect(again.statusCode).toBe(400);
    expect(again.json().error.details.fields.state).toMatch(/expired or was already used/);

    // At rest: one sealed blob; inside it, the DPoP-bound session and its private key.
    const [row] = await t.services.database.db
      .selectFrom('channels')
      .selectAll()
      .where('orgId', '=', o.orgId)
      .execute();
    const credentials = JSON.parse(
      t.services.box.open(row?.credentialsSealed ?? ''),
    ) as BlueskyCredentials;
    const tokens = credentials.oauth?.session.tokenSet;
    expect(tokens?.token_type).toBe('DPoP');
    const privateKey = (credentials.oauth?.session.dpopJwk as { d?: string } | undefined)?.d;
    expect(privateKey).toBeDefined();
    const everything = JSON.stringify(row);
    for (const secret of [tokens?.access_token, tokens?.refresh_token, privateKey])
      expect(everything).not.toContain(String(secret));

    // The stored session works through the ordinary channel operations.
    const validated = await o.clients.owner.post(
      `/api/orgs/${o.orgId}/channels/${row?.id}/validate`,
      {},
    );
    expect(validated.statusCode, validated.body).toBe(200);
    expect(validated.json()).toMatchObject({ status: 'connected', handle });
  }, 120_000);

  it('bad input: unknown handle, a denied consent, a forged state, an answer from another server', async () => {
    const unknown = await start({ locationId: o.locationId, handle: 'nobody-here.test' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.fields.handle).toMatch(/handle/);

    const started = await start({ locationId: o.locationId, handle });
    const { authorizeUrl } = started.json() as { authorizeUrl: string };
    const denied = await signInOnPds(browser, {
      authorizeUrl,
      redirectUri: REDIRECT_URI,
      password: PASSWORD,
      consent: 'deny',
    });
    const refused = await finish(callbackBody(denied));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.fields.code).toMatch(/did not allow Bedside/);

    const forged = await finish({ state: 'forged-state-value', code: 'cod-x', iss: pds.url });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.details.fields.state).toBeDefined();

    // A callback whose `iss` is not the server asked is refused before any code exchange.
    const other = await start({ locationId: o.locationId, handle });
    const callback = await signInOnPds(browser, {
      authorizeUrl: other.json().authorizeUrl as string,
      redirectUri: REDIRECT_URI,
      password: PASSWORD,
    });
    const wrongIssuer = await finish({
      ...callbackBody(callback),
      iss: 'http://127.0.0.1:1',
    });
    expect(wrongIssuer.statusCode).toBe(400);
    expect(wrongIssuer.json().error.details.fields.iss).toMatch(/another server/);

    const channels = await o.clients.owner.get(`/api/orgs/${o.orgId}/channels`);
    expect(channels.json().channels).toHaveLength(1); // only the one connected above
  }, 120_000);
});
