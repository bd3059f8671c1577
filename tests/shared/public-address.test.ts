// The rule for which addresses content may make sectorpress request: public unicast only.
// No traffic: the resolver is a stub wherever a name is resolved.
import { describe, expect, it } from 'vitest';
import { isPublicAddress, type LookupAll, resolvePublic } from '../../src/shared/public-address.js';

describe('isPublicAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback /8'],
    ['0.0.0.0', 'this network'],
    ['10.1.2.3', 'private /8'],
    ['172.16.0.1', 'private /12'],
    ['172.31.255.255', 'private /12, last'],
    ['192.168.1.1', 'private /16'],
    ['100.64.0.1', 'CGNAT, first'],
    ['100.127.255.254', 'CGNAT, last'],
    ['169.254.169.254', 'link-local: cloud metadata'],
    ['224.0.0.251', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['192.0.2.10', 'documentation'],
    ['::1', 'IPv6 loopback'],
    ['[::1]', 'as a URL writes it'],
    ['::', 'unspecified'],
    ['::127.0.0.1', 'IPv4-compatible loopback'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback, dotted'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback, hex'],
    ['::ffff:a9fe:a9fe', 'IPv4-mapped metadata address'],
    ['::ffff:10.0.0.1', 'IPv4-mapped private'],
    ['64:ff9b::7f00:1', 'NAT64 of loopback'],
    ['64:ff9b::', 'NAT64 of 0.0.0.0'],
    ['fc00::1', 'unique-local fc'],
    ['fd12:3456::1', 'unique-local fd'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local with a zone'],
    ['febf::1', 'link-local, last /10'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['2002:7f00:1::1', '6to4 of loopback'],
    ['localhost', 'a name, not an address'],
    ['', 'nothing'],
    ['999.1.1.1', 'not an address'],
  ])('refuses %s (%s)', (ip) => {
    expect(isPublicAddress(ip)).toBe(false);
  });

  it.each([
    ['93.184.216.34'],
    ['8.8.8.8'],
    ['100.63.255.255'], // just below CGNAT
    ['100.128.0.0'], // just above it
    ['172.32.0.1'], // just above 172.16/12
    ['169.255.0.1'],
    ['223.255.255.255'],
    ['2a00:1450:4009:81f::200e'],
    ['[2606:4700::6810:84e5]'],
    ['::ffff:8.8.8.8'],
    ['::ffff:808:808'],
    ['64:ff9b::808:808'], // NAT64 of a public address
    ['fbff::1'], // just below fc00::/7
  ])('accepts %s', (ip) => {
    expect(isPublicAddress(ip)).toBe(true);
  });
});

describe('resolvePublic', () => {
  const stub =
    (table: Record<string, readonly string[]>): LookupAll =>
    async (hostname) => {
      const addresses = table[hostname];
      if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
      return addresses.map((address) => ({ address }));
    };
  const lookup = stub({
    'news.example.org': ['93.184.216.34', '2606:4700::6810:84e5'],
    'metadata.example.org': ['169.254.169.254'],
    'mixed.example.org': ['93.184.216.34', '10.0.0.7'],
    'intranet.example.org': ['fd00::5'],
  });

  it('passes a name whose every address is public', async () => {
    expect(await resolvePublic('news.example.org', lookup)).toEqual({ kind: 'public', addresses: ['93.184.216.34', '2606:4700::6810:84e5'] });
  });

  it('refuses a name with any non-public address, naming it', async () => {
    expect(await resolvePublic('metadata.example.org', lookup)).toEqual({ kind: 'private', address: '169.254.169.254' });
    expect(await resolvePublic('mixed.example.org', lookup)).toEqual({ kind: 'private', address: '10.0.0.7' });
    expect(await resolvePublic('intranet.example.org.', lookup)).toEqual({ kind: 'private', address: 'fd00::5' });
  });

  it('judges address literals without resolving them', async () => {
    const never: LookupAll = async () => {
      throw new Error('looked up');
    };
    expect(await resolvePublic('127.0.0.1', never)).toEqual({ kind: 'private', address: '127.0.0.1' });
    expect(await resolvePublic('[::ffff:7f00:1]', never)).toEqual({ kind: 'private', address: '::ffff:7f00:1' });
    expect(await resolvePublic('8.8.8.8', never)).toEqual({ kind: 'public', addresses: ['8.8.8.8'] });
  });

  it('says when a name does not resolve', async () => {
    expect(await resolvePublic('missing.example.org', lookup)).toEqual({ kind: 'unresolved', code: 'ENOTFOUND' });
  });
});
