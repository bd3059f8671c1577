/** Typed views of the WXR reader's records: posts, attachments, authors, terms, comments. */
import type { WxrNode } from './wxr-reader.js';

/** One `<wp:comment>`: only what the importer may keep is read (never e-mail or IP). */
export interface WxrComment {
  readonly author: string;
  readonly authorUrl: string;
  readonly date: string;
  readonly dateGmt: string;
  readonly content: string;
  readonly approved: boolean;
  readonly type: string;
}

/** One `<category>` of an item: `domain` is `category` or `post_tag`. */
export interface WxrItemTerm {
  readonly domain: string;
  readonly nicename: string;
  readonly name: string;
}

/** One `<item>`: a post, page, attachment, menu item, template, … */
export interface WxrItem {
  readonly id: string;
  readonly type: string;
  readonly status: string;
  readonly title: string;
  readonly link: string;
  readonly guid: string;
  readonly slug: string;
  readonly date: string;
  readonly dateGmt: string;
  readonly modified: string;
  readonly creator: string;
  readonly content: string;
  readonly excerpt: string;
  readonly password: string;
  readonly sticky: boolean;
  readonly attachmentUrl: string;
  /** `wp:post_parent`: for an attachment, the post it was uploaded to. */
  readonly parent: string;
  readonly terms: readonly WxrItemTerm[];
  readonly meta: ReadonlyMap<string, string>;
  readonly comments: readonly WxrComment[];
  /** Line of `<item>` in the export, for report lines. */
  readonly line: number;
}

/** One `<wp:author>`. */
export interface WxrAuthor {
  readonly login: string;
  readonly displayName: string;
}

function child(node: WxrNode, name: string): string {
  return node.children.find((each) => each.name === name)?.text.trim() ?? '';
}

/** Bodies keep their whitespace (code blocks, classic-editor line breaks matter). */
function body(node: WxrNode, name: string): string {
  return node.children.find((each) => each.name === name)?.text ?? '';
}

function readComment(node: WxrNode): WxrComment {
  return {
    author: child(node, 'wp:comment_author'),
    authorUrl: child(node, 'wp:comment_author_url'),
    date: child(node, 'wp:comment_date'),
    dateGmt: child(node, 'wp:comment_date_gmt'),
    content: body(node, 'wp:comment_content'),
    approved: child(node, 'wp:comment_approved') === '1',
    type: child(node, 'wp:comment_type'),
  };
}

/** WXR 1.0 writes tags as `domain="tag"` and repeats each category without a domain or nicename; those repeats are dropped. */
function readTerms(node: WxrNode): WxrItemTerm[] {
  return node.children
    .filter((each) => each.name === 'category' && each.attributes.domain !== undefined)
    .map((each) => ({ domain: each.attributes.domain === 'tag' ? 'post_tag' : (each.attributes.domain ?? 'category'), nicename: each.attributes.nicename ?? '', name: each.text.trim() }));
}

function readMeta(node: WxrNode): Map<string, string> {
  const meta = new Map<string, string>();
  for (const each of node.children) if (each.name === 'wp:postmeta') meta.set(child(each, 'wp:meta_key'), body(each, 'wp:meta_value'));
  return meta;
}

/** The item record, or `undefined` when `node` is not an `<item>`. */
export function readItem(node: WxrNode): WxrItem | undefined {
  if (node.name !== 'item') return undefined;
  const meta = readMeta(node);
  return {
    id: child(node, 'wp:post_id'),
    type: child(node, 'wp:post_type') || 'post',
    status: child(node, 'wp:status'),
    title: child(node, 'title'),
    link: child(node, 'link'),
    guid: child(node, 'guid'),
    slug: child(node, 'wp:post_name'),
    date: child(node, 'wp:post_date'),
    dateGmt: child(node, 'wp:post_date_gmt'),
    modified: child(node, 'wp:post_modified'),
    creator: child(node, 'dc:creator'),
    content: body(node, 'content:encoded'),
    excerpt: body(node, 'excerpt:encoded'),
    password: child(node, 'wp:post_password'),
    sticky: child(node, 'wp:is_sticky') === '1' || meta.get('sticky') === '1',
    attachmentUrl: child(node, 'wp:attachment_url'),
    parent: child(node, 'wp:post_parent'),
    terms: readTerms(node),
    meta,
    comments: node.children.filter((each) => each.name === 'wp:comment').map(readComment),
    line: node.line,
  };
}

/** The author record, or `undefined` when `node` is not a `<wp:author>`. */
export function readAuthor(node: WxrNode): WxrAuthor | undefined {
  if (node.name !== 'wp:author') return undefined;
  const login = child(node, 'wp:author_login');
  const full = [child(node, 'wp:author_first_name'), child(node, 'wp:author_last_name')].filter(Boolean).join(' ');
  return { login, displayName: child(node, 'wp:author_display_name') || full || login };
}
