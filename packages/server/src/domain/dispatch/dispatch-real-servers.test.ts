import { afterAll, beforeAll, expect, it } from 'vitest';
import { snacMissingReason } from '../../connectors/test-support/connector-test-env.js';
import { startLocalPds, type LocalPds } from '../../connectors/test-support/local-pds.js';
import { useLoopbackOnlyNetwork } from '../../connectors/test-support/loopback-only.js';
import {
  startSnacInstance,
  type SnacInstance,
} from '../../connectors/test-support/snac-instance.js';
import { connectSnacAccount } from '../../connectors/test-support/snac-oauth.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { createOrgWithRoles, type OrgWithRoles } from '../../test-support/org-with-roles.js';
import { describeEachDialect } from '../../test-support/test-database.js';
import { createChannelConnectors } from '../channels/channel-connectors.js';
import { storeChannel } from '../channels/channels.js';
import type { DispatchDeps } from './dispatch-deps.js';
import { addApprovedPost } from './test-support/dispatch-fixture.js';
import { runDueTargets } from './test-support/drive-dispatch.js';

const snacSkip = snacMissingReason();
if (snacSkip) throw new Error(snacSkip);

let pds: LocalPds;
let snac: SnacInstance;
useLoopbackOnlyNetwork();
beforeAll(async () => {
  pds = await startLocalPds();
  snac = await startSnacInstance();
}, 90_000);
afterAll(async () => {
  await pds?.close();
  await snac?.stop();
});

