import { afterAll, beforeAll, expect, it } from 'vitest';
import { useLoopbackOnlyNetwork } from '../../connectors/test-support/loopback-only.js';
import {
  startMastodonFake,
  type MastodonFake,
} from '../../connectors/test-support/mastodon-contract-fake.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { createOrgWithRoles, type OrgWithRoles } from '../../test-support/org-with-roles.js';
import { describeEachDialect } from '../../test-support/test-database.js';
import { createChannelConnectors } from './channel-connectors.js';
import { networksConfig } from '../../config/networks-config.js';

let fake: MastodonFake;
useLoopbackOnlyNetwork();
beforeAll(async () => {
  fake = await startMastodonFake();
});
afterAll(async () => fake?.close());

describeEachDialect('user-given servers may not be on private or local networks', (dialect) => {
  let t: TestApp;
  let o: OrgWithRoles;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    o = await createOrgWithRoles(t, `ssrf${dialect}`);
  }, 60_000);
  afterAll(async () => t?.close());

  const useConnectors = (policy: 'public' | 'loopback') => {
    t.services.connectors = createChannelConnectors({
      timeoutMs: 3_000,
      networks: networksConfig({ BEDSIDE_SERVICE_ADDRESSES: policy }),
    });
  };

  it('by default (public) a loopback Mastodon instance or Bluesky PDS is refused before anything is sent', async () => {
    useConnectors('public');
    const seen = fake.requests.length;
    const mastodon = await o.clients.owner.post(`/api/orgs/${o.orgId}/channels/mastodon/start`, {
      locationId: o.locationId,
      instanceUrl: fake.baseUrl,
    });
    expect(mastodon.statusCode).toBe(400);
    expect(mastodon.json().error.details.fields.instanceUrl).toMatch(/private or local network/);
    const bluesky = await o.clients.owner.post(`/api/orgs/${o.orgId}/channels/bluesky`, {
      locationId: o.locationId,
      identifier: 'clinic.test',
      appPassword: 'abcd-efgh-ijkl-mnop',
      service: 'http://localhost:2583',
    });
    expect(bluesky.statusCode).toBe(400);
    expect(bluesky.json().error.details.fields.service).toMatch(/private or local network/);
    expect(fake.requests.length).toBe(seen);
  });

  it('with loopback allowed by configuration, the same instance is reached', async () => {
    useConnectors('loopback');
    const res = await o.clients.owner.post(`/api/orgs/${o.orgId}/channels/mastodon/start`, {
      locationId: o.locationId,
      instanceUrl: fake.baseUrl,
    });
    // The fake answers app registration with its own refusal: what matters is that it was asked.
    expect(res.body).not.toMatch(/private or local network/);
    expect(fake.requests.some((r) => r.path === '/api/v1/apps')).toBe(true);
  });
});
