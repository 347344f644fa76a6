import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request a fake received (headers lower-cased). */
export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
  body: string;
  params: Record<string, string>;
  /** The bearer token, if any. */
  bearer: string | undefined;
}

export interface FakeReply {
  status: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string as text/html (error pages, garbage). */
  body?: unknown;
  /** Answer this late (the work is done first), to exercise client timeouts. */
  delayMs?: number;
}

/** A route's answer; async for fakes that call out first (Instagram downloading an image). */
export type FakeHandler = (request: FakeRequest) => FakeReply | Promise<FakeReply>;

/** `'POST /v2/tweets'`, `'GET /:version/:id'`: a method and a path whose `:name` segments match anything. */
export type FakeRoute = string;

export interface FakeHttpServer {
  baseUrl: string;
  /** Every request received, in order (the fault tests and the benchmark count these). */
  requests: FakeRequest[];
  /** Replaces (or adds) the handler of a route. */
  on(route: FakeRoute, handler: FakeHandler): void;
  /** Keeps a route's behaviour but answers `ms` late: the post exists, the client times out. */
  delay(route: FakeRoute, ms: number): void;
  /** The next `times` requests to the route get `reply` instead (the route's work is not done). */
  failNext(route: FakeRoute, reply: FakeReply, times?: number): void;
  close(): Promise<void>;
}

export interface FakeServerOptions {
  /** Added to every answer, like a real network's round trip (the scheduler benchmark uses 50). */
  latencyMs?: number;
  /** Refuses a request before its handler runs (bad token): return the network's error reply. */
  authorize?: (request: FakeRequest, route: FakeRoute) => FakeReply | undefined;
}

/**
 * The loopback HTTP server under every network contract fake: routes by method and path, records
 * every request, and lets a test delay or fail a route. Real HTTP, so connectors run unchanged.
 */
export async function startFakeHttpServer(
  routes: Record<FakeRoute, FakeHandler>,
  options: FakeServerOptions = {},
): Promise<FakeHttpServer> {
  const table = new Map<FakeRoute, FakeHandler>(Object.entries(routes));
  const failures = new Map<FakeRoute, { reply: FakeReply; times: number }>();
  const requests: FakeRequest[] = [];

  const server = createServer((incoming, outgoing) => {
    void (async () => {
      const request = await readRequest(incoming);
      requests.push(request);
      const found = match(table, request);
      let reply: FakeReply;
      if (!found) reply = { status: 404, body: { error: 'no such route in the fake' } };
      else {
        const [route, handler, params] = found;
        request.params = params;
        const failure = failures.get(route);
        const refused = options.authorize?.(request, route);
        if (failure && failure.times > 0) {
          failure.times -= 1;
          reply = failure.reply;
        } else if (refused) reply = refused;
        else {
          try {
            reply = await handler(request);
          } catch (error) {
            reply = { status: 500, body: { error: String(error) } };
          }
        }
      }
      const wait = (options.latencyMs ?? 0) + (reply.delayMs ?? 0);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const text =
        typeof reply.body === 'string'
          ? reply.body
          : reply.body === undefined
            ? ''
            : JSON.stringify(reply.body);
      const type = typeof reply.body === 'string' ? 'text/html' : 'application/json';
      if (!outgoing.destroyed) {
        outgoing.writeHead(reply.status, { 'content-type': type, ...reply.headers });
        outgoing.end(text);
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    on: (route, handler) => void table.set(route, handler),
    delay: (route, ms) => {
      const handler = table.get(route);
      if (!handler) throw new Error(`No route ${route} in the fake`);
      table.set(route, async (request) => ({ ...(await handler(request)), delayMs: ms }));
    },
    failNext: (route, reply, times = 1) => void failures.set(route, { reply, times }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readRequest(incoming: IncomingMessage): Promise<FakeRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const url = new URL(incoming.url ?? '/', 'http://fake');
  const rawBody = Buffer.concat(chunks);
  const authorization = incoming.headers.authorization;
  return {
    method: incoming.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    headers: incoming.headers,
    rawBody,
    body: rawBody.toString('utf8'),
    params: {},
    bearer:
      typeof authorization === 'string' && authorization.startsWith('Bearer ')
        ? authorization.slice(7)
        : (url.searchParams.get('access_token') ?? undefined),
  };
}

function match(
  table: Map<FakeRoute, FakeHandler>,
  request: FakeRequest,
): [FakeRoute, FakeHandler, Record<string, string>] | undefined {
  const wanted = request.path.split('/');
  for (const [route, handler] of table) {
    const [method, path = ''] = route.split(' ');
    const segments = path.split('/');
    if (method !== request.method || segments.length !== wanted.length) continue;
    const params: Record<string, string> = {};
    const ok = segments.every((segment, i) => {
      const actual = decodeURIComponent(wanted[i] ?? '');
      if (segment.startsWith(':')) {
        params[segment.slice(1)] = actual;
        return actual.length > 0;
      }
      return segment === actual;
    });
    if (ok) return [route, handler, params];
  }
  return undefined;
}

/** A request body as JSON, or an empty object. */
export function jsonBody(request: FakeRequest): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(request.body || '{}');
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** A form body (or the query string for GET), as Meta and OAuth token endpoints take them. */
export function formBody(request: FakeRequest): URLSearchParams {
  const type = String(request.headers['content-type'] ?? '');
  if (type.includes('application/x-www-form-urlencoded')) return new URLSearchParams(request.body);
  if (type.includes('multipart/form-data')) return multipartFields(request);
  return new URLSearchParams();
}

/** The text fields of a multipart body (files are left out; their size is in rawBody). */
function multipartFields(request: FakeRequest): URLSearchParams {
  const fields = new URLSearchParams();
  const pattern = /name="([^"]+)"\r\n\r\n([\s\S]*?)\r\n--/g;
  for (const found of request.body.matchAll(pattern))
    if (found[1] && found[2] !== undefined) fields.set(found[1], found[2]);
  return fields;
}
