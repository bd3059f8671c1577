/**
 * One WordPress post's HTML → Markdown, the way WordPress itself would show it: block comments gone,
 * embeds and shortcodes expanded, automatic paragraphs for classic-editor posts, then
 * rehype-parse → rehype-remark → remark-stringify (GFM tables, footnotes, strikethrough).
 */
import type { Root as HastRoot } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import { gfmFootnoteToMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughToMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableToMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemToMarkdown } from 'mdast-util-gfm-task-list-item';
import rehypeParse from 'rehype-parse';
import rehypeRemark from 'rehype-remark';
import remarkStringify from 'remark-stringify';
import { type Processor, unified } from 'unified';
import { autoParagraphs } from './auto-paragraphs.js';
import { convertBareEmbeds } from './convert-embeds.js';
import { type FootnoteText, markFootnotes } from './convert-footnotes.js';
import { delimitedSpans, forwardSearch, withoutSpans } from './forward-search.js';
import { collectMedia, dropSpacers, htmlHandlers, linkAttachmentFiles, relativiseOwnLinks } from './convert-html-tree.js';
import { type AttachmentInfo, convertShortcodes } from './convert-shortcodes.js';
import { canonicalMediaKey } from './media-urls.js';
import { addRemoved, type RemovedContent } from './removed-content.js';
import { sanitiseHtmlTree } from './sanitise-html-tree.js';

export interface ConvertOptions {
  /** Classic-editor content (no `<!-- wp:` comments): apply WordPress's automatic paragraphs first. */
  classic: boolean;
  /** The old site's address, e.g. `https://blog.example.gov.uk`, to recognise its own links and uploads. */
  siteUrl: string;
  /** The block editor's footnotes (the post's `footnotes` meta, parsed: `[{ id, content }]`), when it has any. */
  footnotes?: readonly FootnoteText[];
  /** The post's ID in the export: a `[gallery]` without ids shows the attachments whose `parent` it is. */
  postId?: string;
  /** Called between the conversion's steps; it throws to stop a conversion that has run out of time. */
  checkpoint?: () => void;
}

export interface ConvertedPost {
  markdown: string;
  /** Every media URL the body uses (img src, a href to uploads, gallery ids resolved to URLs), as written. */
  media: string[];
  /** Shortcodes left as text, by name, e.g. `['contact-form-7']`. */
  unknownShortcodes: string[];
  /** Other things the report should list for this post (plain sentences). */
  warnings: string[];
  /** Active content left out (scripts, event handlers, `javascript:` links…), by kind. */
  removed: RemovedContent;
}

/** GFM's Markdown writers (tables, footnotes, strikethrough, task lists), as remark-gfm adds them. */
function gfmToMarkdown(this: Processor): void {
  const data = this.data();
  data.toMarkdownExtensions = [...(data.toMarkdownExtensions ?? []), gfmTableToMarkdown(), gfmFootnoteToMarkdown(), gfmStrikethroughToMarkdown(), gfmTaskListItemToMarkdown()];
}

const parser = unified().use(rehypeParse, { fragment: true }).freeze();

const toMarkdown = unified()
  // HTML comments are WordPress markers (`<!--more-->`, `<!--nextpage-->`) or notes to self: neither is content.
  .use(rehypeRemark, { handlers: htmlHandlers, nodeHandlers: { comment: () => undefined } })
  .use(remarkStringify, {
    bullet: '-',
    emphasis: '_',
    strong: '*',
    fences: true,
    listItemIndent: 'one',
    rule: '-',
  })
  .use(gfmToMarkdown)
  .freeze();

/** `<!-- wp:paragraph -->`, `<!-- /wp:paragraph -->`, `<!-- wp:image {"id":12} /-->`: the block editor's markers. */
const BLOCK_COMMENT_START = /<!--\s*\/?wp:/g;

/**
 * Without the block editor's comments, and WordPress's page and teaser breaks (a page break becomes a paragraph
 * break). A scan, not `<!--[\s\S]*?-->`: with many openers and no `-->`, a lazy pattern reads to the end from each.
 */
