import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A lean Mastodon-shaped network for the scheduler benchmark: `POST /api/v1/statuses` answers
 * after `latencyMs`, honours the Idempotency-Key like Mastodon, and counts every request by key,
 * so duplicates (a key sent twice) and losses (a key never sent) can be counted afterwards.
 */
export interface FakeNetwork {
  baseUrl: string;
  token: string;
  /** POST requests received per idempotency key. */
  received: Map<string, number>;
  /** How long after each POST arrived its answer was sent, in ms (≥ latencyMs; more when this process is starved). */
  answeredAfterMs: number[];
  close(): Promise<void>;
}

export async function startFakeNetwork(latencyMs: number): Promise<FakeNetwork> {
  const token = 'bench-token-0123456789';
  const received = new Map<string, number>();
  const answeredAfterMs: number[] = [];
  let nextId = 1;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const reply = (status: number, body: unknown): void => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      if (request.headers.authorization !== `Bearer ${token}`)
        return reply(401, { error: 'bad token' });
      if (request.method === 'POST' && request.url === '/api/v1/statuses') {
        const key = String(request.headers['idempotency-key'] ?? '');
        received.set(key, (received.get(key) ?? 0) + 1);
        const id = String(nextId++);
        const arrived = performance.now();
        setTimeout(() => {
          answeredAfterMs.push(performance.now() - arrived);
          reply(200, {
            id,
            uri: `https://bench.test/s/${id}`,
            url: `https://bench.test/@clinic/${id}`,
            created_at: new Date().toISOString(),
            content: '<p>bench</p>',
          });
        }, latencyMs);
        return;
      }
      if (request.url === '/api/v1/accounts/verify_credentials')
        return reply(200, { id: '1', username: 'clinic', display_name: 'Clinic', url: null });
      if (request.url?.startsWith('/api/v1/accounts/1/statuses')) return reply(200, []);
      reply(404, { error: 'Record not found' });
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    token,
    received,
    answeredAfterMs,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
