import net from 'node:net';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1', 'localhost']);

type ConnectArgs = Parameters<net.Socket['connect']>;

/** The host a `socket.connect(...)` call is about to reach; undefined for a Unix socket. */
function targetHost(args: unknown[]): string | undefined {
  const [first, second] = args;
  if (typeof first === 'object' && first !== null) {
    const options = first as { host?: string; path?: string };
    return options.path ? undefined : (options.host ?? 'localhost');
  }
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first)))
    return typeof second === 'string' ? second : 'localhost';
  return undefined;
}

/**
 * Connector tests talk to real servers on loopback and nothing else. This refuses every other
 * outbound connection at the socket (so fetch, undici and the PDS's own clients are all covered),
 * and fails the test that tried, even if the connector turned the refusal into a tidy error.
 */
export function useLoopbackOnlyNetwork(): void {
  const violations: string[] = [];
  const original = net.Socket.prototype.connect;
  beforeAll(() => {
    net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
      const host = targetHost(args);
      if (host !== undefined && !LOOPBACK.has(host)) {
        violations.push(host);
        process.nextTick(() =>
          this.destroy(new Error(`Outbound connection to ${host} refused in tests`)),
        );
        return this;
      }
      return original.apply(this, args as ConnectArgs);
    } as typeof original;
  });
  afterEach(() => {
    const seen = violations.splice(0);
    expect(seen, 'outbound connections to non-loopback hosts').toEqual([]);
  });
  afterAll(() => {
    net.Socket.prototype.connect = original;
  });
}
