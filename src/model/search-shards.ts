/**
 * How many shards the search index is split into (docs/search.md). A site with more search
 * records (posts and pages of every language) than the shard size gets a power of two of shards,
 * so the count changes only when the site doubles, and a record's shard (a hash of its URL) stays put.
 */
import type { Config } from '../config/types.js';
import { everyLanguage } from './site-root.js';
import type { Site } from './types.js';

/** Records one index bundle holds before the index is split: Pagefind's memory grows with the records it holds at once. */
const DEFAULT_SHARD_SIZE = 5000;

/** The configured shard size (`search: { shardSize }`), else the default. */
function searchShardSize(config: Config): number {
  return typeof config.search === 'object' ? config.search.shardSize : DEFAULT_SHARD_SIZE;
}

/** The number of search records of `site` (the default language's model: every language counts). */
function countSearchRecords(site: Site): number {
  return everyLanguage(site).reduce((sum, own) => sum + own.posts.length + own.pages.length, 0);
}

/**
 * The number of index shards of `site`: 1 up to the shard size, else the next power of two at or
 * above records ÷ shard size.
 *
 * @example
 * searchShardCount(siteOf12000Posts); // 4 with the default shard size of 5,000
 */
export function searchShardCount(site: Site): number {
  const needed = Math.ceil(countSearchRecords(site) / searchShardSize(site.config));
  let shards = 1;
  while (shards < needed) shards *= 2;
  return shards;
}
