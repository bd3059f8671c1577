// The search index as a build writes it: under pagefind/ with the /search/ page and a header
// form; nothing of it with `search: false`; byte-identical from the same input; owned by the
// output like every other file (a rebuild replaces it, leaving no stale index files); and
// reused by a warm build when no post or page changed.
import os from 'node:os';
import path from 'node:path';
import { promises as fs } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { build, type BuildOptions } from '../../src/build.js';
import { copyFixture, exists, readText, readTree } from '../support/site-folder.js';

const NOW = '2024-11-15T12:00:00Z';

async function freshSite(): Promise<{ root: string; out: string }> {
  const root = await copyFixture('blog-basic');
  const out = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'sp-search-out-')), 'site');
  return { root, out };
}

/** Build, noting which stages ran. */
async function buildNoting(options: BuildOptions): Promise<{ stages: string[]; files: readonly string[] }> {
  const stages: string[] = [];
  const result = await build({ now: NOW, ...options, onStage: (stage) => stages.push(stage) });
  return { stages, files: result.files };
}

const indexFiles = (files: readonly string[]): string[] => files.filter((file) => file.startsWith('pagefind/'));

async function pagefindTree(out: string): Promise<Record<string, string>> {
  const tree = await readTree(path.join(out, 'pagefind'));
  return Object.fromEntries([...tree].map(([file, bytes]) => [file, bytes.toString('base64')]));
}

describe('a build with search (the default)', () => {
  it('writes the index under pagefind/, the /search/ page and a labelled search form in the header', async () => {
    const { root, out } = await freshSite();
    const { files } = await buildNoting({ root, outDir: out, cache: false });
    expect(files).toContain('pagefind/pagefind.js');
    expect(files).toContain('pagefind/pagefind-entry.json');
    expect(indexFiles(files).some((file) => file.endsWith('.pf_fragment'))).toBe(true);
    // Pagefind's own ready-made interface is not published: the theme has its own page.
    expect(files.some((file) => /pagefind-(component-|modular-)?ui/.test(file))).toBe(false);
    const home = await readText(out, 'index.html');
    expect(home).toMatch(/<form class="[^"]*" role="search" action="\/search\/" method="get">/);
    expect(home).toMatch(/<label class="visually-hidden" for="site-search-query">[^<]+<\/label>/);
    expect(home).toContain('name="q"');
    const page = await readText(out, 'search/index.html');
    expect(page).toContain('data-pagefind="/pagefind/pagefind.js"');
    expect(page).toMatch(/<script type="module" src="\/assets\/js\/search\.[0-9a-f]{10}\.js"><\/script>/);
    expect(await readText(out, 'sitemap.xml')).not.toContain('/search/');
  });

  it('writes byte-identical index files from the same input and clock', async () => {
    const first = await freshSite();
    const second = await freshSite();
    await build({ root: first.root, outDir: first.out, now: NOW, cache: false });
    await build({ root: second.root, outDir: second.out, now: NOW, cache: false });
    const tree = await pagefindTree(first.out);
    expect(Object.keys(tree).length).toBeGreaterThan(5);
    expect(await pagefindTree(second.out)).toEqual(tree);
  });

  it('reuses the index on a warm build, and indexes again (leaving no stale files) when a post’s text changes', async () => {
    const { root, out } = await freshSite();
    const cold = await buildNoting({ root, outDir: out });
    expect(cold.stages).toContain('search');
    const before = await pagefindTree(out);
    const warm = await buildNoting({ root, outDir: out });
    expect(warm.stages).not.toContain('search');
    expect(await pagefindTree(out)).toEqual(before);
    const post = path.join(root, 'posts', 'bst-start.md');
    await fs.writeFile(post, `${await fs.readFile(post, 'utf8')}\nA paragraph about zeppelins.\n`);
    const edited = await buildNoting({ root, outDir: out });
    expect(edited.stages).toContain('search');
    const after = await pagefindTree(out);
    expect(after).not.toEqual(before);
    // Exactly the new index is on disk: the old fragment files went with the swap.
    expect(Object.keys(after).sort()).toEqual(
      indexFiles(edited.files)
        .map((file) => file.slice('pagefind/'.length))
        .sort(),
    );
  });
});

describe('a build with `search: false`', () => {
  it('writes no index, no search page and no search form', async () => {
    const { root, out } = await freshSite();
    const { files } = await buildNoting({ root, outDir: out, cache: false, config: { search: false } });
    expect(indexFiles(files)).toEqual([]);
    expect(await exists(path.join(out, 'pagefind'))).toBe(false);
    expect(await exists(path.join(out, 'search', 'index.html'))).toBe(false);
    for (const file of files.filter((name) => name.endsWith('.html'))) {
      expect(await readText(out, file), file).not.toContain('role="search"');
    }
  });

  it('is refused when it is not true or false', async () => {
    const { root, out } = await freshSite();
    await fs.writeFile(path.join(root, 'sectorpress.config.json'), JSON.stringify({ url: 'https://fixture.example.org', search: 'no' }));
    await expect(build({ root, outDir: out, now: NOW, cache: false })).rejects.toThrow(/search/);
  });
});
