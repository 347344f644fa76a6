/**
 * A connected LinkedIn organization page. Access tokens last 60 days; refresh tokens (365 days)
 * come only to approved Marketing Developer Platform partners — without one, the owner reconnects
 * every 60 days (the channel turns "reconnect needed" in time).
 */
export interface LinkedInCredentials {
  /** `urn:li:organization:123`. */
  organizationUrn: string;
  accessToken: string;
  refreshToken?: string;
  expiresAt?: string;
}

/** Post and read as the organization, and list the organizations the person administers. */
export const LINKEDIN_SCOPES = 'r_organization_social w_organization_social rw_organization_admin';

/**
 * LinkedIn's "little text" format reserves these characters; unescaped, the text after them is
 * lost or mis-parsed (NETWORKS.md §3.3).
 */
export function escapeLittleText(text: string): string {
  return text.replace(/[\\|{}@[\]()<>#*_~]/g, (c) => `\\${c}`);
}
