/**
 * The write for a build that changes few files: instead of a new folder of hard links swapped
 * in whole (write-output.ts), the changed files are renamed over their old copies one by one.
 * Used only for a folder this site's previous build wrote, holding nothing its manifest does not
 * name, every file still as written (its stamp) — then the result is the same as a swap.
 * What it guarantees instead of the swap's all-or-nothing:
 * - nothing in the output folder changes until every page is rendered, checked and written
 *   into the staging folder (a failing build leaves the output untouched);
 * - each file is replaced by `rename`, so it is always either the old or the new file, whole;
 * - the manifest is removed before the first change and written after the last, so a build
 *   killed half-way leaves a mix of whole old and new files, and the next build, finding no
 *   manifest, writes every file afresh and swaps the folder in whole.
 * When nothing changed at all, nothing is written (not even the manifest).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { forEachLimited } from '../shared/for-each-limited.js';
import type { Manifest } from '../shared/output-manifest.js';
import { fileStamp, writeManifest } from '../shared/output-manifest.js';
import { walkFolder, type OutputSurvey } from '../shared/output-survey.js';
import type { OutputFile } from '../shared/output-file.js';
import { inodeOf } from './output-ownership.js';
import { InPlaceWriteError } from './replace-in-place.js';
import { makeParent } from './staging-folder.js';

/** The share of files above which a new folder is swapped in instead (a theme change renders every page). */
const IN_PLACE_SHARE = 0.1;
const IN_PLACE_MINIMUM = 64;

/** What an in-place update would do. */
export interface InPlacePlan {
  /** Files whose bytes differ from the old output's (or that are new). */
  readonly changed: readonly OutputFile[];
  /** Output paths the previous build wrote and this one does not. */
  readonly removed: readonly string[];
  /** Folders that hold nothing once `removed` are gone, deepest first. */
  readonly emptied: readonly string[];
}

/** Every folder above `file` (`a/b/c.html` → `a`, `a/b`). */
function parentsOf(file: string, into: Set<string>): void {
  for (let dir = path.posix.dirname(file); dir !== '.' && !into.has(dir); dir = path.posix.dirname(dir)) into.add(dir);
}

/**
 * The plan for updating `outDir` in place, or `undefined` when a new folder must be swapped in:
 * too many changes, or something in the folder the previous manifest does not name (a file
 * added by hand), which only a swap removes. `survey` is what the folder held when this build
 * started (output-survey.ts); without it the folder is read now.
 */
export async function planInPlace(outDir: string, files: readonly OutputFile[], unchanged: ReadonlySet<string>, previous: Manifest, survey?: OutputSurvey): Promise<InPlacePlan | undefined> {
  const wanted = new Set(files.map((file) => file.path));
  const changed = files.filter((file) => !unchanged.has(file.path));
  const removed = Object.keys(previous).filter((file) => !wanted.has(file));
  if (changed.length + removed.length > Math.max(IN_PLACE_MINIMUM, files.length * IN_PLACE_SHARE)) return undefined;
  const found = survey ?? (await walkFolder(outDir).catch(() => undefined));
  if (!found) return undefined;
  const folders = new Set<string>();
  for (const file of wanted) parentsOf(file, folders);
  if (found.files.some((file) => previous[file] === undefined)) return undefined;
  const emptied = found.folders.filter((dir) => !folders.has(dir));
  emptied.sort((a, b) => b.split('/').length - a.split('/').length);
  return { changed, removed, emptied };
}

/**
 * Carry out `plan`: remove what is gone, then rename each changed file from the staging folder
 * (where every one of them already is) over its old copy. Returns the manifest entries of the
 * changed files.
 */
async function applyInPlace(outDir: string, staging: string, plan: InPlacePlan, hashes: ReadonlyMap<string, string>): Promise<Manifest> {
  for (const file of plan.removed) await fs.rm(path.join(outDir, file), { force: true });
  for (const dir of plan.emptied) await fs.rmdir(path.join(outDir, dir));
  const made = new Set<string>(['.']);
  const entries: Manifest = {};
  for (const file of plan.changed) {
    const target = path.join(outDir, file.path);
    await makeParent(outDir, file.path, made);
    try {
      await fs.rename(path.join(staging, file.path), target);
    } catch (error) {
      // The output folder is a mount point, on another device than the staging folder beside it.
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      await fs.copyFile(path.join(staging, file.path), `${target}.sectorpress-new`);
      await fs.rename(`${target}.sectorpress-new`, target);
    }
    entries[file.path] = { hash: hashes.get(file.path) as string, stamp: fileStamp(await fs.lstat(target)) };
  }
  return entries;
}

/** What `updateInPlace` works from: the write stage's files, its plan and the previous manifest. */
export interface InPlaceUpdate {
  readonly outDir: string;
  /** The staging folder (some changed files may already be in it, streamed there while rendering). */
  readonly temp: string;
  readonly files: readonly OutputFile[];
  readonly plan: InPlacePlan;
  readonly previous: Manifest;
  readonly unchanged: ReadonlySet<string>;
  /** Each file's content hash, as the manifest records it. */
  readonly hashes: ReadonlyMap<string, string>;
  readonly manifestPath: string;
}

/** Put every changed file into the staging folder, so that the output folder changes only by renames. */
async function stageChanged(update: InPlaceUpdate): Promise<void> {
  const made = new Set<string>(['.']);
  await forEachLimited(update.plan.changed, 32, async (file) => {
    const target = path.join(update.temp, file.path);
    if ('copyFrom' in file && file.copyFrom === path.join(update.outDir, file.path)) throw new Error(`${file.path} changed in the output folder while building`);
    if ('copyFrom' in file && file.copyFrom === target) return;
    await makeParent(update.temp, file.path, made);
    if ('copyFrom' in file) await fs.copyFile(file.copyFrom, target);
    else await fs.writeFile(target, file.contents);
  });
}

/**
 * Update the output folder in place by `update.plan` (see the top of this file for what that
 * guarantees), then remove the staging folder. `recordOwner` is called before the first change
 * with the output folder's own inode, so the ownership record names the new top-level names too.
 */
export async function updateInPlace(update: InPlaceUpdate, recordOwner: (inode: string) => Promise<void>): Promise<{ files: string[]; changed: number }> {
  const { outDir, plan, previous } = update;
  await stageChanged(update);
  const next: Manifest = {};
  for (const file of update.files) if (update.unchanged.has(file.path)) next[file.path] = previous[file.path] as Manifest[string];
  if (plan.changed.length + plan.removed.length + plan.emptied.length > 0) {
    await fs.rm(update.manifestPath, { force: true });
    try {
      await recordOwner(await inodeOf(outDir));
      Object.assign(next, await applyInPlace(outDir, update.temp, plan, update.hashes));
    } catch (error) {
      throw new InPlaceWriteError(outDir, error);
    }
    await writeManifest(update.manifestPath, next);
  }
  await fs.rm(update.temp, { recursive: true, force: true });
  return { files: update.files.map((file) => file.path).sort(), changed: plan.changed.length };
}
