import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Counts the fake AppView reports for every post. */
export const FAKE_APPVIEW_COUNTS = { likeCount: 7, repostCount: 2, replyCount: 1, quoteCount: 0 };

export interface FakeAppView {
  url: string;
  /** The `uris` of every getPosts call, as the PDS proxied them. */
  requested: string[];
  close(): Promise<void>;
}

/**
 * A contract fake of the one AppView method the connector reads, `app.bsky.feed.getPosts`,
 * for the real PDS to proxy to: the real AppView needs PostgreSQL and several seconds to start.
 * Its answer follows the `app.bsky.defs#postView` lexicon.
 */
export async function startFakeAppView(): Promise<FakeAppView> {
  const requested: string[] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://appview');
    if (url.pathname !== '/xrpc/app.bsky.feed.getPosts') {
      response
        .writeHead(501, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: 'MethodNotImplemented', message: 'Not in the fake' }));
      return;
    }
    const uris = url.searchParams.getAll('uris');
    requested.push(...uris);
    const posts = uris.map((uri) => {
      const did = uri.split('/')[2] ?? '';
      return {
        uri,
        cid: 'bafyreie5737gdxlw5i64vzichcalba3z2v5n6icifvx5xytvske7mr3hpm',
        author: { did, handle: 'clinic.test' },
        record: { $type: 'app.bsky.feed.post', text: '', createdAt: new Date().toISOString() },
        indexedAt: new Date().toISOString(),
        ...FAKE_APPVIEW_COUNTS,
      };
    });
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ posts }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requested,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
