/**
 * The atomic write: everything goes into a temporary sibling folder, which is
 * swapped in by rename only when complete. A failed or killed build leaves the
 * previous output in place; the next build removes the leftovers. Since the swap
 * replaces the whole folder, the folder is checked first (`guard-output-folder.ts`).
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { staged, type Staged, hasErrors } from '../shared/errors.js';
import { forEachLimited } from '../shared/for-each-limited.js';
import { readManifest, writeManifest, type Manifest, fileStamp } from '../shared/output-manifest.js';
import { contentHash, discardStaging, stagingName, type Staging } from './staging-folder.js';
import { planInPlace, updateInPlace } from './update-in-place.js';
import { stillAsWritten, type OutputSurvey } from '../shared/output-survey.js';
import { checkOwnership, forbiddenProblem, siteRootFolders, type GuardVerdict, type OutputGuard } from './guard-output-folder.js';
import { inodeOf, topLevelNames, writeOwnership } from './output-ownership.js';
import { isMountPointError, MountPointError, replaceContentsInPlace } from './replace-in-place.js';
import { writeFailure } from './write-failure.js';
import { recoverOutput, removeLeftovers } from './recover-output.js';
import { discard } from './remove-in-background.js';
import type { OutputFile } from '../shared/output-file.js';

const WRITE_CONCURRENCY = 64;

export interface WriteOptions {
  /** Where to remember what was written last time (to count and skip unchanged files). */
  readonly manifestPath?: string;
  /** The site folder, when no `guard` is given: the output may never be it or contain it. */
  readonly siteRoot?: string;
  /** Where the replaced output goes to be deleted in the background; without it, it is deleted before returning. */
  readonly trash?: string;
  /**
   * Check the output folder may be replaced (never the site's sources; only a folder sectorpress
   * made, an empty one, or with `replace`), and record it as ours once written.
   */
  readonly guard?: OutputGuard;
  /**
   * Hard-link files whose bytes are unchanged from the previous output (default true), once the
   * manifest's stamp shows the old copy is still the one written. `false` writes every file afresh.
   */
  readonly relink?: boolean;
  /**
   * The staging folder pages were streamed into while rendering (staging-folder.ts): finished
   * here, or removed when the write fails. Without it a new one is made.
   */
  readonly staging?: Staging;
  /** What the output folder held when the build started (output-survey.ts), so an in-place update need not read it again. */
  readonly survey?: OutputSurvey;
}

export interface WriteResult {
  readonly files: string[];
  /** Files whose bytes differ from the previous build's. */
  readonly changed: number;
}

/** Rendered pages kept between watch rebuilds are the same objects: hash each once. */
const fingerprints = new WeakMap<OutputFile, string>();

async function fingerprint(file: OutputFile): Promise<string> {
  if ('copyFrom' in file && file.fingerprint !== undefined) return file.fingerprint;
  if ('copyFrom' in file) {
    const stat = await fs.stat(file.copyFrom);
    return `copy:${stat.size}:${stat.mtimeMs}`;
  }
  let print = fingerprints.get(file);
  if (print === undefined) fingerprints.set(file, (print = contentHash(file.contents)));
  return print;
}

/**
 * Write one file into the temporary folder, hard-linking the previous copy when its bytes are
 * unchanged and the copy is provably the one the previous build wrote (its stamp is as recorded:
 * not another site's build into the same folder, nor a hand edit). True when its bytes changed.
 */
async function writeOne(file: OutputFile, temp: string, outDir: string, previous: Manifest, next: Manifest, relink: boolean, unchanged: ReadonlySet<string>): Promise<boolean> {
  const target = path.join(temp, file.path);
  const hash = await fingerprint(file);
  const before = previous[file.path];
  const old = path.join(outDir, file.path);
  const same = unchanged.has(file.path);
  if (relink && same) {
    try {
      await fs.link(old, target);
      next[file.path] = before;
      return false;
    } catch {
      // The old copy is gone or on another device: fall through and write it.
    }
  }
  // A kept page is copied from the old output: only while it is still the file this site wrote.
  if ('copyFrom' in file && file.copyFrom === old && !same) throw new Error(`${file.path} changed in the output folder while building`);
  // A page streamed into the staging folder while rendering is already where it belongs.
  if (!('copyFrom' in file)) await fs.writeFile(target, file.contents);
  else if (file.copyFrom !== target) await fs.copyFile(file.copyFrom, target);
  // Renaming the folder into place keeps inode and modification time, so this stamp stays true.
  next[file.path] = { hash, stamp: fileStamp(await fs.lstat(target)) };
  return !same;
}

async function makeDirectories(temp: string, files: readonly OutputFile[]): Promise<void> {
  const directories = [...new Set(files.map((file) => path.posix.dirname(file.path)))].filter((dir) => dir !== '.').sort();
  await forEachLimited(directories, WRITE_CONCURRENCY, async (dir) => {
    await fs.mkdir(path.join(temp, dir), { recursive: true });
  });
}

/**
 * Output paths whose bytes the old output already holds, in the copy the previous build wrote
 * (its stamp is as recorded: not another site's build into the same folder, nor a hand edit).
 */
