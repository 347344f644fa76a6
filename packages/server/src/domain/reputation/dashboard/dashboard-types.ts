import type { ReputationSourceName } from '../../../db/reputation-schema.js';
import type { Bucket } from './periods.js';

export interface DashboardFilter {
  /** First and last UTC day included, YYYY-MM-DD. */
  from: string;
  to: string;
  bucket: Bucket;
  locationId?: string | undefined;
  providerId?: string | undefined;
  source?: ReputationSourceName | undefined;
}

/** Volume, rating, responses, sentiment and urgency of the items received in one period (or in all). */
export interface ItemStats {
  items: number;
  /** Items with a star rating, and their mean (null when none). */
  rated: number;
  averageRating: number | null;
  /** Items answered at least once (first_response_at set), and that share of all items. */
  responded: number;
  responseRate: number | null;
  /** Median hours from receiving an item to its first response, over the responded items. */
  medianResponseHours: number | null;
  positive: number;
  neutral: number;
  negative: number;
  mixed: number;
  /** Items whose urgency is not 'none'. */
  urgent: number;
}

export interface PeriodStats extends ItemStats {
  period: string;
}

export interface GroupTrend {
  /** Location or provider id; null for items attributed to none. */
  id: string | null;
  name: string;
  items: number;
  averageRating: number | null;
  responseRate: number | null;
  series: { period: string; items: number; averageRating: number | null }[];
}

export interface TopicTrend {
  topic: string;
  items: number;
  negative: number;
  series: { period: string; items: number; negative: number }[];
}

export interface ReputationDashboard {
  filter: { from: string; to: string; bucket: Bucket };
  /** Period names (first day of each), oldest first, including periods without items. */
  periods: string[];
  totals: ItemStats;
  series: PeriodStats[];
  locations: GroupTrend[];
  providers: GroupTrend[];
  topics: TopicTrend[];
}
