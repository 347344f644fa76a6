import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  addressAllowed,
  assertServiceAddress,
  classifyAddress,
  serviceAddressGuard,
} from './service-address.js';

const resolving = (addresses: string[]) => (): Promise<string[]> => Promise.resolve(addresses);

describe('user-given server addresses (SSRF)', () => {
  it('classifies loopback, private, link-local and public addresses, IPv4 and IPv6', () => {
    expect(classifyAddress('127.0.0.1')).toBe('loopback');
    expect(classifyAddress('127.8.9.10')).toBe('loopback');
    expect(classifyAddress('::1')).toBe('loopback');
    expect(classifyAddress('::ffff:127.0.0.1')).toBe('loopback');
    expect(classifyAddress('::ffff:7f00:1')).toBe('loopback');
    for (const address of [
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '100.64.0.1',
      'fd12::1',
    ])
      expect(classifyAddress(address), address).toBe('private');
    for (const address of [
      '169.254.169.254',
      'fe80::1',
      '0.0.0.0',
      '::',
      '224.0.0.1',
      '255.255.255.255',
      '::ffff:169.254.169.254',
    ])
      expect(classifyAddress(address), address).toBe('forbidden');
    for (const address of ['93.184.216.34', '172.32.0.1', '2606:4700::1111', '64:ff9b::5db8:d822'])
      expect(classifyAddress(address), address).toBe('public');
    expect(classifyAddress('not-an-ip')).toBe('forbidden');
  });

  it('the policy decides: public only by default; loopback and private only when configured; link-local never', () => {
    expect(addressAllowed('127.0.0.1', 'public')).toBe(false);
    expect(addressAllowed('127.0.0.1', 'loopback')).toBe(true);
    expect(addressAllowed('10.0.0.5', 'loopback')).toBe(false);
    expect(addressAllowed('10.0.0.5', 'private')).toBe(true);
    expect(addressAllowed('169.254.169.254', 'private')).toBe(false);
    expect(addressAllowed('93.184.216.34', 'public')).toBe(true);
  });

  it('every address a name resolves to must pass: one private record is enough to refuse', async () => {
    const check = (addresses: string[], policy: 'public' | 'loopback' = 'public') =>
      assertServiceAddress('https://social.example', {
        policy,
        network: 'mastodon',
        lookup: resolving(addresses),
      });
    await expect(check(['93.184.216.34'])).resolves.toBeUndefined();
    await expect(check(['93.184.216.34', '10.0.0.5'])).rejects.toMatchObject({
      kind: 'content_rejected',
      reason: expect.stringContaining('private or local network'),
    });
    await expect(check([])).rejects.toMatchObject({ kind: 'content_rejected' });
    await expect(check(['127.0.0.1'], 'loopback')).resolves.toBeUndefined();
    await expect(
      assertServiceAddress('http://[::1]:8080', { policy: 'public', network: 'bluesky' }),
    ).rejects.toMatchObject({ kind: 'content_rejected' });
    await expect(
      assertServiceAddress('https://social.example', {
        policy: 'public',
        network: 'bluesky',
        lookup: () => Promise.reject(new Error('ENOTFOUND')),
      }),
    ).rejects.toMatchObject({ reason: 'The server social.example could not be found.' });
  });

  it('the guarded fetch checks the host of every request (a name that turns private later is refused)', async () => {
    const answers = [['93.184.216.34'], ['10.0.0.7']];
    let sent = 0;
    const guarded = serviceAddressGuard('public', {
      network: 'mastodon',
      lookup: () => Promise.resolve(answers.shift() ?? []),
      baseFetch: () => {
        sent += 1;
        return Promise.resolve(new Response('{}'));
      },
    });
    await guarded('https://social.example/api/v1/instance');
    await expect(guarded('https://social.example/api/v1/statuses')).rejects.toMatchObject({
      kind: 'content_rejected',
    });
    expect(sent).toBe(1);
  });

  it('a name that resolves to a public address for the check and to loopback for the connection is refused (DNS rebinding)', async () => {
    let hits = 0;
    const server = createServer((_req, res) => {
      hits += 1;
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      // The check before the request sees a public address; the socket's own lookup, a moment
      // later, gets loopback: the connection must not be opened.
      const answers = [['93.184.216.34'], ['127.0.0.1']];
      const guarded = serviceAddressGuard('public', {
        network: 'mastodon',
        lookup: () => Promise.resolve(answers.shift() ?? []),
      });
      const failure = await guarded(`http://rebind.example:${port}/api/v1/instance`, {
        redirect: 'manual',
      }).then(
        () => null,
        (error: unknown) => error,
      );
      expect(hits).toBe(0);
      expect(JSON.stringify(failure, Object.getOwnPropertyNames(failure))).toMatch(
        /EBEDSIDE_REFUSED_ADDRESS|does not connect to/,
      );

      // Where loopback is allowed (development), the same name connects through the same path.
      const allowed = serviceAddressGuard('loopback', {
        network: 'mastodon',
        lookup: () => Promise.resolve(['127.0.0.1']),
      });
      const res = await allowed(`http://rebind.example:${port}/api/v1/instance`, {
        redirect: 'manual',
      });
      expect(res.status).toBe(200);
      expect(hits).toBe(1);
    } finally {
      server.close();
    }
  });
});
