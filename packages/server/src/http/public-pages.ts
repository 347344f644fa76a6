import { randomUUID } from 'node:crypto';
import {
  createServer,
  type IncomingMessage,
  type ServerOptions,
  type ServerResponse,
} from 'node:http';
import type { FastifyReply, FastifyServerFactory } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors.js';
import {
  PageCache,
  pageResponse,
  type CachedPage,
  type PageResponse,
} from '../domain/providers/page-cache.js';
import { pageVersions } from './public-page-versions.js';
import type { PracticePageRow } from '../db/providers-schema.js';
import { loadPublicPageData } from '../domain/providers/public-page-data.js';
import { noRatings } from '../domain/providers/rating-summary.js';
import {
  renderPracticePage,
  renderProviderPage,
  type PageUrls,
} from '../domain/providers/render-public-page.js';
import { PublicPageLimiter } from './public-page-limiter.js';
import type { AppServices } from './services.js';

const slug = z.string().regex(/^[a-z0-9-]{1,80}$/);
/** The two public page addresses (the routes below), query string aside. */
const PAGE_PATH = /^\/practices\/([a-z0-9-]{1,80})(?:\/providers\/[a-z0-9-]{1,80})?$/;
/** Headers of the routes' response that belong to that response alone, never copied to others. */
const PER_RESPONSE =
  /^(?:content-length|date|connection|keep-alive|transfer-encoding|set-cookie|retry-after|x-ratelimit-.*)$/;

export interface PublicPages {
  /** The page routes (Fastify): render on a cache miss, and answer anything the lean path leaves. */
  routes: FastifyPluginAsyncZod;
  /**
   * The lean path, called by the HTTP server before Fastify: answers a GET for a page that is
   * cached at its current version and returns true, or returns false and touches nothing.
   */
  serveCached(req: IncomingMessage, res: ServerResponse): boolean;
  /** Counts for tests and the bench: pages answered by the lean path, and by the routes. */
  readonly served: { lean: number; routes: number };
}

/**
 * The practice's public pages, outside /api and without sign-in: server-rendered HTML, cached per
 * path at the practice's cache version, in plain, gzip and brotli bytes. Unknown or unpublished
 * practices and providers are a plain 404. Every request, on either path, counts against the
 * per-address limit (BEDSIDE_PUBLIC_PAGE_RATE_LIMIT).
 *
 * Most views are answered by `serveCached` straight from Node's request handler, skipping
 * Fastify's routing, hooks and plugins (which cost several times the page itself). It sends the
 * same headers as the routes: the security headers are copied from the last response the routes
 * built (helmet's, as configured in app.ts), and the page headers come from one function for both.
 */
