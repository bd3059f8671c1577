// A site with more search records than the shard size: its index is split into a power of two of
// Pagefind bundles (pagefind/, pagefind/shard-1/…) holding every record once, written the same
// from the same input; editing one post indexes its shard only (the other shards' files, in the
// output and in the cache, are left as they were); a warm build runs Pagefind not at all; a bad
// shard size is refused with the config file's location.
import os from 'node:os';
import path from 'node:path';
import { promises as fs } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { build, type BuildOptions } from '../../src/build.js';
import { cacheFolder } from '../../src/shared/cache-folder.js';
import { copyFixture, readText, readTree } from '../support/site-folder.js';

const NOW = '2024-11-15T12:00:00Z';
const SHARDED = { search: { shardSize: 3 } };

async function freshSite(): Promise<{ root: string; out: string }> {
  const root = await copyFixture('blog-basic');
  const out = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'sp-shards-out-')), 'site');
  return { root, out };
}

async function buildNoting(options: BuildOptions): Promise<{ stages: string[]; files: readonly string[] }> {
  const stages: string[] = [];
  const result = await build({ now: NOW, ...options, onStage: (stage) => stages.push(stage) });
  return { stages, files: result.files };
}

/** Each bundle folder's files (path → base64), by folder: `pagefind`, `pagefind/shard-1`, … */
async function bundles(out: string): Promise<Map<string, Record<string, string>>> {
  const found = new Map<string, Record<string, string>>();
  for (const [file, bytes] of await readTree(path.join(out, 'pagefind'))) {
    const shard = /^(shard-\d+)\//.exec(file)?.[1];
    const folder = shard ? `pagefind/${shard}` : 'pagefind';
    const own = found.get(folder) ?? {};
    own[shard ? file.slice(shard.length + 1) : file] = bytes.toString('base64');
    found.set(folder, own);
  }
  return found;
}

/** Pages a bundle holds, per its own entry file. */
async function pageCount(out: string, folder: string): Promise<number> {
  const entry = JSON.parse(await readText(out, `${folder}/pagefind-entry.json`)) as { languages: Record<string, { page_count: number }> };
  return Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
}

/** The cache's shard files with their inode and modification time. */
async function cachedShards(root: string): Promise<Map<string, string>> {
  const folder = path.join(cacheFolder(root), 'search-shards');
  const files = (await fs.readdir(folder)).filter((file) => file.endsWith('.bin'));
  return new Map(await Promise.all(files.map(async (file) => [file, await fs.stat(path.join(folder, file)).then((stat) => `${stat.ino}:${stat.mtimeMs}`)] as const)));
}

describe('a site over the search shard size', () => {
  it('gets a power of two of bundles holding every record once, and a search page that loads them all', async () => {
    const { root, out } = await freshSite();
    await build({ root, outDir: out, now: NOW, cache: false });
    const whole = await pageCount(out, 'pagefind');
    const { files } = await buildNoting({ root, outDir: out, cache: false, config: SHARDED });
    const folders = [...(await bundles(out)).keys()].sort();
    // 10 records (posts and pages), at most 3 to a shard: 4 shards, the power of two at or above 10 ÷ 3.
    expect(whole).toBe(10);
    expect(folders).toEqual(['pagefind', 'pagefind/shard-1', 'pagefind/shard-2', 'pagefind/shard-3']);
    const counts = await Promise.all(folders.map((folder) => pageCount(out, folder)));
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(whole);
    for (const folder of folders) expect(files).toContain(`${folder}/pagefind.js`);
    expect(files).toContain('pagefind/shards.js');
    expect(await readText(out, 'search/index.html')).toContain('data-pagefind="/pagefind/shards.js"');
  });

  it('writes byte-identical bundles from the same input', async () => {
    const first = await freshSite();
    const second = await freshSite();
    await build({ root: first.root, outDir: first.out, now: NOW, cache: false, config: SHARDED });
    await build({ root: second.root, outDir: second.out, now: NOW, cache: false, config: SHARDED });
    const tree = await bundles(first.out);
    expect(tree.size).toBe(4);
    expect(await bundles(second.out)).toEqual(tree);
  });

  it('indexes only the edited post’s shard again, and nothing on a warm build', async () => {
    const { root, out } = await freshSite();
    const cold = await buildNoting({ root, outDir: out, config: SHARDED });
    expect(cold.stages).toContain('search');
    const before = await bundles(out);
    const cachedBefore = await cachedShards(root);
    expect(cachedBefore.size).toBe(4);
    const warm = await buildNoting({ root, outDir: out, config: SHARDED });
    expect(warm.stages).not.toContain('search');
    const post = path.join(root, 'posts', '2024-09-05-workforce.md');
    await fs.writeFile(post, `${await fs.readFile(post, 'utf8')}\nA paragraph about zeppelins.\n`);
    const edited = await buildNoting({ root, outDir: out, config: SHARDED });
    expect(edited.stages).toContain('search');
    const after = await bundles(out);
    const changed = [...after.keys()].filter((folder) => JSON.stringify(after.get(folder)) !== JSON.stringify(before.get(folder)));
    expect(changed).toHaveLength(1);
    // In the cache: the three other shards' files were not written again; the edited shard's old file is gone.
    const cachedAfter = await cachedShards(root);
    expect(cachedAfter.size).toBe(4);
    const kept = [...cachedAfter].filter(([file, stamp]) => cachedBefore.get(file) === stamp);
    expect(kept).toHaveLength(3);
  });
});

describe('the search shard size setting', () => {
  it('is refused when it is not a whole number above 0, naming the setting', async () => {
    const { root, out } = await freshSite();
    await fs.writeFile(path.join(root, 'sectorpress.config.json'), JSON.stringify({ url: 'https://fixture.example.org', search: { shardSize: 0 } }));
    await expect(build({ root, outDir: out, now: NOW, cache: false })).rejects.toThrow(/search\.shardSize/);
  });
});
