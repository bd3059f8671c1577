/**
 * The search index with memory between runs of one builder, and across builds through the
 * cache folder. The index is one bundle, or shards of a big site (search/index-shards.ts); each
 * shard is made from its search records alone, so it is kept under their digest: a run whose posts
 * and pages show the same titles, text, dates and tags gets the same files without running
 * Pagefind, and an edit to one post indexes its shard only. Cheaper keys of the records' inputs
 * (the whole site's, then each shard's) are checked first, so a rebuild that changed nothing
 * searchable does not even make the records.
 */
import type { Site } from '../model/types.js';
import { hasErrors, type Staged } from '../shared/errors.js';
import { indexerVersion, type IndexFile } from '../search/index-records.js';
import { indexShards, planShards, shardDigest, shardRecords, type ShardIndex, type ShardPlan } from '../search/index-shards.js';
import { shardLoaderFiles } from '../search/shard-loader.js';
import { readManifest, readShardFiles, writeManifest, writeShardFiles, type IndexManifest } from '../search/search-cache.js';
import { indexLanguage, searchInputsKey, searchItems, type SearchRecord } from '../search/search-records.js';
import type { StageRunner } from './stage-runner.js';

/** The whole index: the key of the site's search inputs, its shards, and all their files (the same file objects, not copies). */
interface SiteIndex {
  readonly key: string;
  readonly shards: readonly ShardIndex[];
  readonly files: readonly IndexFile[];
}

// A split index adds the loader that merges its shards in the browser.
const siteIndex = (key: string, shards: readonly ShardIndex[]): SiteIndex => ({ key, shards, files: [...shards.flatMap((shard) => shard.files), ...shardLoaderFiles(shards.length)] });
const manifestOf = (index: SiteIndex): IndexManifest => ({ key: index.key, shards: index.shards.map(({ key, digest }) => ({ key, digest })) });

/** What one run knows of earlier indexes: the last one in memory, and the manifest on disk (`root` when the cache is used). */
interface Known {
  readonly last: SiteIndex | undefined;
  readonly manifest: IndexManifest | undefined;
  readonly root: string | undefined;
}

/** What a dev server's edit asked the index for. */
interface Request {
  readonly site: Site;
  readonly context: string;
  readonly useCache: boolean;
}

/**
 * How long the edits must pause before the dev server's index catches up: Pagefind takes seconds on a
 * large site, and a catch-up on the main thread (the search key, one shard's records, taking the index
 * in) would otherwise land between the saves of a writer at work and delay their reloads.
 */
const CATCH_UP_QUIET_MS = 1000;

export class SearchMemory {
  private last: SiteIndex | undefined;
  /** The newest edit the background index has not caught up with, and the catching up under way. */
  private waiting: Request | undefined;
  private catchingUp: Promise<void> | undefined;
  private quiet: NodeJS.Timeout | undefined;
  /** Set by `stop`: no index is built in the background any more. */
  private stopped = false;

  /**
   * With `onDeferred`, a run after the first does not wait for Pagefind: it gets the last index
   * and the new one is built in the background; `onDeferred` is called when it is ready, and the
   * next run returns it (the dev server, whose edits must not wait for Pagefind).
   */
  constructor(private readonly onDeferred?: () => void) {}

  /**
   * The index files of `site` (none with `search: false`). `context` is a digest of everything
   * besides the site's content that the records depend on (the site signature will do);
   * `useCache` false neither reads nor writes the on-disk copy (`--no-cache`).
   */
  async render(site: Site, context: string, runner: StageRunner, useCache: boolean): Promise<readonly IndexFile[]> {
    if (!site.config.search) return [];
    if (this.onDeferred && this.last) return this.later({ site, context, useCache });
    return this.index(site, context, useCache, (index) => runner.run('search', index));
  }

  /**
   * The dev server after its first index: an edit's pages wait for no search work at all, not even
   * the key (a walk of every post: a tenth of a second at 100,000 posts, and making one shard's
   * records costs more). The newest request is indexed shortly after, in the background.
   */
  private later(request: Request): readonly IndexFile[] {
    const stale = (this.last as SiteIndex).files;
    this.waiting = request;
    this.awaitQuiet();
    return stale;
  }

  /**
   * (Re)start the quiet period before a catch-up, if one is wanted: at each request, and when the
   * builder's run that made it ends (a run that renders every page takes seconds on a large site,
   * and the catch-up must not share the thread with it). Edits in between are coalesced; a
   * catch-up under way takes the newest request when it is done.
   */
  awaitQuiet(): void {
    if (this.stopped || this.catchingUp || !this.waiting) return;
    clearTimeout(this.quiet);
    this.quiet = setTimeout(() => {
      this.quiet = undefined;
      this.catchingUp = this.catchUp();
    }, CATCH_UP_QUIET_MS);
    this.quiet.unref();
  }

  /**
   * Build nothing more in the background (the dev server is closing): an edit's index still waiting
   * is dropped, and a catch-up under way ends after the index it is building. Otherwise a closed
   * server's process would run Pagefind on for the last edits, minutes at 100,000 posts.
   */
  stop(): void {
    this.stopped = true;
    this.waiting = undefined;
    clearTimeout(this.quiet);
    this.quiet = undefined;
  }

