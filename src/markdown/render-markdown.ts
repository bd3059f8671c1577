/** One Markdown body → HTML, word count, reading time and excerpt. */
import type { Element, Root, RootContent } from 'hast';
import type { BodyImages } from '../images/types.js';
import type { ImageNote, RenderedMarkdown } from './types.js';
import { parseMarkdown, type ProcessorFor } from './create-processor.js';

const WORDS_PER_MINUTE = 200;

type Node = Root | RootContent;

/** Visible text of a hast subtree; raw HTML from the source is not counted as words. */
function textOf(node: Node): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element' || node.type === 'root') return node.children.map(textOf).join(node.type === 'element' && /^(p|h\d|li|td|th|blockquote)$/.test(node.tagName) ? ' ' : '');
  return '';
}

function firstParagraph(node: Node): Element | undefined {
  if (node.type === 'element' && node.tagName === 'p') return node;
  if (node.type !== 'root' && node.type !== 'element') return undefined;
  if (node.type === 'element' && (node.tagName === 'section' || node.tagName === 'table')) return undefined;
  for (const child of node.children) {
    const found = firstParagraph(child);
    if (found) return found;
  }
  return undefined;
}

function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/** Render one body, with the site images it shows (rehype-images.ts). Async because user plugins may be. */
export async function renderMarkdown(processorFor: ProcessorFor, body: string, images?: BodyImages): Promise<RenderedMarkdown> {
  const parsed = parseMarkdown(processorFor, body);
  const processor = parsed.processor;
  const notes: ImageNote[] = [];
  const tree = await processor.run(parsed.tree, images ? { data: { images: { images, notes } } } : undefined);
  const html = processor.stringify(tree);
  const wordCount = countWords(textOf(tree));
  const paragraph = firstParagraph(tree);
  return {
    html,
    wordCount,
    readingMinutes: Math.max(1, Math.round(wordCount / WORDS_PER_MINUTE)),
    excerpt: paragraph ? textOf(paragraph).replace(/\s+/g, ' ').trim() : '',
    ...(notes.length > 0 ? { imageNotes: notes } : {}),
  };
}
