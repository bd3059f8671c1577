/**
 * The staging folder of one build: the invisible sibling of the output folder that the write
 * stage finishes and swaps in (write-output.ts). `build()` opens it before rendering and streams
 * pages into it as they are rendered, so a page's bytes are dropped once written: what is kept
 * is a `copyFrom` file naming the staged copy (or, when the bytes equal what the output folder
 * already holds, the old copy) and its content hash. Nothing in it is visible until the write
 * stage, which runs after every check; a build that fails removes it (`discardStaging`), one
 * that is killed leaves it for the next build's leftover sweep (recover-output.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { forEachLimited } from '../shared/for-each-limited.js';
import type { Manifest } from '../shared/output-manifest.js';
import { stillAsWritten, type OutputSurvey } from '../shared/output-survey.js';
import type { OutputFile } from '../shared/output-file.js';
import { unsafeOutputPath } from './check-output.js';

const STAGE_CONCURRENCY = 32;

/** An open staging folder and what it needs to decide whether a page must be written at all. */
export interface Staging {
  readonly outDir: string;
  /** The staging folder, a hidden sibling of `outDir` named so a later build's sweep finds it. */
  readonly folder: string;
  /** The previous build's manifest: a page whose bytes the old output already holds is not written. */
  readonly previous: Manifest;
  /** False (`--no-cache`): every page is written afresh, nothing is taken from the old output. */
  readonly relink: boolean;
  /** Folders already made inside the staging folder. */
  readonly made: Set<string>;
  /** The output folder as read at the start of the build (output-survey.ts): which old files still carry their stamp. */
  readonly survey?: Promise<OutputSurvey | undefined>;
}

/** The name of a new staging folder beside `outDir` (the pattern recover-output.ts sweeps). */
export function stagingName(outDir: string): string {
  return path.join(path.dirname(outDir), `.${path.basename(outDir)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/** The content hash the manifest records for a file's bytes. */
export function contentHash(contents: string | Uint8Array): string {
  return createHash('sha1').update(contents).digest('hex');
}

/** Make an empty staging folder beside `outDir`; call once the output guard has let the folder through. */
export async function openStaging(outDir: string, previous: Manifest, relink: boolean, survey?: Promise<OutputSurvey | undefined>): Promise<Staging> {
  const folder = stagingName(outDir);
  await fs.mkdir(path.dirname(outDir), { recursive: true });
  await fs.mkdir(folder);
  return { outDir, folder, previous, relink, made: new Set(['.']), ...(survey ? { survey } : {}) };
}

/** Remove a staging folder that will not be swapped in (the build failed). */
export async function discardStaging(staging: Staging | undefined): Promise<void> {
  if (staging) await fs.rm(staging.folder, { recursive: true, force: true }).catch(() => undefined);
}

/** Make the folder of `file` inside `root`, remembering what was made so each folder is made once. */
export async function makeParent(root: string, file: string, made: Set<string>): Promise<void> {
  const dir = path.posix.dirname(file);
  if (made.has(dir)) return;
  await fs.mkdir(path.join(root, dir), { recursive: true });
  for (let at = dir; at !== '.' && !made.has(at); at = path.posix.dirname(at)) made.add(at);
}

async function stageOne(staging: Staging, file: OutputFile): Promise<OutputFile> {
  if (!('contents' in file) || unsafeOutputPath(file.path) !== undefined) return file;
  const hash = contentHash(file.contents);
  const old = path.join(staging.outDir, file.path);
  const before = staging.previous[file.path];
  if (staging.relink && before?.hash === hash && (await stillAsWritten(await staging.survey, staging.outDir, file.path, before))) return { path: file.path, copyFrom: old, fingerprint: hash };
  const target = path.join(staging.folder, file.path);
  try {
    await makeParent(staging.folder, file.path, staging.made);
    await fs.writeFile(target, file.contents);
  } catch {
    // Kept in memory: the write stage tries again and reports the failure in the user's terms.
    return file;
  }
  return { path: file.path, copyFrom: target, fingerprint: hash };
}

/**
 * Write the files with contents into the staging folder and hand back lightweight stand-ins.
 * A path the output check would refuse is not written (it is handed back as it was, and the
 * check names it); neither is a file the write fails for.
 */
export async function stageFiles(staging: Staging, files: readonly OutputFile[]): Promise<OutputFile[]> {
  const staged = new Array<OutputFile>(files.length);
  await forEachLimited(
    files.map((file, at) => ({ file, at })),
    STAGE_CONCURRENCY,
    async ({ file, at }) => {
      staged[at] = await stageOne(staging, file);
    },
  );
  return staged;
}
