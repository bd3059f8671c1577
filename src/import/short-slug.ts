/**
 * Slugs an import makes must fit in a file name: most file systems allow 255 bytes, and a post's file name adds
 * its date, maybe an id and `.md`. A slug from a title is cut at a word (a hyphen) to 80 characters; any slug,
 * WordPress's own included (WordPress keeps up to 200 bytes), to 200 bytes of UTF-8.
 */

const TITLE_CHARS = 80;
const MAX_BYTES = 200;

const fits = (text: string, chars: number): boolean => text.length <= chars && Buffer.byteLength(text) <= MAX_BYTES;

/** The longest start of `slug` within the limits: whole words when the first fits, else whole characters (graphemes). */
function cut(slug: string, chars: number): string {
  let kept = '';
  for (const word of slug.split('-')) {
    const longer = kept ? `${kept}-${word}` : word;
    if (!fits(longer, chars)) break;
    kept = longer;
  }
  if (kept) return kept;
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(slug)) {
    if (!fits(kept + segment, chars)) break;
    kept += segment;
  }
  return kept.replace(/-+$/, '');
}

/**
 * @param fromTitle true for a slug made from a title (80 characters at most), false for one the old site gave.
 * @example shortSlug('a-'.repeat(100) + 'b', true).length // 79
 */
export function shortSlug(slug: string, fromTitle: boolean): string {
  const chars = fromTitle ? TITLE_CHARS : MAX_BYTES;
  return fits(slug, chars) ? slug : cut(slug, chars);
}
