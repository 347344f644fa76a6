import { Agent, request, type Dispatcher } from 'undici';

/**
 * One connection pool for every connector call in this process: connections to a network's
 * server stay open between requests (keep-alive), so a worker publishing hundreds of posts a
 * second to one Mastodon instance does not open a connection — or a TLS session — per post.
 * undici's idle timeout (4 s unless the server says otherwise), as Node's own fetch uses: a
 * longer one outlives servers that close idle connections without saying so (snac2), and the
 * next request would go out on a connection the server has just closed.
 */
const sharedAgent = new Agent();

/** Methods HTTP lets a client repeat (RFC 9110 §9.2.2). */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/** The connection was closed or reset by the other side before an answer came. */
function closedUnderUs(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE';
}

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
    const method = (init.method ?? 'GET').toUpperCase() as Dispatcher.HttpMethod;
    const send = () =>
      request(url, {
        dispatcher,
        method,
        headers,
        body: payload,
        signal: init.signal ?? undefined,
      });
    let answer: Dispatcher.ResponseData;
    try {
      answer = await send();
    } catch (error) {
      // A kept-alive connection the server closed just as the request went out (servers that
      // close idle connections without saying so): nothing was answered, so a request that may
      // be repeated is sent once more, on a fresh connection. Anything else is the caller's.
      if (!IDEMPOTENT.has(method) || !closedUnderUs(error) || init.signal?.aborted) throw error;
      answer = await send();
    }
    const bytes = await answer.body.arrayBuffer();
    return new Response(NULL_BODY.has(answer.statusCode) ? null : bytes, {
      status: answer.statusCode,
      headers: responseHeaders(answer.headers),
    });
  };
}

/** The process-wide keep-alive fetch: what connectors use unless a test gives its own. */
export const defaultConnectorFetch: typeof fetch = keepAliveFetch();

function isSimpleBody(
  body: RequestInit['body'],
): body is string | Uint8Array<ArrayBuffer> | URLSearchParams {
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
