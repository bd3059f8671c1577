// A build with the cache leaves cached bodies in the cache's files until a page, feed or search
// shard reads them (shared/sharded-store.ts); this checks a rebuild that renders every page from
// such bodies, while the same build rewrites some of those files, shows exactly what a build
// without any cache shows.
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { readTree, repoRoot } from '../support/site-folder.js';

const POSTS = 150;

it('a rebuild whose bodies come from the cache, after an edit and a removal, builds what a build without the cache builds', async () => {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-md-cache-'));
  execFileSync(process.execPath, [path.join(repoRoot, 'bench', 'gen-corpus.mjs'), String(POSTS), root]);
  const out = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-md-cache-out-'));
  await build({ root, outDir: path.join(out, 'cached'), now: '2025-07-01T00:00:00Z', cache: true });

  const posts = (await fs.readdir(path.join(root, 'posts'))).sort();
  await fs.appendFile(path.join(root, 'posts', posts[3] as string), '\n\nA correction, added after the post went out.\n');
  await fs.rm(path.join(root, 'posts', posts[10] as string));
  // A later clock: every page is rendered again, so every post page reads its body from the cache.
  const now = '2025-07-02T00:00:00Z';
  const warm = await build({ root, outDir: path.join(out, 'cached'), now, cache: true });
  expect(warm.counts.markdownRendered).toBe(1);
  expect(warm.counts.markdownCached).toBe(POSTS - 2);

  const cold = await build({ root, outDir: path.join(out, 'cold'), now, cache: false });
  const [cached, fresh] = [await readTree(warm.outDir), await readTree(cold.outDir)];
  expect([...cached.keys()].sort()).toEqual([...fresh.keys()].sort());
  const differing = [...fresh].filter(([file, bytes]) => !cached.get(file)?.equals(bytes)).map(([file]) => file);
  expect(differing).toEqual([]);
}, 120_000);
