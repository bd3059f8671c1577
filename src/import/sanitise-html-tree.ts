/**
 * Imported HTML is a stranger's: before it becomes Markdown (and before anything is kept as raw HTML), the tree
 * is cleaned with rehype-sanitize and an allowlist of exactly what the converter keeps on purpose: text markup,
 * lists, tables, figures, images, iframes, video, audio, object and embed. Scripts, event handlers, `srcdoc`,
 * links and sources that are not http(s), mailto, tel or relative, and elements that run or load content
 * (`<style>`, `<svg>`, `<form>`, `<base>`, `<meta>`…) are removed, and counted for the report.
 */
import type { Element, Root } from 'hast';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import { unified } from 'unified';
import { noneRemoved, type RemovedContent } from './removed-content.js';
import { isSafeUrl, normaliseUrl } from './safe-url.js';

/**
 * Elements the converter turns into Markdown or keeps as HTML: every element rehype-remark reads (it ignores
 * the rest), and the parts of the raw-HTML ones (captions, columns, sources, tracks, params).
 */
const KEPT_ELEMENTS = [
  ...(defaultSchema.tagNames ?? []).filter((name) => name !== 'input'),
  ...['abbr', 'acronym', 'address', 'article', 'aside', 'audio', 'bdi', 'bdo', 'big', 'blink', 'canvas', 'caption', 'center', 'cite', 'col', 'colgroup'],
  ...['data', 'dfn', 'dir', 'embed', 'figcaption', 'figure', 'font', 'footer', 'header', 'hgroup', 'iframe', 'listing', 'map', 'mark', 'marquee', 'main'],
  ...['meter', 'multicol', 'nav', 'nobr', 'object', 'output', 'param', 'plaintext', 'progress', 'rb', 'rbc', 'rtc', 'small', 'time', 'track', 'u'],
  ...['video', 'wbr', 'xmp', 'label', 'legend', 'fieldset'],
];

/** An image whose only source was removed: it goes, rather than become an empty `![]()`. */
const REMOVED_IMAGE = 'sp-removed-image';

/** Removed with everything inside (text included): content that runs, styles the page, or is not shown. */
const DROPPED_WITH_CONTENT = [
  ...['script', 'style', 'template', 'svg', 'math', 'title', 'noscript', 'noembed', 'noframes', 'frameset', 'frame', 'applet'],
  ...['meta', 'link', 'base', 'select', 'textarea', 'datalist', 'option', 'optgroup', 'dialog', 'portal'],
  REMOVED_IMAGE,
];

/** Removed elements worth a line in the report (others, such as Word's `<o:p>`, are unwrapped silently). */
const ACTIVE_ELEMENTS = new Set([...DROPPED_WITH_CONTENT.filter((name) => !['script', 'title', 'noscript', 'noembed', 'noframes'].includes(name)), 'form', 'input', 'button']);

/** Attributes (hast property names) that hold an address. Only `href`, `src`, `poster`, `cite` and `data` are kept. */
const URL_PROPERTIES = ['href', 'src', 'poster', 'cite', 'data', 'action', 'formAction', 'background', 'longDesc', 'codeBase', 'manifest', 'ping', 'xLinkHref', 'dynsrc', 'lowsrc'];

const SAFE_PROTOCOLS = ['http', 'https', 'mailto', 'tel'];

const GLOBAL_ATTRIBUTES = (defaultSchema.attributes?.['*'] ?? []).filter((name) => name !== 'action');

