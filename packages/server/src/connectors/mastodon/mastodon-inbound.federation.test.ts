import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorError } from '../connector-error.js';
import type { InboundItem, InboundPage } from '../inbound.js';
import {
  snacFederationMissingReason,
  startSnacFederation,
  type SnacFederation,
} from '../test-support/snac-federation.js';
import { connectSnacAccount } from '../test-support/snac-oauth.js';
import { createMastodonConnector } from './mastodon-connector.js';
import type { MastodonCredentials } from './mastodon-credentials.js';
import { createMastodonInbound } from './mastodon-inbound.js';

const skip = await snacFederationMissingReason();
if (skip) console.warn(skip);
const inbound = createMastodonInbound({ timeoutMs: 5_000 });
const connector = createMastodonConnector({ timeoutMs: 5_000 });

/**
 * Polls until the page has an item, or gives up. Delivery between the servers runs on snac's
 * background queue, so the wait is for the other server, not a measured time.
 */
async function firstItems(read: () => Promise<InboundPage>): Promise<InboundPage> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const page = await read();
    if (page.items.length > 0 || Date.now() > deadline) return page;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

(skip ? describe.skip : describe)(
  'Mastodon inbound: a mention federated between two snac2 servers',
  () => {
    let servers: SnacFederation;
    let clinic: MastodonCredentials;
    let patient: MastodonCredentials;

    beforeAll(async () => {
      servers = await startSnacFederation();
      clinic = (await connectSnacAccount(connector, servers.home)).credentials;
      patient = (await connectSnacAccount(connector, servers.remote)).credentials;
    }, 60_000);
    afterAll(async () => servers?.stop());

    it('reads a remote mention with its cursor, answers it, and the answer reaches the other server', async () => {
      // Nothing yet: the first poll sets no items and no cursor.
      const empty = await inbound.fetchSince(clinic, { cursor: null, limit: 40 });
      expect(empty.items).toEqual([]);

      const mention = await connector.publish(patient, {
        text: `@clinic@${servers.home.host} I waited an hour past my appointment time`,
        idempotencyKey: 'fed-mention-1',
      });

      const page = await firstItems(() => inbound.fetchSince(clinic, { cursor: null, limit: 40 }));
      expect(page.items).toHaveLength(1);
      const item = page.items[0] as InboundItem;
      expect(item.kind).toBe('mention');
      expect(item.text).toContain('I waited an hour past my appointment time');
      expect(item.authorHandle).toBe(`patient@${servers.remote.host}`);
      expect(item.parentExternalId).toBeNull();
      expect(item.url).toMatch(new RegExp(`^http://${servers.remote.host.replace(/\./g, '\\.')}/`));
      expect(page.cursor).not.toBeNull();

      // The cursor remembers what was read: the same mention is not handed out twice.
      const again = await inbound.fetchSince(clinic, { cursor: page.cursor, limit: 40 });
      expect(again.items).toEqual([]);
      expect(again.cursor).toBe(page.cursor);

      // The reply goes through the reply path, from the home server to the patient's server.
      const sent = await inbound.reply(clinic, {
        externalId: item.externalId,
        replyRef: item.replyRef,
        text: 'Thank you for telling us. Please call our office so we can look into it.',
        idempotencyKey: 'fed-reply-1',
      });
      expect(sent.remoteId).not.toBe('');

      // On the patient's server the answer is a reply to the patient's own status.
      const arrived = await firstItems(() =>
        inbound.fetchSince(patient, { cursor: null, limit: 40 }),
      );
      expect(arrived.items).toHaveLength(1);
      const answer = arrived.items[0] as InboundItem;
      expect(answer.kind).toBe('comment');
      expect(answer.parentExternalId).toBe(mention.remoteId);
      expect(answer.authorHandle).toBe(`clinic@${servers.home.host}`);
      expect(answer.text).toContain('Please call our office so we can look into it.');
    }, 90_000);

    it('maps a revoked token and a server that is gone to connector errors', async () => {
      const revoked = await inbound
        .fetchSince({ ...clinic, accessToken: 'revoked' }, { cursor: null, limit: 5 })
        .catch((e: unknown) => e);
      expect(revoked).toBeInstanceOf(ConnectorError);
      expect((revoked as ConnectorError).kind).toBe('reconnect_needed');

      const gone = await inbound
        .fetchSince({ ...clinic, instanceUrl: 'http://127.0.0.1:9' }, { cursor: null, limit: 5 })
        .catch((e: unknown) => e);
      expect(gone).toBeInstanceOf(ConnectorError);
      expect((gone as ConnectorError).kind).toBe('transient');
    });
  },
);
