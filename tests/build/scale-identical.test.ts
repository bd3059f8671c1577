// Guards issue #15 "Done means" 5: the reworked pipeline (streamed output, related posts by tag
// pairs, search shards, …) builds the bench corpus and the example site byte-identically to the
// pipeline before that work. The sha256 lists were recorded on main at efc472a, before any of it
// was merged, with `RECORD_HASHES=1 npx vitest run <this file>`.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { copyExample, EXAMPLE_NOW } from '../support/example-build.js';
import { readTree, repoRoot } from '../support/site-folder.js';

const RECORD = decodeURIComponent(new URL('./scale-identical.sha256.json', import.meta.url).pathname);
const CORPUS_POSTS = 1000;

async function hashesOf(root: string, now: string): Promise<Record<string, string>> {
  const out = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-scale-identical-'));
  const result = await build({ root, outDir: path.join(out, 'site'), now, cache: false });
  const tree = await readTree(result.outDir);
  return Object.fromEntries([...tree].sort(([a], [b]) => (a < b ? -1 : 1)).map(([file, bytes]) => [file, createHash('sha256').update(bytes).digest('hex').slice(0, 20)]));
}

async function benchCorpus(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-scale-corpus-'));
  execFileSync(process.execPath, [path.join(repoRoot, 'bench', 'gen-corpus.mjs'), String(CORPUS_POSTS), dir]);
  return dir;
}

it(`builds ${CORPUS_POSTS} posts of the bench corpus and the example site byte-identically to the recorded output`, async () => {
  const actual = { corpus: await hashesOf(await benchCorpus(), '2025-07-01T00:00:00Z'), example: await hashesOf(await copyExample(), EXAMPLE_NOW) };
  if (process.env.RECORD_HASHES === '1') await fs.writeFile(RECORD, `${JSON.stringify(actual, null, 1)}\n`);
  const expected = JSON.parse(await fs.readFile(RECORD, 'utf8')) as typeof actual;
  expect(Object.keys(actual.corpus).length).toBeGreaterThan(CORPUS_POSTS);
  expect(actual.corpus).toEqual(expected.corpus);
  expect(actual.example).toEqual(expected.example);
}, 240_000);
