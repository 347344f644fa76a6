/** What a link in a variant gets: `utm_source=<network>&utm_medium=social&utm_campaign=<campaign>`. */
export interface UtmOptions {
  network: string;
  campaign: string;
  /** The practice's own domains; a link elsewhere is never touched. */
  websiteDomains: readonly string[];
}

const LINK = /\bhttps?:\/\/[^\s<>"'`]+/gi;
/** Punctuation that ends a sentence rather than a URL. */
const TRAILING = /[.,;:!?)\]}'"]+$/;

/** The lower-cased host of an http(s) link, without port or credentials; undefined if there is none. */
function hostOf(link: string): string | undefined {
  const rest = link.replace(/^https?:\/\//i, '');
  const authority = rest.split(/[/?#]/, 1)[0] ?? '';
  const host = authority.slice(authority.lastIndexOf('@') + 1).replace(/:\d*$/, '');
  return /^[a-z0-9.-]+$/i.test(host) ? host.toLowerCase().replace(/\.$/, '') : undefined;
}

/** True when `host` is one of `domains` or a subdomain of one. */
export function isFirstParty(host: string, domains: readonly string[]): boolean {
  const h = host.toLowerCase();
  return domains.some((d) => h === d || h.endsWith(`.${d}`));
}

/**
 * Adds first-party UTM parameters to every link to the practice's own site. Links to anyone else
 * are left exactly as written (no tracking of other people's sites); parameters the author already
 * set are kept. Applying it twice gives the same text.
 *
 * @example addUtm('See https://clinic.example/flu.', { network: 'bluesky', campaign: 'flu', websiteDomains: ['clinic.example'] })
 * // 'See https://clinic.example/flu?utm_source=bluesky&utm_medium=social&utm_campaign=flu.'
 */
export function addUtm(text: string, options: UtmOptions): string {
  if (options.websiteDomains.length === 0) return text;
  return text.replace(LINK, (match) => {
    const trailing = TRAILING.exec(match)?.[0] ?? '';
    const link = match.slice(0, match.length - trailing.length);
    const host = hostOf(link);
    if (!host || !isFirstParty(host, options.websiteDomains)) return match;
    const queryAt = link.indexOf('?');
    const hashAt = link.indexOf('#');
    const query =
      queryAt === -1 || (hashAt !== -1 && hashAt < queryAt)
        ? ''
        : link.slice(queryAt + 1, hashAt === -1 ? undefined : hashAt);
    const present = new Set(query.split('&').map((pair) => pair.split('=')[0]?.toLowerCase()));
    const params: [string, string][] = [
      ['utm_source', options.network],
      ['utm_medium', 'social'],
      ['utm_campaign', options.campaign],
    ];
    const missing = params.filter(([key]) => !present.has(key));
    if (missing.length === 0) return match;
    const added = missing.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
    const base = hashAt === -1 ? link : link.slice(0, hashAt);
    const hash = hashAt === -1 ? '' : link.slice(hashAt);
    const joiner = base.includes('?') ? (base.endsWith('?') || base.endsWith('&') ? '' : '&') : '?';
    return `${base}${joiner}${added}${hash}${trailing}`;
  });
}

/** A campaign slug from free text: `Flu shots 2026!` → `flu-shots-2026`. */
export function campaignSlug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'post'
  );
}
