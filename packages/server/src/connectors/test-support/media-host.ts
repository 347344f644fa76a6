import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback web server with a few images on it, for the fakes that download images by URL. */
export interface MediaHost {
  /** Puts `bytes` at `/<name>` and returns its URL. */
  serve(name: string, bytes: Uint8Array, contentType?: string): string;
  /** A URL on this host that answers 404. */
  missing(name: string): string;
  close(): Promise<void>;
}

export async function startMediaHost(): Promise<MediaHost> {
  const files = new Map<string, { bytes: Uint8Array; contentType: string }>();
  const server = createServer((request, response) => {
    const file = files.get(new URL(request.url ?? '/', 'http://host').pathname);
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': file.contentType }).end(Buffer.from(file.bytes));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    serve(name, bytes, contentType = 'image/jpeg') {
      files.set(`/${name}`, { bytes, contentType });
      return `${base}/${name}`;
    },
    missing: (name) => `${base}/missing/${name}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