function withoutMarkers(html: string): string {
  const closer = forwardSearch(html, '-->');
  const blocks = withoutSpans(
    html,
    delimitedSpans(html, BLOCK_COMMENT_START, () => closer),
  );
  return blocks.replace(/<!--nextpage-->/g, '\n\n').replace(/<!--more(?:\s[^<>]*)?-->/g, '');
}

/** The HTML as a tree holding only what the import's allowlist keeps; what went is added to `removed`. */
function parseSafely(html: string, removed: RemovedContent): HastRoot {
  const clean = sanitiseHtmlTree(parser.parse(html));
  addRemoved(removed, clean.removed);
  return clean.tree;
}

/**
 * Converts one post body. Never throws for odd HTML: the HTML parser repairs it as a browser would.
 * @example convertPostHtml('<p>Hello &amp; welcome</p>', { classic: false, siteUrl: 'https://blog.example.gov.uk' }).markdown // 'Hello & welcome\n'
 */
export function convertPostHtml(html: string, options: ConvertOptions, attachments?: ReadonlyMap<string, AttachmentInfo>): ConvertedPost {
  // WordPress splits pages at `<!--nextpage-->` and the teaser at `<!--more-->` before its paragraphs are made.
  const checkpoint = options.checkpoint ?? (() => undefined);
  const embedded = convertBareEmbeds(withoutMarkers(html).replace(/\r\n?/g, '\n'));
  const shortcodes = convertShortcodes(embedded, attachments, options.postId);
  checkpoint();
  const paragraphed = options.classic ? autoParagraphs(shortcodes.html) : shortcodes.html;
  const removed = { ...shortcodes.removed };
  const parseHtml = (text: string): HastRoot => parseSafely(text, removed);
  checkpoint();
  const tree = parseHtml(paragraphed);
  checkpoint();
  dropSpacers(tree);
  linkAttachmentFiles(tree, attachments);
  const media = collectMedia(tree, options.siteUrl);
  relativiseOwnLinks(tree, options.siteUrl);
  markFootnotes(tree, [...(options.footnotes ?? []), ...shortcodes.footnotes], parseHtml);
  checkpoint();
  const mdast = toMarkdown.runSync(tree) as MdastRoot;
  checkpoint();
  const markdown = toMarkdown.stringify(mdast);
  return { markdown, media, unknownShortcodes: shortcodes.unknownShortcodes, warnings: shortcodes.warnings, removed };
}

/** A URL in Markdown or raw HTML; Markdown may have escaped punctuation in it (`?w=640\&h=420`). */
const URL_IN_TEXT = /(?:https?:)?\/\/(?:[^\s"'<>()[\]\\]|\\[!-/:-@[-`{-~])+|\/wp-content\/uploads\/(?:[^\s"'<>()[\]\\]|\\[!-/:-@[-`{-~])+/g;
const TRAILING_PUNCTUATION = /[.,;:!?*_]+$/;

function unescapeMarkdown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/**
 * Rewrite media URLs in converted Markdown (after media are fetched): old URL → new site path.
 * A URL not in `mapping` as written still matches when it is a resized (`-300x200`) or query (`?w=640`) form of one that is.
 */
export function rewriteMediaUrls(markdown: string, mapping: ReadonlyMap<string, string>): string {
  if (mapping.size === 0) return markdown;
  const exact = new Map<string, string>();
  const canonical = new Map<string, string>();
  for (const [from, to] of mapping) {
    exact.set(from.replace(/&amp;/g, '&'), to);
    if (!canonical.has(canonicalMediaKey(from))) canonical.set(canonicalMediaKey(from), to);
  }
  const lookup = (found: string): string | undefined => {
    const url = unescapeMarkdown(found).replace(/&amp;/g, '&');
    return exact.get(url) ?? canonical.get(canonicalMediaKey(url));
  };
  return markdown.replace(URL_IN_TEXT, (found) => {
    const whole = lookup(found);
    if (whole) return whole;
    const trimmed = found.replace(TRAILING_PUNCTUATION, '');
    const target = trimmed !== found ? lookup(trimmed) : undefined;
    return target ? target + found.slice(trimmed.length) : found;
  });
}
