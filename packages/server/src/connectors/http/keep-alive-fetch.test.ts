import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceAddressGuard } from '../service-address.js';
import { fetchWithTimeout, isTimeout } from './fetch-with-timeout.js';
import { keepAliveFetch } from './keep-alive-fetch.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A loopback server whose answer each test chooses by path; it remembers requests and connections. */
let baseUrl = '';
const seen: Seen[] = [];
let connections = 0;
/** Paths whose next request is dropped (connection destroyed, nothing answered). */
const dropNext = new Set<string>();
const server = createServer((request: IncomingMessage, response: ServerResponse) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    if (dropNext.delete(request.url ?? '')) {
      seen.push({
        method: request.method ?? '',
        url: 'dropped',
        headers: request.headers,
        body: '',
      });
      request.socket.destroy();
      return;
    }
    seen.push({
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
      body: Buffer.concat(chunks).toString(),
    });
    const path = request.url ?? '';
    if (path === '/json') {
      response.writeHead(200, { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'] });
      response.end(JSON.stringify({ id: '7' }));
    } else if (path === '/limited') {
      response.writeHead(429, { 'retry-after': '30', 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: 'Too many requests' }));
    } else if (path === '/moved') {
      response.writeHead(302, { location: '/json' });
      response.end();
    } else if (path === '/empty') {
      response.writeHead(204);
      response.end();
    } else if (path === '/silent') {
      // Never answers: the caller's timeout has to end it.
    } else if (path === '/stalled-body') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"id":');
    } else {
      response.writeHead(404);
      response.end('not found');
    }
  });
});
server.on('connection', () => (connections += 1));

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const manual = { redirect: 'manual' } as const;

describe('keepAliveFetch (the connectors’ HTTP)', () => {
  const send = keepAliveFetch();

  it('sends method, headers and a JSON body, and answers with a standard Response', async () => {
    const response = await send(`${baseUrl}/json`, {
      ...manual,
      method: 'POST',
      headers: {
        Authorization: 'Bearer token-1',
        'content-type': 'application/json',
        'Idempotency-Key': 'key-1',
      },
      body: JSON.stringify({ status: 'Flu shots this week' }),
    });
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(200);
    expect(response.ok).toBe(true);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(await response.json()).toEqual({ id: '7' });
    const request = seen.at(-1);
    expect(request).toMatchObject({ method: 'POST', url: '/json' });
    expect(request?.headers).toMatchObject({
      authorization: 'Bearer token-1',
      'content-type': 'application/json',
      'idempotency-key': 'key-1',
      accept: '*/*',
    });
    expect(request?.body).toBe('{"status":"Flu shots this week"}');
  });

  it('sends a form as application/x-www-form-urlencoded and bytes as they are', async () => {
    await send(`${baseUrl}/json`, {
      ...manual,
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'r t' }),
    });
    expect(seen.at(-1)?.headers['content-type']).toBe(
      'application/x-www-form-urlencoded;charset=UTF-8',
    );
    expect(seen.at(-1)?.body).toBe('grant_type=refresh_token&refresh_token=r+t');
    await send(`${baseUrl}/json`, {
      ...manual,
      method: 'PUT',
      headers: new Headers({ 'content-type': 'image/jpeg' }),
      body: new Uint8Array([1, 2, 3]),
    });
    expect(seen.at(-1)).toMatchObject({ method: 'PUT', body: '\u0001\u0002\u0003' });
    expect(seen.at(-1)?.headers['content-type']).toBe('image/jpeg');
  });

  it('returns refusals, redirects and empty answers as Responses (no error, no redirect followed)', async () => {
    const limited = await send(`${baseUrl}/limited`, manual);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('30');
    expect(await limited.json()).toEqual({ error: 'Too many requests' });
    const before = seen.length;
    const moved = await send(`${baseUrl}/moved`, manual);
    expect(moved.status).toBe(302);
    expect(moved.headers.get('location')).toBe('/json');
    expect(seen.length).toBe(before + 1);
    const empty = await send(`${baseUrl}/empty`, { ...manual, method: 'DELETE' });
    expect(empty.status).toBe(204);
    expect(await empty.text()).toBe('');
  });

  it('reuses its connections across requests', async () => {
    const agent = new Agent();
    const pooled = keepAliveFetch({ dispatcher: agent });
    const before = connections;
    for (let i = 0; i < 10; i += 1) await (await pooled(`${baseUrl}/json`, manual)).text();
    // undici may open a second one while the first is still finishing the previous answer.
    expect(connections - before).toBeGreaterThanOrEqual(1);
    expect(connections - before).toBeLessThanOrEqual(2);
    await agent.close();
  });

  it('gives up with a timeout error when no answer comes, or the body stops half way', async () => {
    const timed = fetchWithTimeout(300, send);
    for (const path of ['/silent', '/stalled-body']) {
      const error = await timed(`${baseUrl}${path}`, manual).then(
        () => undefined,
        (failure: unknown) => failure,
      );
      expect(isTimeout(error), path).toBe(true);
    }
  });

  it('sends a GET once more when the connection is closed without an answer; never a POST', async () => {
    const before = seen.length;
    dropNext.add('/json');
    const response = await send(`${baseUrl}/json`, manual);
    expect(await response.json()).toEqual({ id: '7' });
    expect(seen.slice(before).map((r) => r.url)).toEqual(['dropped', '/json']);
    dropNext.add('/json');
    await expect(
      send(`${baseUrl}/json`, { ...manual, method: 'POST', body: '{}' }),
    ).rejects.toBeInstanceOf(Error);
    expect(seen.slice(before).map((r) => r.url)).toEqual(['dropped', '/json', 'dropped']);
  });

  it('refuses an unreachable server with an error, as fetch does', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(send(`http://127.0.0.1:${port}/json`, manual)).rejects.toBeInstanceOf(Error);
  });

  it('leaves multipart uploads, followed redirects and Request objects to the built-in fetch', async () => {
    const fellBack: string[] = [];
    const withSpy = keepAliveFetch({
      fallback: (input, init) => {
        fellBack.push(input instanceof Request ? 'request' : String(init?.body?.constructor.name));
        return fetch(input, init);
      },
    });
    const form = new FormData();
    form.append('description', 'Clinic front door');
    await withSpy(`${baseUrl}/json`, { ...manual, method: 'POST', body: form });
    expect(seen.at(-1)?.headers['content-type']).toMatch(/^multipart\/form-data/);
    const followed = await withSpy(`${baseUrl}/moved`);
    expect(followed.status).toBe(200);
    await withSpy(new Request(`${baseUrl}/json`));
    expect(fellBack).toEqual(['FormData', 'undefined', 'request']);
  });

  it('still sits behind the address guard: a private server is refused before anything is sent', async () => {
    const guarded = serviceAddressGuard('public', { network: 'mastodon' });
    const before = seen.length;
    await expect(guarded(`${baseUrl}/json`, manual)).rejects.toMatchObject({
      kind: 'content_rejected',
    });
    expect(seen.length).toBe(before);
  });
});
