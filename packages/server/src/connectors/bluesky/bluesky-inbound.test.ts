import { AtpAgent, RichText } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingReason } from '../../../../../tools/test-env.js';
import {
  startLocalBlueskyNetwork,
  type LocalBlueskyNetwork,
} from '../test-support/local-bluesky-network.js';
import { ConnectorError } from '../connector-error.js';
import { createBlueskyConnector } from './bluesky-connector.js';
import type { BlueskyCredentials } from './bluesky-credentials.js';
import { createBlueskyInbound } from './bluesky-inbound.js';

const skip = missingReason('postgres');
if (skip) console.warn(skip);

(skip ? describe.skip : describe)(
  'Bluesky inbound against a real local network with its AppView',
  () => {
    let network: LocalBlueskyNetwork;
    let clinic: BlueskyCredentials;
    let patient: AtpAgent;
    const inbound = createBlueskyInbound();

    beforeAll(async () => {
      network = await startLocalBlueskyNetwork();
      await network.createAccount('clinic.test', 'clinic-pass');
      await network.createAccount('reviewer.test', 'reviewer-pass');
      clinic = await createBlueskyConnector().authorize.login({
        service: network.pdsUrl,
        identifier: 'clinic.test',
        password: 'clinic-pass',
      });
      patient = new AtpAgent({ service: network.pdsUrl });
      await patient.login({ identifier: 'reviewer.test', password: 'reviewer-pass' });
    }, 120_000);
    afterAll(async () => network?.close());

    it('reads a mention and a reply once each, and answers in the thread', async () => {
      const mention = new RichText({
        text: '@clinic.test waited two hours and nobody called me back',
      });
      await mention.detectFacets(patient);
      await patient.post({ text: mention.text, facets: mention.facets });
      const clinicAgent = new AtpAgent({ service: network.pdsUrl });
      await clinicAgent.login({ identifier: 'clinic.test', password: 'clinic-pass' });
      const announcement = await clinicAgent.post({ text: 'Flu shots this week' });
      // The AppView notifies the author of a reply only when it has the parent post: on a busy
      // machine its indexer could take the reply first, so let it index the announcement first
      // (as it would have long before anyone answered it).
      await network.processAll();
      await patient.post({
        text: 'Is parking free?',
        reply: {
          root: { uri: announcement.uri, cid: announcement.cid },
          parent: { uri: announcement.uri, cid: announcement.cid },
        },
      });
      await network.processAll();
      // The AppView writes notifications after indexing; on a busy machine the second can lag
      // behind processAll(), so read (from the start, which changes nothing) until both are there.
      let first = await inbound.fetchSince(clinic, { cursor: null, limit: 50 });
      for (let attempt = 0; attempt < 20 && first.items.length < 2; attempt++) {
        await network.processAll();
        await new Promise((resolve) => setTimeout(resolve, 250));
        first = await inbound.fetchSince(clinic, { cursor: null, limit: 50 });
      }
      expect(first.items.map((i) => [i.kind, i.text, i.authorHandle])).toEqual([
        ['mention', '@clinic.test waited two hours and nobody called me back', 'reviewer.test'],
        ['comment', 'Is parking free?', 'reviewer.test'],
      ]);
      const reply = first.items[1]!;
      expect(reply.threadExternalId).toBe(announcement.uri);
      expect(reply.parentExternalId).toBe(announcement.uri);
      const again = await inbound.fetchSince(clinic, { cursor: first.cursor, limit: 50 });
      expect(again.items).toEqual([]);
      expect(again.cursor).toBe(first.cursor);

      const sent = await inbound.reply(clinic, {
        externalId: first.items[0]!.externalId,
        replyRef: first.items[0]!.replyRef,
        text: 'We are sorry to hear this. Please call our office so we can help.',
        idempotencyKey: 'reply-1',
      });
      await network.processAll();
      const thread = await patient.getPostThread({ uri: first.items[0]!.externalId });
      const replies =
        (thread.data.thread as { replies?: { post: { uri: string } }[] }).replies ?? [];
      expect(replies.map((r) => r.post.uri)).toEqual([sent.remoteId]);
    }, 60_000);

    it('retries a reply that timed out after the PDS wrote it without posting twice', async () => {
      const clinicAgent = new AtpAgent({ service: network.pdsUrl });
      await clinicAgent.login({ identifier: 'clinic.test', password: 'clinic-pass' });
      const asked = new RichText({ text: '@clinic.test are you open on Saturdays?' });
      await asked.detectFacets(patient);
      const question = await patient.post({ text: asked.text, facets: asked.facets });
      await network.processAll();
      const page = await inbound.fetchSince(clinic, { cursor: null, limit: 50 });
      const item = page.items.find((i) => i.externalId === question.uri)!;
      // The PDS stores the record, then the network goes away: the answer and the check after it
      // time out. That attempt fails as transient; the retry finds the record.
      let down = false;
      let writes = 0;
      const losing: typeof fetch = async (input, init) => {
        if (down)
          throw Object.assign(new Error('The operation timed out.'), { name: 'TimeoutError' });
        const response = await fetch(input, init);
        const url = input instanceof Request ? input.url : String(input);
        if (url.includes('com.atproto.repo.createRecord')) {
          writes += 1;
          if (writes === 1) {
            down = true;
            throw Object.assign(new Error('The operation timed out.'), { name: 'TimeoutError' });
          }
        }
        return response;
      };
      const flaky = createBlueskyInbound({ fetch: losing });
      const input = {
        externalId: item.externalId,
        replyRef: item.replyRef,
        text: 'Yes, from 9 to noon. Call us to book.',
        idempotencyKey: 'reply-timeout-1',
        createdAt: '2026-11-28T06:00:00.000Z',
      };
      const failure = await flaky.reply(clinic, input).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(ConnectorError);
      expect((failure as ConnectorError).kind).toBe('transient');
      expect(writes).toBe(1);
      down = false;

      const retried = await flaky.reply(clinic, input);
      expect(writes).toBe(1);
      const again = await inbound.reply(clinic, input);
      expect(again.remoteId).toBe(retried.remoteId);
      expect(retried.remoteId).toMatch(/\/app\.bsky\.feed\.post\/[2-7a-j][2-7a-z]{12}$/);
      await network.processAll();
      const thread = await patient.getPostThread({ uri: question.uri });
      const replies =
        (thread.data.thread as { replies?: { post: { uri: string } }[] }).replies ?? [];
      expect(replies.map((r) => r.post.uri)).toEqual([retried.remoteId]);
      const mine = await clinicAgent.com.atproto.repo.listRecords({
        repo: clinic.did,
        collection: 'app.bsky.feed.post',
      });
      expect(
        mine.data.records.filter(
          (r) => (r.value as { text?: string }).text === 'Yes, from 9 to noon. Call us to book.',
        ),
      ).toHaveLength(1);

      // Another reply (another key) is a new record.
      const other = await inbound.reply(clinic, { ...input, idempotencyKey: 'reply-timeout-2' });
      expect(other.remoteId).not.toBe(retried.remoteId);
    }, 60_000);

    it('maps bad credentials to a ConnectorError', async () => {
      const broken = { ...clinic, accessJwt: 'garbage', refreshJwt: 'garbage' };
      await expect(inbound.fetchSince(broken, { cursor: null, limit: 10 })).rejects.toBeInstanceOf(
        ConnectorError,
      );
    });
  },
);
