/**
 * A key → value store on disk for the build caches, split into 64 files by the first character
 * of each key (a base64url hash, so they fill evenly). One file for a whole cache reached
 * hundreds of megabytes at 100,000 posts: saving it after one edit rewrote all of it, and
 * serialising it doubled the build's memory for a moment. A save rewrites only the files whose
 * set of keys changed, one file at a time.
 *
 * A shard file is `SPS1`, the byte length of its rows, the rows (`node:v8` serialisation), then
 * the rows' long texts as UTF-8 (a rendered body each, in the Markdown cache). The texts come
 * after the rows so that a build can read the rows alone and leave each text on disk until
 * something asks for it: a rebuild at 100,000 posts reads a few thousand of 100,000 bodies.
 */
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { HeldFile, survivesUtf8 } from './held-file.js';

const SHARD_CHARACTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const MAGIC = Buffer.from('SPS1');
const HEAD = MAGIC.length + 4;

/** One stored entry: its key first, then whatever the store keeps for it (a tuple, so property names are not stored 100,000 times). */
export type StoreRow = readonly [string, ...unknown[]];

/** A row's text as read: the text, or (read with `lazyTexts`) a function that reads it from the shard file each time. */
export type StoredText = string | (() => string);

/** How a shard file holds a row and its text: no text, the text itself (one UTF-8 cannot carry), or its place among the texts. */
type Entry<R> = readonly [row: R] | readonly [row: R, text: string] | readonly [row: R, at: number, length: number];

interface ReadRow<R> {
  readonly row: R;
  readonly text: StoredText | undefined;
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

function rowsOf<R>(header: unknown, text: (at: number, length: number) => StoredText): ReadRow<R>[] {
  if (!Array.isArray(header)) return [];
  return (header as Entry<R>[]).map((entry) => ({ row: entry[0], text: entry.length === 3 ? text(entry[1], entry[2]) : entry[1] }));
}

/** How many bytes of texts the rows say follow them (a shorter file was cut short). */
function textsLength(header: unknown): number {
  if (!Array.isArray(header)) return 0;
  return (header as Entry<unknown>[]).reduce((most, entry) => (entry.length === 3 ? Math.max(most, entry[1] + entry[2]) : most), 0);
}

/** Where a shard file's bytes are read from: the whole file in memory, or the file held open (`HeldFile`). */
interface ShardBytes {
  withBytes<T>(at: number, length: number, use: (bytes: Buffer) => T): T;
  size(): number;
}

/**
 * A shard's rows, each with its text as `text(at, length)` gives it (`at` counted from the file's start); none when
 * the file is of an older layout or cut short (a full disk): found now, not when a page asks for a body.
 */
function decodeShard<R>(bytes: ShardBytes, text: (at: number, length: number) => StoredText): ReadRow<R>[] {
  const length = bytes.withBytes(0, HEAD, (head) => (head.length === HEAD && head.subarray(0, MAGIC.length).equals(MAGIC) ? head.readUInt32LE(MAGIC.length) : undefined));
  if (length === undefined) return [];
  const texts = HEAD + length;
  const header: unknown = bytes.withBytes(HEAD, length, (rows) => (rows.length < length ? undefined : deserialize(rows)));
  if (header === undefined || texts + textsLength(header) > bytes.size()) return [];
  return rowsOf(header, (at, size) => text(texts + at, size));
}

/** A shard's rows with their texts in memory (none when the file is missing or unreadable). */
async function readShard<R>(file: string): Promise<ReadRow<R>[]> {
  try {
    const bytes = await fs.readFile(file);
    const whole: ShardBytes = { withBytes: (at, length, use) => use(bytes.subarray(at, at + length)), size: () => bytes.length };
    return decodeShard(whole, (at, length) => bytes.toString('utf8', at, at + length));
  } catch {
    return [];
  }
}

/** A shard's rows, each text left in the file (held open, so a later rewrite of the file does not move it) until asked for. */
function readShardRows<R>(file: string): ReadRow<R>[] {
  const held = HeldFile.open(file, 'r');
  if (!held) return [];
  try {
    return decodeShard(held, (at, length) => () => held.readText(at, length));
  } catch {
    return [];
  }
}

/**
 * Hand every row of the store in `folder` to `take` with its text (nothing when the store is missing or unreadable: a
 * cache is only ever a shortcut), and return what each shard file held (for `writeShardedStore`). With `lazyTexts`, the
 * shard files are read one after another and their texts not at all until asked for, so the store is never in memory.
 */
export async function readShardedStore<R extends StoreRow>(
  folder: string,
  take: (row: R, text: StoredText | undefined) => void,
  options: { readonly lazyTexts?: boolean } = {},
): Promise<ReadonlyMap<number, string>> {
  const shards = new Map<number, string>();
  const takeShard = (stored: readonly ReadRow<R>[], shard: number): void => {
    if (stored.length === 0) return;
    for (const { row, text } of stored) take(row, text);
    shards.set(shard, keysDigest(stored.map(({ row }) => row[0])));
  };
  const files = SHARD_CHARACTERS.split('').map((_, shard) => shardFile(folder, shard));
  if (options.lazyTexts) for (const [shard, file] of files.entries()) takeShard(readShardRows<R>(file), shard);
  else (await Promise.all(files.map((file) => readShard<R>(file)))).forEach(takeShard);
  return shards;
}

/**
 * Writes shard files: the rows, then the texts UTF-8 carries, gathered in one buffer that is reused
 * from shard to shard (a buffer per text, at 100,000 bodies, is memory freed only by a later collection).
 */
class ShardWriter<V> {
  private texts = Buffer.alloc(1024 * 1024);

