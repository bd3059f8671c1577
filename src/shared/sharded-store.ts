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

/** One stored entry: its key first, then whatever the store keeps for it (a tuple, so property names are not stored 100,000 times). */
export type StoreRow = readonly [string, ...unknown[]];

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

async function readShard<R extends StoreRow>(file: string): Promise<R[]> {
  try {
    const stored: unknown = deserialize(await fs.readFile(file));
    return Array.isArray(stored) ? (stored as R[]) : [];
  } catch {
    return [];
  }
}

/**
 * Hand every row of the store in `folder` to `take` (none when it is missing or unreadable: a cache
 * is only ever a shortcut), and return what each shard file held (for `writeShardedStore`). With
 * `oneAtATime`, shard files are read one after another, so the whole store is never in memory at once.
 */
export async function readShardedStore<R extends StoreRow>(folder: string, take: (row: R) => void, oneAtATime = false): Promise<ReadonlyMap<number, string>> {
  const shards = new Map<number, string>();
  const takeShard = (stored: readonly R[], shard: number): void => {
    if (stored.length === 0) return;
    for (const row of stored) take(row);
    shards.set(shard, keysDigest(stored.map(([key]) => key)));
  };
  const files = SHARD_CHARACTERS.split('').map((_, shard) => shardFile(folder, shard));
  if (oneAtATime) for (const [shard, file] of files.entries()) takeShard(await readShard<R>(file), shard);
  else (await Promise.all(files.map((file) => readShard<R>(file)))).forEach(takeShard);
  return shards;
}

/**
 * Make the store in `folder` hold exactly `entries` (so it never grows without bound), writing
 * only the shard files whose keys differ from `known` (what `readShardedStore` returned), and
 * removing the other folders beside it whose names start with `prefix` (stores of other versions).
 * `toRow` is called a shard at a time, just before that shard is written. Errors are the caller's warning.
 */
export async function writeShardedStore<V>(
  folder: string,
  prefix: string,
  entries: ReadonlyMap<string, V>,
  toRow: (key: string, value: V) => StoreRow,
  known: ReadonlyMap<number, string> = new Map(),
): Promise<void> {
  const parent = path.dirname(folder);
  await fs.mkdir(folder, { recursive: true });
  const stale = (await fs.readdir(parent)).filter((name) => name.startsWith(prefix) && name !== path.basename(folder));
  await Promise.all(stale.map((name) => fs.rm(path.join(parent, name), { recursive: true, force: true })));
  const byShard = SHARD_CHARACTERS.split('').map((): [string, V][] => []);
  for (const entry of entries) byShard[shardOf(entry[0])]?.push(entry);
  for (const [shard, held] of byShard.entries()) {
    const file = shardFile(folder, shard);
    if (held.length === 0) {
      if (known.has(shard)) await fs.rm(file, { force: true });
      continue;
    }
    if (known.get(shard) === keysDigest(held.map(([key]) => key))) continue;
    // One shard's rows made and serialised at a time, so at most one shard's copy is in memory.
    const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
    await fs.writeFile(temp, serialize(held.map(([key, value]) => toRow(key, value))));
    await fs.rename(temp, file);
  }
}
