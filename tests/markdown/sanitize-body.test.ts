// Post bodies are trusted by default (raw HTML and `javascript:` links stay as written, which
// migrated posts need); `markdown.sanitize` cleans them for sites with many authors, keeping
// what the theme relies on: heading ids, footnote links, tables, task lists, code classes.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import type { UserConfig } from '../../src/config/types.js';
import { copyFixture } from '../support/site-folder.js';

const NOW = '2024-07-01T12:00:00Z';
const HOSTILE = [
  '## Our plan',
  '<script>alert("script")</script>',
  '<img src="/chart.png" onerror="alert(\'onerror\')" alt="A chart">',
  '[Markdown link](javascript:alert("md-link")) and <a href="javascript:alert(\'raw-link\')">a raw one</a>.',
  '<div class="migrated"><p>Kept from the old CMS</p></div>',
  'A claim with a note[^1].',
  '| Area | Count |\n| --- | ---: |\n| North | 3 |',
  '- [x] Done\n- [ ] To do',
  '```js\nconst total = 1;\n```',
  '[^1]: The source of the claim.',
].join('\n\n');

/** The article body of the built post (the theme's own scripts are not the body's). */
async function builtBody(markdown: UserConfig['markdown'], workers?: number): Promise<string> {
  const site = await copyFixture('cli-small');
  await fs.writeFile(path.join(site, 'posts', '2024-06-15-hostile.md'), `---\ntitle: Hostile\nsummary: s\n---\n\n${HOSTILE}\n`);
  // `images: false`: /chart.png is not in the site, and images are not the subject here.
  const result = await build({ root: site, now: NOW, cache: false, workers, config: { markdown, images: false } });
  expect(result.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
  const page = await fs.readFile(path.join(result.outDir, '2024', '06', 'hostile', 'index.html'), 'utf8');
  const start = page.indexOf('<h2 id="our-plan">');
  expect(start).toBeGreaterThan(0);
  return page.slice(start, page.indexOf('</section>', start));
}

describe('markdown.sanitize', () => {
  it('is off by default: the body is published as written', async () => {
    const body = await builtBody(undefined);
    expect(body).toContain('<script>alert("script")</script>');
    expect(body).toContain('onerror="alert(\'onerror\')"');
    expect(body).toContain('href="javascript:alert(%22md-link%22)"');
    expect(body).toContain('<a href="javascript:alert(\'raw-link\')">');
  });

  for (const [name, workers] of [
    ['in workers', undefined],
    ['on the main thread', 0],
  ] as const) {
    it(`removes scripts, event handlers and javascript: links, and keeps what the theme needs (${name})`, async () => {
      const body = await builtBody({ sanitize: true }, workers);
      expect(body).not.toMatch(/<script|onerror|javascript:|alert\(/i);
      expect(body).toContain('<img src="/chart.png" alt="A chart">');
      expect(body).toContain('<div class="migrated"><p>Kept from the old CMS</p></div>');
      // Footnotes: the reference links to the note and back, with the ids rehype made.
      const ref = /<a href="#(user-content-fn-1)" id="(user-content-fnref-1)"[^>]*>1<\/a>/.exec(body);
      expect(ref).not.toBeNull();
      expect(body).toContain(`<li id="${ref?.[1]}">`);
      expect(body).toContain(`href="#${ref?.[2]}"`);
      expect(body).toMatch(/<table>[\s\S]*<td align="right">3<\/td>/);
      expect(body).toContain('<input type="checkbox" checked disabled>');
      expect(body).toContain('<code class="language-js">');
    });
  }

  it('takes a custom schema', async () => {
    const body = await builtBody({ sanitize: { tagNames: ['h2', 'p', 'a'], attributes: { h2: ['id'], a: ['href'] }, protocols: { href: ['https'] } } });
    expect(body).toContain('<h2 id="our-plan">Our plan</h2>');
    expect(body).not.toMatch(/<table|<div|<img/);
  });
});
