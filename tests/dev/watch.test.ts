// The watcher as a library API: `watch()` yields the first build, then one result per burst of
// edits, including for a forked theme that lives outside the site folder; aborting ends it.
// And `sectorpress build --watch`, which keeps the output folder fresh from the command line.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBuild } from '../../src/commands/build-command.js';
import type { RebuildResult } from '../../src/dev/dev-session.js';
import { watch } from '../../src/dev/watch.js';
import { bundledThemeFolder } from '../../src/shared/package-root.js';
import { rewriteFile } from '../support/random-edits.js';
import { copyFixture } from '../support/site-folder.js';

const NOW = '2024-11-15T12:00:00Z';

async function edit(file: string, change: (text: string) => string): Promise<void> {
  await fs.writeFile(file, change(await fs.readFile(file, 'utf8')));
}

/** `watch()` over `site`: `next()` waits for the next result; `stop()` aborts and tells whether the iteration ended. */
function watching(site: string): { next: () => Promise<RebuildResult>; stop: () => Promise<boolean> } {
  const controller = new AbortController();
  const results = watch({ root: site, now: NOW, signal: controller.signal })[Symbol.asyncIterator]();
  return {
    next: async () => (await results.next()).value as RebuildResult,
    stop: async () => {
      const ended = results.next();
      controller.abort();
      return (await ended).done === true;
    },
  };
}

describe('watch()', () => {
  it('yields the first build, then a result per edit, with locations for errors, until aborted', async () => {
    const site = await copyFixture('blog-basic');
    const { next, stop } = watching(site);

    const first = await next();
    expect(first).toMatchObject({ ok: true, changed: [] });
    expect(first.pagesWritten).toBeGreaterThan(10);

    const post = path.join(site, 'posts', 'midnight.md');
    const bodyEdit = next();
    await edit(post, (text) => `${text}\nA closing line added by the test.\n`);
    const edited = await bodyEdit;
    // Appending to the body changes the post's page and the feeds it is in, not the lists (same excerpt).
    expect(edited).toMatchObject({ ok: true, changed: ['posts/midnight.md'], pagesWritten: 1 });
    expect(edited.updated).toContain('2024/07/midnight/index.html');
    expect(edited.updated).toContain('feed.xml');

    const broken = next();
    await edit(post, (text) => text.replace('title: "A post just after midnight"', 'title: [unclosed'));
    const failed = await broken;
    expect(failed.ok).toBe(false);
    const errors = failed.problems.filter((problem) => problem.severity === 'error');
    expect(errors.map((problem) => `${problem.file}:${problem.line}:${problem.column}`)).toEqual([expect.stringMatching(/^posts\/midnight\.md:[23]:\d+$/)]);

    const fixed = next();
    await edit(post, (text) => text.replace('title: [unclosed', 'title: "Mended"'));
    expect((await fixed).ok).toBe(true);

    expect(await stop()).toBe(true);
  }, 180_000);

  it('makes one rebuild per save, whether written in place or renamed into place', async () => {
    const site = await copyFixture('blog-basic');
    const { next, stop } = watching(site);
    expect((await next()).ok).toBe(true);
    const post = path.join(site, 'posts', 'midnight.md');

    // An editor's atomic save: a temporary file renamed over the post.
    const renamed = next();
    await fs.writeFile(`${post}.tmp~`, `${await fs.readFile(post, 'utf8')}\nRenamed into place.\n`);
    await fs.rename(`${post}.tmp~`, post);
    expect(await renamed).toMatchObject({ ok: true, changed: ['posts/midnight.md'], pagesWritten: 1 });

    // Each save is reported both by the raw file event and, later, by chokidar; the echo must not
    // become a rebuild of its own, or this result would be that echo's (nothing updated).
    await new Promise((resolve) => setTimeout(resolve, 300));
    const written = next();
    await edit(post, (text) => `${text}\nWritten in place.\n`);
    const result = await written;
    expect(result).toMatchObject({ ok: true, changed: ['posts/midnight.md'], pagesWritten: 1 });
    expect(result.updated).toContain('2024/07/midnight/index.html');

    expect(await stop()).toBe(true);
  }, 180_000);

  it('watches a forked theme that lives outside the site folder', async () => {
    const site = await copyFixture('blog-basic');
    const fork = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'sp-theme-fork-')), 'fork');
    await fs.cp(bundledThemeFolder(), fork, { recursive: true });
    await edit(path.join(site, 'sectorpress.config.json'), (text) => text.replace('{', `{ "theme": ${JSON.stringify(fork)},`));
    const { next, stop } = watching(site);
    expect((await next()).ok).toBe(true);
    const rebuilt = next();
    await edit(path.join(fork, 'partials', 'footer.hbs'), (text) => `${text}<!-- fork edited -->\n`);
    const result = await rebuilt;
    expect(result.ok).toBe(true);
    expect(result.changed.some((file) => file.endsWith('footer.hbs'))).toBe(true);
    expect(result.pagesWritten).toBeGreaterThan(10);
    await stop();
  }, 180_000);

  it('still sees edits when the site itself lives inside a dot-folder', async () => {
    const parent = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'sp-dot-')), '.hidden');
    await fs.cp(await copyFixture('blog-basic'), path.join(parent, 'site'), { recursive: true });
    const site = path.join(parent, 'site');
    const { next, stop } = watching(site);
    expect((await next()).ok).toBe(true);
    const rebuilt = next();
    await edit(path.join(site, 'posts', 'midnight.md'), (text) => `${text}\nSeen from a dot-folder.\n`);
    expect((await rebuilt).changed).toEqual(['posts/midnight.md']);
    await stop();
  }, 180_000);
});

