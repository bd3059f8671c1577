// A bilingual site under `watch()`: after edits that reach the other language (a Welsh body, a Welsh
// title, a translation unlinked, an author's Welsh biography) the output folder equals a clean build.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { build, type BuildOptions } from '../../src/build.js';
import type { RebuildResult } from '../../src/dev/dev-session.js';
import { watch } from '../../src/dev/watch.js';
import { copyExample, EXAMPLE_NOW } from '../support/example-build.js';
import { readTree } from '../support/site-folder.js';

async function differences(options: BuildOptions, outDir: string): Promise<string[]> {
  const clean = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'sp-languages-clean-')), 'site');
  await build({ ...options, outDir: clean, cache: false });
  const [expected, actual] = await Promise.all([readTree(clean), readTree(outDir)]);
  const files = new Set([...expected.keys(), ...actual.keys()]);
  return [...files].filter((file) => !expected.get(file)?.equals(actual.get(file) ?? Buffer.alloc(0)) || !actual.has(file));
}

async function rewrite(file: string, change: (text: string) => string): Promise<void> {
  await fs.writeFile(file, change(await fs.readFile(file, 'utf8')));
}

it('keeps every language’s pages, feeds and sitemap equal to a clean build after each edit', async () => {
  const site = await copyExample();
  const outDir = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'sp-languages-watch-')), 'public');
  const options: BuildOptions = { root: site, outDir, now: EXAMPLE_NOW };
  const controller = new AbortController();
  const results = watch({ ...options, signal: controller.signal })[Symbol.asyncIterator]();
  const next = async (): Promise<RebuildResult> => (await results.next()).value as RebuildResult;
  expect((await next()).ok).toBe(true);
  expect(await differences(options, outDir)).toEqual([]);
  const welshPost = path.join(site, 'posts', 'cy', '2025-05-12-pythefnos-maethu.md');
  const edits: [string, () => Promise<void>][] = [
    ['a Welsh body', () => rewrite(welshPost, (text) => `${text}\nParagraff newydd.\n`)],
    ['a Welsh title', () => rewrite(welshPost, (text) => text.replace('title: "Pythefnos Maethu', 'title: "Pythefnos Maethu 2025'))],
    ['an English post unlinked from its translation', () => rewrite(path.join(site, 'posts', '2025-01-13-a-year-of-listening.md'), (text) => text.replace('translationKey: year-of-listening\n', ''))],
    ['an author’s Welsh biography', () => rewrite(path.join(site, 'data', 'authors.yml'), (text) => text.replace('bio_cy: Owen yw', 'bio_cy: Ers 2020, Owen yw'))],
  ];
  for (const [what, edit] of edits) {
    const rebuilt = next();
    await edit();
    const result = await rebuilt;
    expect(result.ok, what).toBe(true);
    expect(await differences(options, outDir), `after ${what}`).toEqual([]);
  }
  const english = await fs.readFile(path.join(outDir, '2025', '01', 'a-year-of-listening', 'index.html'), 'utf8');
  expect(english).not.toContain('<link rel="alternate" hreflang=');
  controller.abort();
  await results.next();
}, 180_000);
