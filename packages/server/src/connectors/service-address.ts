import { lookup as dnsLookup } from 'node:dns/promises';
import net from 'node:net';
import { Agent } from 'undici';
import { ConnectorError, type NetworkName } from './connector-error.js';
import { keepAliveFetch } from './http/keep-alive-fetch.js';

/** Which addresses a user-given server (Mastodon instance, Bluesky PDS) may resolve to. */
export type ServiceAddressPolicy = 'public' | 'loopback' | 'private';

type AddressClass = 'public' | 'loopback' | 'private' | 'forbidden';

const blocks = (entries: [string, number, 'ipv4' | 'ipv6'][]): net.BlockList => {
  const list = new net.BlockList();
  for (const [address, prefix, family] of entries) list.addSubnet(address, prefix, family);
  return list;
};

const LOOPBACK = blocks([
  ['127.0.0.0', 8, 'ipv4'],
  ['::1', 128, 'ipv6'],
]);
const PRIVATE = blocks([
  ['10.0.0.0', 8, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['fc00::', 7, 'ipv6'],
]);
/** Link-local (cloud metadata at 169.254.169.254), unspecified, multicast, reserved, documentation. */
const FORBIDDEN = blocks([
  ['0.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'],
  ['192.0.0.0', 24, 'ipv4'],
  ['192.0.2.0', 24, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['198.51.100.0', 24, 'ipv4'],
  ['203.0.113.0', 24, 'ipv4'],
  ['224.0.0.0', 3, 'ipv4'],
  ['::', 128, 'ipv6'],
  ['fe80::', 10, 'ipv6'],
  ['ff00::', 8, 'ipv6'],
  ['2001:db8::', 32, 'ipv6'],
]);

/** Addresses already classified: every connector request checks its server's address again. */
const classified = new Map<string, AddressClass>();

/** What kind of address this is; IPv4-mapped and NAT64 IPv6 addresses are judged by their IPv4 part. */
export function classifyAddress(address: string): AddressClass {
  let kind = classified.get(address);
  if (kind) return kind;
  kind = classifyUncached(address);
  if (classified.size >= 10_000) classified.clear();
  classified.set(address, kind);
  return kind;
}

function classifyUncached(address: string): AddressClass {
  const family = net.isIPv4(address) ? 'ipv4' : net.isIPv6(address) ? 'ipv6' : undefined;
  if (!family) return 'forbidden';
  if (family === 'ipv6') {
    const embedded = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
    if (embedded) return classifyUncached(embedded);
    const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
    if (hex?.[1] && hex[2]) {
      const high = Number.parseInt(hex[1], 16);
      const low = Number.parseInt(hex[2], 16);
      return classifyUncached(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`);
    }
  }
  if (FORBIDDEN.check(address, family)) return 'forbidden';
  if (LOOPBACK.check(address, family)) return 'loopback';
  if (PRIVATE.check(address, family)) return 'private';
  return 'public';
}

export function addressAllowed(address: string, policy: ServiceAddressPolicy): boolean {
  const kind = classifyAddress(address);
  if (kind === 'public') return true;
  if (kind === 'loopback') return policy === 'loopback' || policy === 'private';
  if (kind === 'private') return policy === 'private';
  return false;
}

export type Lookup = (hostname: string) => Promise<string[]>;

const systemLookup: Lookup = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * Refuses a server address that is, or resolves to, anything but what the policy allows — every
 * address the name resolves to must pass, so one public record cannot smuggle in a private one.
 * This keeps a user-typed "instance" from making Bedside call its own network (SSRF).
 */
export async function assertServiceAddress(
  url: string,
  options: { policy: ServiceAddressPolicy; network: NetworkName; lookup?: Lookup },
): Promise<void> {
  const hostname = new URL(url).hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = net.isIP(hostname) ? [hostname] : await (options.lookup ?? systemLookup)(hostname);
  } catch {
    throw new ConnectorError({
      network: options.network,
      kind: 'content_rejected',
      reason: `The server ${hostname} could not be found.`,
    });
  }
  if (addresses.length === 0 || !addresses.every((a) => addressAllowed(a, options.policy)))
    throw new ConnectorError({
      network: options.network,
      kind: 'content_rejected',
      reason: `The server ${hostname} is on a private or local network; Bedside only connects to public servers.`,
    });
}

/** A connection to an address the policy refuses, found when the connection was opened. */
export class RefusedAddressError extends Error {
  readonly code = 'EBEDSIDE_REFUSED_ADDRESS';
  constructor(hostname: string) {
    super(`${hostname} resolved to an address Bedside does not connect to.`);
  }
}

type ConnectLookup = NonNullable<net.TcpNetConnectOpts['lookup']>;

/**
 * The name lookup a connection uses to reach its server, refusing any answer the policy does not
 * allow. The check before a request resolves the name once; this one guards the address the
 * socket actually connects to, so a name that resolves differently a moment later (DNS
 * rebinding) still cannot reach a private or local address.
 */
export function policyLookup(
  policy: ServiceAddressPolicy,
  lookup: Lookup = systemLookup,
): ConnectLookup {
  return ((
    hostname: string,
    options: { all?: boolean },
    callback: (...args: unknown[]) => void,
  ) => {
    lookup(hostname).then(
      (addresses) => {
        if (addresses.length === 0 || !addresses.every((a) => addressAllowed(a, policy)))
          return callback(new RefusedAddressError(hostname));
        const entries = addresses.map((address) => ({
          address,
          family: net.isIPv6(address) ? 6 : 4,
        }));
        if (options.all) callback(null, entries);
        else callback(null, entries[0]!.address, entries[0]!.family);
      },
      (error: unknown) => callback(error),
    );
  }) as ConnectLookup;
}

const policyAgents = new Map<ServiceAddressPolicy, Agent>();

/** One keep-alive pool per policy whose connections only open to addresses the policy allows. */
function policyAgent(policy: ServiceAddressPolicy, lookup?: Lookup): Agent {
  if (lookup) return new Agent({ connect: { lookup: policyLookup(policy, lookup) } });
  let agent = policyAgents.get(policy);
  if (!agent) {
    agent = new Agent({ connect: { lookup: policyLookup(policy) } });
    policyAgents.set(policy, agent);
  }
  return agent;
}

/**
 * A `fetch` that checks the host of every request against the policy first (with a message the
 * person who typed the address can act on), and whose connections are opened only to addresses
 * the policy allows, so a name that later resolves to a private address (DNS rebinding) is
 * refused too. Requests that go through Node's own `fetch` (multipart uploads) have the first
 * check only.
 */
export function serviceAddressGuard(
  policy: ServiceAddressPolicy,
  options: { network: NetworkName; baseFetch?: typeof fetch; lookup?: Lookup },
): typeof fetch {
  const baseFetch =
    options.baseFetch ?? keepAliveFetch({ dispatcher: policyAgent(policy, options.lookup) });
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    await assertServiceAddress(url, { policy, network: options.network, lookup: options.lookup });
    return baseFetch(input, init);
  };
}
