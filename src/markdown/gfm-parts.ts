/**
 * GitHub-flavoured Markdown, one extension at a time. remark-gfm's syntax
 * extensions cost about as much as the rest of parsing together, yet each one
 * can only match when its trigger characters are in the text, so a body gets
 * only the extensions it could use. The HTML is the same as with remark-gfm
 * (a property test compares them).
 */
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import type { Processor } from 'unified';

/** In remark-gfm's order, which the combined output depends on. */
const PARTS = [
  { name: 'autolink', test: /www\.|:\/\/|@|mailto:|xmpp:/i, syntax: () => gfmAutolinkLiteral(), tree: () => gfmAutolinkLiteralFromMarkdown() },
  { name: 'footnote', test: /\[\^/, syntax: () => gfmFootnote(), tree: () => gfmFootnoteFromMarkdown() },
  { name: 'strikethrough', test: /~/, syntax: () => gfmStrikethrough(), tree: () => gfmStrikethroughFromMarkdown() },
  { name: 'table', test: /\|/, syntax: () => gfmTable(), tree: () => gfmTableFromMarkdown() },
  { name: 'tasklist', test: /\[[ xX]\]/, syntax: () => gfmTaskListItem(), tree: () => gfmTaskListItemFromMarkdown() },
] as const;

/** A bit per GFM extension the body could trigger. */
export function gfmMaskFor(body: string): number {
  return PARTS.reduce((mask, part, bit) => (part.test.test(body) ? mask | (1 << bit) : mask), 0);
}

export const ALL_GFM = (1 << PARTS.length) - 1;

/** A unified plugin adding the GFM extensions in `mask` (remark-gfm when all bits are set). */
export function remarkGfmParts(mask: number) {
  return function addGfmParts(this: Processor): void {
    const data = this.data();
    const syntax = (data.micromarkExtensions ??= []);
    const tree = (data.fromMarkdownExtensions ??= []);
    PARTS.forEach((part, bit) => {
      if ((mask & (1 << bit)) === 0) return;
      syntax.push(part.syntax());
      tree.push(part.tree());
    });
  };
}
