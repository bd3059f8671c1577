import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { readShardedStore, writeShardedStore, type StoredText } from '../../src/shared/sharded-store.js';

type Row = readonly [string, number];

const texts = ['<p>Fish &amp; chips</p>', '<p>Café ‘quoted’ — 🐟 中文</p>', `<p>${'long paragraph '.repeat(20_000)}</p>`, '<p>lone \uD800 surrogate</p>', ''];
// Keys start with many different characters, so the rows land in many shard files.
const entries = new Map(texts.map((text, at) => [`${'AbZ9-'[at]}key${at}`, { text, n: at }]));

async function store(): Promise<string> {
  const parent = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-store-'));
  return path.join(parent, 'cache-1');
}

const write = (folder: string, values: ReadonlyMap<string, { text: string; n: number }>, known?: ReadonlyMap<number, string>) =>
  writeShardedStore(
    folder,
    'cache-',
    values,
    (key, value): Row => [key, value.n],
    known,
    (value) => value.text,
  );

async function read(folder: string, lazyTexts: boolean): Promise<{ rows: Map<string, { n: number; text: StoredText | undefined }>; shards: ReadonlyMap<number, string> }> {
  const rows = new Map<string, { n: number; text: StoredText | undefined }>();
  const shards = await readShardedStore<Row>(folder, ([key, n], text) => rows.set(key, { n, text }), { lazyTexts });
  return { rows, shards };
}

const textOf = (text: StoredText | undefined): string | undefined => (typeof text === 'function' ? text() : text);

describe('the sharded store', () => {
  it('gives back every row and its text exactly, read at once or left on disk until asked for', async () => {
    const folder = await store();
    await write(folder, entries);
    for (const lazy of [false, true]) {
      const { rows } = await read(folder, lazy);
      expect([...rows.keys()].sort()).toEqual([...entries.keys()].sort());
      for (const [key, value] of entries) {
        expect(rows.get(key)?.n).toBe(value.n);
        expect(textOf(rows.get(key)?.text)).toBe(value.text);
      }
      // Left on disk, the texts UTF-8 carries are read when asked for; the one with a lone surrogate is kept as it is.
      if (lazy) expect(texts.map((_, at) => typeof rows.get(`${'AbZ9-'[at]}key${at}`)?.text)).toEqual(['function', 'function', 'function', 'string', 'function']);
    }
  });

  it('keeps giving a text left on disk after its shard file is rewritten or removed', async () => {
    const folder = await store();
    await write(folder, entries);
    const { rows, shards } = await read(folder, true);
    // The row of `A…` goes and another arrives in its shard: that file is written again.
    const changed = new Map(entries);
    changed.delete('Akey0');
    changed.set('Anew', { text: '<p>new</p>', n: 9 });
    await write(folder, changed, shards);
    expect(textOf(rows.get('Akey0')?.text)).toBe(texts[0]);
    await fs.rm(folder, { recursive: true, force: true });
    expect(textOf(rows.get('bkey1')?.text)).toBe(texts[1]);
  });

  it('rewrites only the shard files whose rows changed', async () => {
    const folder = await store();
    await write(folder, entries);
    const before = new Map(await Promise.all((await fs.readdir(folder)).map(async (name) => [name, (await fs.stat(path.join(folder, name))).mtimeMs] as const)));
    const { shards } = await read(folder, true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await write(folder, new Map([...entries, ['Anew', { text: '<p>new</p>', n: 9 }]]), shards);
    const after = new Map(await Promise.all((await fs.readdir(folder)).map(async (name) => [name, (await fs.stat(path.join(folder, name))).mtimeMs] as const)));
    const rewritten = [...after].filter(([name, time]) => before.get(name) !== time).map(([name]) => name);
    expect(rewritten).toEqual(['00.bin']);
  });

  it('reads a file of the older layout, or one cut short, as no cache, and replaces it on the next write', async () => {
    const folder = await store();
    await write(folder, entries);
    const names = (await fs.readdir(folder)).sort();
    // 00.bin (keys starting `A`) in the layout of earlier versions: one serialised array of rows.
    await fs.writeFile(path.join(folder, '00.bin'), serialize([['Akey0', '<p>old</p>', 0]]));
    // The next file cut off in its texts.
    const cut = path.join(folder, names[1] as string);
    const bytes = await fs.readFile(cut);
    await fs.writeFile(cut, bytes.subarray(0, bytes.length - 5));
    for (const lazy of [false, true]) {
      const { rows } = await read(folder, lazy);
      expect(rows.has('Akey0')).toBe(false);
      expect(rows.size).toBe(entries.size - 2);
    }
    const { shards } = await read(folder, true);
    await write(folder, entries, shards);
    const { rows } = await read(folder, true);
    expect(rows.size).toBe(entries.size);
    expect(textOf(rows.get('Akey0')?.text)).toBe(texts[0]);
  });
});
