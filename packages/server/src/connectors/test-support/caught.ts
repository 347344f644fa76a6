import type { ConnectorError } from '../connector-error.js';

/** The ConnectorError a promise rejects with; fails the test if it resolves. */
export function caught(promise: Promise<unknown>): Promise<ConnectorError> {
  return promise.then(
    () => {
      throw new Error('expected a ConnectorError');
    },
    (error: ConnectorError) => error,
  );
}

/** Plays the person's part of an OAuth round trip on a fake: open the authorize URL, read the redirect. */
export async function approveOnFake(authorizeUrl: string): Promise<URL> {
  const response = await fetch(authorizeUrl, { redirect: 'manual' });
  const location = response.headers.get('location');
  if (!location) throw new Error(`The fake did not redirect (HTTP ${response.status})`);
  return new URL(location);
}
