// `watch()` keeps the output folder exactly as a fresh `build()` with the same options would
// write it: after its first build and after each of 20 seeded random edits of every kind
// (posts, drafts, a page, data, a theme override), with every BuildOptions field that shapes
// the output set (config with a helper, baseUrl, outDir, drafts).
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BuildOptions } from '../../src/build.js';
import type { RebuildResult } from '../../src/dev/dev-session.js';
import { watch } from '../../src/dev/watch.js';
import { postEdits, postFiles, rewriteFile as rewrite, seeded } from '../support/random-edits.js';
import { expectSameAsCleanBuild } from '../support/clean-build.js';
import { copyFixture, repoRoot } from '../support/site-folder.js';

const NOW = '2024-11-15T12:00:00Z';

describe('watch() and build() give the same output folder', () => {
  it('after the first build and after each of 20 random edits, with config, baseUrl, outDir and drafts set', async () => {
    const site = await copyFixture('blog-basic');
    // A theme override that uses a helper given only in code: both must reach every page.
    const footer = path.join(site, 'theme', 'partials', 'footer.hbs');
    await fs.mkdir(path.dirname(footer), { recursive: true });
    const base = await fs.readFile(path.join(repoRoot, 'theme', 'partials', 'footer.hbs'), 'utf8');
    await fs.writeFile(footer, base.replace('<footer class="site-footer">', '<footer class="site-footer"><p class="note">{{shout config.title}}</p>'));
    const outDir = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'sp-parity-watch-')), 'public');
    const options: BuildOptions = {
      root: site,
      outDir,
      baseUrl: 'https://parity.example.gov.uk',
      drafts: true,
      now: NOW,
      config: { title: 'Parity Test Borough', helpers: { shout: (text: unknown) => String(text).toUpperCase() } },
    };
    const controller = new AbortController();
    const results = watch({ ...options, signal: controller.signal })[Symbol.asyncIterator]();
    const next = async (): Promise<RebuildResult> => (await results.next()).value as RebuildResult;

    expect((await next()).ok).toBe(true);
    const home = await fs.readFile(path.join(outDir, 'index.html'), 'utf8');
    expect(home).toContain('PARITY TEST BOROUGH');
    expect(home).toContain('https://parity.example.gov.uk/');
    await expectSameAsCleanBuild(options, outDir, 'after the first build');

    const random = seeded(11);
    const edits = postEdits(site, random);
    const siteEdits: (() => Promise<void>)[] = [
      () => rewrite(path.join(site, 'pages', 'about.md'), (text) => `${text}\nAbout, edited ${random(1000)}.\n`),
      () => rewrite(path.join(site, 'data', 'authors.yml'), (text) => text.replace(/name: (.*)/, `name: Renamed ${random(1000)}`)),
      () => rewrite(footer, (text) => text.replace(/<p class="note">[^<]*\{\{shout config.title\}\}/, `<p class="note">Edit ${random(1000)} {{shout config.title}}`)),
    ];
    // Every kind of edit once, in a seeded order, then random ones.
    const kinds = edits.length + siteEdits.length;
    const order = Array.from({ length: kinds }, (_, index) => index);
    for (let index = kinds - 1; index > 0; index -= 1) {
      const other = random(index + 1);
      [order[index], order[other]] = [order[other] as number, order[index] as number];
    }
    for (let step = 0; step < 20; step += 1) {
      const list = await postFiles(site);
      const pick = list.length < 4 ? 4 : (order[step] ?? random(kinds));
      const rebuilt = next();
      if (pick < edits.length) await (edits[pick] as (file: string) => Promise<void>)(path.join(site, 'posts', list[random(list.length)] ?? ''));
      else await (siteEdits[pick - edits.length] as () => Promise<void>)();
      const result = await rebuilt;
      expect(result.ok, `step ${step}: ${result.problems.map((problem) => problem.message).join('; ')}`).toBe(true);
      await expectSameAsCleanBuild(options, outDir, `after step ${step} (${result.changed.join(', ')})`);
    }
    controller.abort();
    await results.next();
  }, 180_000);
});
