import { ApiError, networkError, parseErrorEnvelope } from './api-error';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
}

let csrfToken: Promise<string> | undefined;

/** Forget the CSRF token, e.g. after sign-in or sign-out when the server issues a new one. */
export function resetCsrfToken(): void {
  csrfToken = undefined;
}

async function fetchCsrfToken(): Promise<string> {
  const response = await send('/api/csrf', { method: 'GET' });
  const data = (await response.json()) as { token: string };
  return data.token;
}

function csrf(): Promise<string> {
  csrfToken ??= fetchCsrfToken().catch((error: unknown) => {
    csrfToken = undefined;
    throw error;
  });
  return csrfToken;
}

async function send(path: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, credentials: 'same-origin' });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw networkError();
  }
  if (!response.ok)
    throw parseErrorEnvelope({ status: response.status, body: await response.text() });
  return response;
}

async function sendWithCsrf(path: string, init: RequestInit): Promise<Response> {
  const attempt = async () =>
    send(path, { ...init, headers: { ...init.headers, 'x-csrf-token': await csrf() } });
  try {
    return await attempt();
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 403 || error.code !== 'csrf_invalid')
      throw error;
    resetCsrfToken();
    return attempt();
  }
}

async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const init: RequestInit = { method, headers, signal: options.signal ?? null };
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  const response = method === 'GET' ? await send(path, init) : await sendWithCsrf(path, init);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Downloads a file from a GET endpoint (errors still arrive as the JSON envelope). */
export async function download(
  path: string,
): Promise<{ blob: Blob; filename: string | undefined }> {
  const response = await send(path, { method: 'GET' });
  const disposition = response.headers.get('content-disposition') ?? '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  const filename = match?.[1] ? decodeURIComponent(match[1]) : undefined;
  return { blob: await response.blob(), filename };
}

/** Sends a file as the raw request body (image uploads), with the CSRF header. */
export async function uploadFile<T>(path: string, file: Blob): Promise<T> {
  const response = await sendWithCsrf(path, {
    method: 'POST',
    headers: {
      accept: 'application/json',
      'content-type': file.type || 'application/octet-stream',
    },
    body: file,
  });
  return (await response.json()) as T;
}

/**
 * The one way the app talks to the server: same-origin cookies, the CSRF header on every
 * state-changing request (refreshed and retried once when the server says it is stale), and
 * errors turned into ApiError with the server's message.
 */
export const api = {
  get: <T>(path: string, signal?: AbortSignal) => request<T>('GET', path, { signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};
