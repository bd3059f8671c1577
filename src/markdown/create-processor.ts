/** The unified pipeline: Markdown (GFM) → HTML with heading ids, raw HTML kept (or sanitized), user plugins in between. */
import rehypeSlug from 'rehype-slug';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified, type PluggableList, type Processor } from 'unified';
import type { Root as HastRoot } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import { rehypeBasePath } from './rehype-base-path.js';
import { rehypeImages } from './rehype-images.js';
import { sanitizePlugins } from './sanitize-body.js';
import { ALL_GFM, AUTOLINK_GFM, gfmMaskFor, hasAutolinks, needsAutolinks, remarkGfmParts } from './gfm-parts.js';

export type MarkdownProcessor = Processor<MdastRoot, MdastRoot, HastRoot, HastRoot, string>;

export interface ProcessorPlugins {
  readonly remarkPlugins: PluggableList;
  readonly rehypePlugins: PluggableList;
  /** `markdown.sanitize`: clean the HTML last, so nothing a plugin adds escapes it. */
  readonly sanitize?: boolean | Readonly<Record<string, unknown>>;
}

/** Picks the (frozen, reused) processor for one body; `withAutolinks` insists on the autolink extension. */
export type ProcessorFor = (body: string, withAutolinks?: boolean) => MarkdownProcessor;

function build(plugins: ProcessorPlugins, gfmMask: number, basePath: string): MarkdownProcessor {
  return (
    unified()
      .use(remarkParse)
      .use(remarkGfmParts(gfmMask))
      .use(plugins.remarkPlugins)
      .use(remarkRehype, { allowDangerousHtml: true })
      .use(rehypeSlug)
      .use(plugins.rehypePlugins)
      // Before the base path, which it leaves to the next plugin; a no-op for bodies without site images.
      .use(rehypeImages)
      // After users' plugins, so site-relative links they add get the base path too.
      .use(basePath === '/' ? [] : [[rehypeBasePath, { basePath }]])
      .use(sanitizePlugins(plugins.sanitize))
      .use(rehypeStringify, { allowDangerousHtml: true })
      .freeze() as unknown as MarkdownProcessor
  );
}

const NO_PLUGINS: ProcessorPlugins = { remarkPlugins: [], rehypePlugins: [] };

/**
 * Processors per combination of GFM extensions, made on first use. With user plugins
 * every body gets full GFM, since a plugin may depend on GFM nodes it cannot see in the text.
 */
export function createProcessors(plugins: ProcessorPlugins = NO_PLUGINS, basePath = '/'): ProcessorFor {
  if (plugins.remarkPlugins.length + plugins.rehypePlugins.length > 0) {
    const full = build(plugins, ALL_GFM, basePath);
    return () => full;
  }
  const made = new Map<number, MarkdownProcessor>();
  return (body, withAutolinks = false) => {
    const mask = gfmMaskFor(body) | (withAutolinks ? AUTOLINK_GFM : 0);
    let processor = made.get(mask);
    if (!processor) made.set(mask, (processor = build(plugins, mask, basePath)));
    return processor;
  };
}

/**
 * Parse one body with the processor it needs. A body parsed without autolinks whose text
 * turns out to hold a possible one (a `](…)` that was not a link after all) is parsed
 * again with them, so the result is always remark-gfm's.
 */
export function parseMarkdown(processorFor: ProcessorFor, body: string): { processor: MarkdownProcessor; tree: MdastRoot } {
  const processor = processorFor(body);
  const tree = processor.parse(body);
  if (hasAutolinks(processor) || !needsAutolinks(tree)) return { processor, tree };
  const withAutolinks = processorFor(body, true);
  return { processor: withAutolinks, tree: withAutolinks.parse(body) };
}
