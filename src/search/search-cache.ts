/**
 * The search index kept in the cache folder: each shard's files in a file of their own, named by
 * the digest of the shard's records, and a manifest of the last build's shards (the key of the
 * whole site's inputs, and each shard's inputs key and digest). A build whose posts and pages show
 * the same text, titles, dates and tags reuses every shard without running Pagefind; a build that
 * changed one post indexes its shard only. Shard files the manifest no longer names are deleted,
 * so the cache holds one index. Anything unreadable reads as missing.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { cacheFolder } from '../shared/cache-folder.js';
import type { IndexFile } from './index-records.js';

/** One shard as the manifest names it: `key` of its records' inputs, `digest` of its records. */
export interface ShardEntry {
  readonly key: string;
  readonly digest: string;
}

/** The shards of the last index written: `key` of the whole site's search inputs. */
export interface IndexManifest {
  readonly key: string;
  readonly shards: readonly ShardEntry[];
}

let writes = 0;

const manifestFile = (siteRoot: string): string => path.join(cacheFolder(siteRoot), 'search-index.json');
const shardsFolder = (siteRoot: string): string => path.join(cacheFolder(siteRoot), 'search-shards');
// Binary (node:v8): at 100,000 posts the index is ~350 MB, and as JSON with base64 it took seconds to read back.
const SHARD_EXTENSION = '.bin';
const shardFile = (siteRoot: string, digest: string): string => path.join(shardsFolder(siteRoot), `${digest}${SHARD_EXTENSION}`);

const isEntry = (value: unknown): value is ShardEntry =>
  typeof value === 'object' && value !== null && typeof (value as ShardEntry).key === 'string' && /^[0-9a-f]{64}$/.test(String((value as ShardEntry).digest));

/** The last build's manifest, or `undefined` when there is none (or it is of an older format). */
export async function readManifest(siteRoot: string): Promise<IndexManifest | undefined> {
  try {
    const stored = JSON.parse(await fs.readFile(manifestFile(siteRoot), 'utf8')) as Partial<IndexManifest>;
    if (typeof stored.key !== 'string' || !Array.isArray(stored.shards) || !stored.shards.every(isEntry)) return undefined;
    return { key: stored.key, shards: stored.shards };
  } catch {
    return undefined;
  }
}

/** The files of the shard whose records have `digest`, or `undefined`. */
export async function readShardFiles(siteRoot: string, digest: string): Promise<IndexFile[] | undefined> {
  try {
    const stored: unknown = deserialize(await fs.readFile(shardFile(siteRoot, digest)));
    if (!Array.isArray(stored) || !stored.every((file) => Array.isArray(file) && typeof file[0] === 'string' && file[1] instanceof Uint8Array)) return undefined;
    return (stored as [string, Uint8Array][]).map(([file, contents]) => ({ path: file, contents }));
  } catch {
    return undefined;
  }
}

/** Write `text` to `target` through a temporary file, so a reader never sees half of it. */
async function writeWhole(target: string, text: string | Uint8Array): Promise<void> {
  const temporary = `${target}.${process.pid}-${(writes += 1)}.tmp`;
  try {
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(temporary, text);
    await fs.rename(temporary, target);
  } catch {
    // A cache that cannot be written only costs the next build time.
    await fs.rm(temporary, { force: true });
  }
}

/** Keep one shard's files under the digest of its records. */
export function writeShardFiles(siteRoot: string, digest: string, files: readonly IndexFile[]): Promise<void> {
  return writeWhole(shardFile(siteRoot, digest), serialize(files.map((file) => [file.path, file.contents])));
}

/** Keep `manifest` as the current index, and delete the shard files it does not name. */
export async function writeManifest(siteRoot: string, manifest: IndexManifest): Promise<void> {
  await writeWhole(manifestFile(siteRoot), JSON.stringify(manifest));
  const named = new Set(manifest.shards.map((shard) => `${shard.digest}${SHARD_EXTENSION}`));
  const present = await fs.readdir(shardsFolder(siteRoot)).catch(() => [] as string[]);
  // `.json` files are shards in the format of earlier versions.
  await Promise.all(
    present.filter((file) => (file.endsWith(SHARD_EXTENSION) || file.endsWith('.json')) && !named.has(file)).map((file) => fs.rm(path.join(shardsFolder(siteRoot), file), { force: true })),
  );
}
