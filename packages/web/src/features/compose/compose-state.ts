import { addUtm, campaignSlug, countCharacters, type Finding } from '@bedside/guard';
import type { ComposeChannel, Post, PostContent, PublishingSettings } from './api';

/** One channel in the composer: whether it is included, and its own text once tailored. */
export interface VariantDraft {
  channelId: string;
  included: boolean;
  /** Null while the channel simply uses the base text. */
  tailored: string | null;
}

export interface ComposeDraft {
  locationId: string;
  baseText: string;
  campaign: string;
  patientStory: boolean;
  variants: VariantDraft[];
  mediaIds: string[];
}

export interface VariantPreview {
  text: string;
  publishText: string;
  count: number;
  limit: number;
  over: boolean;
}

export const emptyDraft = (locationId: string): ComposeDraft => ({
  locationId,
  baseText: '',
  campaign: '',
  patientStory: false,
  variants: [],
  mediaIds: [],
});

/** The draft an existing post opens as. */
export function draftFromPost(post: Post): ComposeDraft {
  return {
    locationId: post.locationId,
    baseText: post.baseText,
    campaign: post.campaign,
    patientStory: post.patientStory,
    variants: post.variants.map((v) => ({
      channelId: v.channelId,
      included: true,
      tailored: v.text === post.baseText ? null : v.text,
    })),
    mediaIds: post.media.map((m) => m.id),
  };
}

/** Every channel of the location gets a row: new channels start included (for a new post). */
export function withChannels(
  draft: ComposeDraft,
  channels: readonly ComposeChannel[],
  options: { includeNew: boolean },
): ComposeDraft {
  const known = new Map(draft.variants.map((v) => [v.channelId, v]));
  return {
    ...draft,
    variants: channels.map(
      (c) =>
        known.get(c.id) ?? {
          channelId: c.id,
          included: options.includeNew && c.status === 'connected',
          tailored: null,
        },
    ),
  };
}

export function effectiveCampaign(draft: ComposeDraft): string {
  return draft.campaign.trim()
    ? campaignSlug(draft.campaign)
    : campaignSlug(draft.baseText.slice(0, 40));
}

/**
 * What a channel will publish and its length by that network's own rule, exactly as the server
 * computes it (same @bedside/guard functions): UTM parameters on the practice's own links count.
 */
export function previewVariant(
  text: string,
  options: { channel: ComposeChannel; campaign: string; settings: PublishingSettings | undefined },
): VariantPreview {
  const { channel, settings } = options;
  const trimmed = text.trim();
  const publishText = settings?.utmEnabled
    ? addUtm(trimmed, {
        network: channel.network,
        campaign: options.campaign,
        websiteDomains: settings.websiteDomains,
      })
    : trimmed;
  const count = countCharacters(
    publishText,
    channel.network,
    channel.maxCharacters ? { maxCharacters: channel.maxCharacters } : {},
  );
  return { text: trimmed, publishText, count, limit: channel.limit, over: count > channel.limit };
}

export const variantText = (draft: ComposeDraft, variant: VariantDraft): string =>
  variant.tailored ?? draft.baseText;

/** The request body the server takes. */
export function toContent(draft: ComposeDraft): PostContent {
  return {
    locationId: draft.locationId,
    baseText: draft.baseText,
    ...(draft.campaign.trim() ? { campaign: draft.campaign.trim() } : {}),
    patientStory: draft.patientStory,
    variants: draft.variants
      .filter((v) => v.included)
      .map((v) => ({ channelId: v.channelId, text: variantText(draft, v) })),
    mediaIds: draft.mediaIds,
  };
}

/** What a lowered finding says (the server words it the same). */
export const COVERED_MESSAGE =
  "The patient's signed authorization allows this; the compliance officer reviews it.";

/**
 * Findings the composer shows: the length rule is shown as the count instead, and a blocking
 * finding of a category a linked patient authorization allows (the patient's name) is a warning
 * for the compliance officer — the server decides the same way on submit.
 */
export function shownFindings(
  findings: readonly Finding[],
  covered: readonly string[] = [],
): Finding[] {
  return findings
    .filter((f) => f.rule !== 'network.too-long')
    .map((f) =>
      f.severity === 'block' && covered.includes(f.category)
        ? { ...f, severity: 'warn' as const, message: COVERED_MESSAGE }
        : f,
    );
}
