/**
 * The search index with memory between runs of one builder, and across builds through the
 * cache folder. The index is made from the search records alone (search/search-records.ts), so
 * it is kept under their digest: a run whose posts and pages show the same titles, text, dates
 * and tags gets the same files without running Pagefind; any change indexes the whole site again.
 * A cheaper key of the records' inputs is checked first, so a rebuild that changed nothing
 * searchable does not even make the records.
 */
import type { Site } from '../model/types.js';
import { hasErrors, type Staged } from '../shared/errors.js';
import { indexerVersion, indexRecords, type IndexFile } from '../search/index-records.js';
import { readCachedIndex, writeCachedIndex, type CachedIndex } from '../search/search-cache.js';
import { indexLanguage, recordsDigest, searchInputsKey, searchRecords } from '../search/search-records.js';
import type { StageRunner } from './stage-runner.js';

export class SearchMemory {
  private last: CachedIndex | undefined;
  /** The key of the index being built in the background, if any. */
  private pending: string | undefined;

  /**
   * With `onDeferred`, a run after the first does not wait for Pagefind: it gets the last index
   * and the new one is built in the background; `onDeferred` is called when it is ready, and the
   * next run returns it (the dev server, whose edits must not wait for a whole-site index).
   */
  constructor(private readonly onDeferred?: () => void) {}

  /**
   * The index files of `site` (none with `search: false`). `context` is a digest of everything
   * besides the site's content that the records depend on (the site signature will do);
   * `useCache` false neither reads nor writes the on-disk copy (`--no-cache`).
   */
  async render(site: Site, context: string, runner: StageRunner, useCache: boolean): Promise<readonly IndexFile[]> {
    if (!site.config.search) return [];
    const version = await indexerVersion();
    const key = searchInputsKey(site, `${version}:${context}`);
    if (this.last?.key === key) return this.keep(this.last);
    const root = site.config.root;
    const cached = useCache ? await readCachedIndex(root, { key }) : undefined;
    if (cached) return this.keep(cached);
    const records = searchRecords(site);
    const digest = recordsDigest(records, version);
    if (this.last?.digest === digest) return this.keep({ ...this.last, key });
    const stored = useCache ? await readCachedIndex(root, { digest }) : undefined;
    if (stored) return this.keep({ ...stored, key });
    const index = (): Promise<Staged<IndexFile[]>> => indexRecords(records, site.translations ? undefined : indexLanguage(site.config.language));
    if (this.onDeferred && this.last) return this.defer(this.last.files, { key, digest }, index, useCache ? root : undefined);
    const files = await runner.run('search', index);
    if (useCache) await writeCachedIndex(root, { key, digest, files });
    return this.keep({ key, digest, files });
  }

  /** Build the index in the background and return `stale` meanwhile; a newer request supersedes an older one. */
  private defer(stale: readonly IndexFile[], made: { key: string; digest: string }, index: () => Promise<Staged<IndexFile[]>>, root: string | undefined): readonly IndexFile[] {
    if (this.pending === made.key) return stale;
    this.pending = made.key;
    void index().then(async (result) => {
      // A failed index keeps the last good one; the next edit tries again.
      if (this.pending !== made.key || hasErrors(result.problems)) return;
      this.keep({ ...made, files: result.value });
      this.onDeferred?.();
      if (root) await writeCachedIndex(root, { ...made, files: result.value });
    });
    return stale;
  }

  /** Make `index` the current one; an index still being built in the background is no longer wanted. */
  private keep(index: CachedIndex): readonly IndexFile[] {
    this.pending = undefined;
    this.last = index;
    return index.files;
  }
}
