import { z } from 'zod';

/** The fields of Mastodon's Status entity Bedside reads. snac sends the same shape. */
export const statusSchema = z.object({
  id: z.string().min(1),
  uri: z.string(),
  url: z.string().nullish(),
  created_at: z.string(),
  content: z.string(),
  favourites_count: z.number().optional(),
  reblogs_count: z.number().optional(),
  replies_count: z.number().optional(),
  /** Mastodon 4.5+. */
  quotes_count: z.number().optional(),
});
export type MastodonStatus = z.infer<typeof statusSchema>;

export const accountSchema = z.object({
  id: z.string().min(1),
  username: z.string(),
  display_name: z.string().optional(),
  url: z.string().nullish(),
});

/** A MediaAttachment; `url` stays null while the instance is still processing it. */
export const mediaSchema = z.object({ id: z.string().min(1), url: z.string().nullish() });

/** Any body at all, for calls whose answer Bedside does not read (delete). */
export const anyBody = z.unknown();
