/**
 * Root-relative URLs written as literals in a template (`href="/tags/"`): they miss the base
 * path of a site published under a path (`/blog/`), so `theme check` points each one out.
 */

export interface RootRelativeLink {
  /** `href`, `src`, `srcset`, `action` or `poster`. */
  readonly attribute: string;
  /** The literal as written, up to the end of its text (`/tags/`). */
  readonly value: string;
  /** 1-based. */
  readonly line: number;
  readonly column: number;
}

/** An attribute whose value starts with one `/` (not `//host`), quoted or not. */
const ROOT_RELATIVE = /\b(href|src|srcset|action|poster)\s*=\s*["']?(\/(?!\/)[^"'\s>{]*)/gi;

type AnyNode = { readonly type: string; readonly loc?: hbs.AST.SourceLocation } & Record<string, unknown>;

function isNode(value: unknown): value is AnyNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Line and column (1-based) of `offset` in `text`, which starts at `line`:`column`. */
function positionIn(text: string, offset: number, line: number, column: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const breaks = before.split('\n').length - 1;
  return breaks === 0 ? { line, column: column + offset } : { line: line + breaks, column: offset - before.lastIndexOf('\n') };
}

/** Links in one run of template text (HTML outside `{{…}}`). */
function linksInContent(node: AnyNode): RootRelativeLink[] {
  const text = typeof node.original === 'string' ? node.original : String(node.value ?? '');
  const start = { line: node.loc?.start.line ?? 1, column: (node.loc?.start.column ?? 0) + 1 };
  return [...text.matchAll(ROOT_RELATIVE)].map((match) => {
    const offset = (match.index ?? 0) + match[0].length - (match[2] ?? '').length;
    return { attribute: (match[1] ?? '').toLowerCase(), value: match[2] ?? '/', ...positionIn(text, offset, start.line, start.column) };
  });
}

/** Model and config fields that hold absolute URLs, so printing them as they are is right. */
const ABSOLUTE_FIELDS = /(^|\.)(absoluteUrl|canonical|bookingUrl|website)$|^(@root\.)?route\.(previousUrl|nextUrl)$/;
/** Fields that hold site-relative URLs (`url`, `feedUrl`, `icsUrl`, `avatar`, `image`, …). */
const URL_FIELD = /(^|\.)([a-z]*Url|url|avatar|image)$/;
/** Content that ends inside an attribute value: `… href="`. */
const OPEN_ATTRIBUTE = /\b(href|src|srcset|action|poster)\s*=\s*["']?$/i;

/**
 * `href="{{url}}"`: a site-relative field printed without `relUrl` (what themes forked before
 * base paths do). Only a bare field right at the start of the attribute value is reported.
 */
function unprefixedField(content: AnyNode, next: AnyNode | undefined): RootRelativeLink | undefined {
  if (next?.type !== 'MustacheStatement' || (next.params as unknown[]).length > 0) return undefined;
  const path = next.path as AnyNode;
  const name = path.type === 'PathExpression' ? String(path.original) : '';
  const attribute = OPEN_ATTRIBUTE.exec(typeof content.original === 'string' ? content.original : String(content.value ?? ''))?.[1];
  if (!attribute || !URL_FIELD.test(name) || ABSOLUTE_FIELDS.test(name)) return undefined;
  return { attribute: attribute.toLowerCase(), value: `{{${name}}}`, line: next.loc?.start.line ?? 1, column: (next.loc?.start.column ?? 0) + 1 };
}

/**
 * Every root-relative URL literal in the template's HTML, and every site-relative field printed
 * straight into a link (`href="{{post.url}}"`), in source order. Comments and values computed by
 * helpers (`{{relUrl "/tags/"}}`, `{{relUrl url}}`) are not reported.
 *
 * @example
 * findRootRelativeLinks(Handlebars.parse('<a href="/tags/">Tags</a>')); // [{ attribute: 'href', value: '/tags/', line: 1, column: 10 }]
 */
export function findRootRelativeLinks(program: hbs.AST.Program): RootRelativeLink[] {
  const found: RootRelativeLink[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    if (!isNode(value)) return;
    if (value.type === 'ContentStatement') found.push(...linksInContent(value));
    if (value.type === 'Program') {
      const body = value.body as AnyNode[];
      body.forEach((node, index) => {
        const link = node.type === 'ContentStatement' ? unprefixedField(node, body[index + 1]) : undefined;
        if (link) found.push(link);
      });
    }
    for (const [key, child] of Object.entries(value)) if (key !== 'loc') visit(child);
  };
  visit(program);
  return found.sort((a, b) => a.line - b.line || a.column - b.column);
}
