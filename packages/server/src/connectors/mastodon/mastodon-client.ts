import type { z } from 'zod';
import { redactSecrets } from '../connector-error.js';
import { isTimeout } from '../http/fetch-with-timeout.js';
import { mastodonGarbage, mastodonHttpError, mastodonUnreachable } from './mastodon-errors.js';

export interface MastodonClientOptions {
  instanceUrl: string;
  accessToken?: string;
  /** Secrets to strip from any error text (client secret, codes). The access token always is. */
  secrets?: ReadonlyArray<string>;
  fetch: typeof fetch;
}

export interface MastodonRequest<T> {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  /** A JSON body, a FormData for uploads, or URLSearchParams for OAuth's form-encoded token request. */
  body?: Record<string, unknown> | FormData | URLSearchParams;
  headers?: Record<string, string>;
  /** What a 2xx body must look like; anything else is a transient error. */
  schema: z.ZodType<T>;
  /** Words for error messages: "publishing the post". */
  what: string;
}

export interface MastodonResponse<T> {
  status: number;
  data: T;
}

/** One Mastodon instance, as one account (or none, for app registration and instance reads). */
export interface MastodonClient {
  request<T>(request: MastodonRequest<T>): Promise<MastodonResponse<T>>;
}

/**
 * A thin JSON client over `fetch`: bearer auth, error envelope → `ConnectorError`, response
 * validation. No SDK: the part of the Mastodon API Bedside uses is small and stable.
 */
export function createMastodonClient(options: MastodonClientOptions): MastodonClient {
  const secrets = [options.accessToken, ...(options.secrets ?? [])];
  return {
    async request<T>(request: MastodonRequest<T>): Promise<MastodonResponse<T>> {
      const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
      if (options.accessToken) headers.authorization = `Bearer ${options.accessToken}`;
      let body: FormData | URLSearchParams | string | undefined;
      if (request.body instanceof FormData || request.body instanceof URLSearchParams)
        body = request.body;
      else if (request.body) {
        body = JSON.stringify(request.body);
        headers['content-type'] = 'application/json';
      }
      let response: Response;
      let text: string;
      try {
        response = await options.fetch(`${options.instanceUrl}${request.path}`, {
          method: request.method,
          headers,
          body,
          redirect: 'manual',
        });
        text = await response.text();
      } catch (error) {
        throw mastodonUnreachable(isTimeout(error));
      }
      if (response.status < 200 || response.status > 299) {
        throw mastodonHttpError(response, redactSecrets(errorText(text), secrets));
      }
      const parsed = request.schema.safeParse(parseJson(text));
      if (!parsed.success) throw mastodonGarbage(request.what, response.status);
      return { status: response.status, data: parsed.data };
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

/** Mastodon's `{"error": "…", "error_description": "…"}`; an HTML error page says nothing useful. */
function errorText(text: string): string {
  const json = parseJson(text);
  if (json && typeof json === 'object') {
    const { error, error_description: description } = json as Record<string, unknown>;
    const parts = [error, description].filter(
      (part): part is string => typeof part === 'string' && part.length > 0,
    );
    return parts.join(': ');
  }
  return '';
}
