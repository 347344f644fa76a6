import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { PageCache } from '../domain/providers/page-cache.js';
import { findPracticePage, loadPublicPageData } from '../domain/providers/public-page-data.js';
import { noRatings } from '../domain/providers/rating-summary.js';
import { takePagesChanged } from '../domain/providers/page-freshness.js';
import type { PracticePageRow } from '../db/providers-schema.js';
import {
  renderPracticePage,
  renderProviderPage,
  type PageUrls,
} from '../domain/providers/render-public-page.js';
import type { AppServices } from './services.js';

const VERSION_TTL_MS = 1000;
const slug = z.string().regex(/^[a-z0-9-]{1,80}$/);

/**
 * The practice's public pages, outside /api and without sign-in: server-rendered HTML, cached per
 * path and tagged with the practice's cache version (one indexed read per request decides whether
 * the cached copy is current). Unknown or unpublished practices and providers are a plain 404.
 */
export function publicPageRoutes(services: AppServices): FastifyPluginAsyncZod {
  const { db } = services.database;
  const cache = new PageCache();
  const ratings = services.ratingSummary ?? noRatings;
  const base = services.config.publicUrl;
  const urlsFor = (practiceSlug: string): PageUrls => ({
    base,
    practice: `${base}/practices/${practiceSlug}`,
    provider: (p) => `${base}/practices/${practiceSlug}/providers/${p.slug}`,
  });
  const notFound = () => new AppError('not_found', 'There is no public page at this address.');
  // The practice row (and so its cache version) is trusted for a second; see page-freshness.ts.
  const rows = new Map<string, { page: PracticePageRow | null; at: number }>();
  const practicePage = async (practiceSlug: string): Promise<PracticePageRow | null> => {
    const known = rows.get(practiceSlug);
    const now = Date.now();
    if (
      known &&
      now - known.at < VERSION_TTL_MS &&
      !(known.page && takePagesChanged(known.page.orgId))
    )
      return known.page;
    const page = await findPracticePage(db, practiceSlug);
    if (rows.size >= 10_000) rows.clear();
    rows.set(practiceSlug, { page, at: now });
    return page;
  };

  return async (app) => {
    app.get(
      '/practices/:practiceSlug',
      {
        // Served from the page cache after one indexed read; floods belong to the reverse proxy.
        config: { access: { kind: 'public' }, rateLimit: false },
        schema: { hide: true, params: z.strictObject({ practiceSlug: slug }) },
      },
      async (request, reply) => {
        const path = `/practices/${request.params.practiceSlug}`;
        const page = await practicePage(request.params.practiceSlug);
        if (!page) throw notFound();
        let entry = cache.get(path, page.cacheVersion);
        if (!entry) {
          const data = await loadPublicPageData(db, { page, ratings });
          entry = cache.set(path, page.cacheVersion, renderPracticePage(data, urlsFor(page.slug)));
        }
        return sendPage(reply, { entry, ifNoneMatch: request.headers['if-none-match'] });
      },
    );

    app.get(
      '/practices/:practiceSlug/providers/:providerSlug',
      {
        // Served from the page cache after one indexed read; floods belong to the reverse proxy.
        config: { access: { kind: 'public' }, rateLimit: false },
        schema: {
          hide: true,
          params: z.strictObject({ practiceSlug: slug, providerSlug: slug }),
        },
      },
      async (request, reply) => {
        const { practiceSlug, providerSlug } = request.params;
        const path = `/practices/${practiceSlug}/providers/${providerSlug}`;
        const page = await practicePage(practiceSlug);
        if (!page) throw notFound();
        let entry = cache.get(path, page.cacheVersion);
        if (!entry) {
          const data = await loadPublicPageData(db, { page, ratings });
          const provider = data.providers.find((p) => p.slug === providerSlug);
          if (!provider) throw notFound();
          entry = cache.set(
            path,
            page.cacheVersion,
            renderProviderPage(data, provider, urlsFor(page.slug)),
          );
        }
        return sendPage(reply, { entry, ifNoneMatch: request.headers['if-none-match'] });
      },
    );
  };
}

function sendPage(
  reply: FastifyReply,
  options: { entry: { html: string; etag: string }; ifNoneMatch: string | undefined },
) {
  void reply
    .header('cache-control', 'public, max-age=0, must-revalidate')
    .header('etag', options.entry.etag)
    .type('text/html; charset=utf-8');
  if (options.ifNoneMatch === options.entry.etag) return reply.status(304).send();
  return reply.send(options.entry.html);
}
