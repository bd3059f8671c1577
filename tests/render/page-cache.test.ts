import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { runCliCaptured } from '../support/run-cli.js';
import { copyFixture, readTree, repoRoot } from '../support/site-folder.js';

const NOW = '2025-01-01T12:00:00Z';
const POST = 'posts/2024-09-05-workforce.md';

let root: string;
let warmOut: string;
let runs = 0;

beforeEach(async () => {
  root = await copyFixture('blog-basic');
  warmOut = path.join(root, 'out', 'warm');
});

/** A warm build into the same folder as last time; the reference is a clean build with no caches. */
async function warmAndClean(now = NOW): Promise<{ rendered: number; reused: number; total: number }> {
  const warm = await build({ root, outDir: warmOut, now, cache: true });
  runs += 1;
  const clean = path.join(root, 'out', `clean-${runs}`);
  await build({ root, outDir: clean, now, cache: false });
  const [got, expected] = await Promise.all([readTree(warmOut), readTree(clean)]);
  expect([...got.keys()]).toEqual([...expected.keys()]);
  for (const [file, bytes] of expected) expect(got.get(file)?.toString('utf8'), file).toBe(bytes.toString('utf8'));
  return { rendered: warm.counts.pagesRendered, reused: warm.counts.pagesReused, total: warm.counts.routes };
}

async function edit(file: string, change: (text: string) => string): Promise<void> {
  const full = path.join(root, file);
  await fs.writeFile(full, change(await fs.readFile(full, 'utf8')));
}

describe('the page cache of warm builds', () => {
  it('renders no page when nothing changed, and the output equals a clean build', async () => {
    const cold = await warmAndClean();
    expect(cold.rendered).toBe(cold.total);
    const warm = await warmAndClean();
    expect(warm.rendered).toBe(0);
    expect(warm.reused).toBe(warm.total);
  });

  it('after a body edit renders only the post and the lists it is on', async () => {
    await warmAndClean();
    await edit(POST, (text) => `${text}\nA later paragraph added by the test.\n`);
    const { rendered, total } = await warmAndClean();
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(total / 2);
  });

  it('stays identical to a clean build through edits of every kind', { timeout: 240_000 }, async () => {
    await warmAndClean();
    const steps: [string, () => Promise<void>, 'all' | 'some' | 'none'][] = [
      // The excerpt: the default theme shows it only on the post's own page and the lists it is on.
      ['first paragraph (the excerpt lists show)', () => edit(POST, (text) => text.replace('The opening paragraph', 'The first paragraph')), 'some'],
      // The title: only the pages that show it (its page, its lists, its neighbours' links), however a theme shows it.
      ['title', () => edit(POST, (text) => text.replace('Growing our own social workers', 'Growing our own practitioners')), 'some'],
      ['tags', () => edit(POST, (text) => text.replace('"Leadership"', '"Leadership", "Recruitment"')), 'all'],
      ['summary (the excerpt again)', () => edit(POST, (text) => text.replace('---\n\n', 'summary: A standfirst written by the test.\n---\n\n')), 'some'],
      [
        'a partial in the site’s theme overrides',
        async () => {
          await fs.mkdir(path.join(root, 'theme', 'partials'), { recursive: true });
          const base = await fs.readFile(path.join(repoRoot, 'theme', 'partials', 'footer.hbs'), 'utf8');
          await fs.writeFile(path.join(root, 'theme', 'partials', 'footer.hbs'), base.replace('<footer class="site-footer">', '<footer class="site-footer"><p>Overridden</p>'));
        },
        'all',
      ],
      ['config', () => edit('sectorpress.config.json', (text) => text.replace('News and views', 'Notes and views')), 'all'],
      ['an author in data/ (the pages that show the author)', () => edit('data/authors.yml', (text) => text.replace('Amara Okafor', 'Amara Okafor-Reid')), 'some'],
      ['a new post', () => fs.writeFile(path.join(root, 'posts', '2024-12-01-new.md'), '---\ntitle: Added later\ntags: [Workforce]\n---\n\nNew.\n'), 'all'],
      ['a deleted post', () => fs.rm(path.join(root, 'posts', '2024-12-01-new.md')), 'all'],
      [
        'a static file',
        async () => {
          await fs.mkdir(path.join(root, 'static'), { recursive: true });
          await fs.writeFile(path.join(root, 'static', 'robots-note.txt'), 'hello');
        },
        'none',
      ],
      ['a later paragraph', () => edit(POST, (text) => `${text}\nAnother paragraph.\n`), 'some'],
    ];
    for (const [name, change, expected] of steps) {
      await change();
      const { rendered, total } = await warmAndClean();
      const seen = rendered === total ? 'all' : rendered === 0 ? 'none' : 'some';
      expect(seen, name).toBe(expected);
    }
  });

  it('renders every page again after an excerpt edit when a page shows other posts’ excerpts, builds later too', async () => {
    await fs.mkdir(path.join(root, 'theme', 'partials'), { recursive: true });
    await fs.writeFile(
      path.join(root, 'theme', 'partials', 'footer.hbs'),
      '<footer class="site-footer"><ul>{{#each site.posts}}<li>{{excerpt}} ({{readingMinutes}} min)</li>{{/each}}</ul></footer>\n',
    );
    await warmAndClean();
    // Nothing changed: every page is kept, and so is what the record knows of what they show.
    expect((await warmAndClean()).rendered).toBe(0);
    await edit(POST, (text) => text.replace('The opening paragraph', 'The first paragraph'));
    const after = await warmAndClean();
    expect(after.rendered).toBe(after.total);
    expect(await fs.readFile(path.join(warmOut, 'about', 'index.html'), 'utf8')).toContain('The first paragraph');
  });

  it('renders everything again when the clock’s date moves, and nothing when only its time does', async () => {
    await warmAndClean('2025-01-01T09:00:00Z');
    expect((await warmAndClean('2025-01-01T17:00:00Z')).rendered).toBe(0);
    const next = await warmAndClean('2025-01-02T09:00:00Z');
    expect(next.rendered).toBe(next.total);
  });

  it('renders a page again when its file was removed from the output', async () => {
    await warmAndClean();
    await fs.rm(path.join(warmOut, 'about', 'index.html'));
    expect((await warmAndClean()).rendered).toBe(1);
  });

  it('after a build that ignored the cache, keeps only the pages that build left right', async () => {
    await warmAndClean();
    const original = await fs.readFile(path.join(root, POST), 'utf8');
    await edit(POST, (text) => text.replace('Growing our own social workers', 'Renamed for one build'));
    await build({ root, outDir: warmOut, now: NOW, cache: false });
    await fs.writeFile(path.join(root, POST), original);
    // warmAndClean compares every file with a clean build: the pages that showed the title are rendered again.
    const after = await warmAndClean();
    expect(after.rendered).toBeGreaterThan(0);
    expect(after.rendered).toBeLessThan(after.total);
  });
});

