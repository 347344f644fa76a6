import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { MAX_UPLOAD_BYTES } from '../../domain/posts/media/prepare-image.js';
import { readMedia, updateAltText, uploadMedia } from '../../domain/posts/media/upload-media.js';
import { returnToDraft } from '../../domain/posts/return-to-draft.js';
import { defaultMediaStore, type MediaStore } from '../../media/media-store.js';
import type { AppServices } from '../services.js';
import { orgParams } from './route-kit.js';
import { mediaSchema } from './post-schemas.js';

export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/octet-stream'];
const mediaParams = orgParams.extend({ mediaId: z.string().min(1).max(64) });

/**
 * Images for posts. The upload is the raw file (`Content-Type: image/jpeg|png|webp`) with its
 * description in `?altText=`; the server decides the real format from the bytes, strips every bit
 * of metadata and resizes before anything is stored.
 */
export function mediaRoutes(services: AppServices): FastifyPluginAsyncZod {
  const { db } = services.database;
  let fallback: MediaStore | undefined;
  const store = (): MediaStore =>
    services.mediaStore ?? (fallback ??= defaultMediaStore(services.config.dataDir));
  return async (app) => {
    // Scoped to this plugin: only these routes accept image bodies.
    app.addContentTypeParser(
      IMAGE_TYPES,
      { parseAs: 'buffer', bodyLimit: 2 * MAX_UPLOAD_BYTES },
      (_request, body, done) => done(null, body),
    );

    app.post(
      '/orgs/:orgId/media',
      {
        config: {
          access: { kind: 'org', action: 'post.write' },
          rateLimit: { max: 60, timeWindow: '1 minute' },
        },
        schema: {
          tags: ['posts'],
          summary: 'Upload an image (JPEG, PNG or WebP, up to 10 MB) with its alt text',
          params: orgParams,
          querystring: z.strictObject({ altText: z.string().max(4000).default('') }),
          response: { 201: mediaSchema },
        },
      },
      async (request, reply) => {
        const body: unknown = request.body;
        if (!(body instanceof Buffer))
          throw new AppError(
            'unsupported_media_type',
            'Send the image itself as the request body, as image/jpeg, image/png or image/webp.',
          );
        const media = await uploadMedia(db, {
          actor: request.actor,
          orgId: request.params.orgId,
          bytes: body,
          altText: request.query.altText,
          store: store(),
        });
        return reply.status(201).send(media);
      },
    );

    app.get(
      '/orgs/:orgId/media/:mediaId/content',
      {
        config: { access: { kind: 'org', action: 'post.read' } },
        schema: {
          tags: ['posts'],
          summary: 'The stored image (metadata already removed)',
          params: mediaParams,
        },
      },
      async (request, reply) => {
        const media = await readMedia(db, { ...request.params, store: store() });
        return reply
          .type(media.mimeType)
          .header('cache-control', 'private, max-age=3600')
          .header('x-content-type-options', 'nosniff')
          .send(Buffer.from(media.bytes));
      },
    );

    app.patch(
      '/orgs/:orgId/media/:mediaId',
      {
        config: { access: { kind: 'org', action: 'post.write' } },
        schema: {
          tags: ['posts'],
          summary: 'Change an image’s alt text (posts using it go back to draft for review)',
          params: mediaParams,
          body: z.strictObject({ altText: z.string().max(4000) }),
          response: { 200: mediaSchema },
        },
      },
      async (request) => {
        const { media, postIds } = await updateAltText(db, {
          actor: request.actor,
          ...request.params,
          altText: request.body.altText,
        });
        for (const postId of postIds)
          await returnToDraft(db, {
            actor: request.actor,
            orgId: request.params.orgId,
            postId,
            reason: 'an image description changed',
          });
        return media;
      },
    );
  };
}
