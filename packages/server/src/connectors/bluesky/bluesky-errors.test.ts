import { XRPCError } from '@atproto/api';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { useLoopbackOnlyNetwork } from '../test-support/loopback-only.js';
import { createBlueskyConnector } from './bluesky-connector.js';
import { toBlueskyError } from './bluesky-errors.js';

// The shapes below are the local PDS's real answers (NETWORKS.md §1.5); a PDS that rate-limits
// needs 30 logins in a row to show one, so the mapping is checked on the captured error.
describe('Bluesky error mapping', () => {
  useLoopbackOnlyNetwork();

  it('maps 429 RateLimitExceeded with ratelimit-reset (Unix seconds) to rate_limited', () => {
    const reset = String(Math.floor(Date.now() / 1000) + 90);
    const error = toBlueskyError(
      new XRPCError(429, 'RateLimitExceeded', 'Rate Limit Exceeded', {
        'ratelimit-limit': '30',
        'ratelimit-remaining': '0',
        'ratelimit-reset': reset,
        'ratelimit-policy': '30;w=300',
      }),
      [],
    );
    expect(error.kind).toBe('rate_limited');
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(85);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(91);
  });

  it('maps ExpiredToken and InvalidToken (HTTP 400) to reconnect_needed, 502 to transient, InvalidRequest to content_rejected', () => {
    expect(toBlueskyError(new XRPCError(400, 'ExpiredToken', 'Token has expired'), []).kind).toBe(
      'reconnect_needed',
    );
    expect(
      toBlueskyError(new XRPCError(400, 'InvalidToken', 'Token could not be verified'), []).kind,
    ).toBe('reconnect_needed');
    expect(
      toBlueskyError(new XRPCError(502, 'UpstreamFailure', 'Upstream service unreachable'), [])
        .kind,
    ).toBe('transient');
    expect(
      toBlueskyError(
        new XRPCError(
          400,
          'InvalidRequest',
          'Invalid app.bsky.feed.post record: grapheme too big (maximum 300, got 301) at $.record.text',
        ),
        [],
      ),
    ).toMatchObject({
      kind: 'content_rejected',
      reason:
        'Invalid app.bsky.feed.post record: grapheme too big (maximum 300, got 301) at $.record.text',
    });
  });

  it('maps a server that never answers to transient', async () => {
    const stalled = createServer(() => undefined);
    await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', resolve));
    const { port } = stalled.address() as AddressInfo;
    try {
      const bluesky = createBlueskyConnector({ timeoutMs: 300 });
      await expect(
        bluesky.authorize.login({
          service: `http://127.0.0.1:${port}`,
          identifier: 'clinic.test',
          password: 'secret-pass',
        }),
      ).rejects.toMatchObject({
        kind: 'transient',
        reason: 'The Bluesky server did not answer in time.',
      });
    } finally {
      stalled.closeAllConnections();
      await new Promise<void>((resolve) => stalled.close(() => resolve()));
    }
  });
});