describe('the output folder is trusted only as far as this site wrote it', () => {
  /** A second site: the fixture with another site title and other post titles. */
  async function otherSite(): Promise<string> {
    const other = await copyFixture('blog-basic');
    const config = path.join(other, 'sectorpress.config.json');
    await fs.writeFile(config, (await fs.readFile(config, 'utf8')).replace("Fixture Borough Children's Services", 'Quite Another Council'));
    for (const name of await fs.readdir(path.join(other, 'posts'))) {
      const file = path.join(other, 'posts', name);
      await fs.writeFile(file, (await fs.readFile(file, 'utf8')).replace(/^title: (.*)$/m, 'title: "A post of the other site"'));
    }
    return other;
  }

  async function expectSameAsClean(out: string): Promise<void> {
    const clean = path.join(root, 'out', `clean-${(runs += 1)}`);
    await build({ root, outDir: clean, now: NOW, cache: false });
    const [got, expected] = await Promise.all([readTree(out), readTree(clean)]);
    expect([...got.keys()]).toEqual([...expected.keys()]);
    for (const [file, bytes] of expected) expect(got.get(file)?.equals(bytes), file).toBe(true);
  }

  it('builds site P again after site Q was built into the same folder: P’s pages, not Q’s', async () => {
    const other = await otherSite();
    const shared = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'sp-shared-out-')), 'site');
    await build({ root, outDir: shared, now: NOW });
    // Each site's builds refuse a folder another site made (output/guard-output-folder.ts) until told to replace it.
    await build({ root: other, outDir: shared, now: NOW, replaceOutDir: true });
    expect(await fs.readFile(path.join(shared, 'index.html'), 'utf8')).toContain('Quite Another Council');
    const again = await build({ root, outDir: shared, now: NOW, replaceOutDir: true });
    expect(again.changed).toBeGreaterThan(again.files.length / 2);
    const home = await fs.readFile(path.join(shared, 'index.html'), 'utf8');
    expect(home).toContain('Fixture Borough Children');
    expect(home).not.toContain('A post of the other site');
    await expectSameAsClean(shared);
  });

  it('replaces pages and feeds edited by hand in the output on the next build', async () => {
    await build({ root, outDir: warmOut, now: NOW });
    for (const file of ['about/index.html', 'feed.xml']) await fs.appendFile(path.join(warmOut, file), '<!-- edited by hand -->');
    const again = await build({ root, outDir: warmOut, now: NOW });
    expect(again.changed).toBe(2);
    expect(await fs.readFile(path.join(warmOut, 'about', 'index.html'), 'utf8')).not.toContain('edited by hand');
    await expectSameAsClean(warmOut);
  });

  it('with --no-cache renders and writes every file afresh (nothing linked from the old output)', async () => {
    await build({ root, outDir: warmOut, now: NOW });
    const before = new Map<string, number>();
    for (const file of (await readTree(warmOut)).keys()) before.set(file, (await fs.stat(path.join(warmOut, file))).ino);
    const { code, stdout } = await runCliCaptured(['build', root, '--out', warmOut, '--now', NOW, '--no-cache', '--quiet']);
    expect(code, stdout).toBe(0);
    const after = await readTree(warmOut);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const file of after.keys()) expect((await fs.stat(path.join(warmOut, file))).ino, file).not.toBe(before.get(file));
    await expectSameAsClean(warmOut);
  });
});
