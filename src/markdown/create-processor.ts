/** The one unified pipeline: Markdown (GFM) → HTML with heading ids, raw HTML kept, user plugins in between. */
import rehypeSlug from 'rehype-slug';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified, type PluggableList, type Processor } from 'unified';
import type { Root as HastRoot } from 'hast';
import type { Root as MdastRoot } from 'mdast';

export type MarkdownProcessor = Processor<MdastRoot, MdastRoot, HastRoot, HastRoot, string>;

export interface ProcessorPlugins {
  readonly remarkPlugins: PluggableList;
  readonly rehypePlugins: PluggableList;
}

/** Build and freeze the processor once per build; it is reused for every body. */
export function createProcessor(plugins: ProcessorPlugins = { remarkPlugins: [], rehypePlugins: [] }): MarkdownProcessor {
  return unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(plugins.remarkPlugins)
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(rehypeSlug)
    .use(plugins.rehypePlugins)
    .use(rehypeStringify, { allowDangerousHtml: true })
    .freeze() as unknown as MarkdownProcessor;
}
