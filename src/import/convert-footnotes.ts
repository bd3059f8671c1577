/**
 * Footnotes in WordPress HTML → GFM footnotes. Two shapes are recognised: the block editor's
 * (`<sup data-fn="id"><a href="#id">1</a></sup>`, texts in the post's `footnotes` meta) and the usual
 * plugin/handwritten one (`<sup><a href="#fn1">1</a></sup>` … `<ol><li id="fn1">text <a href="#ref1">↩</a></li></ol>`).
 * They become `sp-footnote-ref` / `sp-footnote-def` elements, turned into mdast by the handlers.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';

/** A footnote of the block editor: its id and its HTML (the post's `footnotes` meta, parsed). */
export interface FootnoteText {
  id: string;
  content: string;
}

type Parent = Root | Element;

function walk(parent: Parent, visit: (node: Element, parent: Parent) => void): void {
  for (const child of [...parent.children]) {
    if (child.type !== 'element') continue;
    visit(child, parent);
    walk(child, visit);
  }
}

function hrefOf(node: Element): string | undefined {
  const href = node.properties.href;
  return typeof href === 'string' ? href : undefined;
}

/** The single link inside a `<sup>`, if that is all it holds. */
function soleLink(sup: Element): Element | undefined {
  const elements = sup.children.filter((child) => child.type === 'element');
  const text = sup.children.filter((child) => child.type === 'text' && child.value.trim() !== '');
  const link = elements[0];
  return elements.length === 1 && text.length === 0 && link?.tagName === 'a' ? link : undefined;
}

function isBackLink(node: ElementContent, backTargets: ReadonlySet<string>): boolean {
  if (node.type !== 'element' || node.tagName !== 'a') return false;
  const href = hrefOf(node);
  const text = node.children.map((child) => (child.type === 'text' ? child.value : '')).join('');
  return (href?.startsWith('#') === true && backTargets.has(href.slice(1))) || /^\s*[↩↑^]\uFE0E?\s*$/.test(text);
}

function stripBackLinks(node: Element, backTargets: ReadonlySet<string>): void {
  node.children = node.children.filter((child) => !isBackLink(child, backTargets));
  for (const child of node.children) if (child.type === 'element') stripBackLinks(child, backTargets);
}

function removeChild(parent: Parent, node: RootContent): void {
  const index = parent.children.indexOf(node as never);
  if (index >= 0) parent.children.splice(index, 1);
}

function isEmpty(node: Element): boolean {
  return node.children.every((child) => child.type === 'text' && child.value.trim() === '');
}

function definition(label: string, children: ElementContent[]): Element {
  return { type: 'element', tagName: 'sp-footnote-def', properties: { dataLabel: label }, children };
}

/**
 * Turns footnote references and their texts into footnote elements, numbered in order of first use.
 * `parseHtml` parses a block-editor footnote's HTML. Definitions go at the end of the tree.
 */
export function markFootnotes(tree: Root, metaFootnotes: readonly FootnoteText[], parseHtml: (html: string) => Root): void {
  const items = new Map<string, { item: Element; parent: Parent }>();
  walk(tree, (node, parent) => {
    if (node.tagName === 'li' && typeof node.properties.id === 'string') items.set(node.properties.id, { item: node, parent });
  });
  const metaById = new Map(metaFootnotes.map((note) => [note.id, note]));
  const labels = new Map<string, string>();
  const definitions: Element[] = [];
  const backTargets = new Set<string>();
  walk(tree, (node, parent) => {
    if (node.tagName !== 'sup') return;
    const link = soleLink(node);
    const target = link ? hrefOf(link)?.replace(/^#/, '') : undefined;
    const dataFn = typeof node.properties.dataFn === 'string' ? node.properties.dataFn : undefined;
    const id = dataFn ?? target;
    if (!id || !link || (!items.has(id) && !metaById.has(id))) return;
    if (typeof link.properties.id === 'string') backTargets.add(link.properties.id);
    if (typeof node.properties.id === 'string') backTargets.add(node.properties.id);
    let label = labels.get(id);
    if (!label) {
      label = String(labels.size + 1);
      labels.set(id, label);
      const meta = metaById.get(id);
      definitions.push(definition(label, meta ? (parseHtml(meta.content).children as ElementContent[]) : (items.get(id)?.item.children ?? [])));
    }
    const index = parent.children.indexOf(node);
    parent.children[index] = { type: 'element', tagName: 'sp-footnote-ref', properties: { dataLabel: label }, children: [] };
  });
  for (const [id] of labels) {
    const found = items.get(id);
    if (!found) continue;
    removeChild(found.parent, found.item);
  }
  for (const def of definitions) stripBackLinks(def, backTargets);
  // A list emptied of its footnotes goes too (and the block editor's footnotes block, rendered or not).
  walk(tree, (node, parent) => {
    if ((node.tagName === 'ol' || node.tagName === 'ul') && isEmpty(node) && labels.size > 0) removeChild(parent, node);
  });
  tree.children.push(...definitions);
}
