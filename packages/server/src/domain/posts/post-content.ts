import type { DbOrTx } from '../../db/database.js';
import { invalid } from '../../errors.js';
import { newId } from '../../security/tokens.js';
import { requireLocation } from '../channels/channels.js';
import { campaignSlug } from '@bedside/guard';
import type { PublishingSettings } from './publishing-settings.js';
import { overLimitMessage, variantText, type VariantChannel } from './variant-text.js';

/** Most images any network Bedside publishes to takes in one post (Bluesky and Mastodon: 4). */
export const MAX_IMAGES = 4;
export const MAX_TEXT = 10_000;

/** What an author writes: the base text, the text per channel, the images. */
export interface PostContentInput {
  locationId: string;
  baseText: string;
  /** utm_campaign; derived from the base text when absent. */
  campaign?: string;
  patientStory?: boolean;
  /** One entry per channel to publish to; absent: every connected channel of the location, with the base text. */
  variants?: { channelId: string; text: string }[];
  mediaIds?: string[];
}

export interface ResolvedVariant {
  channel: VariantChannel;
  text: string;
  publishText: string;
}

export interface ResolvedContent {
  locationId: string;
  baseText: string;
  campaign: string;
  patientStory: boolean;
  variants: ResolvedVariant[];
  mediaIds: string[];
}

/**
 * Checks everything an author sent against the organization: its location, its channels at that
 * location, its images, each network's own length limit after UTM parameters are added.
 * Every problem is reported at once, by field.
 */
export async function resolveContent(
  db: DbOrTx,
  options: { orgId: string; input: PostContentInput; settings: PublishingSettings },
): Promise<ResolvedContent> {
  const { orgId, input, settings } = options;
  await requireLocation(db, orgId, input.locationId);
  const fields: Record<string, string> = {};
  const baseText = input.baseText.trim();
  if (!baseText) fields.baseText = 'Write the post first.';
  if (input.baseText.length > MAX_TEXT) fields.baseText = `Keep it under ${MAX_TEXT} characters.`;
  const campaign = input.campaign?.trim()
    ? campaignSlug(input.campaign)
    : campaignSlug(baseText.slice(0, 40));

  const channels = await db
    .selectFrom('channels')
    .select(['id', 'network', 'handle', 'maxCharacters', 'locationId', 'status'])
    .where('orgId', '=', orgId)
    .where('locationId', '=', input.locationId)
    .where('status', '!=', 'disconnected')
    .orderBy('createdAt')
    .orderBy('network')
    .orderBy('handle')
    .execute();
  const byId = new Map(channels.map((c) => [c.id, c]));
  const wanted = input.variants ?? channels.map((c) => ({ channelId: c.id, text: input.baseText }));
  const seen = new Set<string>();
  const variants: ResolvedVariant[] = [];
  wanted.forEach((v, i) => {
    const channel = byId.get(v.channelId);
    const key = `variants.${i}`;
    if (!channel) {
      fields[`${key}.channelId`] = 'Choose one of the connected channels of this location.';
      return;
    }
    if (seen.has(v.channelId)) {
      fields[`${key}.channelId`] = 'Each channel gets one variant.';
      return;
    }
    seen.add(v.channelId);
    const text = v.text.trim();
    if (!text) {
      fields[`${key}.text`] = 'Write the text for this channel, or remove it.';
      return;
    }
    if (v.text.length > MAX_TEXT) {
      fields[`${key}.text`] = `Keep it under ${MAX_TEXT} characters.`;
      return;
    }
    const resolved = variantText(text, { channel, campaign, settings });
    const tooLong = overLimitMessage(resolved, channel);
    if (tooLong) fields[`${key}.text`] = tooLong;
    variants.push({ channel, text, publishText: resolved.publishText });
  });

  const mediaIds = input.mediaIds ?? [];
  if (mediaIds.length > MAX_IMAGES) fields.mediaIds = `Attach at most ${MAX_IMAGES} images.`;
  else if (new Set(mediaIds).size !== mediaIds.length)
    fields.mediaIds = 'An image is attached twice.';
  else if (mediaIds.length > 0) {
    const found = await db
      .selectFrom('mediaAssets')
      .select('id')
      .where('orgId', '=', orgId)
      .where('id', 'in', mediaIds)
      .execute();
    const known = new Set(found.map((m) => m.id));
    mediaIds.forEach((id, i) => {
      if (!known.has(id)) fields[`mediaIds.${i}`] = 'This image was not found; upload it again.';
    });
  }
  if (Object.keys(fields).length > 0) throw invalid(fields);
  return {
    locationId: input.locationId,
    baseText,
    campaign,
    patientStory: input.patientStory ?? false,
    variants,
    mediaIds,
  };
}

/**
 * Makes a post's variants and images match the resolved content. Variants are kept per channel
 * (updated in place), because dispatch's targets point at them; a channel taken off the post is
 * deleted, or marked removed when targets (now canceled) still refer to it.
 */
export async function writeContent(
  tx: DbOrTx,
  options: { orgId: string; postId: string; content: ResolvedContent; now: string },
): Promise<void> {
  const { orgId, postId, content, now } = options;
  const existing = await tx
    .selectFrom('postVariants')
    .select(['id', 'channelId'])
    .where('orgId', '=', orgId)
    .where('postId', '=', postId)
    .execute();
  const byChannel = new Map(existing.map((v) => [v.channelId, v.id]));
  for (const v of content.variants) {
    const fields = {
      network: v.channel.network,
      text: v.text,
      publishText: v.publishText,
      updatedAt: now,
    };
    const id = byChannel.get(v.channel.id);
    if (id)
      await tx
        .updateTable('postVariants')
        .set({ ...fields, removedAt: null })
        .where('orgId', '=', orgId)
        .where('id', '=', id)
        .execute();
    else
      await tx
        .insertInto('postVariants')
        .values({ id: newId(), postId, orgId, channelId: v.channel.id, createdAt: now, ...fields })
        .execute();
  }
  const kept = new Set(content.variants.map((v) => v.channel.id));
  const gone = existing.filter((v) => !kept.has(v.channelId)).map((v) => v.id);
  if (gone.length > 0) {
    const referenced = await tx
      .selectFrom('postTargets')
      .select('variantId')
      .distinct()
      .where('orgId', '=', orgId)
      .where('variantId', 'in', gone)
      .execute();
    const keep = new Set(referenced.map((r) => r.variantId));
    const deletable = gone.filter((id) => !keep.has(id));
    if (deletable.length > 0)
      await tx
        .deleteFrom('postVariants')
        .where('orgId', '=', orgId)
        .where('id', 'in', deletable)
        .execute();
    if (keep.size > 0)
      await tx
        .updateTable('postVariants')
        .set({ removedAt: now, updatedAt: now })
        .where('orgId', '=', orgId)
        .where('id', 'in', [...keep])
        .execute();
  }
  await tx
    .deleteFrom('postMedia')
    .where('orgId', '=', orgId)
    .where('postId', '=', postId)
    .execute();
  if (content.mediaIds.length > 0)
    await tx
      .insertInto('postMedia')
      .values(content.mediaIds.map((mediaId, position) => ({ postId, mediaId, orgId, position })))
      .execute();
}
