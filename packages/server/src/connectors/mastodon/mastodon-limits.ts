import { z } from 'zod';
import type { NetworkLimits } from '../connector.js';
import { ConnectorError } from '../connector-error.js';
import type { MastodonClient } from './mastodon-client.js';

/** Mastodon's defaults, used for whatever the instance does not say. */
export const MASTODON_DEFAULT_LIMITS: NetworkLimits = {
  maxCharacters: 500,
  counting: 'mastodon',
  maxImages: 4,
  maxImageBytes: 16 * 1024 * 1024,
  imageMimeTypes: ['image/jpeg', 'image/png', 'image/gif', 'image/webp'],
};

const configurationSchema = z
  .object({
    statuses: z
      .object({
        max_characters: z.number().int().positive().optional(),
        max_media_attachments: z.number().int().positive().optional(),
      })
      .partial()
      .optional(),
    media_attachments: z
      .object({
        image_size_limit: z.number().int().positive().optional(),
        supported_mime_types: z.array(z.string()).optional(),
      })
      .partial()
      .optional(),
  })
  .partial();

const instanceSchema = z.object({
  configuration: configurationSchema.optional(),
  /** Pleroma, Akkoma and glitch-soc's older field. */
  max_toot_chars: z.number().int().positive().optional(),
});

/**
 * The instance's own limits: `configuration` from `/api/v2/instance` (Mastodon 4+), else from
 * `/api/v1/instance` (older servers, snac), else Mastodon's defaults. Servers differ widely
 * (500 on mastodon.social, 100,000 on snac), so the composer must not assume 500.
 */
export async function readMastodonLimits(client: MastodonClient): Promise<NetworkLimits> {
  for (const path of ['/api/v2/instance', '/api/v1/instance']) {
    try {
      const { data } = await client.request({
        method: 'GET',
        path,
        schema: instanceSchema,
        what: 'reading the instance',
      });
      return limitsFrom(data);
    } catch (error) {
      // The instance answered, but not with this endpoint (404, HTML, garbage): try the older one,
      // then Mastodon's defaults. Down, slow or rate limited is an error the caller retries.
      const answered =
        error instanceof ConnectorError &&
        error.status !== undefined &&
        error.status < 500 &&
        error.kind !== 'rate_limited';
      if (!answered) throw error;
    }
  }
  return MASTODON_DEFAULT_LIMITS;
}

function limitsFrom(instance: z.infer<typeof instanceSchema>): NetworkLimits {
  const config = instance.configuration;
  const imageTypes = config?.media_attachments?.supported_mime_types?.filter((type) =>
    type.startsWith('image/'),
  );
  return {
    maxCharacters:
      config?.statuses?.max_characters ??
      instance.max_toot_chars ??
      MASTODON_DEFAULT_LIMITS.maxCharacters,
    counting: 'mastodon',
    maxImages: config?.statuses?.max_media_attachments ?? MASTODON_DEFAULT_LIMITS.maxImages,
    maxImageBytes:
      config?.media_attachments?.image_size_limit ?? MASTODON_DEFAULT_LIMITS.maxImageBytes,
    imageMimeTypes:
      imageTypes && imageTypes.length > 0 ? imageTypes : MASTODON_DEFAULT_LIMITS.imageMimeTypes,
  };
}
