/**
 * Which network addresses an import may connect to. Content from the web names the hosts, so by default only
 * public unicast addresses are allowed (`shared/public-address.ts`: never loopback, private, link-local such as
 * cloud metadata at 169.254.169.254, carrier-grade NAT, unique-local, multicast or reserved ranges, nor the
 * IPv4-mapped and NAT64 forms of those). Every address a host resolves to must pass, so a name that also points
 * inside is refused; the address checked is returned, to be the one connected to. Both parts are injectable:
 * tests serve media from 127.0.0.1 by allowing that one address.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { isPublicAddress } from '../shared/public-address.js';

/** One address of a host. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** How hosts are resolved and which addresses may be connected to. */
export interface AddressPolicy {
  /** Every address of `host` (default: the system resolver, all addresses). */
  resolve: (host: string) => Promise<ResolvedAddress[]>;
  /** Whether `address` may be connected to (default: `isPublicAddress`, the rule `check --external` uses too). */
  allowAddress: (address: string, family: 4 | 6) => boolean;
}

async function systemResolve(host: string): Promise<ResolvedAddress[]> {
  const found = await lookup(host, { all: true, verbatim: true });
  return found.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
}

/** The default policy: the system resolver, public addresses only. */
const PUBLIC_ONLY: AddressPolicy = { resolve: systemResolve, allowAddress: isPublicAddress };

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
