/**
 * What a template uses, read from its Handlebars AST: partials, helpers and string
 * keys, each with its 1-based line and column. `theme check` compares them with what
 * the theme provides.
 */

export interface TemplateReference {
  readonly kind: 'partial' | 'helper' | 'string';
  readonly name: string;
  readonly line: number;
  readonly column: number;
}

type AnyNode = { readonly type: string; readonly loc?: hbs.AST.SourceLocation } & Record<string, unknown>;

function isNode(value: unknown): value is AnyNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** A bare name (`formatDate`), not a data or scoped path (`@index`, `post.title`, `this`, `../x`). */
function simpleName(node: unknown): string | undefined {
  if (!isNode(node) || node.type !== 'PathExpression') return undefined;
  const path = node as unknown as hbs.AST.PathExpression;
  if (path.data || path.depth > 0 || path.parts.length !== 1 || /^this\b/.test(path.original)) return undefined;
  return path.parts[0];
}

function referencesOf(node: AnyNode): Omit<TemplateReference, 'line' | 'column'>[] {
  if (node.type === 'PartialStatement' || node.type === 'PartialBlockStatement') {
    const name = node.name as AnyNode;
    // `{{> (dynamic)}}` can't be checked statically; `{{> "quoted"}}` and `{{> bare}}` can.
    const value = name.type === 'PathExpression' ? (name as unknown as hbs.AST.PathExpression).original : name.type === 'StringLiteral' ? String(name.value) : undefined;
    return value === undefined || value === '@partial-block' ? [] : [{ kind: 'partial', name: value }];
  }
  if (node.type !== 'MustacheStatement' && node.type !== 'BlockStatement' && node.type !== 'SubExpression') return [];
  const name = simpleName(node.path);
  const params = (node.params as AnyNode[] | undefined) ?? [];
  const hashPairs = (node.hash as { pairs?: unknown[] } | undefined)?.pairs ?? [];
  // `{{title}}` and `{{#post}}…{{/post}}` may just read a field; with arguments it must be a helper.
  const isHelper = node.type === 'SubExpression' || params.length > 0 || hashPairs.length > 0;
  if (!name || !isHelper) return [];
  const found: Omit<TemplateReference, 'line' | 'column'>[] = [{ kind: 'helper', name }];
  const first = params[0];
  if (name === 't' && first?.type === 'StringLiteral') found.push({ kind: 'string', name: String(first.value) });
  return found;
}

/** Every partial, helper and `t` string key `program` uses, in source order. */
export function collectReferences(program: hbs.AST.Program): TemplateReference[] {
  const found: TemplateReference[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    if (!isNode(value)) return;
    const at = { line: value.loc?.start.line ?? 1, column: (value.loc?.start.column ?? 0) + 1 };
    for (const reference of referencesOf(value)) found.push({ ...reference, ...at });
    for (const [key, child] of Object.entries(value)) if (key !== 'loc') visit(child);
  };
  visit(program);
  return found;
}
