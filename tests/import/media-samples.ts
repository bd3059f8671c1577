// Bytes that begin as real media files do (the importer checks types by their first bytes), and the address
// policy tests use to serve media from 127.0.0.1: only that one address is allowed besides public ones.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { AddressPolicy, ResolvedAddress } from '../../src/import/address-policy.js';
import { isPublicAddress } from '../../src/shared/public-address.js';

const SIGNATURES: Record<string, Buffer> = {
  jpg: Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
  png: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  gif: Buffer.from('GIF89a'),
  pdf: Buffer.from('%PDF-1.7\n'),
  mp4: Buffer.from('\0\0\0\x18ftypmp42', 'latin1'),
  docx: Buffer.from([0x50, 0x4b, 0x03, 0x04]),
};

/** `size` bytes that begin like a `type` file (`jpg`, `png`, `pdf`, …), the rest `label` repeated. */
export function mediaBytes(type: string, label: string, size: number): Buffer {
  const head = SIGNATURES[type];
  if (!head) throw new Error(`no signature for ${type}`);
  const rest = Buffer.from(label.repeat(Math.ceil(size / label.length)));
  return Buffer.concat([head, rest]).subarray(0, size);
}

/** Public addresses and 127.0.0.1 (where the tests' servers listen); every other address is refused. */
export const LOOPBACK_SERVERS: Partial<AddressPolicy> = { allowAddress: (address) => address === '127.0.0.1' || isPublicAddress(address) };

/** A resolver that knows only `names` (host → addresses), so no test asks real DNS. */
export function stubResolver(names: Record<string, string[]>): (host: string) => Promise<ResolvedAddress[]> {
  return async (host) => {
    const addresses = names[host];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
}

/** Every file under `folder` (posix paths, sorted): where a download may have left something. */
export async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}
