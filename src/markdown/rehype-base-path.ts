/**
 * A rehype plugin: links and images written site-relative in a body (`[strategy](/2026/05/x/)`,
 * `![](/images/a.jpg)`, and `href="/…"`/`src="/…"` in raw HTML) get the site's base path, so a
 * site published under `/blog/` keeps working. Relative, absolute and `//host` URLs are left alone.
 */
import type { Element, Root, RootContent } from 'hast';
import { isSiteRelative, withBasePath } from '../config/base-path.js';

export interface RehypeBasePathOptions {
  /** `/blog/`; with `/` the plugin changes nothing. */
  readonly basePath: string;
}

/** Properties that hold one URL (hast names). */
const URL_PROPERTIES = ['href', 'src', 'poster', 'action', 'formAction', 'cite'] as const;

/** `href="/…"`, `src='/…'` or `src=/…` in a raw HTML fragment (not `//host`). */
const RAW_ATTRIBUTE = /(\s(?:href|src)\s*=\s*["']?)\/(?!\/)/gi;
/** A quoted `srcset` in a raw HTML fragment. */
const RAW_SRCSET = /(\ssrcset\s*=\s*)(["'])([^"']*)\2/gi;

function rewriteSrcSet(value: unknown, basePath: string): unknown {
  // hast keeps `srcset` as a list of "url descriptor" candidates.
  const candidates = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : undefined;
  if (!candidates) return value;
  const rewritten = candidates.map((candidate) => String(candidate).replace(/^(\s*)(\S+)/, (_match, space: string, url: string) => `${space}${withBasePath(basePath, url)}`));
  return Array.isArray(value) ? rewritten : rewritten.join(',');
}

function rewriteElement(element: Element, basePath: string): void {
  const properties = element.properties;
  for (const name of URL_PROPERTIES) {
    const value = properties[name];
    if (typeof value !== 'string' || !isSiteRelative(value)) continue;
    const rewritten: string = withBasePath(basePath, value);
    properties[name] = rewritten;
  }
  if (properties.srcSet !== undefined) (properties as Record<string, unknown>).srcSet = rewriteSrcSet(properties.srcSet, basePath);
}

function rewrite(node: Root | RootContent, basePath: string): void {
  if (node.type === 'raw') {
    node.value = node.value
      .replace(RAW_ATTRIBUTE, `$1${basePath}`)
      .replace(RAW_SRCSET, (_match, name: string, quote: string, value: string) => `${name}${quote}${String(rewriteSrcSet(value, basePath))}${quote}`);
    return;
  }
  if (node.type === 'element') rewriteElement(node, basePath);
  if ('children' in node) for (const child of node.children) rewrite(child, basePath);
}

/**
 * Put the base path in front of every site-relative URL in the tree.
 *
 * @example
 * unified().use(remarkParse).use(remarkRehype).use(rehypeBasePath, { basePath: '/blog/' });
 */
export function rehypeBasePath(options: RehypeBasePathOptions): (tree: Root) => void {
  const basePath = options.basePath;
  return (tree) => {
    if (basePath !== '/') rewrite(tree, basePath);
  };
}
