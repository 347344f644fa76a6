import type { DbOrTx } from '../../db/database.js';

/** Aggregate rating only: never review text, which may carry PHI. */
export interface RatingSummary {
  ratingValue: number;
  reviewCount: number;
}

/**
 * The port the public pages read ratings through; the reputation inbox supplies the real one
 * (AppServices.ratingSummary). `providerId: null` asks for the whole practice.
 */
export type RatingSummarySource = (
  db: DbOrTx,
  options: { orgId: string; providerId: string | null },
) => Promise<RatingSummary | null>;

/** Until reputation data exists, pages show no rating rather than a made-up one. */
export const noRatings: RatingSummarySource = async () => null;
