import type { z } from 'zod';
import { ConnectorError, NETWORK_LABELS, redactSecrets } from '../connector-error.js';
import type { NetworkName } from '../connector-error.js';
import { isTimeout } from './fetch-with-timeout.js';

/** What a network answered with when it refused: status, headers and the body (parsed when JSON). */
export interface NetworkRefusal {
  status: number;
  headers: Headers;
  /** The parsed JSON body, or undefined when it was not JSON (an HTML error page). */
  json: unknown;
}

export interface NetworkRequest<T> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** An absolute URL: each network has several hosts (API, uploads, token endpoint). */
  url: string;
  /** JSON (a plain object), a form (URLSearchParams), multipart (FormData) or raw bytes. */
  body?: Record<string, unknown> | URLSearchParams | FormData | Uint8Array;
  headers?: Record<string, string>;
  /** Sent as `Authorization: Bearer …` and stripped from every error text. */
  accessToken?: string;
  /** What a 2xx body must look like; anything else is a transient error ("unreadable answer"). */
  schema: z.ZodType<T>;
  /** Words for messages: "publishing the post". */
  what: string;
}

export interface NetworkResponse<T> {
  status: number;
  headers: Headers;
  data: T;
}

export interface NetworkHttpOptions {
  network: NetworkName;
  fetch: typeof fetch;
  /** Turns a non-2xx answer into the closed error set; `reason` text is already redacted. */
  toError(refusal: NetworkRefusal, redact: (text: string) => string): ConnectorError;
  /** Further secrets to keep out of error text (client secrets, refresh tokens). */
  secrets?: ReadonlyArray<string | undefined>;
}

/** One network's HTTP, as the connectors use it: JSON in and out, every failure a ConnectorError. */
export interface NetworkHttp {
  request<T>(request: NetworkRequest<T>): Promise<NetworkResponse<T>>;
}

/**
 * A thin JSON client over `fetch` shared by the Facebook, Instagram, LinkedIn, X and Google
 * connectors: each brings its own error mapping (`toError`); the client handles unreachable
 * servers, timeouts and answers that are not what the network documents — all `transient`.
 */
export function createNetworkHttp(options: NetworkHttpOptions): NetworkHttp {
  const label = NETWORK_LABELS[options.network];
  return {
    async request<T>(request: NetworkRequest<T>): Promise<NetworkResponse<T>> {
      const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
      if (request.accessToken) headers.authorization = `Bearer ${request.accessToken}`;
      let body: RequestInit['body'];
      if (request.body instanceof URLSearchParams || request.body instanceof FormData)
        body = request.body;
      // Never a SharedArrayBuffer; the cast only narrows the type for the DOM lib (see image-blob.ts).
      else if (request.body instanceof Uint8Array) body = request.body as Uint8Array<ArrayBuffer>;
      else if (request.body) {
        body = JSON.stringify(request.body);
        headers['content-type'] = 'application/json';
      }
      const secrets = [request.accessToken, ...(options.secrets ?? [])];
      const redact = (text: string): string => redactSecrets(text, secrets);
      let response: Response;
      let text: string;
      try {
        response = await options.fetch(request.url, {
          method: request.method,
          headers,
          body,
          redirect: 'manual',
        });
        text = await response.text();
      } catch (error) {
        throw new ConnectorError({
          network: options.network,
          kind: 'transient',
          reason: isTimeout(error)
            ? `${label} did not answer in time.`
            : `${label} could not be reached.`,
        });
      }
      const json = parseJson(text);
      if (response.status < 200 || response.status > 299)
        throw options.toError({ status: response.status, headers: response.headers, json }, redact);
      const parsed = request.schema.safeParse(json);
      if (!parsed.success)
        throw new ConnectorError({
          network: options.network,
          kind: 'transient',
          status: response.status,
          reason: `${label} sent an unreadable answer to ${request.what}.`,
        });
      return { status: response.status, headers: response.headers, data: parsed.data };
    },
  };
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A plain object's string field, or undefined. For reading error envelopes defensively. */
export function stringField(value: unknown, key: string): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const field = (value as Record<string, unknown>)[key];
  return typeof field === 'string' && field.length > 0 ? field : undefined;
}

/** A plain object's nested object field, or undefined. */
export function objectField(value: unknown, key: string): Record<string, unknown> | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const field = (value as Record<string, unknown>)[key];
  return field && typeof field === 'object' ? (field as Record<string, unknown>) : undefined;
}

/** A shorthand for building connector errors of one network. */
export function errorFactory(network: NetworkName) {
  return (
    kind: ConnectorError['kind'],
    reason: string,
    extra: { status?: number; retryAfterSeconds?: number } = {},
  ): ConnectorError => new ConnectorError({ network, kind, reason, ...extra });
}
