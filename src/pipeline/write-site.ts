/**
 * The write stage shared by `build()` and `watch()`: the output folder is checked by the one
 * output guard (output/guard-output-folder.ts), then swapped in whole (output/write-output.ts),
 * unchanged files hard-linked from the previous output, and the page record is kept beside the
 * output manifest so the next build into the same folder can keep pages.
 */
import { promises as fs } from 'node:fs';
import type { Config } from '../config/types.js';
import type { Staged } from '../shared/errors.js';
import { cacheFolder, outputRecordFile, trashFolder } from '../shared/cache-folder.js';
import { readManifest, writeManifest } from '../shared/output-manifest.js';
import { guardOutputFolder, siteFoldersOf, type GuardVerdict, type OutputGuard } from '../output/guard-output-folder.js';
import { emptyTrashInBackground } from '../output/remove-in-background.js';
import { writeOutput, type WriteResult } from '../output/write-output.js';
import { openStaging, type Staging } from '../output/staging-folder.js';
import { readPageRecord, startSurvey, type PreviousBuild } from '../render/page-cache.js';
import type { BuildRun } from './site-builder.js';

/** What decides whether the output folder may be replaced: the site's folders, the ownership records, and the user's say. */
function outputGuard(config: Config, replaceOutDir: boolean): OutputGuard {
  const cache = cacheFolder(config.root);
  return { site: siteFoldersOf(config, cache), records: cache, manifestPath: outputRecordFile(config.root, config.outDir, 'output'), replace: replaceOutDir };
}

/** Refuse an output folder the build may not replace, before anything is rendered. */
export function checkOutputFolder(config: Config, replaceOutDir: boolean): Promise<Staged<GuardVerdict | undefined>> {
  return guardOutputFolder(config.outDir, outputGuard(config, replaceOutDir));
}

/**
 * What the last build of this site into its output folder left, for the page cache and the write
 * stage. The output folder itself is read in the background (`survey`) while the build goes on.
 */
export async function previousBuild(config: Config): Promise<PreviousBuild> {
  const [record, manifest] = await Promise.all([readPageRecord(outputRecordFile(config.root, config.outDir, 'pages')), readManifest(outputRecordFile(config.root, config.outDir, 'output'))]);
  return { record, manifest, outDir: config.outDir, survey: startSurvey(config.outDir, manifest) };
}

/**
 * The staging folder `build()` streams its pages into (output/staging-folder.ts), opened once the
 * guard let the output folder through. `previous` is the previous build when the cache is used.
 */
export async function openSiteStaging(config: Config, previous: PreviousBuild | undefined, reuse: boolean): Promise<Staging> {
  const manifest = previous?.manifest ?? (await readManifest(outputRecordFile(config.root, config.outDir, 'output')));
  return openStaging(config.outDir, manifest, reuse, previous?.survey);
}

/**
 * Write a run's files to its output folder, atomically. With `reuse` false every file is
 * written afresh (`--no-cache`): nothing is linked from the previous output. `staging` is the
 * folder `build()` streamed the run's pages into, if any.
 */
export async function writeSite(run: BuildRun, reuse: boolean, replaceOutDir = false, staging?: Staging, previous?: PreviousBuild): Promise<Staged<WriteResult>> {
  const { config } = run;
  const trash = trashFolder(config.root);
  emptyTrashInBackground(trash); // what earlier builds replaced goes while this one writes
  // The record must never outlive the output it describes: drop it before the output changes.
  const recordPath = outputRecordFile(config.root, config.outDir, 'pages');
  await fs.rm(recordPath, { force: true });
  const written = await writeOutput(config.outDir, run.files, {
    manifestPath: outputRecordFile(config.root, config.outDir, 'output'),
    guard: outputGuard(config, replaceOutDir),
    trash,
    relink: reuse,
    staging,
    survey: await previous?.survey,
  });
  if (written.problems.every((problem) => problem.severity !== 'error')) await writeManifest(recordPath, run.pageRecord());
  return written;
}
