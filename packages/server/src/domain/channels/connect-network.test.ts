import { afterAll, beforeAll, expect, it } from 'vitest';
import { networkEndpoints } from '../../connectors/network-endpoints.js';
import type { XCredentials } from '../../connectors/x/x-credentials.js';
import { approveOnFake } from '../../connectors/test-support/caught.js';
import {
  startGoogleBusinessFake,
  type GoogleBusinessFake,
} from '../../connectors/test-support/google-business-fake.js';
import {
  startLinkedInFake,
  type LinkedInFake,
} from '../../connectors/test-support/linkedin-fake.js';
import { useLoopbackOnlyNetwork } from '../../connectors/test-support/loopback-only.js';
import { startFacebookFake, type FacebookFake } from '../../connectors/test-support/meta-fake.js';
import { startXFake, type XFake } from '../../connectors/test-support/x-fake.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { createOrgWithRoles, type OrgWithRoles } from '../../test-support/org-with-roles.js';
import { describeEachDialect } from '../../test-support/test-database.js';
import { createChannelConnectors } from './channel-connectors.js';

let x: XFake;
let facebook: FacebookFake;
let linkedin: LinkedInFake;
let google: GoogleBusinessFake;
useLoopbackOnlyNetwork();
beforeAll(async () => {
  [x, facebook, linkedin, google] = await Promise.all([
    startXFake(),
    startFacebookFake(),
    startLinkedInFake(),
    startGoogleBusinessFake(),
  ]);
});
afterAll(async () => {
  await Promise.all([x, facebook, linkedin, google].map((fake) => fake?.close()));
});

