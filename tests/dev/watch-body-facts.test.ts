// An edit that changes a post's excerpt or reading time: `watch()` renders only that post's page
// and the lists it is on when no page shows another post's excerpt or reading time (the default
// theme), and every page again when one does (a theme that lists every post's excerpt in its
// footer). Either way the output folder is what a clean build writes.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BuildOptions } from '../../src/build.js';
import type { RebuildResult } from '../../src/dev/dev-session.js';
import { watch } from '../../src/dev/watch.js';
import { rewriteFile } from '../support/random-edits.js';
import { expectSameAsCleanBuild } from '../support/clean-build.js';
import { copyFixture, readTree } from '../support/site-folder.js';

const POST = path.join('posts', '2024-09-05-workforce.md');
const PAGE = path.join('2024', '09', 'workforce', 'index.html');

/** A site watched into a fresh folder; `edit` changes a file and returns the rebuild it caused. */
async function watched(site: string) {
  const outDir = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'sp-facts-watch-')), 'public');
  const options: BuildOptions = { root: site, outDir, now: '2024-11-15T12:00:00Z', config: { search: false } };
  const controller = new AbortController();
  const results = watch({ ...options, signal: controller.signal })[Symbol.asyncIterator]();
  const next = async (): Promise<RebuildResult> => (await results.next()).value as RebuildResult;
  expect((await next()).ok).toBe(true);
  const pages = (await readTree(outDir)).size;
  return {
    options,
    outDir,
    pages,
    async edit(change: (text: string) => string): Promise<RebuildResult> {
      const rebuilt = next();
      await rewriteFile(path.join(site, POST), change);
      const result = await rebuilt;
      expect(result.ok, result.problems.map((problem) => problem.message).join('; ')).toBe(true);
      return result;
    },
    async stop(): Promise<void> {
      controller.abort();
      await results.next();
    },
  };
}

const newOpening = (words: string) => (text: string) => text.replace(/^(---\n[\s\S]*?\n---\n+)([^\n]+)/, `$1${words}`);
const longer = (text: string) => `${text}\n${'More words about the workforce plan. '.repeat(120)}\n`;

describe('an edit that changes what lists show of a post', () => {
  it('with the default theme, renders only the post’s pages and lists, and leaves the folder a clean build would write', async () => {
    const site = await copyFixture('blog-basic');
    const dev = await watched(site);
    // The excerpt (the opening paragraph, with no summary in the front matter), then the reading time.
    const excerpt = await dev.edit(newOpening('A new opening for the workforce post.'));
    expect(await fs.readFile(path.join(dev.outDir, 'tag', 'workforce', 'index.html'), 'utf8')).toContain('A new opening for the workforce post.');
    expect(await fs.readFile(path.join(dev.outDir, PAGE), 'utf8')).toContain('<meta name="description" content="A new opening for the workforce post.">');
    await expectSameAsCleanBuild(dev.options, dev.outDir, 'after the opening paragraph changed');
    const reading = await dev.edit(longer);
    await expectSameAsCleanBuild(dev.options, dev.outDir, 'after the reading time changed');
    for (const result of [excerpt, reading]) {
      expect(result.timings.model, 'the body-edit path, not a full run').toBeUndefined();
      expect(result.pagesWritten).toBeLessThan(dev.pages / 3);
    }
    await dev.stop();
  }, 180_000);

  it('with a theme that shows every post’s excerpt on every page, renders every page and still leaves a clean build’s folder', async () => {
    const site = await copyFixture('blog-basic');
    const footer = path.join(site, 'theme', 'partials', 'footer.hbs');
    await fs.mkdir(path.dirname(footer), { recursive: true });
    await fs.writeFile(footer, '<footer class="site-footer"><ul>{{#each site.posts}}<li>{{excerpt}} ({{readingMinutes}} min)</li>{{/each}}</ul></footer>\n');
    const dev = await watched(site);
    const result = await dev.edit(newOpening('An opening every footer shows.'));
    expect(await fs.readFile(path.join(dev.outDir, 'about', 'index.html'), 'utf8')).toContain('An opening every footer shows.');
    expect(result.pagesWritten).toBeGreaterThan(dev.pages / 2);
    await expectSameAsCleanBuild(dev.options, dev.outDir, 'after the opening paragraph changed');
    await dev.edit(longer);
    await expectSameAsCleanBuild(dev.options, dev.outDir, 'after the reading time changed');
    await dev.stop();
  }, 180_000);
});
