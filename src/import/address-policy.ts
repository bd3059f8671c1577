/**
 * Which network addresses an import may connect to. Content from the web names the hosts, so by default only
 * public unicast addresses are allowed: never loopback, private, link-local (cloud metadata at 169.254.169.254),
 * carrier-grade NAT, unique-local, unspecified, multicast or reserved ranges, nor the IPv4-mapped and NAT64
 * forms of those. Every address a host resolves to must pass, so a name that also points inside is refused.
 * Both parts are injectable: tests serve media from 127.0.0.1 by allowing that one address.
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** One address of a host. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** How hosts are resolved and which addresses may be connected to. */
export interface AddressPolicy {
  /** Every address of `host` (default: the system resolver, all addresses). */
  resolve: (host: string) => Promise<ResolvedAddress[]>;
  /** Whether `address` may be connected to (default: `isPublicAddress`). */
  allowAddress: (address: string, family: 4 | 6) => boolean;
}

/** IPv4 ranges that are not the public internet (RFC 6890 and friends). */
const V4_NOT_PUBLIC: [string, number][] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];

const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of V4_NOT_PUBLIC) {
  // BlockList matches `::ffff:a.b.c.d` against IPv4 rules itself; the NAT64 prefix (64:ff9b::/96) reaches the
  // same IPv4 address through a gateway, so it gets the same rules.
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv4');
  NOT_PUBLIC.addSubnet(`64:ff9b::${network}`, 96 + prefix, 'ipv6');
}
for (const [network, prefix] of [
  ['::', 96], // unspecified, loopback and the old IPv4-compatible forms
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique-local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // old site-local
  ['ff00::', 8], // multicast
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv6');
}

/** Whether `address` is a public unicast address. */
export function isPublicAddress(address: string, family: 4 | 6 = isIP(address) === 6 ? 6 : 4): boolean {
  return !NOT_PUBLIC.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

async function systemResolve(host: string): Promise<ResolvedAddress[]> {
  const found = await lookup(host, { all: true, verbatim: true });
  return found.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
}

/** The default policy: the system resolver, public addresses only. */
export const PUBLIC_ONLY: AddressPolicy = { resolve: systemResolve, allowAddress: isPublicAddress };

/** `policy` with the defaults filled in. */
export function addressPolicy(policy: Partial<AddressPolicy> = {}): AddressPolicy {
  return { resolve: policy.resolve ?? PUBLIC_ONLY.resolve, allowAddress: policy.allowAddress ?? PUBLIC_ONLY.allowAddress };
}

/** Why a host may not be connected to. */
export class RefusedAddress extends Error {
  override readonly name = 'RefusedAddress';
}

/**
 * The address to connect to for `hostname` (a URL's hostname: IPv6 in brackets), after checking every address
 * it resolves to. Throws `RefusedAddress` when one is not allowed; resolver errors are thrown as they come.
 */
export async function vetHost(hostname: string, policy: AddressPolicy): Promise<ResolvedAddress> {
  const host = hostname.replace(/^\[(.*)\]$/, '$1');
  const literal = isIP(host);
  const addresses = literal ? [{ address: host, family: literal === 6 ? (6 as const) : (4 as const) }] : await policy.resolve(host);
  const refused = addresses.find(({ address, family }) => !policy.allowAddress(address, family));
  if (refused) {
    const of = literal ? '' : ` (${host})`;
    throw new RefusedAddress(`the address ${refused.address}${of} is not on the public internet (loopback, private, link-local or reserved)`);
  }
  const [first] = addresses;
  if (!first) throw new RefusedAddress(`${host} has no address`);
  return first;
}
