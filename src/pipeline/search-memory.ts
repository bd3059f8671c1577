/**
 * The search index with memory between runs of one builder, and across builds through the
 * cache folder. The index is made from the search records alone (search/search-records.ts), so
 * it is kept under their digest: a run whose posts and pages show the same titles, text, dates
 * and tags gets the same files without running Pagefind; any change indexes the whole site again.
 */
import type { Site } from '../model/types.js';
import { indexerVersion, indexRecords, type IndexFile } from '../search/index-records.js';
import { readCachedIndex, writeCachedIndex } from '../search/search-cache.js';
import { indexLanguage, recordsDigest, searchRecords } from '../search/search-records.js';
import type { StageRunner } from './stage-runner.js';

export class SearchMemory {
  private last: { readonly digest: string; readonly files: readonly IndexFile[] } | undefined;

  /** The index files of `site` (none with `search: false`); `useCache` false ignores and keeps no on-disk copy (`--no-cache`). */
  async render(site: Site, runner: StageRunner, useCache: boolean): Promise<readonly IndexFile[]> {
    if (!site.config.search) return [];
    const records = searchRecords(site);
    const digest = recordsDigest(records, await indexerVersion());
    if (this.last?.digest === digest) return this.last.files;
    const root = site.config.root;
    const cached = useCache ? await readCachedIndex(root, digest) : undefined;
    const files = cached ?? (await runner.run('search', () => indexRecords(records, indexLanguage(site.config.language))));
    if (!cached && useCache) await writeCachedIndex(root, digest, files);
    this.last = { digest, files };
    return files;
  }
}
