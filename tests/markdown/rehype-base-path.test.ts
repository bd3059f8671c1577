// Links written site-relative in post bodies get the base path of a site published under a path;
// everything else is left as written, on one thread, in workers, and through the persistent cache.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import type { Config } from '../../src/config/types.js';
import { renderMarkdownJobs } from '../../src/markdown/render-markdown-jobs.js';
import type { MarkdownJob } from '../../src/markdown/types.js';
import { repoRoot } from '../support/site-folder.js';

const BODY = [
  'Read [our strategy](/2026/05/kinship-care-strategy/) and the [notes](notes/) and [the council](https://www.council.example.gov.uk/).',
  '![A family hub](/images/family-hub.svg) and [a CDN file](//cdn.example.org/a.js), [top](#top), [mail](mailto:a@example.org).',
  'Raw: <a href="/about/">about us</a> and <img src="/images/a.png" alt="">.',
  '<picture><source srcset="/images/b.png 2x"><img src="/images/b.png" alt=""></picture>',
  '```html\n<a href="/in-code/">a code sample stays as written</a>\n```',
].join('\n\n');

async function tempRoot(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'sp-base-path-'));
}

const configFor = (root: string, basePath: string): Config => ({ root, basePath, markdown: { remarkPlugins: [], rehypePlugins: [] } }) as unknown as Config;

const job: MarkdownJob = { id: 'posts/a.md', body: BODY, bodyLine: 5, digest: 'a' };

async function renderOne(basePath: string): Promise<string> {
  const { value } = await renderMarkdownJobs([job], configFor(await tempRoot(), basePath), { cache: false, workers: 0 });
  return value.byId.get(job.id)?.html ?? '';
}

describe('site-relative links in Markdown bodies', () => {
  it('get the base path, in Markdown and in raw HTML', async () => {
    const html = await renderOne('/blog/');
    expect(html).toContain('<a href="/blog/2026/05/kinship-care-strategy/">our strategy</a>');
    expect(html).toContain('<img src="/blog/images/family-hub.svg" alt="A family hub">');
    expect(html).toContain('<a href="/blog/about/">about us</a>');
    expect(html).toContain('<img src="/blog/images/a.png" alt="">');
    expect(html).toContain('<source srcset="/blog/images/b.png 2x">');
  });

  it('leave relative, absolute, protocol-relative, fragment and mailto links, and code, as written', async () => {
    const html = await renderOne('/blog/');
    for (const kept of ['href="notes/"', 'href="https://www.council.example.gov.uk/"', 'href="//cdn.example.org/a.js"', 'href="#top"', 'href="mailto:a@example.org"']) {
      expect(html).toContain(kept);
    }
    expect(html).toContain('&#x3C;a href="/in-code/">');
  });

  it('are unchanged at the root of a host', async () => {
    const html = await renderOne('/');
    expect(html).toContain('<a href="/2026/05/kinship-care-strategy/">our strategy</a>');
    expect(html).toContain('<a href="/about/">about us</a>');
    expect(html).not.toContain('/blog/');
  });

  it('get it in worker threads exactly as on one thread', async () => {
    // Workers run the compiled module (dist/, built by the test setup), as they do for users.
    const compiled = (await import(path.join(repoRoot, 'dist', 'markdown', 'render-markdown-jobs.js'))) as { renderMarkdownJobs: typeof renderMarkdownJobs };
    const jobs = Array.from({ length: 8 }, (_, index): MarkdownJob => ({ ...job, id: `posts/${index}.md`, body: `${BODY}\n\nPost ${index}.` }));
    const config = configFor(await tempRoot(), '/news/');
    const single = await compiled.renderMarkdownJobs(jobs, config, { cache: false, workers: 0 });
    const threaded = await compiled.renderMarkdownJobs(jobs, config, { cache: false, workers: 2 });
    expect(threaded.problems).toEqual([]);
    for (const item of jobs) {
      expect(threaded.value.byId.get(item.id)?.html).toBe(single.value.byId.get(item.id)?.html);
      expect(threaded.value.byId.get(item.id)?.html).toContain('href="/news/about/"');
    }
  });
});

describe('the persistent Markdown cache', () => {
  const site = {
    'sectorpress.config.json': JSON.stringify({ title: 'Cache test', url: 'https://council.example.gov.uk/blog' }),
    'posts/2026-05-18-strategy.md': '---\ntitle: Strategy\ndate: 2026-05-18\n---\n\nRead [about us](/about/).\n',
    'pages/about.md': '---\ntitle: About\n---\n\nAbout us.\n',
  };

  async function writeSite(): Promise<string> {
    const root = await tempRoot();
    for (const [relative, text] of Object.entries(site)) {
      await fs.mkdir(path.dirname(path.join(root, relative)), { recursive: true });
      await fs.writeFile(path.join(root, relative), text);
    }
    return root;
  }

  async function bodyLink(root: string, baseUrl: string): Promise<string> {
    const result = await build({ root, baseUrl, now: '2026-11-22T12:00:00Z', workers: 0 });
    const html = await fs.readFile(path.join(result.outDir, '2026', '05', 'strategy', 'index.html'), 'utf8');
    return /<a href="([^"]*)">about us<\/a>/.exec(html)?.[1] ?? '';
  }

  it('never serves a body rendered for another base path', async () => {
    const root = await writeSite();
    expect(await bodyLink(root, 'https://council.example.gov.uk/blog')).toBe('/blog/about/');
    expect(await bodyLink(root, 'https://council.example.gov.uk/news')).toBe('/news/about/');
    expect(await bodyLink(root, 'https://council.example.gov.uk')).toBe('/about/');
    expect(await bodyLink(root, 'https://council.example.gov.uk/blog')).toBe('/blog/about/');
  });
});
