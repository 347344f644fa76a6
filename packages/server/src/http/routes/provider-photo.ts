import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { MAX_UPLOAD_BYTES } from '../../domain/posts/media/prepare-image.js';
import { readPublicPhoto, uploadProviderPhoto } from '../../domain/providers/provider-photo.js';
import { defaultMediaStore, type MediaStore } from '../../media/media-store.js';
import type { AppServices } from '../services.js';
import { IMAGE_TYPES } from './media.js';
import { actorWithRole } from './providers.js';
import { orgParams } from './route-kit.js';

/** The configured store, or the default one under the data directory (made on first use). */
function mediaStoreOf(services: AppServices): () => MediaStore {
  let fallback: MediaStore | undefined;
  return () => services.mediaStore ?? (fallback ??= defaultMediaStore(services.config.dataDir));
}

/**
 * A provider's photo, uploaded like a post image: the raw file as the body
 * (`Content-Type: image/jpeg|png|webp`) and its description in `?altText=`.
 */
export function providerPhotoRoutes(services: AppServices): FastifyPluginAsyncZod {
  const store = mediaStoreOf(services);
  return async (app) => {
    // Scoped to this plugin: only this route accepts image bodies.
    app.addContentTypeParser(
      IMAGE_TYPES,
      { parseAs: 'buffer', bodyLimit: 2 * MAX_UPLOAD_BYTES },
      (_request, body, done) => done(null, body),
    );

    app.post(
      '/orgs/:orgId/providers/:providerId/photo',
      {
        config: {
          access: { kind: 'org', action: 'provider.edit' },
          rateLimit: { max: 30, timeWindow: '1 minute' },
        },
        schema: {
          tags: ['providers'],
          summary:
            "Upload a provider's photo (JPEG, PNG or WebP, up to 10 MB) with its alt text; metadata is removed. Others' uploads wait for the clinician's approval",
          params: orgParams.extend({ providerId: z.string().min(1).max(64) }),
          querystring: z.strictObject({ altText: z.string().max(4000).default('') }),
        },
      },
      async (request, reply) => {
        const body: unknown = request.body;
        if (!(body instanceof Buffer))
          throw new AppError(
            'unsupported_media_type',
            'Send the photo itself as the request body, as image/jpeg, image/png or image/webp.',
          );
        const outcome = await uploadProviderPhoto(services.database.db, {
          actor: actorWithRole(request),
          orgId: request.params.orgId,
          providerId: request.params.providerId,
          bytes: body,
          altText: request.query.altText,
          store: store(),
        });
        return reply.status(201).send(outcome);
      },
    );
  };
}

/**
 * The photos of the public pages, outside /api and without sign-in. The address names the image
 * by its id, so its bytes never change: browsers and proxies may keep it for a year.
 */
export function publicProviderPhotoRoutes(services: AppServices): FastifyPluginAsyncZod {
  const store = mediaStoreOf(services);
  return async (app) => {
    app.get(
      '/practices/:practiceSlug/photos/:fileName',
      {
        // An immutable file after three indexed reads; floods belong to the reverse proxy.
        config: { access: { kind: 'public' }, rateLimit: false },
        schema: {
          hide: true,
          params: z.strictObject({
            practiceSlug: z.string().regex(/^[a-z0-9-]{1,80}$/),
            fileName: z.string().regex(/^[A-Za-z0-9_-]{1,64}\.(jpg|png|webp)$/),
          }),
        },
      },
      async (request, reply) => {
        const [mediaId, extension] = request.params.fileName.split('.') as [string, string];
        const photo = await readPublicPhoto(services.database.db, {
          practiceSlug: request.params.practiceSlug,
          mediaId,
          extension,
          store: store(),
        });
        return reply
          .type(photo.mimeType)
          .header('cache-control', 'public, max-age=31536000, immutable')
          .header('x-content-type-options', 'nosniff')
          .send(Buffer.from(photo.bytes));
      },
    );
  };
}