  constructor(
    private readonly toRow: (key: string, value: V) => StoreRow,
    private readonly textOf: ((value: V) => string) | undefined,
  ) {}

  private place(text: string, end: number): number {
    const length = Buffer.byteLength(text, 'utf8');
    if (end + length > this.texts.length) {
      const grown = Buffer.alloc(Math.max(end + length, this.texts.length * 2));
      this.texts.copy(grown, 0, 0, end);
      this.texts = grown;
    }
    return this.texts.write(text, end, length, 'utf8');
  }

  async write(file: string, held: readonly (readonly [string, V])[]): Promise<void> {
    let end = 0;
    const entries = held.map(([key, value]): Entry<StoreRow> => {
      const row = this.toRow(key, value);
      const text = this.textOf?.(value);
      if (text === undefined) return [row];
      if (!survivesUtf8(text)) return [row, text];
      const length = this.place(text, end);
      end += length;
      return [row, end - length, length];
    });
    const rows = serialize(entries);
    const head = Buffer.alloc(HEAD);
    MAGIC.copy(head);
    head.writeUInt32LE(rows.length, MAGIC.length);
    await fs.writeFile(file, [head, rows, this.texts.subarray(0, end)]);
  }
}

/**
 * Make the store in `folder` hold exactly `entries` (so it never grows without bound), writing
 * only the shard files whose keys differ from `known` (what `readShardedStore` returned), and
 * removing the other folders beside it whose names start with `prefix` (stores of other versions).
 * `toRow` and `textOf` (a row's long text) are called a shard at a time, just before that shard is
 * written. Errors are the caller's warning.
 */
export async function writeShardedStore<V>(
  folder: string,
  prefix: string,
  entries: ReadonlyMap<string, V>,
  toRow: (key: string, value: V) => StoreRow,
  known: ReadonlyMap<number, string> = new Map(),
  textOf?: (value: V) => string,
): Promise<void> {
  const parent = path.dirname(folder);
  await fs.mkdir(folder, { recursive: true });
  const stale = (await fs.readdir(parent)).filter((name) => name.startsWith(prefix) && name !== path.basename(folder));
  await Promise.all(stale.map((name) => fs.rm(path.join(parent, name), { recursive: true, force: true })));
  const writer = new ShardWriter(toRow, textOf);
  const byShard = SHARD_CHARACTERS.split('').map((): [string, V][] => []);
  for (const entry of entries) byShard[shardOf(entry[0])]?.push(entry);
  for (const [shard, held] of byShard.entries()) {
    const file = shardFile(folder, shard);
    if (held.length === 0) {
      if (known.has(shard)) await fs.rm(file, { force: true });
      continue;
    }
    if (known.get(shard) === keysDigest(held.map(([key]) => key))) continue;
    // One shard's rows made and serialised at a time, so at most one shard's copy is in memory. Written
    // beside and renamed over the old file: bodies read lazily from the old one keep reading it.
    const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
    await writer.write(temp, held);
    await fs.rename(temp, file);
  }
}
