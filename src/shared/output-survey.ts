/**
 * The previous output folder, read once per build: every file and folder in it, and which of
 * the files its manifest names still carry the stamp they were written with. The page cache
 * (which pages to keep) and the in-place update (is anything there the manifest does not name?)
 * both need it, and a large site has a folder per page: reading it while the content is loaded
 * and parsed, instead of between stages, takes it off the build's critical path; reading it in a
 * worker thread (survey-worker.ts) takes it off this thread too.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FolderListing } from './folder-listing.js';
import { forEachLimited } from './for-each-limited.js';
import type { Worker } from 'node:worker_threads';
import { fileStamp, untouchedSince, type Manifest, type ManifestEntry } from './output-manifest.js';
import { canStartWorker, startWorker, workerModule } from './start-worker.js';
import type { SurveyReply, SurveyRequest } from './survey-worker.js';

const WORKER = workerModule(new URL('./survey-worker.js', import.meta.url));

const WALK_CONCURRENCY = 32;
const STAT_CONCURRENCY = 64;

/** What the output folder held when it was surveyed. */
export interface OutputSurvey {
  /** Every file (relative, posix). */
  readonly files: readonly string[];
  /** Every folder (relative, posix). */
  readonly folders: readonly string[];
  /** Manifest paths whose file is still the one the manifest describes (not replaced or edited since). */
  readonly untouched: ReadonlySet<string>;
}

/**
 * Every file and folder under `root` (relative, posix), reading up to 32 folders at a time:
 * `readdir`'s own recursive walk reads one folder at a time, and a large site has one per page.
 */
export async function walkFolder(root: string): Promise<{ files: string[]; folders: string[] }> {
  const listing = new FolderListing();
  const reading = new Set<Promise<void>>();
  while (listing.hasWaiting || reading.size > 0) {
    while (listing.hasWaiting && reading.size < WALK_CONCURRENCY) {
      const dir = listing.next() as string;
      const read: Promise<void> = fs.readdir(path.join(root, dir), { withFileTypes: true }).then((entries) => {
        reading.delete(read);
        listing.add(dir, entries);
      });
      reading.add(read);
    }
    await Promise.race(reading);
  }
  return { files: listing.files, folders: listing.folders };
}

const isFolder = (folder: string): Promise<boolean> =>
  fs.lstat(folder).then(
    (stat) => stat.isDirectory(),
    () => false,
  );

/** The survey read on this thread, through the thread pool (when no worker can be started). */
async function surveyHere(outDir: string, manifest: Manifest): Promise<OutputSurvey | undefined> {
  // No folder (a first build, or the output was deleted): not one stat per file the manifest names.
  if (!(await isFolder(outDir))) return undefined;
  const untouched = new Set<string>();
  const stamps = forEachLimited(Object.entries(manifest), STAT_CONCURRENCY, async ([file, entry]) => {
    const stat = await fs.lstat(path.join(outDir, file)).catch(() => undefined);
    if (stat?.isFile() === true && fileStamp(stat) === entry.stamp) untouched.add(file);
  });
  const [found] = await Promise.all([walkFolder(outDir).catch(() => undefined), stamps]);
  return found && { ...found, untouched };
}

/** The survey read by a worker thread (survey-worker.ts); `null` when the worker could not do it. */
function surveyInWorker(outDir: string, manifest: Manifest): Promise<OutputSurvey | undefined | null> {
  const request: SurveyRequest = { outDir, stamps: Object.entries(manifest).map(([file, entry]) => [file, entry.stamp]) };
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = startWorker(WORKER, request);
    } catch {
      return resolve(null);
    }
    worker.once('message', (reply: SurveyReply) => resolve(reply && { files: reply.files, folders: reply.folders, untouched: new Set(reply.untouched) }));
    worker.once('error', () => resolve(null));
    worker.once('exit', () => resolve(null)); // after a reply, resolving again does nothing
  });
}

/** The survey of `outDir` against `manifest`; `undefined` when the folder cannot be read (there is nothing to keep). */
export async function surveyOutput(outDir: string, manifest: Manifest): Promise<OutputSurvey | undefined> {
  // A first build has no folder to read: no worker is started for it.
  if (!(await isFolder(outDir))) return undefined;
  if (canStartWorker(WORKER)) {
    const read = await surveyInWorker(outDir, manifest);
    if (read !== null) return read;
  }
  return surveyHere(outDir, manifest);
}

/**
 * Whether the old output's copy of `file` is still the one `entry` describes: from `survey` when the
 * build has one, else by a stat now (the dev server and `watch()` have no survey).
 */
export async function stillAsWritten(survey: OutputSurvey | undefined, outDir: string, file: string, entry: ManifestEntry | undefined): Promise<boolean> {
  if (!entry) return false;
  return survey ? survey.untouched.has(file) : untouchedSince(path.join(outDir, file), entry);
}