describe('watch() and the output folder', () => {
  it('puts a page edited by hand in the output right again at the next rebuild', async () => {
    const site = await copyFixture('blog-basic');
    const out = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'sp-watch-hand-')), 'public');
    const controller = new AbortController();
    const results = watch({ root: site, outDir: out, now: NOW, signal: controller.signal })[Symbol.asyncIterator]();
    expect((await results.next()).value?.ok).toBe(true);
    const about = path.join(out, 'about', 'index.html');
    const original = await fs.readFile(about, 'utf8');
    await fs.appendFile(about, '<!-- edited by hand -->');
    const rebuilt = results.next();
    await rewriteFile(path.join(site, 'posts', 'midnight.md'), (text) => `${text}\nA line added by the test.\n`);
    expect((await rebuilt).value?.ok).toBe(true);
    expect(await fs.readFile(about, 'utf8')).toBe(original);
    controller.abort();
    await results.next();
  }, 180_000);
});

describe('sectorpress build --watch', () => {
  it('builds, rewrites the output folder after each edit with one line per rebuild, and keeps the last good site on errors', async () => {
    const site = await copyFixture('blog-basic');
    const out = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'sp-build-watch-')), 'public');
    const lines: string[] = [];
    let waiting: { pattern: RegExp; resolve: () => void } | undefined;
    const push = (line: string): void => {
      lines.push(line);
      if (waiting?.pattern.test(line)) waiting.resolve();
    };
    /** The next line matching `pattern` printed after `edit` ran. */
    const afterEdit = async (edit: () => Promise<void>, pattern: RegExp): Promise<void> => {
      const mark = lines.length;
      const seen = new Promise<void>((resolve) => {
        waiting = { pattern, resolve };
      });
      await edit();
      if (!lines.slice(mark).some((text) => pattern.test(text))) await seen;
    };
    const stop = new AbortController();
    const done = runBuild([site, '--watch', '--out', out, '--now', NOW], { out: push, err: push, interactive: false }, stop.signal);
    await afterEdit(async () => undefined, /Watching for changes/);
    const page = path.join(out, '2024', '07', 'midnight', 'index.html');
    expect(await fs.readFile(page, 'utf8')).toContain('A post just after midnight');

    const post = path.join(site, 'posts', 'midnight.md');
    await afterEdit(
      () => rewriteFile(post, (text) => text.replace('title: "A post just after midnight"', 'title: "Retitled while watching"')),
      /^Rebuilt after posts\/midnight\.md changed: \d+ files updated/,
    );
    expect(await fs.readFile(page, 'utf8')).toContain('Retitled while watching');

    await afterEdit(() => rewriteFile(post, (text) => text.replace('title: "Retitled while watching"', 'title: [unclosed')), /build failed/);
    expect(lines.some((seen) => /^posts\/midnight\.md:[23]:\d+ /.test(seen))).toBe(true);
    expect(await fs.readFile(page, 'utf8')).toContain('Retitled while watching');

    await afterEdit(() => rewriteFile(post, (text) => text.replace('title: [unclosed', 'title: "Mended"')), /^Rebuilt after posts\/midnight\.md changed/);
    stop.abort();
    expect(await done).toBe(0);
  }, 180_000);
});
