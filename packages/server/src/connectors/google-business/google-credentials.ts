/**
 * A connected Google Business Profile location. Access tokens last an hour; the refresh token
 * (from `access_type=offline`) renews them and does not rotate.
 */
export interface GoogleBusinessCredentials {
  /** `accounts/123`: the v4 API (posts, reviews) addresses locations under their account. */
  accountName: string;
  /** `locations/456`. */
  locationName: string;
  accessToken: string;
  refreshToken?: string;
  expiresAt?: string;
}

export const GOOGLE_BUSINESS_SCOPE = 'https://www.googleapis.com/auth/business.manage';

/** `accounts/123/locations/456`: the parent of local posts and reviews in the v4 API. */
export function v4LocationPath(credentials: GoogleBusinessCredentials): string {
  return `${credentials.accountName}/${credentials.locationName}`;
}
