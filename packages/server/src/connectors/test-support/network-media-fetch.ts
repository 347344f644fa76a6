/** What a network's downloader got from an image URL. */
export type NetworkMediaFetch =
  | { ok: true; contentType: string; bytes: Buffer; url: string }
  | { ok: false; reason: string; url: string };

/** The most a fake downloads (Instagram's image limit is 8 MB; Google's 5 MB for photos). */
const MAX_BYTES = 10 * 1024 * 1024;

/**
 * Downloads an image the way Instagram (`image_url`) and Google Business Profile
 * (`media[].sourceUrl`) do: a plain GET with no cookies or credentials, following redirects, a
 * short timeout, and only a 200 with an image content type counts. The fakes call this when a
 * post is created, so a Bedside that hands out a link nobody can open fails its tests the way it
 * would fail in production. The reason says exactly what went wrong, for the test output.
 */
export async function fetchLikeANetwork(
  url: string,
  options: { timeoutMs?: number } = {},
): Promise<NetworkMediaFetch> {
  if (!/^https?:\/\//.test(url)) return { ok: false, url, reason: 'not an http(s) URL' };
  let response: Response;
  try {
    response = await fetch(url, {
      redirect: 'follow',
      signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
      headers: { 'user-agent': 'facebookexternalhit/1.1 (bedside network fake)' },
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { ok: false, url, reason: `unreachable (${cause ?? (error as Error).name})` };
  }
  if (response.status !== 200) {
    await response.body?.cancel();
    return { ok: false, url, reason: `HTTP ${response.status}` };
  }
  const contentType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
  if (!contentType.startsWith('image/')) {
    await response.body?.cancel();
    return { ok: false, url, reason: `not an image (${contentType || 'no content type'})` };
  }
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length === 0) return { ok: false, url, reason: 'empty body' };
  if (bytes.length > MAX_BYTES) return { ok: false, url, reason: 'larger than the fake takes' };
  return { ok: true, url, contentType, bytes };
}
