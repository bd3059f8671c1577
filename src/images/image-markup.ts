/**
 * The one markup for a site image, used by the Markdown stage (images in bodies) and the
 * theme's `image` helper (lead images, avatars): `<picture>` with a WebP (and AVIF) source and
 * an `<img>` in the original format, `srcset` + `sizes`, and `width`/`height` so nothing moves
 * while it loads. Lazy loading for all but the lead image, which the browser should fetch first.
 */
import type { ImageVariant, SiteImage } from './types.js';

/** The content column of the default theme (site.css `--measure: 42rem`, with 1rem padding each side below it). */
export const CONTENT_SIZES = '(min-width: 44rem) 42rem, calc(100vw - 2rem)';

export interface MarkupOptions {
  /**
   * Attributes of the `<img>` (alt, class, title…) in order, values already escaped for a
   * double-quoted attribute (see `escapeAttribute`); `src`, `srcset` and `sizes` are replaced.
   */
  readonly attributes: readonly (readonly [string, string])[];
  /** The `sizes` attribute: how wide the image shows. */
  readonly sizes: string;
  /** The lead image: fetched first, never lazily. */
  readonly lead?: boolean;
  /** Maps a site-relative URL to the one printed (adds the base path in templates; Markdown adds it later). */
  readonly url?: (siteUrl: string) => string;
}

const REPLACED = new Set(['src', 'srcset', 'sizes']);

/** Text → a double-quoted attribute value. */
export function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attributeText(attributes: readonly (readonly [string, string])[]): string {
  return attributes.map(([name, value]) => ` ${name}="${value}"`).join('');
}

function srcSet(variants: readonly ImageVariant[], url: (siteUrl: string) => string): string {
  return variants.map((variant) => `${url(variant.url)} ${variant.width}w`).join(', ');
}

/** The `<img>` attributes the stage adds, unless written already: size, and how to load. */
function added(image: { width: number; height: number }, written: ReadonlySet<string>, lead: boolean): [string, string][] {
  const extra: [string, string][] = [];
  if (!written.has('width') && !written.has('height') && image.width > 0 && image.height > 0) extra.push(['width', String(image.width)], ['height', String(image.height)]);
  if (lead) {
    if (!written.has('fetchpriority')) extra.push(['fetchpriority', 'high']);
  } else {
    if (!written.has('loading')) extra.push(['loading', 'lazy']);
    if (!written.has('decoding')) extra.push(['decoding', 'async']);
  }
  return extra;
}

/** The fallback `src`: the original-format variant nearest 960 px wide without going over, else the narrowest. */
function fallbackOf(variants: readonly ImageVariant[]): ImageVariant | undefined {
  const fitting = variants.filter((variant) => variant.width <= 960);
  return fitting[fitting.length - 1] ?? variants[0];
}

/**
 * The markup for `image`.
 *
 * @example
 * imageMarkup(image, { attributes: [['alt', 'Foster carers at the summer event']], sizes: CONTENT_SIZES });
 * // <picture><source type="image/webp" srcset="/_images/summer-3f9a1c2b-320.webp 320w, …" sizes="…"><img src="…" …></picture>
 */
export function imageMarkup(image: SiteImage, options: MarkupOptions): string {
  const url = options.url ?? ((value: string) => value);
  const all = options.attributes.filter(([name]) => !REPLACED.has(name.toLowerCase()));
  // A leading `class` stays before `src`, where the theme's templates have always put it.
  const leadClass = all[0]?.[0] === 'class' ? ` class="${all[0][1]}"` : '';
  const kept = leadClass ? all.slice(1) : all;
  const written = new Set(kept.map(([name]) => name.toLowerCase()));
  const lead = options.lead ?? false;
  const plain = image.variants.filter((variant) => variant.format === image.format);
  const fallback = fallbackOf(plain);
  if (!fallback) return `<img${leadClass} src="${escapeAttribute(url(image.url))}"${attributeText([...kept, ...added(image, written, lead)])}>`;
  const widest = plain[plain.length - 1] as ImageVariant;
  const sizes = escapeAttribute(options.sizes);
  const img = `<img${leadClass} src="${escapeAttribute(url(fallback.url))}" srcset="${escapeAttribute(srcSet(plain, url))}" sizes="${sizes}"${attributeText([...kept, ...added(widest, written, lead)])}>`;
  const sources = (['avif', 'webp'] as const)
    .filter((format) => format !== image.format)
    .map((format) => image.variants.filter((variant) => variant.format === format))
    .filter((variants) => variants.length > 0)
    .map((variants) => `<source type="image/${variants[0]?.format}" srcset="${escapeAttribute(srcSet(variants, url))}" sizes="${sizes}">`);
  return sources.length > 0 ? `<picture>${sources.join('')}${img}</picture>` : img;
}
