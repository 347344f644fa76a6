import type { NetworkName } from '../../connectors/connector-error.js';
import { assertServiceAddress, type Lookup } from '../../connectors/service-address.js';
import { invalid } from '../../errors.js';
import type { ChannelConnectors } from './channel-connectors.js';

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);
/** Every IPv4 address in 127.0.0.0/8 is this computer (the URL parser writes them dotted). */
const LOOPBACK_IPV4 = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

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
  if (
    url.protocol === 'http:' &&
    !LOOPBACK_HOSTS.has(url.hostname) &&
    !LOOPBACK_IPV4.test(url.hostname)
  )
    throw invalid({
      [field]: 'The address must use https:// (plain http is only allowed for this computer).',
    });
  if (url.username || url.password)
    throw invalid({ [field]: 'The address must not contain a user name or password.' });
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash)
    throw invalid({ [field]: 'Enter only the server address, without a path.' });
  return `${url.protocol}//${url.host}`.toLowerCase();
}

/**
 * Refuses a user-given server that resolves to a private, loopback or link-local address unless
 * the configured policy allows it (BEDSIDE_SERVICE_ADDRESSES): Bedside must not be talked into
 * calling its own network. A refusal is a ConnectorError (content_rejected) the caller maps to
 * the form field.
 */
export async function checkServiceAddress(
  connectors: ChannelConnectors,
  options: { url: string; network: NetworkName; lookup?: Lookup },
): Promise<void> {
  const policy = connectors.networks?.serviceAddresses;
  if (policy) await assertServiceAddress(options.url, { ...options, policy });
}
