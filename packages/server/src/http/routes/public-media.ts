import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../errors.js';
import { defaultMediaStore, type MediaStore } from '../../media/media-store.js';
import { createMediaLinkSigner } from '../../media/public-media-url.js';
import { readPublicMedia } from '../../media/read-public-media.js';
import type { AppServices } from '../services.js';

/** Networks fetch an image once or twice per post; a guesser gets few tries. */
const publicMediaLimit = { max: 120, timeWindow: '1 minute' };

/**
 * The one image a signed link names, for Instagram and Google Business Profile to download
 * (they take images only by URL). The link is the only key: no session, no listing, only the
 * image bytes (stored without metadata) and their type. A forged, altered or expired link, a
 * canceled or taken-down post and a removed image all answer the same 404.
 */
export function publicMediaRoutes(services: AppServices): FastifyPluginAsyncZod {
  const { db } = services.database;
  const signer = createMediaLinkSigner(services.config.mediaUrls);
  let fallback: MediaStore | undefined;
  const store = (): MediaStore =>
    services.mediaStore ?? (fallback ??= defaultMediaStore(services.config.dataDir));
  return async (app) => {
    app.get(
      '/public/media/:targetId/:mediaId/:signature',
      {
        config: { access: { kind: 'public' }, rateLimit: publicMediaLimit },
        schema: {
          tags: ['posts'],
          summary: "A post's image behind a signed, expiring link (for networks that fetch images)",
          params: z.strictObject({
            targetId: z.string().min(1).max(64),
            mediaId: z.string().min(1).max(64),
            signature: z.string().min(1).max(80),
          }),
        },
      },
      async (request, reply) => {
        const { targetId, mediaId, signature } = request.params;
        const ref = signer.verify(`${targetId}/${mediaId}/${signature}`);
        if (!ref) throw notFound('The image');
        const media = await readPublicMedia(db, { ...ref, store: store() });
        return reply
          .type(media.mimeType)
          .header('cache-control', 'private, no-store')
          .header('x-content-type-options', 'nosniff')
          .header('content-disposition', 'inline')
          .header('referrer-policy', 'no-referrer')
          .header('x-robots-tag', 'noindex, nofollow')
          .send(Buffer.from(media.bytes));
      },
    );
  };
}
