import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export type PageEncoding = 'br' | 'gzip' | 'identity';

/** One encoding of a cached page: the bytes sent and their strong validator. */
export interface PageVariant {
  encoding: PageEncoding;
  body: Buffer;
  etag: string;
}

export interface CachedPage {
  version: number;
  html: string;
  variants: Record<PageEncoding, PageVariant>;
}

/** What to send for a page: 200 with the variant's bytes, or 304 when the client's copy is current. */
export interface PageResponse {
  status: 200 | 304;
  /** Lower-case header names and values, the same on every path that serves the page. */
  headers: [string, string][];
  body: Buffer | null;
}

/**
 * Rendered public pages by path, each tagged with the practice's cache version, and kept in every
 * encoding a browser asks for (compressed once here, not per request). A page is served from here
 * while the version in the database is unchanged; any profile change bumps the version in its
 * transaction, so the next request renders the page afresh.
 */
export class PageCache {
  private readonly entries = new Map<string, CachedPage>();
  constructor(private readonly maxEntries = 2000) {}

  get(path: string, version: number): CachedPage | null {
    const entry = this.entries.get(path);
    return entry && entry.version === version ? entry : null;
  }

  set(path: string, version: number, html: string): CachedPage {
    if (this.entries.size >= this.maxEntries && !this.entries.has(path)) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    const entry: CachedPage = { version, html, variants: encodeVariants(html) };
    this.entries.set(path, entry);
    return entry;
  }
}

function encodeVariants(html: string): Record<PageEncoding, PageVariant> {
  const identity = Buffer.from(html, 'utf8');
  const tag = createHash('sha256').update(identity).digest('base64url').slice(0, 27);
  return {
    identity: { encoding: 'identity', body: identity, etag: `"${tag}"` },
    gzip: { encoding: 'gzip', body: gzipSync(identity, { level: 9 }), etag: `"${tag}-gzip"` },
    br: {
      encoding: 'br',
      body: brotliCompressSync(identity, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: identity.length,
        },
      }),
      etag: `"${tag}-br"`,
    },
  };
}

const chosen = new Map<string, PageEncoding>();

/**
 * The encoding to send for an Accept-Encoding header: brotli or gzip when accepted (q > 0, named
 * or by `*`), the higher q winning and brotli on a tie; otherwise the plain bytes. Browsers send
 * a handful of distinct headers, so answers are remembered.
 */
export function chooseEncoding(acceptEncoding: string | undefined): PageEncoding {
  if (!acceptEncoding) return 'identity';
  const known = chosen.get(acceptEncoding);
  if (known) return known;
  const q: Record<string, number> = {};
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name = '', ...params] = part.split(';').map((s) => s.trim());
    if (!name) continue;
    const qParam = params.find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q[name] = Number.isFinite(value) ? Math.min(Math.max(value, 0), 1) : 0;
  }
  const star = q['*'] ?? 0;
  const br = q.br ?? star;
  const gzip = q.gzip ?? q['x-gzip'] ?? star;
  const encoding: PageEncoding = br > 0 && br >= gzip ? 'br' : gzip > 0 ? 'gzip' : 'identity';
  if (chosen.size >= 256) chosen.clear();
  chosen.set(acceptEncoding, encoding);
  return encoding;
}

/** True when If-None-Match names the variant's validator (or `*`); weak comparison, as RFC 9110 asks for GET. */
export function clientHasCurrent(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch === etag) return true;
  for (const candidate of ifNoneMatch.split(',')) {
    const tag = candidate.trim();
    if (tag === '*' || tag === etag || tag === `W/${etag}`) return true;
  }
  return false;
}

/** The response for a cached page and the request's Accept-Encoding and If-None-Match. */
export function pageResponse(
  page: CachedPage,
  request: { acceptEncoding: string | undefined; ifNoneMatch: string | undefined },
): PageResponse {
  const variant = page.variants[chooseEncoding(request.acceptEncoding)];
  const headers: [string, string][] = [
    ['cache-control', 'public, max-age=0, must-revalidate'],
    ['etag', variant.etag],
    ['vary', 'accept-encoding'],
    ['content-type', 'text/html; charset=utf-8'],
  ];
  if (clientHasCurrent(request.ifNoneMatch, variant.etag))
    return { status: 304, headers, body: null };
  if (variant.encoding !== 'identity') headers.push(['content-encoding', variant.encoding]);
  headers.push(['content-length', String(variant.body.length)]);
  return { status: 200, headers, body: variant.body };
}