  /** The files of the newest index (the dev server takes in one built in the background). */
  current(): readonly IndexFile[] | undefined {
    return this.last?.files;
  }

  private async catchUp(): Promise<void> {
    for (let request = this.waiting; request && !this.stopped; request = this.waiting) {
      this.waiting = undefined;
      const before = this.last;
      // A failed index keeps the last good one; the next edit tries again.
      await this.index(request.site, request.context, request.useCache, async (index) => {
        const result = await index();
        if (hasErrors(result.problems)) throw new Error('search index failed');
        return result.value;
      }).catch(() => undefined);
      if (!this.stopped && this.last && this.last.key !== before?.key && !this.waiting) this.onDeferred?.();
    }
    this.catchingUp = undefined;
  }

  /** The index of `site`: from memory, the cache folder, or Pagefind for the shards that changed (through `run`). */
  private async index(site: Site, context: string, useCache: boolean, run: (index: () => Promise<Staged<ShardIndex[]>>) => Promise<ShardIndex[]>): Promise<readonly IndexFile[]> {
    const version = await indexerVersion();
    const key = searchInputsKey(site, `${version}:${context}`);
    if (this.last?.key === key) return this.keep(this.last);
    const root = useCache ? site.config.root : undefined;
    const manifest = root ? await readManifest(root) : undefined;
    if (root && manifest?.key === key) {
      const whole = await readWhole(root, manifest);
      if (whole) return this.keep(whole);
    }
    const language = site.translations ? undefined : indexLanguage(site.config.language);
    const plans = planShards(site, searchItems(site), `${version}:${context}:${language ?? '*'}`);
    const known: Known = { last: this.last, manifest, root };
    const found: (ShardIndex | undefined)[] = [];
    // A shard's records, made at most once a run: a changed shard's are made to compare digests, then indexed.
    const made = new Map<ShardPlan, SearchRecord[]>();
    const recordsOf = (plan: ShardPlan): SearchRecord[] => made.get(plan) ?? (made.set(plan, shardRecords(plan)).get(plan) as SearchRecord[]);
    for (const plan of plans) found.push(await findShard(plan, known, version, language, recordsOf));
    const missing = plans.filter((_, at) => !found[at]);
    // A shard's records are let go once it is indexed, and those not made yet are made as they are sent: at 100,000 posts
    // every shard's text together is hundreds of megabytes.
    const takeRecords = (plan: ShardPlan): SearchRecord[] | undefined => {
      const records = made.get(plan);
      made.delete(plan);
      return records;
    };
    const indexed = missing.length > 0 ? await run(() => indexShards(missing, version, language, root ? (shard) => writeShardFiles(root, shard.digest, shard.files) : undefined, takeRecords)) : [];
    const whole = siteIndex(
      key,
      plans.map((plan, at) => found[at] ?? (indexed.find((shard) => shard.folder === plan.folder) as ShardIndex)),
    );
    if (root) await writeManifest(root, manifestOf(whole));
    return this.keep(whole);
  }

  /** Make `index` the current one; an index still being built in the background is no longer wanted. */
  private keep(index: SiteIndex): readonly IndexFile[] {
    this.last = index;
    return index.files;
  }
}

/** Every shard the manifest names, read from the cache folder; `undefined` if one is missing. */
async function readWhole(root: string, manifest: IndexManifest): Promise<SiteIndex | undefined> {
  const shards: ShardIndex[] = [];
  for (const entry of manifest.shards) {
    const files = await readShardFiles(root, entry.digest);
    if (!files) return undefined;
    shards.push({ ...entry, folder: '', files });
  }
  return siteIndex(manifest.key, shards);
}

/**
 * The files of `plan` from an earlier index, if any has them: by the key of its inputs, else (when
 * there is an earlier index at all) by the digest of its records, made for the purpose.
 */
async function findShard(plan: ShardPlan, known: Known, indexer: string, language: string | undefined, recordsOf: (plan: ShardPlan) => SearchRecord[]): Promise<ShardIndex | undefined> {
  const byKey = await lookUp(known, (entry) => entry.key === plan.key);
  if (byKey) return { ...byKey, folder: plan.folder };
  if (!known.last && !known.manifest) return undefined;
  const digest = shardDigest(recordsOf(plan), plan.folder, indexer, language);
  const byDigest = await lookUp(known, (entry) => entry.digest === digest);
  return byDigest ? { ...byDigest, folder: plan.folder, key: plan.key } : undefined;
}

async function lookUp(known: Known, matches: (entry: { key: string; digest: string }) => boolean): Promise<ShardIndex | undefined> {
  const held = known.last?.shards.find(matches);
  if (held) return held;
  const entry = known.root ? known.manifest?.shards.find(matches) : undefined;
  const files = entry && known.root ? await readShardFiles(known.root, entry.digest) : undefined;
  return entry && files ? { ...entry, folder: '', files } : undefined;
}