async function unchangedFiles(
  files: readonly OutputFile[],
  outDir: string,
  previous: Manifest,
  fresh: boolean,
  survey: OutputSurvey | undefined,
): Promise<{ unchanged: Set<string>; hashes: Map<string, string> }> {
  const unchanged = new Set<string>();
  const hashes = new Map<string, string>();
  await forEachLimited(files, WRITE_CONCURRENCY, async (file) => {
    const hash = await fingerprint(file);
    hashes.set(file.path, hash);
    const before = previous[file.path];
    const old = path.join(outDir, file.path);
    // In `build()` (`fresh`), a page kept from the old output had its stamp checked moments ago (page cache or
    // staging); a page `watch()` kept may be from an earlier run, so it is checked again.
    const checked = fresh && 'copyFrom' in file && file.copyFrom === old && file.fingerprint !== undefined;
    if (before?.hash === hash && (checked || (await stillAsWritten(survey, outDir, file.path, before)))) unchanged.add(file.path);
  });
  return { unchanged, hashes };
}

/**
 * Swap the finished folder in. The old one is renamed aside first (a build killed between
 * the two renames gets it back next time), then discarded. A mount point cannot be renamed:
 * its contents are replaced instead when `inPlace` allows it.
 */
async function swapIn(temp: string, outDir: string, trash: string | undefined, inPlace: boolean): Promise<void> {
  const old = path.join(path.dirname(outDir), `.${path.basename(outDir)}.old-${process.pid}-${randomBytes(4).toString('hex')}`);
  const exists = await fs.lstat(outDir).then(
    () => true,
    () => false,
  );
  if (exists) {
    try {
      await fs.rename(outDir, old);
    } catch (error) {
      if (!isMountPointError(error)) throw error;
      if (!inPlace) throw new MountPointError(outDir, (error as NodeJS.ErrnoException).code ?? 'EBUSY');
      await replaceContentsInPlace(temp, outDir);
      return;
    }
  }
  await fs.rename(temp, outDir);
  if (exists) await discard(old, trash);
}

/**
 * Remember the output folder as ours. Written before the swap too, naming the current folder
 * and the new one (`before`), so a build killed in between still recognises either.
 */
async function recordOwnership(verdict: GuardVerdict | undefined, outDir: string, names: readonly string[], before: string | undefined): Promise<void> {
  if (!verdict) return;
  const state = verdict.state;
  const current = state.kind === 'ours' || state.kind === 'empty' ? [state.inode] : [];
  const inodes = before === undefined ? [await inodeOf(outDir)] : [...current, before];
  const all = before !== undefined && state.kind === 'ours' ? [...new Set([...state.names, ...names])].sort() : names;
  await writeOwnership(verdict.recordFile, { path: verdict.realOut, inodes, names: all });
}

/** Refuse a forbidden folder before touching anything, tidy up after killed builds, then check ownership. */
async function checkOutDir(outDir: string, options: WriteOptions): Promise<Staged<GuardVerdict | undefined>> {
  const site = options.guard?.site ?? (options.siteRoot ? siteRootFolders(options.siteRoot) : undefined);
  const forbidden = site ? await forbiddenProblem(outDir, site) : undefined;
  if (forbidden) return staged(undefined, [forbidden]);
  await fs.mkdir(path.dirname(outDir), { recursive: true });
  await recoverOutput(outDir);
  await removeLeftovers(outDir);
  return options.guard ? checkOwnership(outDir, options.guard) : staged(undefined);
}

/**
 * Write `files` to `outDir` atomically.
 *
 * @example
 * await writeOutput('/site/_site', [{ path: 'index.html', contents: '<!doctype html>…' }]);
 */
export async function writeOutput(outDir: string, files: readonly OutputFile[], options: WriteOptions = {}): Promise<Staged<WriteResult>> {
  const checked = await checkOutDir(outDir, options);
  if (hasErrors(checked.problems)) {
    await discardStaging(options.staging);
    return staged({ files: [], changed: 0 }, checked.problems);
  }
  const verdict = checked.value;
  const relink = options.relink ?? true;
  const temp = options.staging?.folder ?? stagingName(outDir);
  const previous = options.staging?.previous ?? (options.manifestPath ? await readManifest(options.manifestPath) : {});
  const next: Manifest = {};
  const names = topLevelNames(files.map((file) => file.path));
  let changed = 0;
  try {
    await fs.mkdir(temp, { recursive: true });
    const { unchanged, hashes } = await unchangedFiles(files, outDir, previous, options.staging !== undefined, options.survey);
    // Only a folder this site's build wrote, and the record of it, may be updated file by file.
    const plan = relink && options.manifestPath && verdict?.state.kind === 'ours' ? await planInPlace(outDir, files, unchanged, previous, options.survey) : undefined;
    if (plan && options.manifestPath) {
      const result = await updateInPlace({ outDir, temp, files, plan, previous, unchanged, hashes, manifestPath: options.manifestPath }, (before) => recordOwnership(verdict, outDir, names, before));
      await recordOwnership(verdict, outDir, names, undefined);
      return staged(result);
    }
    await makeDirectories(temp, files);
    await forEachLimited(files, WRITE_CONCURRENCY, async (file) => {
      if (await writeOne(file, temp, outDir, previous, next, relink, unchanged)) changed += 1;
    });
    // Once the new output is in, the old manifest would describe files that are gone;
    // were the new one then not saved, a later build could link a stale copy.
    if (options.manifestPath) await fs.rm(options.manifestPath, { force: true });
    await recordOwnership(verdict, outDir, names, await inodeOf(temp));
    // Guarded, the folder is missing, empty, ours or given up by the user: safe to rewrite in place.
    await swapIn(temp, outDir, options.trash, verdict !== undefined);
  } catch (error) {
    await fs.rm(temp, { recursive: true, force: true }).catch(() => undefined);
    return staged({ files: [], changed: 0 }, [writeFailure(outDir, error)]);
  }
  await recordOwnership(verdict, outDir, names, undefined);
  if (options.manifestPath) await writeManifest(options.manifestPath, next);
  return staged({ files: files.map((file) => file.path).sort(), changed });
}