describeEachDialect('publishing to the real snac2 and the real local PDS', (dialect) => {
  let t: TestApp;
  let o: OrgWithRoles;
  let postId: string;
  const connectors = createChannelConnectors({ timeoutMs: 10_000 });
  const text = `Flu shots all week at Northside, walk-ins welcome (${dialect}).`;
  const db = () => t.services.database.db;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    t.services.connectors = connectors;
    o = await createOrgWithRoles(t, `real-${dialect}`);
    const actor = { userId: o.userIds.owner, label: 'owner', ip: null };
    const handle = `clinic-${dialect}.test`;
    await pds.createAccount(handle, 'abcd-efgh-ijkl-mnop');
    const bsky = await connectors.bluesky.authorize.login({
      service: pds.url,
      identifier: handle,
      password: 'abcd-efgh-ijkl-mnop',
    });
    const bskyChannel = await storeChannel(db(), {
      actor,
      orgId: o.orgId,
      locationId: o.locationId,
      network: 'bluesky',
      serviceUrl: pds.url,
      account: await connectors.bluesky.validate(bsky),
      credentials: bsky,
      box: t.services.box,
    });
    const { credentials } = await connectSnacAccount(connectors.mastodon, snac);
    const snacChannel = await storeChannel(db(), {
      actor,
      orgId: o.orgId,
      locationId: o.locationId,
      network: 'mastodon',
      serviceUrl: snac.baseUrl,
      account: await connectors.mastodon.validate(credentials),
      credentials,
      box: t.services.box,
    });
    ({ postId } = await addApprovedPost(
      db(),
      { orgId: o.orgId, locationId: o.locationId, ownerId: o.userIds.marketer },
      {
        channels: [
          { id: bskyChannel.id, network: 'bluesky' },
          { id: snacChannel.id, network: 'mastodon' },
        ],
        text,
      },
    ));
  }, 90_000);
  afterAll(async () => t?.close());

  it('a marketer schedules it through the API; the viewer may not; the calendar shows it', async () => {
    const viewer = await o.clients.viewer.post(`/api/orgs/${o.orgId}/posts/${postId}/schedule`, {
      localTime: '2027-06-15T09:00',
    });
    expect(viewer.statusCode).toBe(403);
    const past = await o.clients.marketer.post(`/api/orgs/${o.orgId}/posts/${postId}/schedule`, {
      localTime: '2020-01-15T09:00',
    });
    expect(past.statusCode).toBe(400);
    expect(past.json()).toMatchObject({
      error: {
        code: 'validation_failed',
        details: { fields: { localTime: expect.stringMatching(/has already passed/) } },
      },
    });
    const noZone = await o.clients.marketer.post(`/api/orgs/${o.orgId}/posts/${postId}/schedule`, {
      localTime: '2027-06-15T09:00',
      timeZone: 'America/Springfield',
    });
    expect(noZone.json()).toMatchObject({
      error: { details: { fields: { timeZone: expect.stringMatching(/no time zone called/) } } },
    });
    const res = await o.clients.marketer.post(`/api/orgs/${o.orgId}/posts/${postId}/schedule`, {
      localTime: '2027-06-15T09:00',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      scheduledAt: '2027-06-15T14:00:00.000Z',
      timeZone: 'America/Chicago',
    });
    const calendar = await o.clients.viewer.get(
      `/api/orgs/${o.orgId}/calendar?from=2027-06-01T00:00:00Z&to=2027-07-01T00:00:00Z`,
    );
    expect(calendar.statusCode).toBe(200);
    const entries = (
      calendar.json() as { entries: { network: string; status: string; excerpt: string }[] }
    ).entries;
    expect(entries.map((e) => [e.network, e.status, e.excerpt])).toEqual([
      ['bluesky', 'queued', text],
      ['mastodon', 'queued', text],
    ]);
    const tooLong = await o.clients.viewer.get(
      `/api/orgs/${o.orgId}/calendar?from=2027-06-01T00:00:00Z&to=2027-10-01T00:00:00Z`,
    );
    expect(tooLong.statusCode).toBe(400);
  });

  it('when due, it arrives on both servers exactly once — a second dispatcher run sends nothing', async () => {
    const deps: DispatchDeps = {
      db: db(),
      dialect,
      box: t.services.box,
      connectors,
      owner: 'worker-real',
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    };
    const due = new Date('2027-06-15T14:00:01Z');
    const outcomes = await runDueTargets(deps, due);
    expect(outcomes.map((o) => o.outcome)).toEqual(['published', 'published']);
    expect(await runDueTargets(deps, new Date('2027-06-15T15:00:00Z'))).toEqual([]);

    const rows = await db()
      .selectFrom('postTargets')
      .selectAll()
      .where('postId', '=', postId)
      .orderBy('network')
      .execute();
    const [bsky, masto] = rows;
    expect(bsky?.remoteId).toMatch(/^at:\/\/did:plc:.+\/app\.bsky\.feed\.post\//);
    const records = await fetch(
      `${pds.url}/xrpc/com.atproto.repo.listRecords?repo=${encodeURIComponent(bsky?.remoteId?.split('/')[2] ?? '')}&collection=app.bsky.feed.post`,
    ).then((r) => r.json() as Promise<{ records: { value: { text: string } }[] }>);
    expect(records.records.filter((r) => r.value.text === text)).toHaveLength(1);

    const found = await connectors.mastodon.findRecent(
      JSON.parse(
        t.services.box.open(
          (
            await db()
              .selectFrom('channels')
              .select('credentialsSealed')
              .where('id', '=', masto?.channelId ?? '')
              .executeTakeFirstOrThrow()
          ).credentialsSealed,
        ),
      ),
      { since: new Date(Date.now() - 600_000), text },
    );
    expect(found?.remoteId).toBe(masto?.remoteId);
    expect(
      (
        await db()
          .selectFrom('posts')
          .select('status')
          .where('id', '=', postId)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('published');
  });

  it('taking it down: deleted on Bluesky, snac2 cannot delete through its API → removal by hand with the URL', async () => {
    const res = await o.clients.marketer.post(
      `/api/orgs/${o.orgId}/posts/${postId}/delete-from-networks`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const targets = (
      res.json() as {
        targets: { network: string; outcome: string; url: string | null; reason: string | null }[];
      }
    ).targets;
    const byNetwork = Object.fromEntries(targets.map((t) => [t.network, t]));
    expect(byNetwork.bluesky).toMatchObject({ outcome: 'deleted' });
    expect(byNetwork.mastodon).toMatchObject({
      outcome: 'manual_removal_needed',
      reason: expect.stringMatching(/does not let apps delete/),
    });
    expect(byNetwork.mastodon?.url).toMatch(/^https?:\/\/127\.0\.0\.1:\d+\/clinic\//);
    const rows = await db()
      .selectFrom('postTargets')
      .select(['network', 'status'])
      .where('postId', '=', postId)
      .orderBy('network')
      .execute();
    expect(rows).toEqual([
      { network: 'bluesky', status: 'deleted' },
      { network: 'mastodon', status: 'removal_needed' },
    ]);
    const bskyRow = await db()
      .selectFrom('postTargets')
      .select('remoteId')
      .where('postId', '=', postId)
      .where('network', '=', 'bluesky')
      .executeTakeFirstOrThrow();
    const records = await fetch(
      `${pds.url}/xrpc/com.atproto.repo.listRecords?repo=${encodeURIComponent(bskyRow.remoteId?.split('/')[2] ?? '')}&collection=app.bsky.feed.post`,
    ).then((r) => r.json() as Promise<{ records: unknown[] }>);
    expect(records.records).toHaveLength(0);
  });
});
