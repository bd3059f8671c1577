/**
 * One post's conversion, bounded as the build bounds a body (`shared/body-limits.ts`: the same size limit,
 * and the same time per megabyte, checked between the conversion's steps), with two limits of its own for
 * what makes the HTML converter slow or overflow its stack: the number of tags and lines, and the nesting of
 * block containers. A post over a limit, or one the converter fails on, is a failure naming why; the import
 * goes on with the next post.
 */
import { type BodyLimits, limitsOf, megabytes, seconds, timeLimitForBytes } from '../shared/body-limits.js';
import { type ConvertedPost, type ConvertOptions, convertPostHtml } from './convert-post-html.js';
import type { AttachmentInfo } from './convert-shortcodes.js';

/** Tags and (in classic-editor posts, where each becomes a `<br>`) lines: a very long post has a few thousand. */
const MAX_PARTS = 100_000;
/** Block containers inside one another: real posts nest a handful deep. */
const MAX_NESTING = 200;

type BoundedConversion = { readonly post: ConvertedPost } | { readonly failure: string };

class OutOfTime extends Error {}

/** Opening tags, plus newlines when they become line breaks. One pass, no arrays. */
function countParts(html: string, classic: boolean): number {
  let parts = 0;
  for (let at = html.indexOf('<'); at !== -1; at = html.indexOf('<', at + 1)) if (/[a-z]/i.test(html[at + 1] ?? '')) parts += 1;
  if (classic) for (let at = html.indexOf('\n'); at !== -1; at = html.indexOf('\n', at + 1)) parts += 1;
  return parts;
}

const CONTAINER = /<(\/?)(blockquote|div|ul|ol|dl|table|section|article|aside|figure|details)\b/gi;

/** How deep block containers nest, from their opening and closing tags (stray closing tags count for nothing). */
function nestingOf(html: string): number {
  let depth = 0;
  let deepest = 0;
  for (const match of html.matchAll(CONTAINER)) {
    depth = match[1] ? Math.max(0, depth - 1) : depth + 1;
    deepest = Math.max(deepest, depth);
  }
  return deepest;
}

/** Why the post is not converted before trying, if it is over a limit. */
function overLimit(html: string, classic: boolean, limits: BodyLimits): string | undefined {
  const bytes = Buffer.byteLength(html);
  if (bytes > limits.maxBodyBytes) return `its text is ${megabytes(bytes)}, over the ${megabytes(limits.maxBodyBytes)} limit for a post`;
  const parts = countParts(html, classic);
  if (parts > MAX_PARTS) return `its text has ${parts} HTML tags${classic ? ' and lines' : ''}, over the ${MAX_PARTS} the import converts in one post`;
  const nesting = nestingOf(html);
  if (nesting > MAX_NESTING) return `its HTML nests ${nesting} levels deep (quotes, lists or boxes inside one another), over the ${MAX_NESTING} the import converts`;
  return undefined;
}

/**
 * The post converted, or why it was not. Never throws.
 * @example convertPostBounded('<p>Hi</p>', { classic: false, siteUrl: 'https://a.example' }) // { post: { markdown: 'Hi\n', … } }
 */
export function convertPostBounded(html: string, options: ConvertOptions, attachments?: ReadonlyMap<string, AttachmentInfo>, limits: BodyLimits = limitsOf({})): BoundedConversion {
  const over = overLimit(html, options.classic, limits);
  if (over) return { failure: over };
  const allowed = timeLimitForBytes(Buffer.byteLength(html), limits);
  const started = performance.now();
  const checkpoint = (): void => {
    if (performance.now() - started > allowed) throw new OutOfTime();
  };
  try {
    return { post: convertPostHtml(html, { ...options, checkpoint }, attachments) };
  } catch (error) {
    if (error instanceof OutOfTime) return { failure: `converting it took longer than ${seconds(allowed)}, the limit for its size` };
    if (error instanceof RangeError) return { failure: 'its HTML is nested too deeply to convert' };
    return { failure: `it could not be converted (${error instanceof Error ? error.message : String(error)})` };
  }
}
