/**
 * The search index kept in the cache folder, under the digest of its records and the key of
 * their inputs: a build whose posts and pages show the same text, titles, dates and tags reuses
 * it without running Pagefind. Only the latest index is kept; anything unreadable, or of another
 * key and digest, reads as empty.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { cacheFolder } from '../shared/cache-folder.js';
import type { IndexFile } from './index-records.js';

/** An index with what it was made from: `key` of the records' inputs, `digest` of the records. */
export interface CachedIndex {
  readonly key: string;
  readonly digest: string;
  readonly files: readonly IndexFile[];
}

interface StoredIndex {
  readonly key: string;
  readonly digest: string;
  readonly files: readonly (readonly [string, string])[];
}

let writes = 0;

function searchCacheFile(siteRoot: string): string {
  return path.join(cacheFolder(siteRoot), 'search-index.json');
}

/** The cached index when its key or its digest is the one asked for, else `undefined`. */
export async function readCachedIndex(siteRoot: string, match: { readonly key: string } | { readonly digest: string }): Promise<CachedIndex | undefined> {
  try {
    const stored = JSON.parse(await fs.readFile(searchCacheFile(siteRoot), 'utf8')) as StoredIndex;
    const matches = 'key' in match ? stored.key === match.key : stored.digest === match.digest;
    if (!matches || !Array.isArray(stored.files)) return undefined;
    const files = stored.files.map(([file, base64]) => ({ path: file, contents: new Uint8Array(Buffer.from(base64, 'base64')) }));
    return { key: stored.key, digest: stored.digest, files };
  } catch {
    return undefined;
  }
}

/** Keep `index` (written to a temporary file, then renamed, so a reader never sees half of it). */
export async function writeCachedIndex(siteRoot: string, index: CachedIndex): Promise<void> {
  const target = searchCacheFile(siteRoot);
  const stored: StoredIndex = { key: index.key, digest: index.digest, files: index.files.map((file) => [file.path, Buffer.from(file.contents).toString('base64')] as const) };
  const temporary = `${target}.${process.pid}-${(writes += 1)}.tmp`;
  try {
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(temporary, JSON.stringify(stored));
    await fs.rename(temporary, target);
  } catch {
    // A cache that cannot be written only costs the next build time.
    await fs.rm(temporary, { force: true });
  }
}
