/**
 * Which addresses sectorpress may send a request to on the strength of content (a link in a post,
 * a URL in an export): only public ones. Loopback, private, link-local (cloud metadata services
 * live at 169.254.169.254), carrier-grade NAT, unique-local, multicast and reserved ranges are
 * refused, so a stranger's content cannot make sectorpress talk to this computer or its network.
 */
import { promises as dns } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/** The IANA special-purpose ranges that are not reachable on the public internet, or not hosts. */
const IPV4_RANGES: readonly (readonly [string, number])[] = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the broadcast address
];

const IPV6_RANGES: readonly (readonly [string, number])[] = [
  ['::', 96], // unspecified, loopback, and the old IPv4-compatible form (::127.0.0.1)
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard
  ['2001::', 23], // IETF protocol assignments (Teredo among them)
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4, which carries any IPv4 address
  ['fc00::', 7], // unique-local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // old site-local
  ['ff00::', 8], // multicast
];

/** The well-known NAT64 prefix: its last 32 bits are an IPv4 address, judged as that address. */
const NAT64 = /^64:ff9b::(?:(?:([0-9a-f]{1,4}):)?([0-9a-f]{1,4}))?$/;

function blockList(): BlockList {
  const list = new BlockList();
  for (const [address, prefix] of IPV4_RANGES) list.addSubnet(address, prefix, 'ipv4');
  for (const [address, prefix] of IPV6_RANGES) list.addSubnet(address, prefix, 'ipv6');
  return list;
}

// BlockList matches IPv4 rules against IPv4-mapped IPv6 too (::ffff:127.0.0.1, ::ffff:7f00:1).
const NOT_PUBLIC = blockList();

/** `[::1]` (a URL's hostname) → `::1`, lower case, IPv6 zone dropped. */
function bareAddress(ip: string): string {
  return ip
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/%.*$/, '')
    .toLowerCase();
}

/** The IPv4 address inside a NAT64 one, written the way URL parsing writes it (`64:ff9b::a00:1`). */
function embeddedIpv4(ip: string): string | undefined {
  const canonical = new URL(`http://[${ip}]/`).hostname.slice(1, -1);
  const match = NAT64.exec(canonical);
  if (!match) return undefined;
  const value = (Number.parseInt(match[1] ?? '0', 16) << 16) | Number.parseInt(match[2] ?? '0', 16);
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

/**
 * True when `ip` is a public unicast address that content may point requests at; false for
 * every non-public range, and for anything that is not an IP address at all.
 *
 * @example
 * isPublicAddress('93.184.216.34'); // true
 * isPublicAddress('::ffff:127.0.0.1'); // false
 */
export function isPublicAddress(ip: string): boolean {
  const address = bareAddress(ip);
  const family = isIP(address);
  if (family === 0) return false;
  if (family === 4) return !NOT_PUBLIC.check(address, 'ipv4');
  if (NOT_PUBLIC.check(address, 'ipv6')) return false;
  const inner = embeddedIpv4(address);
  return inner === undefined || !NOT_PUBLIC.check(inner, 'ipv4');
}

/** Every address a host name resolves to (`dns.lookup`, as requests themselves resolve). */
export type LookupAll = (hostname: string) => Promise<readonly { readonly address: string }[]>;

const systemLookup: LookupAll = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

/** Where a host leads: all public addresses, a non-public one (named), or no address at all. */
export type HostResolution =
  | { readonly kind: 'public'; readonly addresses: readonly string[] }
  | { readonly kind: 'private'; readonly address: string }
  | { readonly kind: 'unresolved'; readonly code: string };

/**
 * Resolve `host` (a URL's hostname: a name, an IPv4 address or a bracketed IPv6 one) and say
 * whether every address it leads to is public. One non-public address is enough to refuse the
 * host: a request may connect to any of them.
 *
 * @example
 * const where = await resolvePublic(new URL(link).hostname);
 * if (where.kind !== 'public') return; // not requested
 */
export async function resolvePublic(host: string, lookup: LookupAll = systemLookup): Promise<HostResolution> {
  const bare = bareAddress(host);
  let addresses: string[];
  if (isIP(bare) !== 0) addresses = [bare];
  else {
    try {
      addresses = (await lookup(bare.replace(/\.$/, ''))).map((entry) => entry.address);
    } catch (error) {
      return { kind: 'unresolved', code: (error as NodeJS.ErrnoException).code ?? (error as Error).message };
    }
  }
  if (addresses.length === 0) return { kind: 'unresolved', code: 'ENOTFOUND' };
  const refused = addresses.find((address) => !isPublicAddress(address));
  return refused === undefined ? { kind: 'public', addresses } : { kind: 'private', address: refused };
}
