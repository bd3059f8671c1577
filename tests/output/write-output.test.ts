import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkOutputFiles } from '../../src/output/check-output.js';
import type { OutputFile } from '../../src/shared/output-file.js';
import { trashEmptied } from '../../src/output/remove-in-background.js';
import { writeOutput } from '../../src/output/write-output.js';

let work: string;
beforeEach(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-write-'));
});
afterEach(async () => {
  await fs.rm(work, { recursive: true, force: true });
});

async function listTree(dir: string): Promise<Record<string, string>> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  const result: Record<string, string> = {};
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    result[path.relative(dir, full).split(path.sep).join('/')] = await fs.readFile(full, 'utf8');
  }
  return result;
}

const site = (version: string): OutputFile[] => [
  { path: 'index.html', contents: `<h1>home ${version}</h1>` },
  { path: '2024/07/a/index.html', contents: `<h1>a ${version}</h1>` },
  { path: 'feed.xml', contents: '<rss/>' },
];

describe('writeOutput', () => {
  it('writes every file and reports how many changed since the last build', async () => {
    const out = path.join(work, '_site');
    const manifestPath = path.join(work, 'cache', 'manifest.json');
    const first = await writeOutput(out, site('1'), { manifestPath });
    expect(first.problems).toEqual([]);
    expect(first.value.changed).toBe(3);
    expect(await listTree(out)).toEqual({ 'index.html': '<h1>home 1</h1>', '2024/07/a/index.html': '<h1>a 1</h1>', 'feed.xml': '<rss/>' });
    const second = await writeOutput(out, site('2'), { manifestPath });
    expect(second.value.changed).toBe(2);
    expect((await listTree(out))['index.html']).toBe('<h1>home 2</h1>');
  });

  it('hands the replaced output to the trash, which keeps at most the last one, and leaves nothing beside the output', async () => {
    const out = path.join(work, '_site');
    const trash = path.join(work, 'cache', 'trash');
    for (const version of ['1', '2', '3', '4']) await writeOutput(out, site(version), { trash });
    expect(await listTree(out)).toEqual({ 'index.html': '<h1>home 4</h1>', '2024/07/a/index.html': '<h1>a 4</h1>', 'feed.xml': '<rss/>' });
    expect((await fs.readdir(work)).sort()).toEqual(['_site', 'cache']);
    await trashEmptied();
    expect((await fs.readdir(trash)).length).toBeLessThanOrEqual(1);
  });

  it('removes files that the new build no longer produces', async () => {
    const out = path.join(work, '_site');
    await writeOutput(out, site('1'));
    await writeOutput(out, [{ path: 'index.html', contents: 'only' }]);
    expect(await listTree(out)).toEqual({ 'index.html': 'only' });
  });

  it('leaves the previous output untouched and no temporary folder when a write fails', async () => {
    const out = path.join(work, '_site');
    await writeOutput(out, site('1'));
    const broken: OutputFile[] = [...site('2'), { path: 'static/missing.png', copyFrom: path.join(work, 'does-not-exist.png') }];
    const result = await writeOutput(out, broken);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.message).toMatch(/previous output is unchanged/);
    expect(await listTree(out)).toEqual({ 'index.html': '<h1>home 1</h1>', '2024/07/a/index.html': '<h1>a 1</h1>', 'feed.xml': '<rss/>' });
    expect((await fs.readdir(work)).sort()).toEqual(['_site']);
  });

  it('cleans up the leftovers of a killed build and restores an interrupted swap', async () => {
    const out = path.join(work, '_site');
    await fs.mkdir(path.join(work, '._site.tmp-999999-abcd1234', 'x'), { recursive: true });
    await fs.mkdir(path.join(work, '._site.old-999998-abcd1234'), { recursive: true });
    await fs.writeFile(path.join(work, '._site.old-999998-abcd1234', 'index.html'), 'previous');
    // No _site: the killed build had moved the old output aside and died before the second rename.
    const probe = await writeOutput(path.join(work, 'other'), []);
    expect(probe.problems).toEqual([]);
    await writeOutput(out, site('1'));
    expect((await fs.readdir(work)).sort()).toEqual(['_site', 'other']);
  });

  it('refuses an output folder that contains the site', async () => {
    const result = await writeOutput(work, site('1'), { siteRoot: path.join(work, 'blog') });
    expect(result.problems[0]?.code).toBe('output/unsafe-out-dir');
    expect(await fs.readdir(work)).toEqual([]);
  });
});

describe('checkOutputFiles', () => {
  const route = (url: string, source: string) => ({
    kind: 'post' as const,
    url,
    outputPath: `${url.slice(1)}index.html`,
    templates: ['post'],
    title: 't',
    description: '',
    context: { kind: 'not-found' as const },
    sources: [source],
  });

  it('names both source files when two posts want the same URL', () => {
    const routes = [route('/2024/07/same/', 'posts/2024-07-01-same.md'), route('/2024/07/same/', 'posts/2024-07-09-same.md')];
    const files = routes.map((r) => ({ path: r.outputPath, contents: 'x' }));
    const { problems } = checkOutputFiles(files, routes);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toContain('posts/2024-07-01-same.md');
    expect(problems[0]?.message).toContain('posts/2024-07-09-same.md');
    expect(problems[0]?.file).toBe('posts/2024-07-01-same.md');
  });

  it('reports a static file that shadows a page', () => {
    const routes = [route('/about/', 'pages/about.md')];
    const files: OutputFile[] = [
      { path: 'about/index.html', contents: 'page' },
      { path: 'about/index.html', copyFrom: '/x' },
    ];
    expect(checkOutputFiles(files, routes).problems[0]?.message).toMatch(/pages\/about\.md and static\/about\/index\.html/);
  });

  it.each(['../escape.html', '/etc/passwd', 'a\\b.html', 'a/./b', 'a\0b'])('refuses the unsafe path %j', (unsafe) => {
    expect(checkOutputFiles([{ path: unsafe, contents: 'x' }], []).problems[0]?.code).toBe('output/unsafe-path');
  });
});
