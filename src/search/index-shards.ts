/**
 * The search index as shards (docs/search.md): a site with more records than the shard size is
 * split by a hash of each record's URL, and each shard is its own Pagefind bundle. Shards are
 * keyed by their inputs and their records, so only shards whose records changed are indexed, one
 * after another: Pagefind holds one shard's records at a time, and each shard's records are made
 * only when it is indexed.
 */
import { searchShardCount } from '../model/search-shards.js';
import type { Site } from '../model/types.js';
import { hasErrors, staged, type Staged } from '../shared/errors.js';
import { indexRecords, type IndexFile } from './index-records.js';
import type { ShardEntry } from './search-cache.js';
import { itemsInputsKey, makeRecord, recordsDigest, recordsDigester, type SearchItem, type SearchRecord } from './search-records.js';
import { shardFolder, splitIntoShards } from './search-shards.js';

/** One shard to index: its bundle folder, its items and the key of their inputs. */
export interface ShardPlan {
  readonly folder: string;
  readonly items: readonly SearchItem[];
  readonly key: string;
}

/** One shard's index files, with the key of its inputs and the digest of its records. */
export interface ShardIndex extends ShardEntry {
  readonly folder: string;
  readonly files: readonly IndexFile[];
}

/**
 * The shards of `site`'s index, each keyed by its items' inputs and `context` (Pagefind's version,
 * the site signature and the index language).
 */
export function planShards(site: Site, items: readonly SearchItem[], context: string): ShardPlan[] {
  return splitIntoShards(items, searchShardCount(site)).map((own, shard) => {
    const folder = shardFolder(shard);
    return { folder, items: own, key: itemsInputsKey(own, `${context}\0${folder}`) };
  });
}

const digestContext = (folder: string, indexer: string, language: string | undefined): string => `${indexer}\0${folder}\0${language ?? '*'}`;

/** The digest a shard's files are kept under: its records, its folder and what indexes them. */
export function shardDigest(records: readonly SearchRecord[], folder: string, indexer: string, language: string | undefined): string {
  return recordsDigest(records, digestContext(folder, indexer, language));
}

/** The records of one shard, made now (their text is extracted from the pages' HTML here). */
export function shardRecords(plan: ShardPlan): SearchRecord[] {
  return plan.items.map(makeRecord);
}

/** `plan`'s records as Pagefind takes them, each added to `digester` as it is made. */
function* streamedRecords(plan: ShardPlan, digester: { add: (record: SearchRecord) => void }): Generator<SearchRecord> {
  for (const item of plan.items) {
    const record = makeRecord(item);
    digester.add(record);
    yield record;
  }
}

/**
 * Index `shards` with Pagefind one after another (create, add, get the files, delete, then the
 * next), so Pagefind's memory is one shard's. `onIndexed` is awaited after each shard (to keep it in
 * the cache at once); `recordsOf` gives a shard's records when the caller made them already (to compare
 * digests); otherwise they are made a batch at a time as they are sent, and never all held at once.
 */
export async function indexShards(
  shards: readonly ShardPlan[],
  indexer: string,
  language: string | undefined,
  onIndexed?: (shard: ShardIndex) => Promise<void>,
  recordsOf: (plan: ShardPlan) => readonly SearchRecord[] | undefined = () => undefined,
): Promise<Staged<ShardIndex[]>> {
  const made: ShardIndex[] = [];
  for (const plan of shards) {
    const digester = recordsDigester(digestContext(plan.folder, indexer, language));
    const records = recordsOf(plan);
    if (records) for (const record of records) digester.add(record);
    // A shard with no records still gets its (empty) bundle: the search page checks each bundle's languages.
    const result = await indexRecords(records ?? streamedRecords(plan, digester), language, plan.folder);
    if (hasErrors(result.problems)) return staged([], result.problems);
    const shard: ShardIndex = { folder: plan.folder, key: plan.key, digest: digester.digest(), files: result.value };
    await onIndexed?.(shard);
    made.push(shard);
  }
  return staged(made);
}
