import { invalid } from '../../errors.js';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * A network server's base URL (`https://host[:port]`), from what a person typed. https only,
 * except for loopback hosts (local test servers): a rule, not a setting, so production cannot be
 * talked into sending tokens over plain http. Throws a field error naming `field`.
 */
export function parseServiceUrl(input: string, field: string): string {
  const trimmed = input.trim();
  let url: URL;
  try {
    url = new URL(trimmed.includes('://') ? trimmed : `https://${trimmed}`);
  } catch {
    throw invalid({ [field]: 'Enter a server address such as https://example.social.' });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw invalid({ [field]: 'The address must start with https://.' });
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname))
    throw invalid({
      [field]: 'The address must use https:// (plain http is only allowed for this computer).',
    });
  if (url.username || url.password)
    throw invalid({ [field]: 'The address must not contain a user name or password.' });
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash)
    throw invalid({ [field]: 'Enter only the server address, without a path.' });
  return `${url.protocol}//${url.host}`.toLowerCase();
}
