/** The unified pipeline: Markdown (GFM) → HTML with heading ids, raw HTML kept, user plugins in between. */
import rehypeSlug from 'rehype-slug';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified, type PluggableList, type Processor } from 'unified';
import type { Root as HastRoot } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import { ALL_GFM, gfmMaskFor, remarkGfmParts } from './gfm-parts.js';

export type MarkdownProcessor = Processor<MdastRoot, MdastRoot, HastRoot, HastRoot, string>;

export interface ProcessorPlugins {
  readonly remarkPlugins: PluggableList;
  readonly rehypePlugins: PluggableList;
}

/** Picks the (frozen, reused) processor for one body. */
export type ProcessorFor = (body: string) => MarkdownProcessor;

function build(plugins: ProcessorPlugins, gfmMask: number): MarkdownProcessor {
  return unified()
    .use(remarkParse)
    .use(remarkGfmParts(gfmMask))
    .use(plugins.remarkPlugins)
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(rehypeSlug)
    .use(plugins.rehypePlugins)
    .use(rehypeStringify, { allowDangerousHtml: true })
    .freeze() as unknown as MarkdownProcessor;
}

const NO_PLUGINS: ProcessorPlugins = { remarkPlugins: [], rehypePlugins: [] };

/** One processor with every GFM extension (what remark-gfm gives). */
export function createProcessor(plugins: ProcessorPlugins = NO_PLUGINS): MarkdownProcessor {
  return build(plugins, ALL_GFM);
}

/**
 * Processors per combination of GFM extensions, made on first use. With user plugins
 * every body gets full GFM, since a plugin may depend on GFM nodes it cannot see in the text.
 */
export function createProcessors(plugins: ProcessorPlugins = NO_PLUGINS): ProcessorFor {
  if (plugins.remarkPlugins.length + plugins.rehypePlugins.length > 0) {
    const full = build(plugins, ALL_GFM);
    return () => full;
  }
  const made = new Map<number, MarkdownProcessor>();
  return (body) => {
    const mask = gfmMaskFor(body);
    let processor = made.get(mask);
    if (!processor) made.set(mask, (processor = build(plugins, mask)));
    return processor;
  };
}
