/**
 * `markdown.sanitize`: raw HTML in a body is parsed (rehype-raw), then everything unsafe
 * is dropped (rehype-sanitize): scripts, event handlers, `javascript:` URLs, styles.
 */
import rehypeRaw from 'rehype-raw';
import rehypeSanitize, { defaultSchema, type Options as Schema } from 'rehype-sanitize';
import type { PluggableList } from 'unified';

/**
 * GitHub's schema, except that ids are kept as written instead of prefixed with
 * `user-content-`: rehype-slug's heading ids stay the anchors people link to, and
 * remark-rehype's footnote ids (already prefixed) keep matching their links.
 */
export const SAFE_SCHEMA: Schema = { ...defaultSchema, clobber: [], clobberPrefix: '' };

/** The plugins that clean a body, or none when sanitizing is off (bodies are trusted). */
export function sanitizePlugins(sanitize: boolean | Readonly<Record<string, unknown>> | undefined): PluggableList {
  if (!sanitize) return [];
  return [rehypeRaw, [rehypeSanitize, sanitize === true ? SAFE_SCHEMA : (sanitize as Schema)]];
}
