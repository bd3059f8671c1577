/**
 * The atomic write: everything goes into a temporary sibling folder, which is
 * swapped in by rename only when complete. A failed or killed build leaves the
 * previous output in place; the next build removes the leftovers.
 */
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { errorProblem, staged, type Staged } from '../shared/errors.js';
import { forEachLimited } from '../shared/for-each-limited.js';
import { fileStamp, readManifest, untouchedSince, writeManifest, type Manifest } from '../shared/output-manifest.js';
import { recoverOutput, removeLeftovers } from './recover-output.js';
import { discard } from './remove-in-background.js';
import type { OutputFile } from '../shared/output-file.js';

const WRITE_CONCURRENCY = 64;

export interface WriteOptions {
  /** Where to remember what was written last time (to count and skip unchanged files). */
  readonly manifestPath?: string;
  /** The site folder: the output may never be it or contain it, since the swap replaces the whole folder. */
  readonly siteRoot?: string;
  /** Where the replaced output goes to be deleted in the background; without it, it is deleted before returning. */
  readonly trash?: string;
  /**
   * Hard-link files whose bytes are unchanged from the previous output (default true), once the
   * manifest's stamp shows the old copy is still the one written. `false` writes every file afresh.
   */
  readonly relink?: boolean;
}

/** Why replacing `outDir` wholesale would destroy things that are not build output, or `undefined`. */
export function dangerousOutDir(outDir: string, siteRoot: string | undefined): string | undefined {
  const resolved = path.resolve(outDir);
  if (resolved === path.parse(resolved).root) return 'it is the root of the file system';
  if (process.env.HOME && resolved === path.resolve(process.env.HOME)) return 'it is your home folder';
  if (siteRoot) {
    const relative = path.relative(resolved, path.resolve(siteRoot));
    if (relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))) return 'it contains the site folder';
  }
  return undefined;
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
  if (print === undefined) fingerprints.set(file, (print = createHash('sha1').update(file.contents).digest('hex')));
  return print;
}

/**
 * Write one file into the temporary folder, hard-linking the previous copy when its bytes are
 * unchanged and the copy is provably the one the previous build wrote (its stamp is as recorded:
 * not another site's build into the same folder, nor a hand edit). True when its bytes changed.
 */
async function writeOne(file: OutputFile, temp: string, outDir: string, previous: Manifest, next: Manifest, relink: boolean): Promise<boolean> {
  const target = path.join(temp, file.path);
  const hash = await fingerprint(file);
  const before = previous[file.path];
  const old = path.join(outDir, file.path);
  const same = before?.hash === hash && (await untouchedSince(old, before));
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
  if ('copyFrom' in file) await fs.copyFile(file.copyFrom, target);
  else await fs.writeFile(target, file.contents);
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
 * Swap the finished folder in. The old one is renamed aside first (a build killed between
 * the two renames gets it back next time), then discarded.
 */
async function swapIn(temp: string, outDir: string, trash: string | undefined): Promise<void> {
  const old = path.join(path.dirname(outDir), `.${path.basename(outDir)}.old-${process.pid}-${randomBytes(4).toString('hex')}`);
  const exists = await fs.stat(outDir).then(() => true, () => false);
  if (exists) await fs.rename(outDir, old);
  await fs.rename(temp, outDir);
  if (exists) await discard(old, trash);
}

/**
 * Write `files` to `outDir` atomically.
 *
 * @example
 * await writeOutput('/site/_site', [{ path: 'index.html', contents: '<!doctype html>…' }]);
 */
export async function writeOutput(outDir: string, files: readonly OutputFile[], options: WriteOptions = {}): Promise<Staged<WriteResult>> {
  const danger = dangerousOutDir(outDir, options.siteRoot);
  if (danger) {
    return staged({ files: [], changed: 0 }, [errorProblem({
      code: 'output/unsafe-out-dir',
      message: `Refusing to use ${outDir} as the output folder: ${danger}. Each build replaces the output folder completely.`,
      hint: 'Choose an output folder of its own, such as `_site` (the default).',
    })]);
  }
  const parent = path.dirname(outDir);
  await fs.mkdir(parent, { recursive: true });
  await recoverOutput(outDir);
  await removeLeftovers(outDir);
  const temp = path.join(parent, `.${path.basename(outDir)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  const previous = options.manifestPath ? await readManifest(options.manifestPath) : {};
  const next: Manifest = {};
  let changed = 0;
  try {
    await fs.mkdir(temp);
    await makeDirectories(temp, files);
    await forEachLimited(files, WRITE_CONCURRENCY, async (file) => {
      if (await writeOne(file, temp, outDir, previous, next, options.relink ?? true)) changed += 1;
    });
    // Once the new output is in, the old manifest would describe files that are gone;
    // were the new one then not saved, a later build could link a stale copy.
    if (options.manifestPath) await fs.rm(options.manifestPath, { force: true });
    await swapIn(temp, outDir, options.trash);
  } catch (error) {
    await fs.rm(temp, { recursive: true, force: true }).catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    return staged({ files: [], changed: 0 }, [errorProblem({
      code: 'output/write',
      message: `Could not write the site to ${outDir}: ${reason}. The previous output is unchanged.`,
      hint: 'Check there is free disk space and that the folder is writable, then build again.',
    })]);
  }
  if (options.manifestPath) await writeManifest(options.manifestPath, next);
  return staged({ files: files.map((file) => file.path).sort(), changed });
}
