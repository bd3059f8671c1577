// The Markdown stage: GFM features, the worker threads (same output as one thread), and the
// persistent cache (reused when nothing changed, dropped when content, plugins or versions change).
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/types.js';
import { renderMarkdownJobs } from '../../src/markdown/render-markdown-jobs.js';
import type { MarkdownJob } from '../../src/markdown/types.js';
import { repoRoot } from '../support/site-folder.js';

let root: string;
beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-markdown-'));
});

const config = (markdown: Partial<Config['markdown']> = {}): Config => ({ root, markdown: { remarkPlugins: [], rehypePlugins: [], ...markdown } }) as unknown as Config;

const job = (id: string, body: string): MarkdownJob => ({ id, body, bodyLine: 5, digest: id });

function corpus(count: number): MarkdownJob[] {
  return Array.from({ length: count }, (_, index) =>
    job(
      `posts/${index}.md`,
      [
        `Intro paragraph ${index} with a [link](https://example.org/${index}) and *emphasis*.`,
        `## Section ${index % 7}`,
        `| Measure | Value |\n| --- | ---: |\n| Referrals | ${index} |`,
        `A footnote reference[^n${index}].`,
        `[^n${index}]: The note for ${index}.`,
        index % 3 === 0 ? '<div class="migrated"><p>Raw HTML from the old CMS</p></div>' : '> A quotation from a report.',
        '1. First\n2. Second\n3. Third',
      ].join('\n\n'),
    ),
  );
}

describe('rendering', () => {
  it('renders GFM tables, footnotes and autolinks, keeps raw HTML and gives headings ids', async () => {
    const body = '# Our plan\n\n| A | B |\n| - | - |\n| 1 | 2 |\n\nSee www.example.org and a note[^1].\n\n[^1]: The note.\n\n<aside class="old">Kept</aside>\n';
    const { value } = await renderMarkdownJobs([job('a.md', body)], config(), { cache: false, workers: 0 });
    const html = value.byId.get('a.md')?.html ?? '';
    expect(html).toContain('<h1 id="our-plan">Our plan</h1>');
    expect(html).toMatch(/<table>[\s\S]*<td>1<\/td>/);
    expect(html).toContain('<a href="http://www.example.org">www.example.org</a>');
    expect(html).toMatch(/<section data-footnotes class="footnotes">/);
    expect(html).toContain('<aside class="old">Kept</aside>');
  });

  it('counts words and reading time, and takes the excerpt from the first paragraph', async () => {
    const words = Array.from({ length: 450 }, (_, index) => `word${index}`).join(' ');
    const { value } = await renderMarkdownJobs([job('a.md', `<div>raw html is not counted</div>\n\nFirst *paragraph* here.\n\n${words}`)], config(), { cache: false, workers: 0 });
    const rendered = value.byId.get('a.md');
    expect(rendered?.wordCount).toBe(453);
    expect(rendered?.readingMinutes).toBe(2);
    expect(rendered?.excerpt).toBe('First paragraph here.');
  });

  it('runs the user’s remark and rehype plugins', async () => {
    const remarkShout = () => (tree: { children: { type: string; children?: { type: string; value?: string }[] }[] }) => {
      for (const node of tree.children) for (const child of node.children ?? []) if (child.type === 'text' && child.value) child.value = child.value.toUpperCase();
    };
    const rehypeMark = () => (tree: { children: { type: string; properties?: Record<string, unknown> }[] }) => {
      for (const node of tree.children) if (node.type === 'element') node.properties = { ...node.properties, dataMarked: 'yes' };
    };
    const { value } = await renderMarkdownJobs([job('a.md', 'quiet words')], config({ remarkPlugins: [remarkShout], rehypePlugins: [rehypeMark] }), { cache: false });
    expect(value.byId.get('a.md')?.html).toBe('<p data-marked="yes">QUIET WORDS</p>');
  });
});

describe('worker threads', () => {
  it('produce exactly the single-thread output', async () => {
    // Workers run the compiled module (dist/, built by the test setup), as they do for users.
    const compiled = (await import(path.join(repoRoot, 'dist', 'markdown', 'render-markdown-jobs.js'))) as { renderMarkdownJobs: typeof renderMarkdownJobs };
    const jobs = corpus(320);
    const single = await compiled.renderMarkdownJobs(jobs, config(), { cache: false, workers: 0 });
    const threaded = await compiled.renderMarkdownJobs(jobs, config(), { cache: false, workers: 2 });
    expect(threaded.problems).toEqual([]);
    expect(threaded.value.byId.size).toBe(320);
    for (const item of jobs) expect(threaded.value.byId.get(item.id), item.id).toEqual(single.value.byId.get(item.id));
  });
});

