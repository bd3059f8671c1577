/**
 * The write stage shared by `build()` and `watch()`: the output folder is swapped in whole
 * (output/write-output.ts), unchanged files hard-linked from the previous output, and the page
 * record is kept beside the output manifest so the next build into the same folder can keep pages.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/types.js';
import type { Staged } from '../shared/errors.js';
import { cacheFolder } from '../markdown/markdown-cache.js';
import { readManifest, writeManifest } from '../shared/output-manifest.js';
import { writeOutput, type WriteResult } from '../output/write-output.js';
import { pageRecord, readPageRecord, type PreviousBuild } from '../render/page-cache.js';
import type { BuildRun } from './site-builder.js';

/** Kept in the site's cache folder so it never ends up in the published site; one per output folder. */
function cacheFile(config: Config, kind: 'output' | 'pages'): string {
  const key = createHash('sha1').update(config.outDir).digest('hex').slice(0, 12);
  return path.join(cacheFolder(config.root), `${kind}-${key}.json`);
}

/** What the last build of this site into its output folder left, for the page cache. */
export async function previousBuild(config: Config): Promise<PreviousBuild> {
  const [record, manifest] = await Promise.all([readPageRecord(cacheFile(config, 'pages')), readManifest(cacheFile(config, 'output'))]);
  return { record, manifest, outDir: config.outDir };
}

/**
 * Write a run's files to its output folder, atomically. With `reuse` false every file is
 * written afresh (`--no-cache`): nothing is linked from the previous output.
 */
export async function writeSite(run: BuildRun, reuse: boolean): Promise<Staged<WriteResult>> {
  const { config } = run;
  // The record must never outlive the output it describes: drop it before the output changes.
  const recordPath = cacheFile(config, 'pages');
  await fs.rm(recordPath, { force: true });
  const written = await writeOutput(config.outDir, run.files, {
    manifestPath: cacheFile(config, 'output'),
    siteRoot: config.root,
    trash: path.join(cacheFolder(config.root), 'trash'),
    relink: reuse,
  });
  if (written.problems.every((problem) => problem.severity !== 'error')) await writeManifest(recordPath, pageRecord(run.signature, run.pageSignatures));
  return written;
}