export function createPublicPages(services: AppServices): PublicPages {
  const { db } = services.database;
  const cache = new PageCache();
  const versions = pageVersions(services.database);
  const limiter = new PublicPageLimiter(services.config.publicPages.rateLimitPerMinute);
  const trustProxy = services.config.trustProxy;
  const log = services.log;
  const ratings = services.ratingSummary ?? noRatings;
  const base = services.config.publicUrl;
  const urlsFor = (practiceSlug: string): PageUrls => ({
    base,
    practice: `${base}/practices/${practiceSlug}`,
    provider: (p) => `${base}/practices/${practiceSlug}/providers/${p.slug}`,
  });
  const notFound = () => new AppError('not_found', 'There is no public page at this address.');
  const served = { lean: 0, routes: 0 };
  /** Security headers, as the routes last sent them; null until the routes have built a page. */
  let securityHeaders: [string, string][] | null = null;
  /** Requests the lean path already counted against the limit and passed on to the routes. */
  const counted = new WeakMap<IncomingMessage, boolean>();

  const admitted = (raw: IncomingMessage, address: string): boolean => {
    const known = counted.get(raw);
    return known ?? limiter.take(address);
  };

  /** The cached page for a path at the practice's current version, rendered on a miss. */
  const pageFor = async (
    practiceSlug: string,
    path: string,
    render: (page: PracticePageRow) => Promise<string>,
  ): Promise<CachedPage> => {
    let version = versions.peek(practiceSlug);
    let row: PracticePageRow | null | undefined;
    if (version === undefined) {
      row = await versions.read(practiceSlug);
      version = row?.cacheVersion ?? null;
    }
    if (version === null) throw notFound();
    const cached = cache.get(path, version);
    if (cached) return cached;
    // The row is read before the data, so a change landing in between tags the page as older
    // than its content and the next request renders it again: never the other way round.
    row ??= await versions.read(practiceSlug);
    if (!row) throw notFound();
    return cache.set(path, row.cacheVersion, await render(row));
  };

  const routes: FastifyPluginAsyncZod = async (app) => {
    const send = (
      request: { raw: IncomingMessage; headers: IncomingMessage['headers'] },
      reply: FastifyReply,
      page: CachedPage,
    ) => {
      served.routes += 1;
      const response = pageResponse(page, {
        acceptEncoding: request.headers['accept-encoding'],
        ifNoneMatch: request.headers['if-none-match'],
      });
      // Everything set so far came from the hooks (helmet): the headers every page response carries.
      securityHeaders = Object.entries(reply.getHeaders())
        .filter(([name]) => !PER_RESPONSE.test(name.toLowerCase()))
        .map(([name, value]) => [name.toLowerCase(), String(value)]);
      for (const [name, value] of response.headers) void reply.header(name, value);
      return reply.status(response.status).send(response.body ?? undefined);
    };
    const limit = (request: { raw: IncomingMessage; ip: string }) => {
      if (!admitted(request.raw, request.ip))
        throw new AppError('rate_limited', 'Too many requests. Wait a minute and try again.', {
          retryAfterSeconds: limiter.retryAfterSeconds(),
        });
    };

    app.get(
      '/practices/:practiceSlug',
      {
        // Limited per address by PublicPageLimiter on both paths, not by the API's limiter.
        config: { access: { kind: 'public' }, rateLimit: false },
        schema: { hide: true, params: z.strictObject({ practiceSlug: slug }) },
      },
      async (request, reply) => {
        limit(request);
        const { practiceSlug } = request.params;
        const page = await pageFor(practiceSlug, `/practices/${practiceSlug}`, async (row) => {
          const data = await loadPublicPageData(db, { page: row, ratings });
          return renderPracticePage(data, urlsFor(row.slug));
        });
        return send(request, reply, page);
      },
    );

    app.get(
      '/practices/:practiceSlug/providers/:providerSlug',
      {
        config: { access: { kind: 'public' }, rateLimit: false },
        schema: {
          hide: true,
          params: z.strictObject({ practiceSlug: slug, providerSlug: slug }),
        },
      },
      async (request, reply) => {
        limit(request);
        const { practiceSlug, providerSlug } = request.params;
        const path = `/practices/${practiceSlug}/providers/${providerSlug}`;
        const page = await pageFor(practiceSlug, path, async (row) => {
          const data = await loadPublicPageData(db, { page: row, ratings });
          const provider = data.providers.find((p) => p.slug === providerSlug);
          if (!provider) throw notFound();
          return renderProviderPage(data, provider, urlsFor(row.slug));
        });
        return send(request, reply, page);
      },
    );
  };

  const serveCached = (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== 'GET' || securityHeaders === null) return false;
    const url = req.url ?? '';
    const query = url.indexOf('?');
    const path = query < 0 ? url : url.slice(0, query);
    const match = PAGE_PATH.exec(path);
    if (!match) return false;
    const version = versions.peek(match[1]!);
    if (version === undefined || version === null) return false;
    const page = cache.get(path, version);
    if (!page) return false;
    const allowed = limiter.take(clientAddress(req, trustProxy));
    if (!allowed) {
      // The routes answer it (429, in the error handler's format) without counting it again.
      counted.set(req, false);
      return false;
    }
    const started = log.isLevelEnabled('info') ? performance.now() : 0;
    const response = pageResponse(page, {
      acceptEncoding: req.headers['accept-encoding'],
      ifNoneMatch: req.headers['if-none-match'],
    });
    writeResponse(res, securityHeaders, response);
    served.lean += 1;
    if (started) {
      // The line Fastify writes when it answers a request (its "incoming request" line aside).
      log.info(
        {
          reqId: randomUUID(),
          res: { statusCode: response.status },
          responseTime: performance.now() - started,
        },
        'request completed',
      );
    }
    return true;
  };

  return { routes, serveCached, served };
}

function writeResponse(
  res: ServerResponse,
  securityHeaders: [string, string][],
  response: PageResponse,
): void {
  const flat: string[] = [];
  for (const [name, value] of securityHeaders) flat.push(name, value);
  for (const [name, value] of response.headers) flat.push(name, value);
  res.writeHead(response.status, flat);
  res.end(response.body ?? undefined);
}

/**
 * The client's address as Fastify's `request.ip` gives it: the socket's peer, or with
 * BEDSIDE_TRUST_PROXY (every hop trusted) the first address in X-Forwarded-For.
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress ?? '';
}

/**
 * Fastify's `serverFactory`: the HTTP server Fastify would make (same timeouts), with the lean
 * public page path in front of Fastify's handler.
 */
export function serverWithPublicPages(pages: PublicPages): FastifyServerFactory {
  return (handler, options) => {
    const o = options as {
      http?: ServerOptions;
      keepAliveTimeout?: number;
      requestTimeout?: number;
      connectionTimeout?: number;
      maxRequestsPerSocket?: number;
    };
    const server = createServer(o.http ?? {}, (req, res) => {
      if (!pages.serveCached(req, res)) handler(req, res);
    });
    if (o.keepAliveTimeout !== undefined) server.keepAliveTimeout = o.keepAliveTimeout;
    if (o.requestTimeout !== undefined) server.requestTimeout = o.requestTimeout;
    if (o.connectionTimeout !== undefined) server.setTimeout(o.connectionTimeout);
    if (o.maxRequestsPerSocket) server.maxRequestsPerSocket = o.maxRequestsPerSocket;
    return server;
  };
}

const pagesOfApp = new WeakMap<object, PublicPages>();

/** Remembers which public pages an app serves, for tests that look at `served`. */
export function attachPublicPages(app: object, pages: PublicPages): void {
  pagesOfApp.set(app, pages);
}

export function publicPagesOf(app: object): PublicPages | undefined {
  return pagesOfApp.get(app);
}
