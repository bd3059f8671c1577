/**
 * The HTML tree before and during its turn into Markdown: media URLs collected, WordPress's spacing
 * paragraphs dropped, and handlers that keep as raw HTML what Markdown cannot say (figures with captions,
 * tables with merged cells or without a header row, iframes, audio and video elements).
 */
import type { Element, Root, RootContent } from 'hast';
import { defaultHandlers, type Handle, type State } from 'hast-util-to-mdast';
import type { FootnoteDefinition, FootnoteReference, Html } from 'mdast';
import { toRawHtml } from './convert-raw-html.js';
import { isUploadUrl } from './media-urls.js';

type Parent = Root | Element;

function walk(parent: Parent, visit: (node: Element, parent: Parent) => void): void {
  for (const child of [...parent.children]) {
    if (child.type !== 'element') continue;
    visit(child, parent);
    walk(child, visit);
  }
}

function stringProperty(node: Element, name: string): string | undefined {
  const value = node.properties[name];
  return typeof value === 'string' ? value : Array.isArray(value) ? value.join(' ') : undefined;
}

/** `a.jpg 300w, b.jpg 2x` → the URLs. */
function srcsetUrls(srcset: string): string[] {
  return srcset
    .split(/,\s+/)
    .map((candidate) => candidate.trim().split(/\s+/)[0] ?? '')
    .filter(Boolean);
}

const MEDIA_ATTRIBUTES: Record<string, readonly string[]> = { img: ['src'], source: ['src'], video: ['src', 'poster'], audio: ['src'] };

/** Every media URL the tree uses, as written, in order; `srcset`/`sizes` go, since one file per original is kept. */
export function collectMedia(tree: Root, siteUrl: string): string[] {
  const media: string[] = [];
  walk(tree, (node) => {
    for (const name of MEDIA_ATTRIBUTES[node.tagName] ?? []) {
      const value = stringProperty(node, name);
      if (value) media.push(value);
    }
    const srcset = stringProperty(node, 'srcSet');
    if (srcset) media.push(...srcsetUrls(srcset));
    delete node.properties.srcSet;
    delete node.properties.sizes;
    const href = node.tagName === 'a' ? stringProperty(node, 'href') : undefined;
    if (href && isUploadUrl(href, siteUrl)) media.push(href);
  });
  return [...new Set(media)];
}

/**
 * Links to an attachment's page (`rel="attachment wp-att-12"`, `/?attachment_id=12`) point at the file itself:
 * the new site has no attachment pages. Needs the export's attachments, by ID.
 */
export function linkAttachmentFiles(tree: Root, attachments: ReadonlyMap<string, { url: string }> | undefined): void {
  if (!attachments || attachments.size === 0) return;
  walk(tree, (node) => {
    if (node.tagName !== 'a') return;
    const rel = stringProperty(node, 'rel') ?? '';
    const id = /\bwp-att-(\d+)\b/.exec(rel)?.[1] ?? /[?&]attachment_id=(\d+)/.exec(stringProperty(node, 'href') ?? '')?.[1];
    const attachment = id ? attachments.get(id) : undefined;
    if (!attachment) return;
    node.properties.href = attachment.url;
    delete node.properties.rel;
  });
}

/** The old site's own address without a trailing slash, and its host without `www.`. */
function ownSite(siteUrl: string): { host: string; path: string } | undefined {
  try {
    const url = new URL(siteUrl);
    return { host: url.hostname.replace(/^www\./, ''), path: url.pathname.replace(/\/+$/, '') };
  } catch {
    return undefined;
  }
}

/**
 * Links to the old site's own pages become site paths (`https://blog.example.gov.uk/2019/05/a/` → `/2019/05/a/`):
 * old permalinks are kept or redirected, so the path works on the new site, whatever its address. Uploads are left
 * for the media mapping.
 */
