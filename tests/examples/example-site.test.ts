// The example site as a reader meets it, plus the theme's size budgets and reproducibility.
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { buildExample, copyExample, EXAMPLE_NOW, type ExampleBuild } from '../support/example-build.js';
import { readTree, readText, repoRoot, textOf } from '../support/site-folder.js';

let result: ExampleBuild;
const page = (file: string): Promise<string> => readText(result.outDir, file);

beforeAll(async () => {
  result = await buildExample();
});

describe('a post page', () => {
  it('shows title, standfirst, byline with avatar, role and date, tags, author box, related and neighbours', async () => {
    const html = await page('2025/08/growing-our-own-social-workers/index.html');
    const text = textOf(html);
    expect(html).toMatch(/<h1>Growing our own social workers<\/h1>/);
    expect(text).toContain('Our social work academy welcomes its largest cohort yet.');
    expect(html).toMatch(/<img class="avatar" src="\/images\/avatars\/owen\.svg" alt="Writer’s picture: Owen Pritchard"/);
    expect(text).toContain('Principal Social Worker');
    expect(text).toContain('18 August 2025');
    expect(text).toMatch(/Tags assigned to this article: Workforce ?, Social work ?, Leadership/);
    expect(text).toContain('About Helen Marsh');
    expect(html).toContain('mailto:helen.marsh@northmoor.example.org');
    expect(text).toContain('Related Blog Articles');
    expect(text).toMatch(/Previous post: SEND: where we are on assessments and plans/);
    expect(text).toMatch(/Next post: What a regional improvement alliance is for/);
    expect(text).toContain('Top of page');
  });

  it('shows a lead image with its alt text, a GFM table and footnotes', async () => {
    expect(await page('2026/02/family-hubs-open/index.html')).toContain('alt="Illustration of a family hub building with a green roof and a yellow front door"');
    expect(await page('2025/06/send-performance-update/index.html')).toMatch(/<table>[\s\S]*<th[^>]*>Issued within 20 weeks<\/th>/);
    expect(await page('2026/05/kinship-care-strategy/index.html')).toMatch(/<section data-footnotes class="footnotes">/);
  });

  it('numbers the sections of the inspection post and keeps its quotation', async () => {
    const html = await page('2025/02/inspection-what-we-learned/index.html');
    const headings = [...html.matchAll(/<h2 id="[^"]+">(\d)\. /g)].map((match) => match[1]);
    expect(headings).toEqual(['1', '2', '3', '4', '5']);
    expect(html).toMatch(/<blockquote>\s*<p>Leaders know themselves well\./);
  });

  it('prints money figures as written in a long post', async () => {
    const text = textOf(await page('2026/11/budget-consultation/index.html'));
    expect(text).toContain('an overspend of £3.5m');
    expect(text).toContain('£600,000 a year');
  });

  it('keeps the raw HTML of a migrated post', async () => {
    expect(await page('2026/09/youth-justice-inspection/index.html')).toContain('<figure class="pull-quote">');
  });
});

describe('site-wide elements', () => {
  it('shows the next upcoming event with the short date format on every page', async () => {
    for (const file of ['index.html', 'tags/index.html', '2025/08/growing-our-own-social-workers/index.html', '404.html']) {
      const text = textOf(await page(file));
      expect(text, file).toMatch(/Next Upcoming Event Regional children’s services leadership conference Wed, 09 Dec 26 10:00/);
    }
  });

  it('heads the tag page "Posts Tagged ‘Children’s services’" and merges spellings', async () => {
    const html = await page('tag/childrens-services/index.html');
    expect(html).toContain('<h1>Posts Tagged ‘Children’s services’</h1>');
    expect((await result.site()).tagsBySlug.get('childrens-services')?.count).toBe(7);
  });

  it('leaves the draft out', () => {
    expect(result.files.some((file) => file.includes('residential-care'))).toBe(false);
  });

  it('lists events upcoming first, then past, with add-to-calendar links', async () => {
    const text = textOf(await page('events/index.html'));
    expect(text.indexOf('Fostering information evening')).toBeGreaterThan(text.indexOf('Regional children’s services leadership conference'));
    expect(text.indexOf('Northmoor practice week 2026')).toBeGreaterThan(text.indexOf('Past events'));
    const event = await page('events/regional-leadership-conference/index.html');
    expect(event).toContain('href="/events/regional-leadership-conference/event.ics"');
    expect(event).toContain('href="https://events.example.org/regional-leadership-2026"');
    expect(event).toContain('"@type":"Event"');
  });
});

describe('pages', () => {
  it('publishes an accessibility statement with the sections the regulations expect', async () => {
    const text = textOf(await page('accessibility/index.html'));
    for (const heading of ['How accessible this website is', 'Feedback and contact information', 'Enforcement procedure', 'Compliance status', 'Preparation of this accessibility statement']) {
      expect(text, heading).toContain(heading);
    }
    expect(text).toContain('Web Content Accessibility Guidelines version 2.2');
  });

  it('links the about page and the accessibility statement from every page', async () => {
    for (const file of ['index.html', '2026/11/budget-consultation/index.html', 'tag/childrens-services/index.html', '404.html']) {
      const html = await page(file);
      expect(html, file).toMatch(/href="\/about\/"/);
      expect(html, file).toMatch(/href="\/accessibility\/"/);
    }
  });
});

describe('size budgets', () => {
  it('keeps the CSS under 20 KB and a post page with its CSS under 60 KB', async () => {
    const css = result.files.find((file) => /^assets\/css\/site\.[0-9a-f]+\.css$/.test(file));
    expect(css).toBeDefined();
    const cssBytes = (await fs.stat(path.join(result.outDir, css ?? ''))).size;
    expect(cssBytes).toBeLessThan(20 * 1024);
    const postBytes = (await fs.stat(path.join(result.outDir, '2025/08/growing-our-own-social-workers/index.html'))).size;
    expect(postBytes + cssBytes).toBeLessThan(60 * 1024);
  });

  it('ships no JavaScript but the search page’s script and Pagefind’s', () => {
    expect(result.files.filter((file) => file.endsWith('.js'))).toEqual([expect.stringMatching(/^assets\/js\/search\.[0-9a-f]{10}\.js$/), 'pagefind/pagefind-worker.js', 'pagefind/pagefind.js']);
  });
});

/** The README's first command, as a user runs it: the real binary (compiled dist/), with --out. */
async function runExampleCommand(out: string): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(repoRoot, 'bin', 'sectorpress.js'), 'build', await copyExample(), '--now', EXAMPLE_NOW, '--out', out, '--no-cache'], {
    encoding: 'utf8',
  });
  return stdout;
}

describe('determinism', () => {
  it('the sectorpress build command writes byte-identical sites twice with the same --now', async () => {
    const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-example-cli-'));
    const [first, second] = [path.join(scratch, 'one'), path.join(scratch, 'two')];
    const summary = await runExampleCommand(first);
    await runExampleCommand(second);
    expect(summary).toMatch(/12 posts/);
    const [a, b] = await Promise.all([readTree(first), readTree(second)]);
    expect(a.size).toBe(result.files.length);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [file, bytes] of a) expect(b.get(file)?.equals(bytes), file).toBe(true);
  }, 120_000);

  it('builds byte-identical output from a second copy with the same clock', async () => {
    const again = await build({ root: await copyExample(), now: EXAMPLE_NOW, cache: false });
    const [first, second] = await Promise.all([readTree(result.outDir), readTree(again.outDir)]);
    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const [file, bytes] of first) expect(second.get(file)?.equals(bytes), file).toBe(true);
  });
});