describeEachDialect(
  'connecting Facebook, Instagram, LinkedIn, X and Google through OAuth',
  (dialect) => {
    let t: TestApp;
    let o: OrgWithRoles;
    beforeAll(async () => {
      t = await createTestApp(dialect);
      t.services.connectors = createChannelConnectors({
        timeoutMs: 5_000,
        networks: {
          endpoints: networkEndpoints({
            ...x.endpoints,
            ...facebook.endpoints,
            ...linkedin.endpoints,
            ...google.endpoints,
          }),
          clients: {
            x: x.client,
            meta: facebook.client,
            linkedin: linkedin.client,
            google: google.client,
          },
          serviceAddresses: 'loopback',
        },
      });
      o = await createOrgWithRoles(t, `oauth${dialect}`);
    }, 60_000);
    afterAll(async () => t?.close());

    const base = () => `/api/orgs/${o.orgId}/channels/oauth`;
    const start = async (network: string, client = o.clients.owner) => {
      const res = await client.post(`${base()}/${network}/start`, { locationId: o.locationId });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().authorizeUrl as string;
    };
    const callback = async (network: string, client = o.clients.owner) => {
      const back = await approveOnFake(await start(network, client));
      expect(back.pathname).toBe(`/settings/channels/${network}/callback`);
      return {
        state: back.searchParams.get('state') ?? '',
        code: back.searchParams.get('code') ?? undefined,
        error: back.searchParams.get('error') ?? undefined,
      };
    };
    const rows = (network: string) =>
      t.services.database.db
        .selectFrom('channels')
        .selectAll()
        .where('orgId', '=', o.orgId)
        .where('network', '=', network as never)
        .execute();

    it('X: one account connects at once; tokens are sealed, never returned, never logged', async () => {
      const back = await callback('x');
      const finish = await o.clients.owner.post(`${base()}/x/finish`, back);
      expect(finish.statusCode, finish.body).toBe(201);
      expect(finish.json().channel).toMatchObject({
        network: 'x',
        handle: '@mainstclinic',
        status: 'connected',
        locationId: o.locationId,
      });
      const [row] = await rows('x');
      expect(row?.maxCharacters).toBe(280);
      const credentials = JSON.parse(
        t.services.box.open(row?.credentialsSealed ?? ''),
      ) as XCredentials;
      expect(credentials.refreshToken).toMatch(/^rt-/);
      const list = await o.clients.viewer.get(`/api/orgs/${o.orgId}/channels`);
      const everything = [finish.body, list.body, JSON.stringify(row), t.logLines.join('\n')].join(
        '\n',
      );
      for (const secret of [
        credentials.accessToken,
        credentials.refreshToken ?? '',
        back.code ?? '',
      ])
        expect(everything).not.toContain(secret);
      const events = await t.services.database.db
        .selectFrom('auditEvents')
        .select(['action', 'details'])
        .where('orgId', '=', o.orgId)
        .where('action', '=', 'channel.connected')
        .execute();
      const details = events.map((e) =>
        typeof e.details === 'string' ? (JSON.parse(e.details) as unknown) : e.details,
      );
      expect(details).toContainEqual(
        expect.objectContaining({ network: 'x', handle: '@mainstclinic' }),
      );
    });

    it('X validate: an expired token is refreshed and the rotated tokens are stored; a dead one is reconnect_needed', async () => {
      const [row] = await rows('x');
      const before = row?.credentialsSealed;
      x.expireToken();
      const valid = await o.clients.owner.post(`/api/orgs/${o.orgId}/channels/${row?.id}/validate`);
      expect(valid.json()).toMatchObject({ status: 'connected' });
      const [after] = await rows('x');
      expect(after?.credentialsSealed).not.toBe(before);
      // Put back the credentials from before the refresh: their refresh token has been rotated away.
      await t.services.database.db
        .updateTable('channels')
        .set({ credentialsSealed: before ?? '' })
        .where('id', '=', row?.id ?? '')
        .execute();
      x.expireToken();
      const dead = await o.clients.owner.post(`/api/orgs/${o.orgId}/channels/${row?.id}/validate`);
      expect(dead.json()).toMatchObject({
        status: 'reconnect_needed',
        statusReason: expect.stringMatching(/\w/),
      });
    });

    it('Facebook: the person chooses among their Pages; the choice works once', async () => {
      const finish = await o.clients.owner.post(
        `${base()}/facebook/finish`,
        await callback('facebook'),
      );
      expect(finish.statusCode, finish.body).toBe(200);
      const { choice } = finish.json();
      expect(choice.accounts.map((a: { displayName: string }) => a.displayName)).toEqual([
        'Main Street Clinic',
        'Main Street Clinic — Eastside',
      ]);
      expect(finish.body).not.toMatch(/access_?token|at-[0-9a-f]{6}/i);
      const wrong = await o.clients.owner.post(`${base()}/facebook/choose`, {
        choiceId: choice.id,
        accountId: 'not-one',
      });
      expect(wrong.json().error.details.fields.accountId).toMatch(/Choose/);
      const someoneElse = await o.clients.admin.post(`${base()}/facebook/choose`, {
        choiceId: choice.id,
        accountId: choice.accounts[1].id,
      });
      expect(someoneElse.json().error.details.fields.choiceId).toMatch(/expired/);
      const chosen = await o.clients.owner.post(`${base()}/facebook/choose`, {
        choiceId: choice.id,
        accountId: choice.accounts[1].id,
      });
      expect(chosen.statusCode, chosen.body).toBe(201);
      expect(chosen.json()).toMatchObject({
        network: 'facebook',
        displayName: 'Main Street Clinic — Eastside',
      });
      const again = await o.clients.owner.post(`${base()}/facebook/choose`, {
        choiceId: choice.id,
        accountId: choice.accounts[0].id,
      });
      expect(again.statusCode).toBe(400);
      expect(await rows('facebook')).toHaveLength(1);
    });

    it('LinkedIn (PKCE) and Google (account → location) connect through a choice', async () => {
      for (const [network, pick] of [
        ['linkedin', 'Main Street Dental'],
        ['gbp', 'Main Street Clinic'],
      ] as const) {
        const finish = await o.clients.owner.post(
          `${base()}/${network}/finish`,
          await callback(network),
        );
        expect(finish.statusCode, finish.body).toBe(200);
        const account = finish
          .json()
          .choice.accounts.find((a: { displayName: string }) => a.displayName === pick);
        const chosen = await o.clients.owner.post(`${base()}/${network}/choose`, {
          choiceId: finish.json().choice.id,
          accountId: account.id,
        });
        expect(chosen.statusCode, chosen.body).toBe(201);
        expect(chosen.json()).toMatchObject({ network, displayName: pick, status: 'connected' });
      }
      const verifier =
        linkedin.requests.find((r) => r.path === '/oauth/v2/accessToken')?.body ?? '';
      expect(verifier).toContain('code_verifier=');
    });

    it('a state that does not match, belongs to another network or person, or was used is refused', async () => {
      const random = await o.clients.owner.post(`${base()}/x/finish`, {
        state: 'a'.repeat(32),
        code: 'c',
      });
      expect(random.statusCode).toBe(400);
      expect(random.json().error.details.fields.state).toMatch(/expired or was already used/);

      const xBack = await callback('x');
      const otherNetwork = await o.clients.owner.post(`${base()}/linkedin/finish`, xBack);
      expect(otherNetwork.json().error.details.fields.state).toBeDefined();
      // Looking the state up used it: the right network cannot use it afterwards either.
      expect((await o.clients.owner.post(`${base()}/x/finish`, xBack)).statusCode).toBe(400);

      const ownerBack = await callback('x');
      const otherPerson = await o.clients.admin.post(`${base()}/x/finish`, ownerBack);
      expect(otherPerson.json().error.details.fields.state).toBeDefined();
      const stateRows = await t.services.database.db
        .selectFrom('oauthStates')
        .selectAll()
        .where('orgId', '=', o.orgId)
        .execute();
      expect(stateRows).toEqual([]);
    });

    it('an expired state is refused and nothing is connected', async () => {
      const back = await callback('linkedin');
      await t.services.database.db
        .updateTable('oauthStates')
        .set({ expiresAt: new Date(Date.now() - 1000).toISOString() })
        .where('orgId', '=', o.orgId)
        .execute();
      const res = await o.clients.owner.post(`${base()}/linkedin/finish`, back);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details.fields.state).toMatch(/expired/);
      expect(await rows('linkedin')).toHaveLength(1);
    });

    it('denied consent: the network says access_denied, Bedside says so and connects nothing', async () => {
      google.denyConsent();
      const back = await callback('gbp');
      expect(back).toMatchObject({ error: 'access_denied', code: undefined });
      const res = await o.clients.owner.post(`${base()}/gbp/finish`, {
        state: back.state,
        error: back.error,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details.fields.code).toBe(
        'You did not allow Bedside on Google Business Profile, so nothing was connected.',
      );
      expect(await rows('gbp')).toHaveLength(1);
    });

    it('a refused code is a field error; bad input and other roles are refused', async () => {
      const back = await callback('x');
      const res = await o.clients.owner.post(`${base()}/x/finish`, {
        ...back,
        code: 'code-made-up',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details.fields.code).toMatch(/invalid_grant/);
      const unknown = await o.clients.owner.post(`${base()}/myspace/start`, {
        locationId: o.locationId,
      });
      expect(unknown.statusCode).toBe(400);
      const otherLocation = await o.clients.owner.post(`${base()}/x/start`, { locationId: 'nope' });
      expect(otherLocation.json().error.details.fields.locationId).toBeDefined();
      // Marketers connect accounts (channel.connect); a viewer may not.
      const marketer = await o.clients.marketer.post(`${base()}/x/start`, {
        locationId: o.locationId,
      });
      expect(marketer.statusCode).toBe(200);
      const viewer = await o.clients.viewer.post(`${base()}/x/start`, {
        locationId: o.locationId,
      });
      expect(viewer.statusCode).toBe(403);
    });

    it('a network without a configured app cannot be connected, and says why', async () => {
      const saved = t.services.connectors;
      t.services.connectors = createChannelConnectors({});
      try {
        const res = await o.clients.owner.post(`${base()}/instagram/start`, {
          locationId: o.locationId,
        });
        expect(res.statusCode).toBe(503);
        expect(res.json().error.message).toMatch(/not set up/);
        const configured = await o.clients.viewer.get(`/api/orgs/${o.orgId}/channels/networks`);
        expect(configured.json().configured).toMatchObject({ instagram: false, x: false });
      } finally {
        t.services.connectors = saved;
      }
      const configured = await o.clients.viewer.get(`/api/orgs/${o.orgId}/channels/networks`);
      expect(configured.json().configured).toEqual({
        facebook: true,
        instagram: true,
        linkedin: true,
        x: true,
        gbp: true,
      });
    });
  },
);
