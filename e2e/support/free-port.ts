import { createServer } from 'node:net';

/**
 * A TCP port that was free a moment ago on 127.0.0.1. The server prints and mails its public
 * URL, so it needs a known port up front rather than PORT=0.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}
