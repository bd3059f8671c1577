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
import type { Root } from 'mdast';
import type { Data, Processor } from 'unified';

declare module 'unified' {
  interface Data {
    /** The GFM extensions (bits of `gfmMaskFor`) a processor was given by `remarkGfmParts`. */
    gfmParts?: number;
  }
}

const AUTOLINK_TRIGGER = /www\.|:\/\/|@|mailto:|xmpp:/i;

/** In remark-gfm's order, which the combined output depends on. */
const PARTS = [
  { name: 'autolink', test: AUTOLINK_TRIGGER, syntax: () => gfmAutolinkLiteral(), tree: () => gfmAutolinkLiteralFromMarkdown() },
  { name: 'footnote', test: /\[\^/, syntax: () => gfmFootnote(), tree: () => gfmFootnoteFromMarkdown() },
  { name: 'strikethrough', test: /~/, syntax: () => gfmStrikethrough(), tree: () => gfmStrikethroughFromMarkdown() },
  { name: 'table', test: /\|/, syntax: () => gfmTable(), tree: () => gfmTableFromMarkdown() },
  { name: 'tasklist', test: /\[[ xX]\]/, syntax: () => gfmTaskListItem(), tree: () => gfmTaskListItemFromMarkdown() },
] as const;

/**
 * Most posts' only URLs are link destinations, `[text](https://…)`, where an autolink
 * literal can never start; the autolink extension is tried at every letter, so it is
 * the costliest part to add for nothing. Destinations without spaces or parentheses are
 * left out of its test; `needsAutolinks` catches the odd text where one was not a destination.
 */
const LINK_DESTINATION = /\]\([^()\s]*\)/g;

/** A bit per GFM extension the body could trigger. */
export function gfmMaskFor(body: string): number {
  return PARTS.reduce((mask, part, bit) => {
    const text = part.name === 'autolink' && part.test.test(body) ? body.replace(LINK_DESTINATION, ']()') : body;
    return part.test.test(text) ? mask | (1 << bit) : mask;
  }, 0);
}

export const ALL_GFM = (1 << PARTS.length) - 1;

/** The mask bit of the autolink extension. */
export const AUTOLINK_GFM = 1 << PARTS.findIndex((part) => part.name === 'autolink');

/** Whether `processor` parses autolink literals (has the extension, or is not one of ours). */
export function hasAutolinks(processor: { data(): Data }): boolean {
  return ((processor.data().gfmParts ?? ALL_GFM) & AUTOLINK_GFM) !== 0;
}

/**
 * Whether a tree parsed without autolinks has text in which one could start: only then
 * can the extension change anything, since it only ever turns such text into links.
 */
export function needsAutolinks(tree: Root): boolean {
  const pending: unknown[] = [tree];
  while (pending.length > 0) {
    const node = pending.pop() as { type: string; value?: unknown; alt?: unknown; children?: unknown[] };
    if (node.type === 'text' && typeof node.value === 'string' && AUTOLINK_TRIGGER.test(node.value)) return true;
    if ((node.type === 'image' || node.type === 'imageReference') && typeof node.alt === 'string' && AUTOLINK_TRIGGER.test(node.alt)) return true;
    if (node.children) pending.push(...node.children);
  }
  return false;
}

/** A unified plugin adding the GFM extensions in `mask` (remark-gfm when all bits are set). */
export function remarkGfmParts(mask: number) {
  return function addGfmParts(this: Processor): void {
    const data = this.data();
    data.gfmParts = mask;
    const syntax = (data.micromarkExtensions ??= []);
    const tree = (data.fromMarkdownExtensions ??= []);
    PARTS.forEach((part, bit) => {
      if ((mask & (1 << bit)) === 0) return;
      syntax.push(part.syntax());
      tree.push(part.tree());
    });
  };
}
