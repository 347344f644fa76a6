import { afterAll, beforeAll, expect, it } from 'vitest';
import { snacMissingReason } from '../../connectors/test-support/connector-test-env.js';
import { startLocalPds, type LocalPds } from '../../connectors/test-support/local-pds.js';
import { useLoopbackOnlyNetwork } from '../../connectors/test-support/loopback-only.js';
import {
  startSnacInstance,
  type SnacInstance,
} from '../../connectors/test-support/snac-instance.js';
import type { BlueskyCredentials } from '../../connectors/bluesky/bluesky-credentials.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { createOrgWithRoles, type OrgWithRoles } from '../../test-support/org-with-roles.js';
import { describeEachDialect } from '../../test-support/test-database.js';
import { createChannelConnectors } from './channel-connectors.js';

const APP_PASSWORD = 'abcd-efgh-ijkl-mnop';
const snacSkip = snacMissingReason();
if (snacSkip) console.warn(snacSkip);

let pds: LocalPds;
let snac: SnacInstance | undefined;
useLoopbackOnlyNetwork();
beforeAll(async () => {
  pds = await startLocalPds();
  if (!snacSkip) snac = await startSnacInstance();
}, 60_000);
afterAll(async () => {
  await pds?.close();
  await snac?.stop();
});

/** The person's part of the OAuth round trip on snac: log in on its authorize page, read the redirect. */
async function approveOnSnac(
  authorizeUrl: string,
  instance: SnacInstance,
): Promise<{ code: string; state: string }> {
  const url = new URL(authorizeUrl);
  const page = await fetch(url);
  expect(await page.text()).toContain('x-snac-login');
  const login = await fetch(`${instance.baseUrl}/oauth/x-snac-login`, {
    method: 'POST',
    body: new URLSearchParams({
      login: instance.user,
      passwd: instance.password,
      redir: url.searchParams.get('redirect_uri') ?? '',
      cid: url.searchParams.get('client_id') ?? '',
      state: url.searchParams.get('state') ?? '',
    }),
    redirect: 'manual',
  });
  const callback = new URL(login.headers.get('location') ?? '');
  expect(callback.pathname).toBe('/settings/channels/mastodon/callback');
  return {
    code: callback.searchParams.get('code') ?? '',
    state: callback.searchParams.get('state') ?? '',
  };
}

