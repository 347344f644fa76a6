import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PageCache, chooseEncoding, clientHasCurrent, pageResponse } from './page-cache.js';

const html = `<!doctype html><title>Synthetic practice</title>${'<p>Family care.</p>'.repeat(50)}`;

describe('page cache', () => {
  it('keeps a page per path at one version, in plain, gzip and brotli bytes of the same text', () => {
    const cache = new PageCache();
    const page = cache.set('/practices/a', 3, html);
    expect(cache.get('/practices/a', 3)).toBe(page);
    expect(cache.get('/practices/a', 4)).toBeNull();
    expect(cache.get('/practices/b', 3)).toBeNull();
    expect(page.variants.identity.body.toString()).toBe(html);
    expect(gunzipSync(page.variants.gzip.body).toString()).toBe(html);
    expect(brotliDecompressSync(page.variants.br.body).toString()).toBe(html);
    expect(page.variants.br.body.length).toBeLessThan(page.variants.identity.body.length / 4);
    const tags = Object.values(page.variants).map((v) => v.etag);
    expect(new Set(tags).size).toBe(3);
    for (const tag of tags) expect(tag).toMatch(/^"[A-Za-z0-9_-]{27}(-gzip|-br)?"$/);
    // Another text, another validator.
    expect(cache.set('/practices/a', 4, `${html} `).variants.identity.etag).not.toBe(
      page.variants.identity.etag,
    );
  });

  it('drops the oldest path when full', () => {
    const cache = new PageCache(2);
    cache.set('/a', 1, 'a');
    cache.set('/b', 1, 'b');
    cache.set('/a', 2, 'a2'); // replacing a path does not evict another
    expect(cache.get('/b', 1)).not.toBeNull();
    cache.set('/c', 1, 'c');
    expect(cache.get('/a', 2)).toBeNull();
    expect(cache.get('/b', 1)).not.toBeNull();
    expect(cache.get('/c', 1)).not.toBeNull();
  });

  it('chooses the encoding from Accept-Encoding, honouring q=0 and ignoring nonsense', () => {
    expect(chooseEncoding(undefined)).toBe('identity');
    expect(chooseEncoding('')).toBe('identity');
    expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(chooseEncoding('gzip, deflate')).toBe('gzip');
    expect(chooseEncoding('GZIP')).toBe('gzip');
    expect(chooseEncoding('x-gzip')).toBe('gzip');
    expect(chooseEncoding('br;q=0.4, gzip;q=0.8')).toBe('gzip');
    expect(chooseEncoding('br;q=0, gzip')).toBe('gzip');
    expect(chooseEncoding('br;q=0, gzip;q=0')).toBe('identity');
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding('*;q=0')).toBe('identity');
    expect(chooseEncoding('*, br;q=0')).toBe('gzip');
    expect(chooseEncoding('identity')).toBe('identity');
    expect(chooseEncoding('br;q=banana, gzip')).toBe('gzip');
    expect(chooseEncoding(',,;;q=,')).toBe('identity');
    expect(chooseEncoding('deflate')).toBe('identity');
    expect(chooseEncoding('br;q=7')).toBe('br');
    expect(chooseEncoding('\u0000br')).toBe('identity');
  });

  it('revalidates only with the validator of the bytes that would be sent', () => {
    expect(clientHasCurrent(undefined, '"x"')).toBe(false);
    expect(clientHasCurrent('"x"', '"x"')).toBe(true);
    expect(clientHasCurrent('W/"x"', '"x"')).toBe(true);
    expect(clientHasCurrent('"y", "x"', '"x"')).toBe(true);
    expect(clientHasCurrent('*', '"x"')).toBe(true);
    expect(clientHasCurrent('"x-br"', '"x"')).toBe(false);
    expect(clientHasCurrent('x', '"x"')).toBe(false);
    expect(clientHasCurrent(',,,', '"x"')).toBe(false);

    const page = new PageCache().set('/p', 1, html);
    const br = pageResponse(page, { acceptEncoding: 'br', ifNoneMatch: undefined });
    expect(br.status).toBe(200);
    expect(Object.fromEntries(br.headers)).toMatchObject({
      'content-encoding': 'br',
      vary: 'accept-encoding',
      'content-length': String(page.variants.br.body.length),
      etag: page.variants.br.etag,
    });
    const again = pageResponse(page, { acceptEncoding: 'br', ifNoneMatch: page.variants.br.etag });
    expect(again.status).toBe(304);
    expect(again.body).toBeNull();
    expect(again.headers.map(([name]) => name)).not.toContain('content-length');
    const plain = pageResponse(page, {
      acceptEncoding: undefined,
      ifNoneMatch: page.variants.br.etag,
    });
    expect(plain.status).toBe(200);
    expect(plain.headers.map(([name]) => name)).not.toContain('content-encoding');
  });
});
