/**
 * Published photos without their metadata. A phone photo carries where it was taken (GPS), when,
 * and the camera's make and serial number in EXIF, and often names and captions in XMP and IPTC;
 * sector blogs publish photos of carers, children and events. Every image of `static/` that has
 * any of these is published re-encoded by sharp, which writes none of them: orientation applied to
 * the pixels (so it shows the right way up without EXIF), the ICC colour profile kept. Images with
 * no such metadata are published exactly as they are. Stripped copies live in the image cache,
 * named by content hash like the variants, so a warm build does no work and the bytes are the same
 * every build.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { StaticFile } from '../content/types.js';
import { forEachLimited } from '../shared/for-each-limited.js';
import type { OutputFile } from '../shared/output-file.js';
import { loadSharp, type SharpFunction } from './load-sharp.js';
import { encode, imageCacheFolder, isCached, ORIGINAL_ENCODERS } from './make-variants.js';
import type { ImageFacts } from './read-image-facts.js';
import type { ImageFormat } from './types.js';

/** Formats that carry EXIF, XMP or IPTC and that sharp writes back (GIF and SVG are published as they are). */
const STRIPPED_FORMATS: ReadonlySet<ImageFormat> = new Set(['jpeg', 'png', 'webp', 'avif']);

/** Files in `static/` that may be such an image, by extension (their facts say what they really are). */
export const STRIPPED_EXTENSION = /\.(?:jpe?g|png|webp|avif)$/i;

/** One original to publish stripped: from which file, as which format, into which cache file, at which output path. */
export interface StripJob {
  readonly source: string;
  readonly format: ImageFormat;
  readonly outputPath: string;
  readonly cacheName: string;
}

/** The job for an image whose facts say it has metadata; `undefined` when it is published as it is. */
export function stripJob(facts: ImageFacts, digest: string): StripJob | undefined {
  if (!facts.metadata || !facts.format || !STRIPPED_FORMATS.has(facts.format)) return undefined;
  const extension = path.extname(facts.file.outputPath).toLowerCase();
  return { source: facts.file.path, format: facts.format, outputPath: facts.file.outputPath, cacheName: `${facts.hash}-${digest}-original${extension}` };
}

async function writeStripped(sharp: SharpFunction, job: StripJob, target: string): Promise<void> {
  const temp = `${target}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    // sharp writes no EXIF, XMP or IPTC unless asked; rotate() turns the pixels as EXIF said.
    await encode(sharp(job.source).rotate().keepIccProfile(), job.format, ORIGINAL_ENCODERS).toFile(temp);
    await fs.rename(temp, target);
  } finally {
    await fs.rm(temp, { force: true });
  }
}

/**
 * Make the stripped copies missing from the cache; resolves to the output files that replace the
 * originals, and the jobs that failed (their original is then not published: see `prepare`).
 */
export async function stripOriginals(jobs: readonly StripJob[], root: string, known: Set<string>): Promise<{ files: OutputFile[]; made: number; failed: { job: StripJob; message: string }[] }> {
  const folder = imageCacheFolder(root);
  if (jobs.length > 0) await fs.mkdir(folder, { recursive: true });
  const sharp = await loadSharp();
  const files: OutputFile[] = [];
  const failed: { job: StripJob; message: string }[] = [];
  let made = 0;
  await forEachLimited(jobs, 2, async (job) => {
    const target = path.join(folder, job.cacheName);
    try {
      if (!(await isCached(target, known))) {
        await writeStripped(sharp, job, target);
        known.add(target);
        made += 1;
      }
      files.push({ path: job.outputPath, copyFrom: target });
    } catch (error) {
      failed.push({ job, message: error instanceof Error ? error.message : String(error) });
    }
  });
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, made, failed };
}

/** The output files of `static/`: each file as it is, except the images a stripped copy replaces. */
export function staticOutputFiles(statics: readonly StaticFile[], replaced: readonly string[]): OutputFile[] {
  const skip = new Set(replaced);
  return statics.filter((file) => !skip.has(file.outputPath)).map((file) => ({ path: file.outputPath, copyFrom: file.path, identity: file.identity }));
}
