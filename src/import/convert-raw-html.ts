/**
 * What stays HTML in the Markdown (figures with captions, complex tables, iframes) is written without the
 * presentational attributes and elements HTML has made obsolete (`frameborder`, `cellpadding`, `align`,
 * `<font>`, `<center>`), which old WordPress posts are full of and the Nu Html Checker reports as errors.
 */
import type { Element, ElementContent } from 'hast';
import { toHtml } from 'hast-util-to-html';

/** Obsolete on every element (hast property names, and the raw names of attributes HTML does not know). */
const OBSOLETE = [
  'align',
  'vAlign',
  'bgColor',
  'border',
  'cellPadding',
  'cellSpacing',
  'frameBorder',
  'scrolling',
  'marginWidth',
  'marginHeight',
  'noWrap',
  'longDesc',
  'summary',
  'char',
  'charOff',
  'axis',
  'hSpace',
  'vSpace',
  'allowtransparency',
  'webkitallowfullscreen',
  'mozallowfullscreen',
  'clear',
  'language',
];
/** `width`/`height` are obsolete on table parts, still right on images, iframes and video. */
const SIZED = new Set(['img', 'iframe', 'video', 'canvas', 'embed', 'object', 'source', 'input']);
/** Elements HTML has dropped: their content is kept. */
const UNWRAP = new Set(['font', 'center', 'big', 'tt', 'strike', 'acronym']);

function cleanChildren(children: readonly ElementContent[]): ElementContent[] {
  return children.flatMap((child) => {
    if (child.type !== 'element') return [child];
    const cleaned = cleanElement(child);
    return UNWRAP.has(child.tagName) ? cleaned.children : [cleaned];
  });
}

function cleanElement(node: Element): Element {
  const properties = { ...node.properties };
  for (const name of OBSOLETE) delete properties[name];
  if (!SIZED.has(node.tagName)) {
    delete properties.width;
    delete properties.height;
  }
  return { ...node, properties, children: cleanChildren(node.children) };
}

/** The element as HTML on lines without blank ones (a blank line would end the HTML block in the Markdown). */
export function toRawHtml(node: Element): string {
  return toHtml(cleanElement(node)).replace(/\n\s*\n/g, '\n');
}
