/**
 * Which shard each search item goes to, and where each shard's bundle is published. A record's
 * shard is a hash of its URL modulo the shard count (a power of two, model/search-shards.ts), so
 * editing, adding or deleting one post changes one shard, and doubling the count only splits shards.
 */
import { createHash } from 'node:crypto';
import { SEARCH_FOLDER } from './index-records.js';
import type { SearchItem } from './search-records.js';

/** Shard `shard`'s bundle folder: shard 0 at `pagefind/` (so `pagefind/pagefind.js` is where it always was), shard i at `pagefind/shard-i/`. */
export function shardFolder(shard: number): string {
  return shard === 0 ? SEARCH_FOLDER : `${SEARCH_FOLDER}/shard-${shard}`;
}

/** The shard of a record with public URL `url` among `count` shards: the same on every machine and run. */
export function shardOf(url: string, count: number): number {
  if (count <= 1) return 0;
  return createHash('sha256').update(url).digest().readUInt32BE(0) % count;
}

/** `items` split into `count` shards, each keeping the items' order. */
export function splitIntoShards(items: readonly SearchItem[], count: number): SearchItem[][] {
  const shards: SearchItem[][] = Array.from({ length: count }, () => []);
  for (const item of items) shards[shardOf(item.url, count)]?.push(item);
  return shards;
}
