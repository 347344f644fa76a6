import { createHmac } from 'node:crypto';

/**
 * The same access token, expired an hour ago and re-signed with the local PDS's secret
 * (dev-env's `JWT_SECRET`, HS256), so the PDS answers `ExpiredToken` as it would two hours
 * after login. Waiting two hours is not a test.
 */
export function expiredAccessJwt(accessJwt: string, secret: string): string {
  const [header, payload] = accessJwt.split('.');
  if (!header || !payload) throw new Error('Not a JWT');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
  const now = Math.floor(Date.now() / 1000);
  const expired = Buffer.from(
    JSON.stringify({ ...claims, iat: now - 7200, exp: now - 3600 }),
  ).toString('base64url');
  const signature = createHmac('sha256', secret).update(`${header}.${expired}`).digest('base64url');
  return `${header}.${expired}.${signature}`;
}