describeEachDialect('channels through the API against real servers', (dialect) => {
  let t: TestApp;
  let o: OrgWithRoles;
  const handle = `clinic-${dialect}.test`;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    t.services.connectors = createChannelConnectors({ timeoutMs: 10_000 });
    o = await createOrgWithRoles(t, 'ch');
    await pds.createAccount(handle, APP_PASSWORD);
  }, 60_000);
  afterAll(async () => t?.close());

  const rawChannels = () =>
    t.services.database.db
      .selectFrom('channels')
      .selectAll()
      .where('orgId', '=', o.orgId)
      .execute();

  it('a wrong app password is a field error and stores nothing', async () => {
    const res = await o.clients.owner.post(`/api/orgs/${o.orgId}/channels/bluesky`, {
      locationId: o.locationId,
      identifier: handle,
      appPassword: 'wrong-pass-word',
      service: pds.url,
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(res.json().error.details.fields.appPassword).toMatch(/\w/);
    expect(await rawChannels()).toEqual([]);
  });

  it('refuses plain http to a non-loopback server and a location of another organization', async () => {
    const http = await o.clients.owner.post(`/api/orgs/${o.orgId}/channels/bluesky`, {
      locationId: o.locationId,
      identifier: handle,
      appPassword: APP_PASSWORD,
      service: 'http://pds.example.com',
    });
    expect(http.statusCode).toBe(400);
    expect(http.json().error.details.fields.service).toMatch(/https/);
    const ftp = await o.clients.owner.post(`/api/orgs/${o.orgId}/channels/mastodon/start`, {
      locationId: o.locationId,
      instanceUrl: 'ftp://example.social',
    });
    expect(ftp.json().error.details.fields.instanceUrl).toMatch(/https/);
    const location = await o.clients.owner.post(`/api/orgs/${o.orgId}/channels/bluesky`, {
      locationId: 'someone-elses',
      identifier: handle,
      appPassword: APP_PASSWORD,
      service: pds.url,
    });
    expect(location.json().error.details.fields.locationId).toBeDefined();
  });

  it('connects Bluesky with an app password; the list and the row hold no secrets; validate, reconnect needed, disconnect', async () => {
    const res = await o.clients.owner.post(`/api/orgs/${o.orgId}/channels/bluesky`, {
      locationId: o.locationId,
      identifier: handle,
      appPassword: APP_PASSWORD,
      service: pds.url,
    });
    expect(res.statusCode, res.body).toBe(201);
    const channel = res.json();
    expect(channel).toMatchObject({
      network: 'bluesky',
      handle,
      status: 'connected',
      locationId: o.locationId,
    });

    const list = await o.clients.viewer.get(`/api/orgs/${o.orgId}/channels`);
    expect(list.statusCode).toBe(200);
    expect(list.json().channels).toHaveLength(1);
    expect(list.body).not.toMatch(/jwt|credential|password/i);

    const [row] = await rawChannels();
    const credentials = JSON.parse(
      t.services.box.open(row?.credentialsSealed ?? ''),
    ) as BlueskyCredentials;
    expect(credentials.accessJwt.length).toBeGreaterThan(20);
    const everything = JSON.stringify(row);
    for (const secret of [APP_PASSWORD, credentials.accessJwt, credentials.refreshJwt])
      expect(everything).not.toContain(secret);
    expect(t.logLines.join('\n')).not.toContain(APP_PASSWORD);

    const valid = await o.clients.admin.post(
      `/api/orgs/${o.orgId}/channels/${channel.id}/validate`,
    );
    expect(valid.statusCode, valid.body).toBe(200);
    expect(valid.json()).toMatchObject({
      status: 'connected',
      lastValidatedAt: expect.any(String),
    });

    // Revoked tokens: the network refuses them and the channel says so, with the reason.
    await t.services.database.db
      .updateTable('channels')
      .set({
        credentialsSealed: t.services.box.seal(
          JSON.stringify({
            ...credentials,
            accessJwt: 'revoked.access.jwt',
            refreshJwt: 'revoked.refresh.jwt',
          }),
        ),
      })
      .where('id', '=', channel.id)
      .execute();
    const broken = await o.clients.owner.post(
      `/api/orgs/${o.orgId}/channels/${channel.id}/validate`,
    );
    expect(broken.statusCode, broken.body).toBe(200);
    expect(broken.json()).toMatchObject({
      status: 'reconnect_needed',
      statusReason: expect.stringMatching(/\w/),
    });

    // Connecting the same account again restores the channel instead of adding another.
    const again = await o.clients.owner.post(`/api/orgs/${o.orgId}/channels/bluesky`, {
      locationId: o.locationId,
      identifier: handle,
      appPassword: APP_PASSWORD,
      service: pds.url,
    });
    expect(again.json()).toMatchObject({ id: channel.id, status: 'connected', statusReason: null });

    expect(
      (await o.clients.marketer.delete(`/api/orgs/${o.orgId}/channels/${channel.id}`)).statusCode,
    ).toBe(403);
    const gone = await o.clients.owner.delete(`/api/orgs/${o.orgId}/channels/${channel.id}`);
    expect(gone.statusCode).toBe(204);
    expect((await o.clients.owner.get(`/api/orgs/${o.orgId}/channels`)).json().channels).toEqual(
      [],
    );
    expect((await rawChannels())[0]?.credentialsSealed).toBe('');

    const events = await t.services.database.db
      .selectFrom('auditEvents')
      .select(['action', 'details'])
      .where('orgId', '=', o.orgId)
      .where('action', 'like', 'channel.%')
      .where('outcome', '=', 'success')
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.action)).toEqual([
      'channel.connected',
      'channel.reconnect_needed',
      'channel.connected',
      'channel.disconnected',
    ]);
    expect(JSON.stringify(events)).not.toMatch(/jwt|abcd-efgh/i);
  });

  it.skipIf(snacSkip !== undefined)(
    'connects Mastodon through OAuth on a real snac2: start, approve, finish; the state works once',
    async () => {
      const instance = snac as SnacInstance;
      const start = await o.clients.owner.post(`/api/orgs/${o.orgId}/channels/mastodon/start`, {
        locationId: o.locationId,
        instanceUrl: instance.baseUrl,
      });
      expect(start.statusCode, start.body).toBe(200);
      const { authorizeUrl } = start.json() as { authorizeUrl: string };
      expect(authorizeUrl.startsWith(`${instance.baseUrl}/oauth/authorize?`)).toBe(true);

      const { code, state } = await approveOnSnac(authorizeUrl, instance);
      const wrongPerson = await o.clients.admin.post(
        `/api/orgs/${o.orgId}/channels/mastodon/finish`,
        { state, code },
      );
      expect(wrongPerson.statusCode).toBe(400);

      // The admin's attempt used the state up: start again as the owner.
      const retry = (
        await o.clients.owner.post(`/api/orgs/${o.orgId}/channels/mastodon/start`, {
          locationId: o.locationId,
          instanceUrl: instance.baseUrl,
        })
      ).json() as { authorizeUrl: string };
      const approved = await approveOnSnac(retry.authorizeUrl, instance);
      const finish = await o.clients.owner.post(
        `/api/orgs/${o.orgId}/channels/mastodon/finish`,
        approved,
      );
      expect(finish.statusCode, finish.body).toBe(201);
      expect(finish.json()).toMatchObject({
        network: 'mastodon',
        handle: `@${instance.user}@${new URL(instance.baseUrl).host}`,
        status: 'connected',
        serviceUrl: instance.baseUrl,
      });

      const replay = await o.clients.owner.post(
        `/api/orgs/${o.orgId}/channels/mastodon/finish`,
        approved,
      );
      expect(replay.statusCode).toBe(400);
      expect(replay.json().error.details.fields.state).toMatch(/expired|used/);

      const list = (await o.clients.owner.get(`/api/orgs/${o.orgId}/channels`)).json() as {
        channels: { network: string; handle: string }[];
      };
      expect(list.channels.filter((c) => c.network === 'mastodon')).toHaveLength(1);
      const validate = await o.clients.owner.post(
        `/api/orgs/${o.orgId}/channels/${finish.json().id}/validate`,
      );
      expect(validate.json().status).toBe('connected');

      const apps = await t.services.database.db
        .selectFrom('oauthApps')
        .selectAll()
        .where('orgId', '=', o.orgId)
        .execute();
      expect(apps).toHaveLength(1);
      const stored = JSON.stringify([...apps, ...(await rawChannels())]);
      expect(stored).not.toContain(approved.code);
      expect(stored).not.toMatch(/clientSecret|accessToken/);
    },
  );
});
