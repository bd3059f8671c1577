/**
 * A key → value store on disk for the build caches, split into 64 files by the first character
 * of each key (a base64url hash, so they fill evenly). One file for a whole cache reached
 * hundreds of megabytes at 100,000 posts: saving it after one edit rewrote all of it, and
 * serialising it doubled the build's memory for a moment. A save rewrites only the files whose
 * set of keys changed, one file at a time. Values go through `node:v8` serialisation.
 */
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';

const SHARD_CHARACTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** One shard file's contents. */
type Stored<T> = Array<[string, T]>;

/** A store as read: every entry, and what each shard file held (for `writeShardedStore`). */
export interface ShardedStore<T> {
  readonly entries: Map<string, T>;
  readonly shards: ReadonlyMap<number, string>;
}

function shardOf(key: string): number {
  return Math.max(0, SHARD_CHARACTERS.indexOf(key[0] ?? 'A'));
}

function shardFile(folder: string, shard: number): string {
  return path.join(folder, `${String(shard).padStart(2, '0')}.bin`);
}

/** Which keys a shard file holds, as a digest: a shard whose keys are unchanged is not written again. */
function keysDigest(keys: readonly string[]): string {
  return createHash('sha1')
    .update([...keys].sort().join('\n'))
    .digest('base64url');
}

async function readShard<T>(file: string): Promise<Stored<T>> {
  try {
    const stored: unknown = deserialize(await fs.readFile(file));
    return Array.isArray(stored) ? (stored as Stored<T>) : [];
  } catch {
    return [];
  }
}

/** Every entry of the store in `folder` (none when it is missing or unreadable: a cache is only ever a shortcut). */
export async function readShardedStore<T>(folder: string): Promise<ShardedStore<T>> {
  const entries = new Map<string, T>();
  const shards = new Map<number, string>();
  const read = await Promise.all(SHARD_CHARACTERS.split('').map((_, shard) => readShard<T>(shardFile(folder, shard))));
  read.forEach((stored, shard) => {
    if (stored.length === 0) return;
    for (const [key, value] of stored) entries.set(key, value);
    shards.set(shard, keysDigest(stored.map(([key]) => key)));
  });
  return { entries, shards };
}

/**
 * Make the store in `folder` hold exactly `entries` (so it never grows without bound), writing
 * only the shard files whose keys differ from `known` (what `readShardedStore` found), and
 * removing the other folders beside it whose names start with `prefix` (stores of other versions).
 * Errors are the caller's warning.
 */
export async function writeShardedStore<T>(folder: string, prefix: string, entries: ReadonlyMap<string, T>, known: ReadonlyMap<number, string> = new Map()): Promise<void> {
  const parent = path.dirname(folder);
  await fs.mkdir(folder, { recursive: true });
  const stale = (await fs.readdir(parent)).filter((name) => name.startsWith(prefix) && name !== path.basename(folder));
  await Promise.all(stale.map((name) => fs.rm(path.join(parent, name), { recursive: true, force: true })));
  const byShard = SHARD_CHARACTERS.split('').map((): Stored<T> => []);
  for (const [key, value] of entries) byShard[shardOf(key)]?.push([key, value]);
  for (const [shard, stored] of byShard.entries()) {
    const file = shardFile(folder, shard);
    if (stored.length === 0) {
      if (known.has(shard)) await fs.rm(file, { force: true });
      continue;
    }
    if (known.get(shard) === keysDigest(stored.map(([key]) => key))) continue;
    // One shard serialised at a time, so at most one shard's copy is in memory.
    const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
    await fs.writeFile(temp, serialize(stored));
    await fs.rename(temp, file);
  }
}
