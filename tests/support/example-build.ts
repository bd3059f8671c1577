/**
 * The example site, for tests that read its output. Building it takes the longest of any fixture
 * (images, search), and nine test files read the same output, so it is built once per test run:
 * the first test file to ask builds it into the run's temp folder (global-temp.ts) under a lock,
 * the others wait for it. Tests must not change that output; a test that edits or rebuilds the
 * example takes its own copy (`copyExample`).
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { build, loadSite } from '../../src/build.js';
import type { Site } from '../../src/model/types.js';
import { repoRoot } from './site-folder.js';

export const EXAMPLE_NOW = '2026-11-22T12:00:00Z';

export async function copyExample(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-example-'));
  await fs.cp(path.join(repoRoot, 'examples', 'children-services-blog'), dir, {
    recursive: true,
    filter: (source) => !/[/\\](_site|node_modules)$/.test(source),
  });
  return dir;
}

/** The shared build: its output folder and files (as `build()` returns them), and the site's model on request. */
export interface ExampleBuild {
  readonly outDir: string;
  /** Output paths relative to `outDir`, sorted. */
  readonly files: readonly string[];
  /** The example's `Site`, loaded afresh in this test file (the model cannot cross processes). */
  site(): Promise<Site>;
}

interface Written {
  readonly root: string;
  readonly outDir: string;
  readonly files: readonly string[];
}

/** Build the example into `folder`, or wait for the test file already doing so. */
async function builtOnce(folder: string): Promise<Written> {
  const done = path.join(folder, 'done.json');
  const failed = path.join(folder, 'failed.txt');
  await fs.mkdir(path.dirname(folder), { recursive: true });
  const mine = await fs.mkdir(folder).then(
    () => true,
    () => false,
  );
  if (mine) {
    try {
      const root = await copyExample();
      const result = await build({ root, now: EXAMPLE_NOW, cache: false });
      const written: Written = { root, outDir: result.outDir, files: result.files };
      await fs.writeFile(`${done}.tmp`, JSON.stringify(written));
      await fs.rename(`${done}.tmp`, done);
      return written;
    } catch (error) {
      await fs.writeFile(failed, error instanceof Error ? (error.stack ?? error.message) : String(error));
      throw error;
    }
  }
  // Waits as long as the build takes (a loaded machine is slow): the hook's time limit ends it.
  for (;;) {
    const text = await fs.readFile(done, 'utf8').catch(() => undefined);
    if (text !== undefined) return JSON.parse(text) as Written;
    const failure = await fs.readFile(failed, 'utf8').catch(() => undefined);
    if (failure !== undefined) throw new Error(`The shared example build failed in another test file:\n${failure}`);
    await sleep(200);
  }
}

/** The example site built once per test run (see above); read its output, never change it. */
export async function buildExample(): Promise<ExampleBuild> {
  const run = process.env.SECTORPRESS_TEST_RUN ?? os.tmpdir();
  const written = await builtOnce(path.join(run, 'shared-example'));
  let site: Promise<Site> | undefined;
  return {
    outDir: written.outDir,
    files: written.files,
    site: () => (site ??= loadSite({ root: written.root, now: EXAMPLE_NOW, cache: false }).then((loaded) => loaded.site)),
  };
}
