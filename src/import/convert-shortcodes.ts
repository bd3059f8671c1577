/**
 * WordPress shortcodes → HTML, parsed with the shortcode syntax WordPress documents for authors (`parse-shortcodes.ts`).
 * Known ones become figures, images and links; any other is left as text and named, so the report can list it.
 */
import { embedLink, escapeHtml, mediaFileLink } from './convert-embeds.js';
import type { FootnoteText } from './convert-footnotes.js';
import { replaceShortcodes, type Shortcode, unescapeShortcodes } from './parse-shortcodes.js';
import { decodeEntities } from './plain-text.js';
import { isSafeUrl } from './safe-url.js';
import { noneRemoved, type RemovedContent } from './removed-content.js';

/** An attachment post of the export: its file URL and the words WordPress keeps with it. */
export interface AttachmentInfo {
  url: string;
  alt?: string;
  caption?: string;
  /** The post it is attached to (`wp:post_parent`): a `[gallery]` without ids shows its post's images. */
  parent?: string;
}

/** What the shortcodes of one post can draw on. */
interface ShortcodeContext {
  attachments?: ReadonlyMap<string, AttachmentInfo>;
  /** The post's ID, for `[gallery]` without ids. */
  postId?: string;
  warnings: string[];
  removed: RemovedContent;
}

export interface ShortcodeResult {
  html: string;
  /** Footnotes written with a footnote plugin's shortcode, referenced from `html` as the block editor does. */
  footnotes: FootnoteText[];
  unknownShortcodes: string[];
  warnings: string[];
  /** `[embed]`, `[video]` and `[audio]` addresses left out because they were not web addresses. */
  removed: RemovedContent;
}

/** Figure HTML stays on one line: a blank line would end the raw HTML block in the Markdown. */
function oneLine(html: string): string {
  return html.replace(/\s*\n\s*/g, ' ').trim();
}

function figure(image: string, caption: string | undefined): string {
  const text = caption?.trim();
  return text ? `<figure>${oneLine(image)}<figcaption>${oneLine(text)}</figcaption></figure>` : `<p>${oneLine(image)}</p>`;
}

/** The image (with the link around it, if any) at the start of a caption's content, and the words after it. */
const CAPTION_CONTENT = /^\s*((?:<a\s[^>]*>\s*)?<img\s[^>]*>(?:\s*<\/a>)?)([\s\S]*)$/i;

function caption(shortcode: Shortcode): string {
  const content = shortcode.content ?? '';
  const match = CAPTION_CONTENT.exec(content);
  if (!match) return content;
  const words = shortcode.attrs.named.caption ?? match[2];
  return figure(match[1] ?? '', words);
}

const IMAGE_FILE = /\.(jpe?g|png|gif|webp|avif|svg)(\?.*)?$/i;

/** `ids="1,2"` (or `include`); without them, as WordPress did before 3.5: the images attached to the post, less `exclude`. */
function galleryIds(shortcode: Shortcode, context: ShortcodeContext): string[] {
  const list = (value: string | undefined): string[] =>
    (value ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean);
  const ids = list(shortcode.attrs.named.ids ?? shortcode.attrs.named.include);
  if (ids.length > 0 || context.postId === undefined || !context.attachments) return ids;
  const excluded = new Set(list(shortcode.attrs.named.exclude));
  return [...context.attachments].filter(([id, info]) => info.parent === context.postId && !excluded.has(id) && IMAGE_FILE.test(info.url)).map(([id]) => id);
}

function gallery(shortcode: Shortcode, context: ShortcodeContext): string {
  const { attachments, warnings } = context;
  const ids = galleryIds(shortcode, context);
  if (ids.length === 0) {
    warnings.push('A [gallery] without ids showed the images attached to the post, and none were found; add them to the post by hand.');
    return '';
  }
  const parts = ids.map((id) => {
    const attachment = attachments?.get(id);
    if (!attachment) {
      warnings.push(`Gallery image ${id} is not in the export; it was left out.`);
      return '';
    }
    return figure(`<img src="${escapeHtml(attachment.url)}" alt="${escapeHtml(attachment.alt ?? '')}">`, attachment.caption);
  });
  return `\n${parts.filter(Boolean).join('\n')}\n`;
}

/** `[video]`/`[audio]` name their file in `src` or in a format attribute (`mp4="…"`, `mp3="…"`), or hold a URL as content. */
function mediaSource(shortcode: Shortcode): string | undefined {
  const named = shortcode.attrs.named;
  const formats = ['src', 'mp4', 'm4v', 'webm', 'ogv', 'wmv', 'flv', 'mov', 'mp3', 'ogg', 'oga', 'wav', 'm4a', 'wma', 'flac'];
  for (const key of formats) {
    const value = named[key]?.trim();
    if (value) return value;
  }
  const content = shortcode.content?.trim();
  return content && /^https?:\/\/\S+$/.test(content) ? content : undefined;
}

