// A CI job restores `_site` and the cache folder from a saved archive (new inodes, often a new
// checkout path), and a project copied with `cp -a` carries both along: a folder holding only
// what the last build's manifest lists is still the site's own output, and builds warm.
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, type BuildOptions } from '../../src/build.js';
import { BuildFailedError } from '../../src/shared/errors.js';
import { expectSameAsCleanBuild } from '../support/clean-build.js';
import { copyFixture, fixturePath } from '../support/site-folder.js';

const NOW = '2024-07-01T12:00:00Z';
const SAVED = ['_site', 'node_modules/.cache'];

const options = (root: string): BuildOptions => ({ root, now: NOW, workers: 0, config: { search: false } });

/**
 * As a CI job sees it: a site built, its output and cache archived with `tar`, the checkout
 * deleted, the sources checked out afresh at the same path and the archive extracted into it.
 */
async function restoredClone(): Promise<string> {
  const site = await copyFixture('cli-small');
  await build(options(site));
  const archive = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'sp-archive-')), 'cache.tar');
  execFileSync('tar', ['-cf', archive, '-C', site, ...SAVED]);
  await fs.rm(site, { recursive: true });
  await fs.cp(fixturePath('cli-small'), site, { recursive: true });
  execFileSync('tar', ['-xf', archive, '-C', site]);
  return site;
}

/** A warm build of `root` succeeds, reuses what `reused` names, and writes what a clean build writes. */
async function expectWarmAndCorrect(root: string, reused: 'pages and Markdown' | 'Markdown'): Promise<void> {
  const result = await build(options(root));
  expect(result.counts.markdownCached).toBeGreaterThan(0);
  expect(result.counts.markdownRendered).toBe(0);
  if (reused === 'pages and Markdown') expect(result.counts.pagesReused).toBe(result.counts.pages);
  await expectSameAsCleanBuild(options(root), path.join(root, '_site'), 'after the restore');
}

describe('an output folder restored from a cache', () => {
  it('builds warm into `_site` and the cache extracted from a tar into a fresh clone, and writes what a clean build writes', async () => {
    await expectWarmAndCorrect(await restoredClone(), 'pages and Markdown');
  });

  it('still refuses the restored `_site` with one file no build wrote, naming it, and leaves the file', async () => {
    const clone = await restoredClone();
    await fs.writeFile(path.join(clone, '_site', 'posts-backup.txt'), 'keep me');
    const error = await build(options(clone)).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(BuildFailedError);
    const [problem] = (error as BuildFailedError).problems;
    expect(problem?.code).toBe('output/not-ours');
    expect(problem?.message).toContain('Refusing to use _site as the output folder: it holds 1 entry (posts-backup.txt) that no build wrote');
    expect(await fs.readFile(path.join(clone, '_site', 'posts-backup.txt'), 'utf8')).toBe('keep me');
  });

  // Pages are not kept at a new path: the page record's site signature holds the config, and with it the site's absolute path.
  it('builds a project copied with `cp -a` to another path, with its Markdown cache', async () => {
    const first = await copyFixture('cli-small');
    await build(options(first));
    const copy = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'sp-copied-')), 'site');
    execFileSync('cp', ['-a', first, copy]);
    await expectWarmAndCorrect(copy, 'Markdown');
  });
});