export function relativiseOwnLinks(tree: Root, siteUrl: string): void {
  const own = ownSite(siteUrl);
  if (!own) return;
  walk(tree, (node) => {
    const href = node.tagName === 'a' ? stringProperty(node, 'href') : undefined;
    if (!href || !/^(https?:)?\/\//i.test(href) || isUploadUrl(href, siteUrl)) return;
    let url: URL;
    try {
      url = new URL(href, siteUrl);
    } catch {
      return;
    }
    const sameSite = /^https?:$/.test(url.protocol) && url.hostname.replace(/^www\./, '') === own.host && !url.port;
    const inside = url.pathname === own.path || url.pathname.startsWith(`${own.path}/`);
    if (!sameSite || !inside) return;
    node.properties.href = `${url.pathname.slice(own.path.length) || '/'}${url.search}${url.hash}`;
  });
}

function isSpacer(node: RootContent): boolean {
  if (node.type !== 'element' || node.tagName !== 'p') return false;
  return node.children.every((child) => (child.type === 'text' && /^[\s\u00a0]*$/.test(child.value)) || (child.type === 'element' && child.tagName === 'br'));
}

/** Drops `<p>&nbsp;</p>` and `<p><br></p>`: the classic editor's way of adding space, empty in Markdown. */
export function dropSpacers(tree: Root): void {
  const prune = (parent: Parent): void => {
    for (let index = parent.children.length - 1; index >= 0; index -= 1) {
      const child = parent.children[index];
      if (!child) continue;
      if (isSpacer(child)) parent.children.splice(index, 1);
      else if (child.type === 'element') prune(child);
    }
  };
  prune(tree);
}

/** Raw HTML on one line: a blank line inside would end the HTML block in the Markdown. */
function rawHtml(state: State, node: Element): Html {
  const result: Html = { type: 'html', value: toRawHtml(node) };
  state.patch(node, result);
  return result;
}

function has(node: Element, test: (child: Element) => boolean): boolean {
  let found = false;
  walk(node, (child) => {
    found ||= test(child);
  });
  return found;
}

function spans(node: Element): boolean {
  return ['colSpan', 'rowSpan'].some((name) => Number(node.properties[name] ?? 1) > 1);
}

const BLOCKS = new Set(['p', 'ul', 'ol', 'table', 'blockquote', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'figure', 'div', 'dl', 'hr']);

function firstRow(table: Element): Element | undefined {
  let row: Element | undefined;
  walk(table, (child) => {
    row ??= child.tagName === 'tr' ? child : undefined;
  });
  return row;
}

function isCell(node: Element): boolean {
  return node.tagName === 'td' || node.tagName === 'th';
}

/** A GFM table needs a header row of `th`, no merged cells, no caption and one line per cell. */
function fitsMarkdown(table: Element): boolean {
  const header = firstRow(table)?.children.filter((cell) => cell.type === 'element') ?? [];
  const headed = header.length > 0 && header.every((cell) => cell.tagName === 'th');
  return headed && !has(table, (child) => child.tagName === 'caption' || (isCell(child) && (spans(child) || has(child, (inner) => BLOCKS.has(inner.tagName)))));
}

function labelOf(node: Element): string {
  return String(node.properties.dataLabel ?? '');
}

/** Handlers for rehype-remark: raw HTML where Markdown falls short, and the footnote elements. */
export const htmlHandlers: Record<string, Handle> = {
  figure: (state, node) => (has(node, (child) => child.tagName === 'figcaption') ? rawHtml(state, node) : defaultHandlers.figure(state, node)),
  table: (state, node) => (fitsMarkdown(node) ? defaultHandlers.table(state, node) : rawHtml(state, node)),
  iframe: rawHtml,
  video: rawHtml,
  audio: rawHtml,
  object: rawHtml,
  embed: rawHtml,
  'sp-footnote-ref': (_state, node): FootnoteReference => ({ type: 'footnoteReference', identifier: labelOf(node), label: labelOf(node) }),
  'sp-footnote-def': (state, node): FootnoteDefinition => ({
    type: 'footnoteDefinition',
    identifier: labelOf(node),
    label: labelOf(node),
    children: state.toFlow(state.all(node)) as FootnoteDefinition['children'],
  }),
};
