/**
 * The search index with memory between runs of one builder, and across builds through the
 * cache folder. The index is made from the search records alone (search/search-records.ts), so
 * it is kept under their digest: a run whose posts and pages show the same titles, text, dates
 * and tags gets the same files without running Pagefind; any change indexes the whole site again.
 * A cheaper key of the records' inputs is checked first, so a rebuild that changed nothing
 * searchable does not even make the records.
 */
import type { Site } from '../model/types.js';
import { indexerVersion, indexRecords, type IndexFile } from '../search/index-records.js';
import { readCachedIndex, writeCachedIndex, type CachedIndex } from '../search/search-cache.js';
import { indexLanguage, recordsDigest, searchInputsKey, searchRecords } from '../search/search-records.js';
import type { StageRunner } from './stage-runner.js';

export class SearchMemory {
  private last: CachedIndex | undefined;

  /**
   * The index files of `site` (none with `search: false`). `context` is a digest of everything
   * besides the site's content that the records depend on (the site signature will do);
   * `useCache` false neither reads nor writes the on-disk copy (`--no-cache`).
   */
  async render(site: Site, context: string, runner: StageRunner, useCache: boolean): Promise<readonly IndexFile[]> {
    if (!site.config.search) return [];
    const version = await indexerVersion();
    const key = searchInputsKey(site, `${version}:${context}`);
    if (this.last?.key === key) return this.last.files;
    const root = site.config.root;
    const cached = useCache ? await readCachedIndex(root, { key }) : undefined;
    if (cached) return this.keep(cached);
    const records = searchRecords(site);
    const digest = recordsDigest(records, version);
    if (this.last?.digest === digest) return this.keep({ ...this.last, key });
    const stored = useCache ? await readCachedIndex(root, { digest }) : undefined;
    const files = stored?.files ?? (await runner.run('search', () => indexRecords(records, indexLanguage(site.config.language))));
    if (useCache) await writeCachedIndex(root, { key, digest, files });
    return this.keep({ key, digest, files });
  }

  private keep(index: CachedIndex): readonly IndexFile[] {
    this.last = index;
    return index.files;
  }
}