/** Footnote plugins' shortcodes (Simple Footnotes, Easy Footnotes, and the generic name): `[ref]The source.[/ref]`. */
const FOOTNOTE_TAGS = ['ref', 'footnote', 'efn_note'] as const;

function footnotesOf(html: string, footnotes: FootnoteText[]): string {
  let text = html;
  for (const tag of FOOTNOTE_TAGS) {
    text = replaceShortcodes(text, [tag], (shortcode) => {
      const content = shortcode.content?.trim();
      if (!content) return '';
      const id = `shortcode-footnote-${footnotes.length + 1}`;
      footnotes.push({ id, content });
      return `<sup data-fn="${id}"><a href="#${id}">${footnotes.length}</a></sup>`;
    });
  }
  return text;
}

/** Shortcodes this module converts, by tag. */
const KNOWN = ['caption', 'wp_caption', 'gallery', 'embed', 'video', 'audio'] as const;

/**
 * `[name …]`, `[name/]` or `[/name]`; `[[name]]` is WordPress's way of writing a shortcode as text. Attributes
 * stop at the next `[`, so an opener without its `]` is given up at the next one, not at the end of the post.
 */
const ANY_SHORTCODE = /(\[?)\[(\/?)([a-zA-Z][\w-]*)((?:\s[^\][]*)?)(\/?)\](\]?)/g;

/** Bracketed words are only counted as a shortcode when they look like one (attributes, a closing tag, `-`, `_`, `/]`). */
function unknownNames(html: string): string[] {
  const names = new Set<string>();
  const closed = new Map<string, boolean>();
  const hasClosing = (name: string): boolean => {
    if (!closed.has(name)) closed.set(name, html.includes(`[/${name}]`));
    return closed.get(name) === true;
  };
  for (const match of html.matchAll(ANY_SHORTCODE)) {
    const [, open = '', closing = '', name = '', attrs = '', selfClose = '', close = ''] = match;
    if ((open && close) || names.has(name)) continue;
    const looksLikeShortcode = /=/.test(attrs) || closing !== '' || selfClose !== '' || /[-_]/.test(name) || hasClosing(name);
    if (looksLikeShortcode) names.add(name);
  }
  return [...names];
}

function convertKnown(html: string, context: ShortcodeContext): string {
  const { warnings } = context;
  let text = html;
  for (const tag of KNOWN) {
    text = replaceShortcodes(text, [tag], (shortcode) => {
      if (tag === 'caption' || tag === 'wp_caption') return caption(shortcode);
      if (tag === 'gallery') return gallery(shortcode, context);
      const source = tag === 'embed' ? shortcode.content?.trim() : mediaSource(shortcode);
      if (!source) {
        warnings.push(`A [${tag}] without a file or URL was left out.`);
        return '';
      }
      // Never a link to `javascript:` or `data:`, as written or once its entities are read (`&#106;avascript:`).
      if (!isSafeUrl(source) || !isSafeUrl(decodeEntities(source))) {
        context.removed.url += 1;
        return '';
      }
      return tag === 'embed' ? embedLink(source) : mediaFileLink(source, tag === 'video' ? 'Video' : 'Audio');
    });
  }
  return text;
}

/** Converts the known shortcodes in `html`; unknown ones stay as written and are returned by name. */
export function convertShortcodes(html: string, attachments?: ReadonlyMap<string, AttachmentInfo>, postId?: string): ShortcodeResult {
  const warnings: string[] = [];
  const context: ShortcodeContext = { attachments, postId, warnings, removed: noneRemoved() };
  const footnotes: FootnoteText[] = [];
  let text = html;
  // Again while anything changes (a few rounds at most): a caption's or embed's content may hold another one.
  for (let round = 0; round < 4; round += 1) {
    const before = text;
    text = convertKnown(text, context);
    if (text === before) break;
  }
  text = footnotesOf(text, footnotes);
  const unknownShortcodes = unknownNames(text);
  // `[[caption]]` is how WordPress writers show a shortcode as text: it reads `[caption]`.
  // One line per kind of problem: 200,000 empty `[gallery]`s are one thing to fix.
  return { html: unescapeShortcodes(text), footnotes, unknownShortcodes, warnings: [...new Set(warnings)], removed: context.removed };
}
