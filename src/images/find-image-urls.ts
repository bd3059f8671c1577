/**
 * Which site images a body may show, found by a cheap scan of its text before it is parsed:
 * every site-relative path ending in an image extension (`![…](/images/a.jpg)`, `src="/images/a.jpg"`,
 * a reference definition). A path that only appears in a code block is found too; that costs a
 * variant, never a wrong page, since only real `<img>` elements are rewritten.
 */
import type { StaticFile } from '../content/types.js';

/** A site-relative path (not `//host`) with an image extension, ending at a quote, bracket or space. */
const IMAGE_PATH = /(?<![\w./:-])(\/(?!\/)[^\s"'<>()[\]]*\.(?:jpe?g|png|gif|svg|webp|avif))(?=[\s"'<>()[\]]|$)/gi;

/** File extensions the stage can measure. */
export const IMAGE_EXTENSION = /\.(?:jpe?g|png|gif|svg|webp|avif)$/i;

/** Every distinct image path written in `body`, in order of first appearance. */
export function findImageUrls(body: string): string[] {
  if (!body.includes('/')) return [];
  return [...new Set([...body.matchAll(IMAGE_PATH)].map((match) => match[1] as string))];
}

function decoded(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

/**
 * The static file a site-relative URL names, with or without the base path (`/blog/images/a.jpg`
 * and `/images/a.jpg` are the same file on a site under `/blog/`); `undefined` when none does.
 */
export function resolveStatic(url: string, basePath: string, statics: ReadonlyMap<string, StaticFile>): StaticFile | undefined {
  const path = decoded(url.split(/[?#]/)[0] ?? url);
  if (basePath !== '/' && path.startsWith(basePath)) {
    const inside = statics.get(path.slice(basePath.length));
    if (inside) return inside;
  }
  return path.startsWith('/') ? statics.get(path.slice(1)) : undefined;
}
