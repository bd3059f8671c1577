/**
 * Which variants each image gets: widths that fit the theme's layout (the content column is
 * 42rem, ≈ 672 CSS px, so 320–1600 covers phones to 2× screens; avatars show at 56–96 px),
 * never wider than the original, in WebP plus the original's format (AVIF when asked).
 * Pure: the same facts and options give the same plan.
 */
import type { ImageOptions } from '../config/types.js';
import type { ImageFacts } from './read-image-facts.js';
import type { ImageFormat, ImageVariant, SiteImage } from './types.js';

/** How an image is shown, which decides its widths. */
export type ImageUse = 'content' | 'lead' | 'avatar';

const WIDTHS: Readonly<Record<ImageUse, readonly number[]>> = {
  content: [320, 640, 960, 1280, 1600],
  // 1200 wide is the size Open Graph and JSON-LD ask for.
  lead: [320, 640, 960, 1200, 1280, 1600],
  avatar: [96, 192],
};

/** The width of the variant shared in Open Graph and JSON-LD. */
const SHARE_WIDTH = 1200;

/** Where the variants go in the output. */
const VARIANT_FOLDER = '_images';

/** One variant to make: from which file, into which cache file. */
export interface VariantJob {
  readonly source: string;
  readonly variant: ImageVariant;
  /** File name in the image cache: content hash + options + width + format, so a changed image or option never reuses it. */
  readonly cacheName: string;
}

const RESIZED: ReadonlySet<ImageFormat> = new Set(['jpeg', 'png', 'webp']);

/** A name safe in any URL: the original's name in lower case, other characters as `-`. */
function stemOf(outputPath: string): string {
  const base = outputPath.slice(outputPath.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '');
  return (
    base
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'image'
  );
}

function formatsOf(original: ImageFormat, options: ImageOptions): ImageFormat[] {
  const formats: ImageFormat[] = options.avif ? ['avif', 'webp'] : ['webp'];
  if (original !== 'webp') formats.push(original);
  return formats;
}

function widthsOf(uses: ReadonlySet<ImageUse>, original: number): number[] {
  const wanted = [...uses].flatMap((use) => WIDTHS[use]).filter((width) => width < original);
  // The original's own width closes the list when it is narrower than the widest wanted.
  const widest = Math.max(...[...uses].flatMap((use) => WIDTHS[use]));
  if (original <= widest) wanted.push(original);
  return [...new Set(wanted)].sort((a, b) => a - b);
}

/**
 * The image as pages show it, and the variant jobs behind it. `digest` names the encoder
 * settings (sharp's version and the options), so changing them makes new cache files.
 */
export function planVariants(facts: ImageFacts, uses: ReadonlySet<ImageUse>, options: ImageOptions, digest: string): { image: SiteImage; jobs: VariantJob[] } {
  const url = `/${facts.file.outputPath}`;
  const format = facts.format ?? 'jpeg';
  if (!facts.format || !RESIZED.has(facts.format) || facts.width === 0 || facts.height === 0) {
    return { image: { url, width: facts.width, height: facts.height, format, variants: [] }, jobs: [] };
  }
  const jobs: VariantJob[] = [];
  const stem = stemOf(facts.file.outputPath);
  for (const width of widthsOf(uses, facts.width)) {
    const height = Math.max(1, Math.round((facts.height * width) / facts.width));
    for (const variantFormat of formatsOf(format, options)) {
      const extension = variantFormat === 'jpeg' ? 'jpg' : variantFormat;
      const variant: ImageVariant = { url: `/${VARIANT_FOLDER}/${stem}-${facts.hash.slice(0, 8)}-${width}.${extension}`, width, height, format: variantFormat };
      jobs.push({ source: facts.file.path, variant, cacheName: `${facts.hash}-${digest}-${width}.${extension}` });
    }
  }
  return { image: { url, width: facts.width, height: facts.height, format, variants: jobs.map((job) => job.variant) }, jobs };
}

/** The variant to share (Open Graph, JSON-LD): the one nearest 1200 wide in the original's format (or WebP). */
export function shareVariant(image: SiteImage): ImageVariant | undefined {
  const plain = image.variants.filter((variant) => variant.format === image.format);
  const candidates = plain.length > 0 ? plain : image.variants;
  return candidates.reduce<ImageVariant | undefined>((best, variant) => (!best || Math.abs(variant.width - SHARE_WIDTH) < Math.abs(best.width - SHARE_WIDTH) ? variant : best), undefined);
}
