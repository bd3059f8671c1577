/**
 * Page scans kept between checks, by a digest of each page's HTML: a page that did not change
 * is not validated again. The file is keyed by the sectorpress and html-validate versions and
 * the rule settings; any mismatch reads as empty, and only the current pages are written back.
 */
import { createHash } from 'node:crypto';
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { version as htmlValidateVersion } from 'html-validate';
import { packageRoot } from '../shared/package-root.js';
import { HTML_RULES } from './scan-page.js';
import type { PageScan } from './types.js';

/** A scan without its file name (the same HTML gives the same scan wherever it is). */
type StoredScan = Omit<PageScan, 'file'>;

interface CacheFile {
  readonly key: string;
  readonly pages: Record<string, StoredScan>;
}

function cacheKey(): string {
  const own = (JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  return createHash('sha1')
    .update(JSON.stringify(['check-1', own, htmlValidateVersion, HTML_RULES]))
    .digest('hex');
}

export function digestOf(html: string): string {
  return createHash('sha1').update(html).digest('hex');
}

/** The stored scans, by HTML digest; empty when there is no cache file or it was written by other code. */
export async function readScanCache(file: string | undefined): Promise<Map<string, StoredScan>> {
  if (!file) return new Map();
  try {
    const stored = JSON.parse(await fs.readFile(file, 'utf8')) as CacheFile;
    return stored.key === cacheKey() ? new Map(Object.entries(stored.pages)) : new Map();
  } catch {
    return new Map();
  }
}

/** Write the scans of the pages there are now (by digest), replacing the file atomically. */
export async function writeScanCache(file: string | undefined, scans: readonly (readonly [string, PageScan])[]): Promise<void> {
  if (!file) return;
  const pages: Record<string, StoredScan> = {};
  for (const [digest, { file: _file, ...stored }] of scans) pages[digest] = stored;
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temporary, JSON.stringify({ key: cacheKey(), pages } satisfies CacheFile));
  await fs.rename(temporary, file);
}
