import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the fake received, for assertions (headers lower-cased, body as text). */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  params: Record<string, string>;
}

export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string as is (for HTML error pages and garbage). */
  body?: unknown;
  /** Answer this late, to exercise timeouts. */
  delayMs?: number;
}

export type FakeRoute = (request: ReceivedRequest) => FakeResponse;

export interface MastodonFake {
  baseUrl: string;
  /** The only token the fake accepts. */
  token: string;
  requests: ReceivedRequest[];
  /** Replaces the handler for a route such as `POST /api/v1/statuses` or `GET /api/v1/statuses/:id`. */
  on(route: string, handler: FakeRoute): void;
  /** Keeps a route's behaviour (the status is created at once) but answers `ms` late, like a slow instance. */
  delay(route: string, ms: number): void;
  /** How many statuses exist (after idempotent replays and deletes). */
  statusCount(): number;
  close(): Promise<void>;
}

/**
 * A contract fake of the parts of the Mastodon API that snac does not implement: the
 * `Idempotency-Key` header, rate-limit headers, `/api/v2/instance`, async media (202) and
 * status deletion. Bodies and statuses follow the Mastodon API documentation (NETWORKS.md §3.6).
 */
export async function startMastodonFake(
  options: { maxCharacters?: number } = {},
): Promise<MastodonFake> {
  const maxCharacters = options.maxCharacters ?? 500;
  const token = 'fake-token-0123456789';
  const statuses = new Map<string, { id: string; text: string; mediaIds: string[] }>();
  const idempotency = new Map<string, string>();
  const mediaPolls = new Map<string, number>();
  const requests: ReceivedRequest[] = [];
  let nextId = 100;

  const statusJson = (status: {
    id: string;
    text: string;
    mediaIds: string[];
  }): Record<string, unknown> => ({
    id: status.id,
    uri: `https://fake.test/users/clinic/statuses/${status.id}`,
    url: `https://fake.test/@clinic/${status.id}`,
    created_at: new Date().toISOString(),
    content: `<p>${status.text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`,
    media_attachments: status.mediaIds.map((id) => ({ id, type: 'image' })),
    favourites_count: 3,
    reblogs_count: 1,
    replies_count: 2,
  });
  const notFound: FakeResponse = { status: 404, body: { error: 'Record not found' } };

  const routes = new Map<string, FakeRoute>([
    [
      'GET /api/v2/instance',
      () => ({
        status: 200,
        body: {
          domain: 'fake.test',
          configuration: {
            statuses: { max_characters: maxCharacters, max_media_attachments: 4 },
            media_attachments: {
              image_size_limit: 10_485_760,
              supported_mime_types: ['image/png', 'image/jpeg', 'video/mp4'],
            },
          },
        },
      }),
    ],
    [
      'GET /api/v1/accounts/verify_credentials',
      () => ({
        status: 200,
        body: {
          id: '1',
          username: 'clinic',
          display_name: 'Main Street Clinic',
          url: 'https://fake.test/@clinic',
        },
      }),
    ],
    [
      'GET /api/v1/accounts/:id/statuses',
      () => ({ status: 200, body: [...statuses.values()].reverse().map(statusJson) }),
    ],
    [
      'POST /api/v1/statuses',
      (request) => {
        const key = request.headers['idempotency-key'];
        const replay = typeof key === 'string' ? idempotency.get(key) : undefined;
        const existing = replay ? statuses.get(replay) : undefined;
        if (existing) return { status: 200, body: statusJson(existing) };
        const input = JSON.parse(request.body || '{}') as { status?: string; media_ids?: string[] };
        const text = input.status ?? '';
        if (text.trim() === '' && !input.media_ids?.length)
          return { status: 422, body: { error: "Validation failed: Text can't be blank" } };
        if ([...text].length > maxCharacters)
          return {
            status: 422,
            body: { error: `Validation failed: Text character limit of ${maxCharacters} exceeded` },
          };
        const status = { id: String((nextId += 1)), text, mediaIds: input.media_ids ?? [] };
        statuses.set(status.id, status);
        if (typeof key === 'string') idempotency.set(key, status.id);
        return { status: 200, body: statusJson(status) };
      },
    ],
    [
      'GET /api/v1/statuses/:id',
      ({ params }) => {
        const status = statuses.get(params.id ?? '');
        return status ? { status: 200, body: statusJson(status) } : notFound;
      },
    ],
    [
      'DELETE /api/v1/statuses/:id',
      ({ params }) => {
        const status = statuses.get(params.id ?? '');
        if (!status) return notFound;
        statuses.delete(status.id);
        return { status: 200, body: { ...statusJson(status), text: status.text } };
      },
    ],
    [
      'POST /api/v2/media',
      () => {
        const id = String((nextId += 1));
        mediaPolls.set(id, 0);
        return { status: 202, body: { id, type: 'image', url: null } };
      },
    ],
    [
      'GET /api/v1/media/:id',
      ({ params }) => {
        const polls = mediaPolls.get(params.id ?? '');
        if (polls === undefined) return notFound;
        mediaPolls.set(params.id ?? '', polls + 1);
        return polls === 0
          ? { status: 206, body: { id: params.id, url: null } }
          : {
              status: 200,
              body: { id: params.id, url: `https://fake.test/media/${params.id}.png` },
            };
      },
    ],
  ]);

  const server = createServer((incoming, outgoing) => {
    void readRequest(incoming).then(async (request) => {
      requests.push(request);
      const [handler, params] = match(routes, request);
      request.params = params;
      const isPublic = request.path === '/api/v2/instance' || request.path === '/api/v1/instance';
      const authorized = isPublic || request.headers.authorization === `Bearer ${token}`;
      const answer: FakeResponse = !handler
        ? notFound
        : authorized
          ? handler(request)
          : { status: 401, body: { error: 'The access token is invalid' } };
      if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
      const body =
        typeof answer.body === 'string'
          ? answer.body
          : answer.body === undefined
            ? ''
            : JSON.stringify(answer.body);
      const type = typeof answer.body === 'string' ? 'text/html' : 'application/json';
      outgoing.writeHead(answer.status, { 'content-type': type, ...answer.headers });
      outgoing.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    token,
    requests,
    on: (route, handler) => void routes.set(route, handler),
    delay: (route, ms) => {
      const handler = routes.get(route);
      if (handler) routes.set(route, (request) => ({ ...handler(request), delayMs: ms }));
    },
    statusCount: () => statuses.size,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readRequest(incoming: IncomingMessage): Promise<ReceivedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const url = new URL(incoming.url ?? '/', 'http://fake');
  return {
    method: incoming.method ?? 'GET',
    path: url.pathname,
    headers: incoming.headers,
    body: Buffer.concat(chunks).toString('utf8'),
    params: {},
  };
}

/** Finds the route whose segments match, `:name` matching any one segment. */
function match(
  routes: Map<string, FakeRoute>,
  request: ReceivedRequest,
): [FakeRoute | undefined, Record<string, string>] {
  const wanted = request.path.split('/');
  for (const [route, handler] of routes) {
    const [method, path = ''] = route.split(' ');
    const segments = path.split('/');
    if (method !== request.method || segments.length !== wanted.length) continue;
    const params: Record<string, string> = {};
    if (
      segments.every((segment, i) =>
        segment.startsWith(':')
          ? ((params[segment.slice(1)] = decodeURIComponent(wanted[i] ?? '')), true)
          : segment === wanted[i],
      )
    ) {
      return [handler, params];
    }
  }
  return [undefined, {}];
}