describe('the persistent cache', () => {
  it('renders nothing on a warm run, and only what changed after an edit', async () => {
    const jobs = corpus(40);
    const cold = await renderMarkdownJobs(jobs, config(), { cache: true, workers: 0 });
    expect(cold.value.renderedCount).toBe(40);
    const warm = await renderMarkdownJobs(jobs, config(), { cache: true, workers: 0 });
    expect(warm.value.renderedCount).toBe(0);
    expect(warm.value.cacheHits).toBe(40);
    for (const item of jobs) expect(warm.value.byId.get(item.id)).toEqual(cold.value.byId.get(item.id));
    const edited = jobs.map((item, index) => (index === 3 ? { ...item, body: `${item.body}\n\nEdited.` } : item));
    const afterEdit = await renderMarkdownJobs(edited, config(), { cache: true, workers: 0 });
    expect(afterEdit.value.renderedCount).toBe(1);
    expect(afterEdit.value.byId.get('posts/3.md')?.html).toContain('Edited.');
  });

  it('keys bodies with the keys the caller took already, hashing none of them again', async () => {
    const jobs = corpus(6);
    const keys = new Map(jobs.map((item) => [item, `key-of-${item.id}`]));
    const asked: string[] = [];
    const keyOf = (item: MarkdownJob): string => {
      asked.push(item.id);
      return keys.get(item) ?? 'unknown';
    };
    const cold = await renderMarkdownJobs(jobs, config(), { cache: true, workers: 0, keyOf });
    expect(cold.value.renderedCount).toBe(6);
    expect(asked).toEqual(jobs.map((item) => item.id));
    // The caller's key is the cache key: a changed body under an unchanged key is taken from the cache.
    const edited = jobs.map((item, index) => (index === 2 ? { ...item, body: `${item.body}\n\nEdited.` } : item));
    keys.set(edited[2] as MarkdownJob, 'key-of-posts/2.md');
    const warm = await renderMarkdownJobs(edited, config(), { cache: true, workers: 0, keyOf });
    expect(warm.value.cacheHits).toBe(6);
    expect(warm.value.byId.get('posts/2.md')?.html).not.toContain('Edited.');
  });

  it('rewrites only the cache files holding the edited body, and still drops removed bodies', async () => {
    const stamps = async (): Promise<Map<string, number>> => {
      const cache = path.join(root, 'node_modules', '.cache', 'sectorpress');
      const folder = (await fs.readdir(cache)).find((name) => name.startsWith('markdown-')) as string;
      const files = await fs.readdir(path.join(cache, folder));
      return new Map(await Promise.all(files.map(async (file) => [file, (await fs.stat(path.join(cache, folder, file))).ino] as [string, number])));
    };
    const jobs = corpus(300);
    await renderMarkdownJobs(jobs, config(), { cache: true, workers: 0 });
    const before = await stamps();
    expect(before.size).toBeGreaterThan(10);
    const edited = jobs.map((item, index) => (index === 7 ? { ...item, body: `${item.body}\n\nEdited.` } : item));
    await renderMarkdownJobs(edited, config(), { cache: true, workers: 0 });
    const after = await stamps();
    const rewritten = [...after].filter(([file, inode]) => before.get(file) !== inode);
    // The shard that lost the old body and the one that gained the new (the same one, sometimes).
    expect(rewritten.length).toBeGreaterThanOrEqual(1);
    expect(rewritten.length).toBeLessThanOrEqual(2);
    const fewer = await renderMarkdownJobs(edited.slice(0, 100), config(), { cache: true, workers: 0 });
    expect(fewer.value.renderedCount).toBe(0);
    const again = await renderMarkdownJobs(edited, config(), { cache: true, workers: 0 });
    expect(again.value.renderedCount).toBe(200);
  });

  it('is dropped when the plugin list changes', async () => {
    const jobs = corpus(5);
    await renderMarkdownJobs(jobs, config(), { cache: true, workers: 0 });
    const plugin = () => () => undefined;
    const withPlugin = await renderMarkdownJobs(jobs, config({ remarkPlugins: [plugin] }), { cache: true, workers: 0 });
    expect(withPlugin.value.renderedCount).toBe(5);
    const withOptions = await renderMarkdownJobs(jobs, config({ remarkPlugins: [[plugin, { level: 2 }]] }), { cache: true, workers: 0 });
    expect(withOptions.value.renderedCount).toBe(5);
  });

  it('is dropped when the sanitize setting changes', async () => {
    const jobs = [job('a.md', 'Fine <span onclick="alert(1)">text</span>.')];
    const trusted = await renderMarkdownJobs(jobs, config(), { cache: true, workers: 0 });
    expect(trusted.value.byId.get('a.md')?.html).toContain('onclick');
    const sanitized = await renderMarkdownJobs(jobs, config({ sanitize: true }), { cache: true, workers: 0 });
    expect(sanitized.value.renderedCount).toBe(1);
    expect(sanitized.value.byId.get('a.md')?.html).toBe('<p>Fine <span>text</span>.</p>');
    const custom = await renderMarkdownJobs(jobs, config({ sanitize: { tagNames: ['p'] } }), { cache: true, workers: 0 });
    expect(custom.value.renderedCount).toBe(1);
    expect(custom.value.byId.get('a.md')?.html).toBe('<p>Fine text.</p>');
  });

  it('is dropped when a pipeline package version changes', async () => {
    const jobs = corpus(5);
    await renderMarkdownJobs(jobs, config(), { cache: true, workers: 0, versions: { 'remark-gfm': '4.0.1' } });
    const same = await renderMarkdownJobs(jobs, config(), { cache: true, workers: 0, versions: { 'remark-gfm': '4.0.1' } });
    expect(same.value.renderedCount).toBe(0);
    const upgraded = await renderMarkdownJobs(jobs, config(), { cache: true, workers: 0, versions: { 'remark-gfm': '4.1.0' } });
    expect(upgraded.value.renderedCount).toBe(5);
  });

  it('lives in node_modules/.cache/sectorpress and is ignored with cache: false', async () => {
    await renderMarkdownJobs(corpus(3), config(), { cache: true, workers: 0 });
    expect((await fs.readdir(path.join(root, 'node_modules', '.cache', 'sectorpress'))).some((name) => name.startsWith('markdown-'))).toBe(true);
    const uncached = await renderMarkdownJobs(corpus(3), config(), { cache: false, workers: 0 });
    expect(uncached.value.renderedCount).toBe(3);
  });
});
