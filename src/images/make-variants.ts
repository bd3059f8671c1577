/**
 * The image work itself (sharp), at the edge: each variant not yet in the image cache is
 * encoded into it, a few at a time with one libvips thread each, so a 8000 × 6000 photo never
 * holds more than a few decoded copies in memory (JPEGs are shrunk while they are decoded).
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { AvifOptions, JpegOptions, OutputInfo, PngOptions, Sharp, WebpOptions } from 'sharp';
import { cacheFolder } from '../shared/cache-folder.js';
import { forEachLimited } from '../shared/for-each-limited.js';
import { loadSharp, type SharpFunction } from './load-sharp.js';
import type { VariantJob } from './plan-variants.js';
import type { ImageFormat } from './types.js';

/** Variants encoded at once: enough to keep two cores busy, few enough to bound memory. */
const AT_ONCE = 2;

/** Encoder options for each format sharp writes. */
export interface Encoders {
  readonly jpeg: JpegOptions;
  readonly png: PngOptions;
  readonly webp: WebpOptions;
  readonly avif: AvifOptions;
}

/** The encoder settings; part of every cache file's name (see `encoderDigest`). */
const ENCODERS: Encoders = {
  jpeg: { quality: 80, progressive: true, mozjpeg: true },
  png: { compressionLevel: 9, adaptiveFiltering: true },
  webp: { quality: 75, effort: 4 },
  avif: { quality: 50, effort: 4 },
};

/**
 * The settings for a stripped original (strip-metadata.ts): it replaces the photo people
 * download, so JPEG and WebP at high quality, PNG lossless.
 */
export const ORIGINAL_ENCODERS: Encoders = {
  jpeg: { quality: 90 },
  png: { compressionLevel: 9 },
  webp: { quality: 90 },
  avif: { quality: 70 },
};

/** Where variants are kept between builds. */
export function imageCacheFolder(root: string): string {
  return path.join(cacheFolder(root), 'images');
}

/** A digest of what shapes the variants' (and stripped originals') bytes: sharp and libvips versions and the encoder settings. */
export async function encoderSettings(): Promise<string> {
  const sharp = await loadSharp();
  return JSON.stringify({ sharp: sharp.versions, encoders: ENCODERS, originals: ORIGINAL_ENCODERS });
}

/** `pipeline` written as `format` with `encoders`' options for it (JPEG for anything else). */
export function encode(pipeline: Sharp, format: ImageFormat, encoders: Encoders = ENCODERS): Sharp {
  switch (format) {
    case 'png':
      return pipeline.png(encoders.png);
    case 'webp':
      return pipeline.webp(encoders.webp);
    case 'avif':
      return pipeline.avif(encoders.avif);
    default:
      return pipeline.jpeg(encoders.jpeg);
  }
}

/** The source decoded once, EXIF-rotated and shrunk to the widest variant wanted: every variant is made from it. */
async function decodeOnce(sharp: SharpFunction, source: string, width: number): Promise<{ data: Buffer; info: OutputInfo }> {
  // Shrink-on-load keeps a large JPEG's decoded copy near the target size; the default pixel limit (268 MP) still refuses decompression bombs.
  return sharp(source, { sequentialRead: true }).rotate().resize({ width, withoutEnlargement: true }).raw().toBuffer({ resolveWithObject: true });
}

async function writeVariant(sharp: SharpFunction, base: { data: Buffer; info: OutputInfo }, job: VariantJob, target: string): Promise<void> {
  const temp = `${target}.${randomBytes(4).toString('hex')}.tmp`;
  const { width, height, channels } = base.info;
  const pipeline = sharp(base.data, { raw: { width, height, channels } }).resize({ width: job.variant.width, withoutEnlargement: true });
  try {
    await encode(pipeline, job.variant.format).toFile(temp);
    await fs.rename(temp, target);
  } finally {
    await fs.rm(temp, { force: true });
  }
}

export interface MadeVariants {
  /** Variants encoded now (the image work a warm build must not do). */
  readonly made: number;
  /** Variants found in the cache. */
  readonly cached: number;
  /** Jobs that failed, with the reason. */
  readonly failed: readonly { readonly job: VariantJob; readonly message: string }[];
}

export async function isCached(target: string, known: Set<string>): Promise<boolean> {
  if (known.has(target)) return true;
  const found = await fs.stat(target).then(
    (stats) => stats.isFile(),
    () => false,
  );
  if (found) known.add(target);
  return found;
}

/**
 * Make every variant missing from the cache, one source image at a time per slot: each source is
 * decoded once. `known` holds cache files seen in earlier runs of this process, so a rebuild does
 * not even stat them; it is updated in place.
 */
export async function makeVariants(jobs: readonly VariantJob[], root: string, known: Set<string>): Promise<MadeVariants> {
  const folder = imageCacheFolder(root);
  await fs.mkdir(folder, { recursive: true });
  const sharp = await loadSharp();
  sharp.concurrency(1);
  const missing = new Map<string, VariantJob[]>();
  for (const job of jobs) if (!(await isCached(path.join(folder, job.cacheName), known))) missing.set(job.source, [...(missing.get(job.source) ?? []), job]);
  let made = 0;
  const failed: { job: VariantJob; message: string }[] = [];
  await forEachLimited([...missing.values()], AT_ONCE, async (sourceJobs) => {
    try {
      const base = await decodeOnce(sharp, sourceJobs[0]?.source ?? '', Math.max(...sourceJobs.map((job) => job.variant.width)));
      for (const job of sourceJobs) {
        const target = path.join(folder, job.cacheName);
        await writeVariant(sharp, base, job, target);
        known.add(target);
        made += 1;
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      failed.push(...sourceJobs.filter((job) => !known.has(path.join(folder, job.cacheName))).map((job) => ({ job, message })));
    }
  });
  return { made, cached: jobs.length - made - failed.length, failed };
}

/** Remove variants no image uses any more, so the cache does not grow without bound. */
export async function pruneVariantCache(folder: string, used: ReadonlySet<string>, known: Set<string>): Promise<void> {
  const names = await fs.readdir(folder).catch(() => [] as string[]);
  const stale = names.filter((name) => !used.has(name) && !name.endsWith('.tmp'));
  await Promise.all(stale.map((name) => fs.rm(path.join(folder, name), { force: true })));
  for (const name of stale) known.delete(path.join(folder, name));
}
