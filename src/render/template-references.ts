/**
 * What a template uses, read from its Handlebars AST: partials, helpers, string keys, and
 * the shapes Handlebars accepts but cannot render (a field called with arguments, a path
 * with a stray dot), each with its 1-based line and column. `theme check` and the build
 * compare them with what the theme provides (analyse-template.ts).
 */

export interface TemplateReference {
  /**
   * `helper`: a helper call (`{{formatDate date}}`, `(eq a b)`, `{{#if x}}`, or a bare `{{if}}`);
   * `field-call`: a path that is not a helper name, called with arguments (`{{post.summary "x"}}`);
   * `malformed-path`: a path with a stray dot (`post.title.`, `post..title`), as written;
   * `inline-partial`: a partial the template defines with `{{#*inline "name"}}`.
   */
  readonly kind: 'partial' | 'helper' | 'string' | 'field-call' | 'malformed-path' | 'decorator' | 'inline-partial';
  readonly name: string;
  readonly line: number;
  readonly column: number;
  /** For a helper: how many positional arguments it is given. */
  readonly argumentCount?: number;
}

type Found = Omit<TemplateReference, 'line' | 'column'> & { readonly at?: hbs.AST.SourceLocation };
type AnyNode = { readonly type: string; readonly loc?: hbs.AST.SourceLocation } & Record<string, unknown>;

/** Handlebars' own helpers that a bare `{{name}}` still calls (and that throw without their argument). */
const ALWAYS_CALLED = new Set(['if', 'unless', 'each', 'with']);

function isNode(value: unknown): value is AnyNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/**
 * A bare name (`formatDate`), not a data or scoped path (`@index`, `post.title`, `this`, `../x`).
 * A literal in a helper's place (`{{"formatDate" date}}`) names a helper the same way.
 */
function simpleName(node: unknown): string | undefined {
  if (isNode(node) && /^(String|Number|Boolean)Literal$/.test(node.type)) return String(node.original ?? node.value);
  if (!isNode(node) || node.type !== 'PathExpression') return undefined;
  const path = node as unknown as hbs.AST.PathExpression;
  if (path.data || path.depth > 0 || path.parts.length !== 1 || /^this\b/.test(path.original)) return undefined;
  return path.parts[0];
}

const sameSpot = (a: hbs.AST.Position | undefined, b: hbs.AST.Position | undefined): boolean => a !== undefined && b !== undefined && a.line === b.line && a.column === b.column;

/**
 * `post.title.` parses as the path `post.title` followed by the argument `.` written
 * against it; `post..title` as `post`, `..` and `title`. A `.`/`..` argument that
 * touches the expression before it is such a stray dot: the path as written is returned.
 */
function strayDotPath(expressions: readonly AnyNode[]): { text: string; start: number } | undefined {
  for (let index = 1; index < expressions.length; index += 1) {
    const current = expressions[index] as AnyNode;
    const previous = expressions[index - 1] as AnyNode;
    const original = current.type === 'PathExpression' ? String(current.original) : '';
    if (!/^\.\.?(\/|$)/.test(original) || !sameSpot(previous.loc?.end, current.loc?.start)) continue;
    let text = `${String(previous.original ?? '')}${original}`;
    for (let next = index + 1; next < expressions.length; next += 1) {
      const following = expressions[next] as AnyNode;
      if (!sameSpot(expressions[next - 1]?.loc?.end, following.loc?.start)) break;
      text += String(following.original ?? following.value ?? '');
    }
    return { text, start: index - 1 };
  }
  return undefined;
}

function partialReference(node: AnyNode): Found[] {
  const name = node.name as AnyNode;
  // `{{> (dynamic)}}` can't be checked statically; `{{> "quoted"}}` and `{{> bare}}` can.
  const value = name.type === 'PathExpression' ? (name as unknown as hbs.AST.PathExpression).original : name.type === 'StringLiteral' ? String(name.value) : undefined;
  return value === undefined || value === '@partial-block' ? [] : [{ kind: 'partial', name: value }];
}

function decoratorReference(node: AnyNode): Found[] {
  const name = simpleName(node.path) ?? String((node.path as AnyNode | undefined)?.original ?? '');
  const first = ((node.params as AnyNode[] | undefined) ?? [])[0];
  if (name === 'inline' && first?.type === 'StringLiteral') return [{ kind: 'inline-partial', name: String(first.value) }];
  return [{ kind: 'decorator', name }];
}

function referencesOf(node: AnyNode): Found[] {
  if (node.type === 'PartialStatement' || node.type === 'PartialBlockStatement') return partialReference(node);
  if (node.type === 'Decorator' || node.type === 'DecoratorBlock') return decoratorReference(node);
  if (node.type !== 'MustacheStatement' && node.type !== 'BlockStatement' && node.type !== 'SubExpression') return [];
  const params = (node.params as AnyNode[] | undefined) ?? [];
  const stray = strayDotPath([node.path as AnyNode, ...params]);
  // Located at the tag when the stray dot is in its name, else at the argument it spoils.
  if (stray) return [{ kind: 'malformed-path', name: stray.text, at: stray.start === 0 ? undefined : params[stray.start - 1]?.loc }];
  const path = node.path as AnyNode;
  const name = simpleName(path);
  const hashPairs = (node.hash as { pairs?: unknown[] } | undefined)?.pairs ?? [];
  // `{{title}}` and `{{#post}}…{{/post}}` may just read a field; with arguments it must be a helper.
  const called = node.type === 'SubExpression' || params.length > 0 || hashPairs.length > 0;
  if (name === undefined) {
    return called && path.type === 'PathExpression' ? [{ kind: 'field-call', name: String(path.original) }] : [];
  }
  if (!called && !ALWAYS_CALLED.has(name)) return [];
  const found: Found[] = [{ kind: 'helper', name, argumentCount: params.length }];
  const first = params[0];
  if (name === 't' && first?.type === 'StringLiteral') found.push({ kind: 'string', name: String(first.value) });
  return found;
}

/** Every partial, helper, `t` string key and unrenderable call `program` uses, in source order. */
export function collectReferences(program: hbs.AST.Program): TemplateReference[] {
  const found: TemplateReference[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    if (!isNode(value)) return;
    for (const { at, ...reference } of referencesOf(value)) {
      const start = (at ?? value.loc)?.start;
      found.push({ ...reference, line: start?.line ?? 1, column: (start?.column ?? 0) + 1 });
    }
    for (const [key, child] of Object.entries(value)) if (key !== 'loc') visit(child);
  };
  visit(program);
  return found;
}
