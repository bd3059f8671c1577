/**
 * `markdown.sanitize`: raw HTML in a body is parsed (rehype-raw), then everything unsafe
 * is dropped (rehype-sanitize): scripts, event handlers, `javascript:` URLs, styles.
 */
import rehypeRaw from 'rehype-raw';
import rehypeSanitize, { defaultSchema, type Options as Schema } from 'rehype-sanitize';
import type { PluggableList } from 'unified';

/**
 * Ids are kept as written instead of prefixed with `user-content-`: rehype-slug's heading
 * ids stay the anchors people link to, and remark-rehype's footnote ids (already
 * prefixed) keep matching their links. A custom schema may still set its own.
 */
const KEEP_IDS: Schema = { clobber: [], clobberPrefix: '' };

/**
 * GitHub's schema (rehype-sanitize's default), keeping ids as written and `class` on any
 * element, which styles migrated HTML and cannot run anything.
 */
const SAFE_SCHEMA: Schema = {
  ...defaultSchema,
  ...KEEP_IDS,
  attributes: { ...defaultSchema.attributes, '*': [...(defaultSchema.attributes?.['*'] ?? []), 'className'] },
};

/** The plugins that clean a body, or none when sanitizing is off (bodies are trusted). */
export function sanitizePlugins(sanitize: boolean | Readonly<Record<string, unknown>> | undefined): PluggableList {
  if (!sanitize) return [];
  return [rehypeRaw, [rehypeSanitize, sanitize === true ? SAFE_SCHEMA : { ...KEEP_IDS, ...(sanitize as Schema) }]];
}
