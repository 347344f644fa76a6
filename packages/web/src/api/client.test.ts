import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './api-error';
import { api, resetCsrfToken } from './client';

type Reply = { status: number; body?: unknown };

function stubServer(replies: Record<string, Reply[]>) {
  const calls: { url: string; method: string; csrf: string | undefined }[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    const headers = (init.headers ?? {}) as Record<string, string>;
    calls.push({ url, method: init.method ?? 'GET', csrf: headers['x-csrf-token'] });
    const reply = replies[`${init.method} ${url}`]?.shift() ?? { status: 404 };
    const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
    return new Response(reply.status === 204 ? null : text, { status: reply.status });
  });
  return calls;
}

afterEach(() => {
  vi.unstubAllGlobals();
  resetCsrfToken();
});

describe('api client', () => {
  it('fetches the CSRF token once and sends it on every state-changing request', async () => {
    const calls = stubServer({
      'GET /api/csrf': [{ status: 200, body: { token: 't1' } }],
      'PATCH /api/me': [{ status: 200, body: { id: 'u1' } }],
      'DELETE /api/x': [{ status: 204 }],
      'GET /api/y': [{ status: 200, body: { ok: true } }],
    });
    await expect(api.patch('/api/me', { name: 'A' })).resolves.toEqual({ id: 'u1' });
    await expect(api.delete('/api/x')).resolves.toBeUndefined();
    await api.get('/api/y');
    expect(calls.map((c) => `${c.method} ${c.url} ${c.csrf ?? '-'}`)).toEqual([
      'GET /api/csrf -',
      'PATCH /api/me t1',
      'DELETE /api/x t1',
      'GET /api/y -',
    ]);
  });

  it('refreshes a stale token and retries once on csrf_invalid', async () => {
    const stale = { status: 403, body: { error: { code: 'csrf_invalid', message: 'Stale' } } };
    const calls = stubServer({
      'GET /api/csrf': [
        { status: 200, body: { token: 'old' } },
        { status: 200, body: { token: 'new' } },
      ],
      'POST /api/auth/logout': [stale, { status: 204 }],
    });
    await api.post('/api/auth/logout');
    expect(calls.map((c) => c.csrf ?? '-')).toEqual(['-', 'old', '-', 'new']);
  });

  it('does not retry other 403s and raises the server message', async () => {
    stubServer({
      'GET /api/csrf': [{ status: 200, body: { token: 't' } }],
      'POST /api/z': [
        { status: 403, body: { error: { code: 'forbidden', message: 'Owners only.' } } },
      ],
    });
    const error = await api.post('/api/z').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'forbidden', message: 'Owners only.' });
  });

  it('turns a network failure into a readable error', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(api.get('/api/health')).rejects.toMatchObject({ code: 'network_error' });
  });
});
