import { Agent, request, type Dispatcher } from 'undici';

/**
 * One connection pool for every connector call in this process: connections to a network's
 * server stay open between requests (keep-alive), so a worker publishing hundreds of posts a
 * second to one Mastodon instance does not open a connection — or a TLS session — per post.
 */
const sharedAgent = new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 60_000 });

/** Statuses whose Response may not carry a body (the Fetch standard's null body statuses). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * A `fetch` for connector calls that sends the common ones — a string, bytes or form body, with
 * `redirect: 'manual'` (every connector's JSON client) — through undici's `request` on a shared
 * keep-alive pool, and answers with a standard `Response` holding the whole body. Node's built-in
 * `fetch` spends about six times the CPU per request (its streams and spec machinery), which was
 * half of a dispatch worker's cost per published post. Anything else (multipart uploads, requests
 * that follow redirects, `Request` objects) goes to the built-in `fetch` unchanged.
 *
 * Same contract as `fetch` for the calls it takes: the caller's `signal` aborts the request and
 * the reading of the body with the signal's reason (a timeout stays a `TimeoutError`); a
 * non-2xx answer is a Response, not an error; a 3xx is returned as it is (`redirect: 'manual'`).
 */
export function keepAliveFetch(
  options: { dispatcher?: Dispatcher; fallback?: typeof fetch } = {},
): typeof fetch {
  const dispatcher = options.dispatcher ?? sharedAgent;
  const fallback = options.fallback ?? ((input, init) => fetch(input, init));
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : undefined;
    const body = init?.body;
    if (url === undefined || init?.redirect !== 'manual' || !isSimpleBody(body))
      return fallback(input, init);
    const headers = headerRecord(init.headers);
    headers.accept ??= '*/*';
    let payload: string | Uint8Array | undefined;
    if (body instanceof URLSearchParams) {
      payload = body.toString();
      headers['content-type'] ??= 'application/x-www-form-urlencoded;charset=UTF-8';
    } else if (typeof body === 'string') {
      payload = body;
      headers['content-type'] ??= 'text/plain;charset=UTF-8';
    } else payload = body ?? undefined;
    const answer = await request(url, {
      dispatcher,
      method: (init.method ?? 'GET').toUpperCase() as Dispatcher.HttpMethod,
      headers,
      body: payload,
      signal: init.signal ?? undefined,
    });
    const bytes = await answer.body.arrayBuffer();
    return new Response(NULL_BODY.has(answer.statusCode) ? null : bytes, {
      status: answer.statusCode,
      headers: responseHeaders(answer.headers),
    });
  };
}

/** The process-wide keep-alive fetch: what connectors use unless a test gives its own. */
export const defaultConnectorFetch: typeof fetch = keepAliveFetch();

function isSimpleBody(body: RequestInit['body']): body is string | Uint8Array | URLSearchParams {
  return (
    body === undefined ||
    body === null ||
    typeof body === 'string' ||
    body instanceof Uint8Array ||
    body instanceof URLSearchParams
  );
}

/** Request headers in any of fetch's shapes, as one record with lower-case names. */
function headerRecord(given: RequestInit['headers']): Record<string, string> {
  const record: Record<string, string> = {};
  if (!given) return record;
  const entries: Iterable<readonly [string, string | readonly string[]]> =
    given instanceof Headers || Array.isArray(given)
      ? (given as Iterable<[string, string]>)
      : Object.entries(given);
  for (const [name, value] of entries) {
    const key = name.toLowerCase();
    const text = typeof value === 'string' ? value : value.join(', ');
    record[key] = key in record ? `${record[key]}, ${text}` : text;
  }
  return record;
}

function responseHeaders(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const one of value) headers.append(name, one);
    else headers.append(name, value);
  }
  return headers;
}
