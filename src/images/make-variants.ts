/**
 * The image work itself (sharp), at the edge: each variant not yet in the image cache is
 * encoded into it, a few at a time with one libvips thread each, so a 8000 × 6000 photo never
 * holds more than a few decoded copies in memory (JPEGs are shrunk while they are decoded).
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { cacheFolder } from '../shared/cache-folder.js';
import { forEachLimited } from '../shared/for-each-limited.js';
import type { VariantJob } from './plan-variants.js';
import type { ImageFormat } from './types.js';

/** Variants encoded at once: enough to keep two cores busy, few enough to bound memory. */
const AT_ONCE = 2;

/** The encoder settings; part of every cache file's name (see `encoderDigest`). */
const ENCODERS = {
  jpeg: { quality: 80, progressive: true, mozjpeg: true },
  png: { compressionLevel: 9, adaptiveFiltering: true },
  webp: { quality: 75, effort: 4 },
  avif: { quality: 50, effort: 4 },
} as const;

/** Where variants are kept between builds. */
export function imageCacheFolder(root: string): string {
  return path.join(cacheFolder(root), 'images');
}

/** A digest of what shapes the variants' bytes: sharp and libvips versions and the encoder settings. */
export function encoderSettings(): string {
  return JSON.stringify({ sharp: sharp.versions, encoders: ENCODERS });
}

function encode(pipeline: Sharp, format: ImageFormat): Sharp {
  switch (format) {
    case 'png':
      return pipeline.png(ENCODERS.png);
    case 'webp':
      return pipeline.webp(ENCODERS.webp);
    case 'avif':
      return pipeline.avif(ENCODERS.avif);
    default:
      return pipeline.jpeg(ENCODERS.jpeg);
  }
}

async function makeOne(job: VariantJob, target: string): Promise<void> {
  const temp = `${target}.${randomBytes(4).toString('hex')}.tmp`;
  // `rotate()` applies the EXIF orientation; the default pixel limit (268 MP) still guards against decompression bombs.
  const pipeline = sharp(job.source, { sequentialRead: true }).rotate().resize({ width: job.variant.width, withoutEnlargement: true });
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

/**
 * Make every variant missing from the cache. `known` holds cache files seen in earlier runs of
 * this process, so a rebuild does not even stat them; it is updated in place.
 */
export async function makeVariants(jobs: readonly VariantJob[], root: string, known: Set<string>): Promise<MadeVariants> {
  const folder = imageCacheFolder(root);
  await fs.mkdir(folder, { recursive: true });
  sharp.concurrency(1);
  let made = 0;
  let cached = 0;
  const failed: { job: VariantJob; message: string }[] = [];
  await forEachLimited(jobs, AT_ONCE, async (job) => {
    const target = path.join(folder, job.cacheName);
    if (
      known.has(target) ||
      (await fs.stat(target).then(
        (stats) => stats.isFile(),
        () => false,
      ))
    ) {
      known.add(target);
      cached += 1;
      return;
    }
    try {
      await makeOne(job, target);
      known.add(target);
      made += 1;
    } catch (error) {
      failed.push({ job, message: error instanceof Error ? error.message : String(error) });
    }
  });
  return { made, cached, failed };
}

/** Remove variants no image uses any more, so the cache does not grow without bound. */
export async function pruneVariantCache(folder: string, used: ReadonlySet<string>, known: Set<string>): Promise<void> {
  const names = await fs.readdir(folder).catch(() => [] as string[]);
  const stale = names.filter((name) => !used.has(name) && !name.endsWith('.tmp'));
  await Promise.all(stale.map((name) => fs.rm(path.join(folder, name), { force: true })));
  for (const name of stale) known.delete(path.join(folder, name));
}
