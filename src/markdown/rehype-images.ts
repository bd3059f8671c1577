/**
 * A rehype plugin: every `<img>` of a body that shows a site image (a Markdown image, or an
 * `<img>` in raw HTML) becomes the responsive markup of images/image-markup.ts, with the sizes
 * the images stage measured. It also notes, with their place in the body, images whose file is
 * missing and images without alt text. The body's images come in the file's data
 * (`renderMarkdown`), so one frozen processor serves every body.
 */
import type { Element, Root, RootContent } from 'hast';
import { CONTENT_SIZES, escapeAttribute, imageMarkup } from '../images/image-markup.js';
import type { BodyImages } from '../images/types.js';
import type { ImageNote } from './types.js';

/** What `renderMarkdown` puts in the file's data for this plugin. */
interface ImageData {
  readonly images: BodyImages;
  readonly notes: ImageNote[];
}

type Point = { readonly line: number; readonly column: number };

/** One `<img …>` tag in raw HTML. */
const RAW_IMG = /<img\b((?:[^>"']|"[^"]*"|'[^']*')*)>/gi;
/** One attribute: name, then an optional double-quoted, single-quoted or bare value. */
const RAW_ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

function rawAttributes(text: string): [string, string][] {
  return [...text.matchAll(RAW_ATTRIBUTE)].map((match) => [match[1] as string, (match[2] ?? match[3] ?? match[4] ?? '').replace(/"/g, '&quot;')]);
}

function decoded(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

/** Where `offset` of a raw node's text is in the body. */
function pointIn(start: Point | undefined, text: string, offset: number): Point {
  const before = text.slice(0, offset);
  const lines = before.split('\n');
  const line = (start?.line ?? 1) + lines.length - 1;
  const column = lines.length > 1 ? (lines[lines.length - 1]?.length ?? 0) + 1 : (start?.column ?? 1) + offset;
  return { line, column };
}

/** The markup for one image, or `undefined` to leave it as written; notes what is wrong with it. */
function replace(src: string, attributes: [string, string][], hasAlt: boolean, at: Point, data: ImageData): string | undefined {
  // Markdown percent-encodes what it must in a URL (`café.jpg` → `caf%C3%A9.jpg`); the body's text has it as written.
  const image = data.images[src] ?? data.images[decoded(src)];
  if (image === undefined) return undefined;
  if (image === null) {
    data.notes.push({ code: 'missing', url: src, ...at });
    return undefined;
  }
  if (!hasAlt) data.notes.push({ code: 'no-alt', url: src, ...at });
  return imageMarkup(image, { attributes, sizes: CONTENT_SIZES });
}

function rewriteRaw(node: { value: string; position?: { start: Point } }, data: ImageData): void {
  node.value = node.value.replace(RAW_IMG, (tag: string, inside: string, offset: number) => {
    const attributes = rawAttributes(inside);
    const src = attributes.find(([name]) => name.toLowerCase() === 'src')?.[1];
    if (src === undefined) return tag;
    const hasAlt = attributes.some(([name]) => name.toLowerCase() === 'alt');
    return replace(src, attributes, hasAlt, pointIn(node.position?.start, node.value, offset), data) ?? tag;
  });
}

/** A Markdown image (`![alt](src "title")`): Markdown cannot leave alt out, so an empty one counts as missing. */
function rewriteElement(element: Element, data: ImageData): string | undefined {
  const { src, alt, title } = element.properties;
  if (typeof src !== 'string') return undefined;
  const attributes: [string, string][] = [['alt', escapeAttribute(typeof alt === 'string' ? alt : '')]];
  if (typeof title === 'string') attributes.push(['title', escapeAttribute(title)]);
  const at = element.position?.start ?? { line: 1, column: 1 };
  return replace(src, attributes, typeof alt === 'string' && alt.trim() !== '', { line: at.line, column: at.column }, data);
}

function rewrite(node: Root | RootContent, data: ImageData): void {
  if (node.type === 'raw') {
    rewriteRaw(node, data);
    return;
  }
  if (node.type !== 'root' && node.type !== 'element') return;
  node.children.forEach((child, index) => {
    if (child.type === 'element' && child.tagName === 'img') {
      const markup = rewriteElement(child, data);
      if (markup !== undefined) node.children[index] = { type: 'raw', value: markup, position: child.position };
    } else rewrite(child, data);
  });
}

/**
 * Rewrite the body's site images (see the module comment); does nothing when the file's data
 * has no `images` (resizing is off, or the body shows none).
 *
 * @example
 * processor.run(tree, { data: { images: { images, notes } } });
 */
export function rehypeImages(): (tree: Root, file: { data: Record<string, unknown> }) => void {
  return (tree, file) => {
    const data = file.data.images as ImageData | undefined;
    if (data) rewrite(tree, data);
  };
}
