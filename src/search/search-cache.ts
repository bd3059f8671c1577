/**
 * The search index kept in the cache folder, keyed by the digest of its records: a build whose
 * posts and pages show the same text, titles, dates and tags reuses it without running Pagefind.
 * Only the latest index is kept; anything unreadable or of another digest reads as empty.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { cacheFolder } from '../shared/cache-folder.js';
import type { IndexFile } from './index-records.js';

interface CachedIndex {
  readonly digest: string;
  readonly files: readonly (readonly [string, string])[];
}

/** Where the site's cached search index lives. */
function searchCacheFile(siteRoot: string): string {
  return path.join(cacheFolder(siteRoot), 'search-index.json');
}

/** The cached index files for `digest`, or `undefined` when the cache holds another (or none). */
export async function readCachedIndex(siteRoot: string, digest: string): Promise<IndexFile[] | undefined> {
  try {
    const cached = JSON.parse(await fs.readFile(searchCacheFile(siteRoot), 'utf8')) as CachedIndex;
    if (cached.digest !== digest || !Array.isArray(cached.files)) return undefined;
    return cached.files.map(([file, base64]) => ({ path: file, contents: new Uint8Array(Buffer.from(base64, 'base64')) }));
  } catch {
    return undefined;
  }
}

/** Keep `files` as the index for `digest` (written to a temporary file, then renamed, so a reader never sees half of it). */
export async function writeCachedIndex(siteRoot: string, digest: string, files: readonly IndexFile[]): Promise<void> {
  const target = searchCacheFile(siteRoot);
  const cached: CachedIndex = { digest, files: files.map((file) => [file.path, Buffer.from(file.contents).toString('base64')] as const) };
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(temporary, JSON.stringify(cached));
    await fs.rename(temporary, target);
  } catch {
    // A cache that cannot be written only costs the next build time.
    await fs.rm(temporary, { force: true });
  }
}