/** The allowlist: GitHub's schema, with ids kept as written and the raw-HTML elements' own attributes. */
const SCHEMA = {
  ...defaultSchema,
  // Ids are kept as written: footnote texts are found by them, and figures keep their anchors.
  clobber: [],
  clobberPrefix: '',
  tagNames: KEPT_ELEMENTS,
  strip: DROPPED_WITH_CONTENT,
  protocols: { href: SAFE_PROTOCOLS, src: SAFE_PROTOCOLS, poster: SAFE_PROTOCOLS, cite: SAFE_PROTOCOLS, data: SAFE_PROTOCOLS, longDesc: SAFE_PROTOCOLS },
  attributes: {
    ...defaultSchema.attributes,
    '*': [...GLOBAL_ATTRIBUTES, 'className', 'style', 'role', 'hidden', 'data*', 'ariaDescribedBy', 'ariaLabel', 'ariaLabelledBy', 'ariaHidden'],
    a: [...(defaultSchema.attributes?.a ?? []), 'rel', 'target', 'download', 'type'],
    img: ['src', 'srcSet', 'sizes', 'loading', 'decoding'],
    iframe: ['src', 'allow', 'allowFullScreen', 'loading', 'referrerPolicy', 'sandbox'],
    video: ['src', 'poster', 'controls', 'preload', 'loop', 'muted', 'autoPlay', 'playsInline'],
    audio: ['src', 'controls', 'preload', 'loop', 'muted', 'autoPlay'],
    source: ['src', 'srcSet', 'sizes', 'type'],
    track: ['src', 'kind', 'srcLang', 'default'],
    object: ['data', 'type', 'typeMustMatch'],
    embed: ['src', 'type'],
    ol: [...(defaultSchema.attributes?.ol ?? []), 'reversed', 'type'],
    time: ['dateTime'],
  },
  required: {},
};

const sanitiser = unified().use(rehypeSanitize, SCHEMA).freeze();

function isUnsafe(value: unknown): boolean {
  const values = Array.isArray(value) ? value : [value];
  return values.some((each) => typeof each === 'string' && !isSafeUrl(each));
}

/** `a.jpg 1x, javascript:x 2x` → only the safe candidates; how many went. */
function cleanSrcset(node: Element, removed: RemovedContent): void {
  const srcset = node.properties.srcSet;
  if (typeof srcset !== 'string') return;
  const candidates = srcset.split(/,\s+/);
  const safe = candidates.filter((candidate) => isSafeUrl(candidate.trim().split(/\s+/)[0] ?? ''));
  removed.url += candidates.length - safe.length;
  if (safe.length < candidates.length) node.properties.srcSet = safe.join(', ');
}

/** Counts and removes what the allowlist would drop silently, and reads addresses as a browser does. */
function prepare(node: Element, removed: RemovedContent): void {
  const hadAddress = node.properties.href !== undefined || node.properties.src !== undefined;
  if (node.tagName === 'script') removed.script += 1;
  else if (ACTIVE_ELEMENTS.has(node.tagName)) removed.element += 1;
  for (const key of Object.keys(node.properties)) {
    const value = node.properties[key];
    if (/^on/i.test(key)) {
      removed.handler += 1;
      delete node.properties[key];
    } else if (key === 'srcDoc') {
      removed.srcdoc += 1;
      delete node.properties[key];
    } else if (URL_PROPERTIES.includes(key)) {
      if (isUnsafe(value)) {
        removed.url += 1;
        delete node.properties[key];
      } else if (typeof value === 'string') node.properties[key] = normaliseUrl(value);
    }
  }
  cleanSrcset(node, removed);
  // A link whose address went is its words; an image whose source went is nothing (not `[words]()`, `![]()`).
  if (!hadAddress) return;
  if (node.tagName === 'a' && node.properties.href === undefined) node.tagName = 'span';
  if (node.tagName === 'img' && node.properties.src === undefined && !node.properties.srcSet) node.tagName = REMOVED_IMAGE;
}

/**
 * The tree with only what the allowlist keeps, and what was removed, by kind. Content inside removed
 * elements (`<script>`, `<style>`) is not looked into: it goes whole, counted as its element.
 */
export function sanitiseHtmlTree(tree: Root): { tree: Root; removed: RemovedContent } {
  const removed = noneRemoved();
  const stack: (Root | Element)[] = [tree];
  for (let parent = stack.pop(); parent; parent = stack.pop()) {
    for (const child of parent.children) {
      if (child.type !== 'element') continue;
      prepare(child, removed);
      if (!DROPPED_WITH_CONTENT.includes(child.tagName)) stack.push(child);
    }
  }
  return { tree: sanitiser.runSync(tree) as Root, removed };
}
