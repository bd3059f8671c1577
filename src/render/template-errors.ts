/**
 * Handlebars parse and compile errors → located problems in plain words. Handlebars'
 * own messages name grammar tokens ("Expecting 'ID', got 'INVALID'") or internals
 * ("each doesn't match if"); a theme author needs what is wrong and what to write.
 */
import Handlebars from 'handlebars';
import { errorProblem, type Problem } from '../shared/errors.js';
import { findMismatchedClose, findUnclosedBlock } from './unclosed-block.js';

interface Location {
  readonly line: number;
  readonly column: number;
}

interface Wording {
  readonly message: string;
  readonly hint: string;
}

const SYNTAX_HINT = 'Every {{ opens a tag that "}}" closes (or "}}}" after "{{{"), and every {{#block}} needs its {{/block}}.';

/** The token Handlebars' parser stopped at; it is a module-level singleton, read right after a failed parse. */
function lexerToken(): (Location & { text: string }) | undefined {
  const lexer = (Handlebars as unknown as { Parser?: { lexer?: { yytext?: string; yylloc?: { first_line: number; first_column: number } } } }).Parser?.lexer;
  const at = lexer?.yylloc;
  return at ? { line: at.first_line, column: at.first_column + 1, text: String(lexer?.yytext ?? '') } : undefined;
}

function invalidCharacter(text: string): Wording {
  if (text === '"' || text === "'") return { message: `A quoted string starts here (${text}) and is not closed before the tag ends.`, hint: `Close the string with ${text}.` };
  if (text === '}') return { message: 'A single "}" here: a tag is closed with "}}".', hint: 'Write "}}" (no space between the braces), or remove the stray brace.' };
  if (text === '[') return { message: 'A "[" here is not closed with "]".', hint: 'Write a field whose name has odd characters as [name], or remove the "[".' };
  return { message: `The character "${text}" does not belong inside {{ }}.`, hint: 'Inside {{ }} write a field (post.title), a helper and its arguments, a "quoted string" or a number.' };
}

/** What the parser met, in words, from the token it got and the ones it would have taken. */
function describeParseError(message: string, text: string, source: string | undefined, at: Location | undefined): Wording {
  const got = /got '([^']+)'/.exec(message)?.[1] ?? '';
  const expecting = /Expecting ([^\n]*), got/.exec(message)?.[1] ?? '';
  if (message.startsWith('Lexical error')) return invalidCharacter(text || '?');
  switch (got) {
    case 'INVALID':
      return invalidCharacter(text);
    case 'CLOSE':
      if (expecting.includes("'CLOSE_UNESCAPED'")) return { message: 'A tag opened with "{{{" is closed with "}}".', hint: 'Close it with "}}}", or open it with "{{".' };
      return {
        message: 'The tag ends too early: something is missing before "}}".',
        hint: 'Complete the tag: a name after "{{", "{{#", "{{>" or "@", a value after "=", a ")" for each "(", or remove the empty {{ }}.',
      };
    case 'CLOSE_UNESCAPED':
      return { message: 'A tag opened with "{{" is closed with "}}}".', hint: 'Close it with "}}", or open it with "{{{" to insert HTML unescaped.' };
    case 'CLOSE_SEXPR':
      return { message: 'A ")" here closes no "(".', hint: 'Remove the ")", or open the sub-expression with "(helper …".' };
    case 'OPEN_SEXPR':
      return { message: 'A "(" cannot start here.', hint: 'A (sub-expression) is an argument: write it after a helper name, e.g. {{formatDate (eq a b)}}.' };
    case 'INVERSE':
    case 'OPEN_INVERSE_CHAIN':
      if (!expecting.includes("'EOF'"))
        return { message: `A second ${text || '{{else}}'} in the same block.`, hint: 'A block has one plain {{else}}, last; for more branches write {{else if …}} before it.' };
      return { message: `${text || '{{else}}'} outside any block.`, hint: 'Use {{else}} only between {{#if …}} (or {{#each}}, {{#unless}}, {{#with}}) and its {{/if}}.' };
    case 'OPEN_ENDBLOCK': {
      const closer = source !== undefined && at !== undefined ? /^\{\{~?\/\s*[^\s}~]+/.exec(lineText(source, at).slice(at.column - 1))?.[0] : undefined;
      return { message: `${closer ? `${closer}}}` : 'This {{/…}}'} closes a block that is not open.`, hint: 'Remove it, or add the {{#block}} it should close before it.' };
    }
    case 'EOF':
      return { message: 'The file ends inside a {{ tag.', hint: 'Close the last tag with "}}".' };
    case 'OPEN':
    case 'OPEN_BLOCK':
    case 'OPEN_UNESCAPED':
    case 'OPEN_PARTIAL':
    case 'OPEN_PARTIAL_BLOCK':
    case 'OPEN_ENDBLOCK_RAW':
    case 'OPEN_INVERSE':
    case 'COMMENT':
    case 'CONTENT':
      return { message: 'A tag is not closed: "}}" is missing before this point.', hint: 'Close the tag before with "}}".' };
    default:
      return { message: `"${text}" is not expected here.`, hint: SYNTAX_HINT };
  }
}

function lineText(source: string, at: Location): string {
  return source.split('\n')[at.line - 1] ?? '';
}

/** Compile-time errors, which Handlebars locates (line, 0-based column) but words for its own authors. */
function describeCompileError(message: string, source: string | undefined): (Wording & Partial<Location>) | undefined {
  const mismatch = / doesn't match /.test(message) && source !== undefined ? findMismatchedClose(source) : undefined;
  if (mismatch) {
    return {
      message: `${mismatch.closer} does not close the ${mismatch.opener} opened at line ${mismatch.openLine}, column ${mismatch.openColumn}.`,
      hint: `Blocks close innermost first: close ${mismatch.opener} with ${mismatch.openerCloser} before ${mismatch.closer}, or fix the name.`,
      line: mismatch.line,
      column: mismatch.column,
    };
  }
  const [, opened, closed] = /^(\S+) doesn't match (\S+)/.exec(message) ?? [];
  if (opened) return { message: `{{#${opened}}} is closed with {{/${closed}}}.`, hint: `Close it with {{/${opened}}}.` };
  const path = /^Invalid path: (.+?)(?: - \d+:\d+)?$/.exec(message)?.[1];
  if (path) return { message: `"${path}" is not a valid path: "this" and ".." may only begin one.`, hint: "Write a field as post.title, the enclosing context's as ../title." };
  if (message.startsWith('Unsupported number of partial arguments')) {
    return { message: 'A partial is given more than one context.', hint: 'Give a partial one context at most, with anything else as name=value pairs: {{> byline post label="By"}}.' };
  }
  return undefined;
}

/**
 * A located problem for an error thrown by `parse`/`compile`. Parse errors take the
 * position from the lexer (their message's caret points into a truncated excerpt);
 * compile errors carry `lineNumber`/`column`. Given the template's `source`, a file that
 * ends inside a block is reported where that block opened, and a block closed by the wrong
 * `{{/name}}` where that closer is.
 */
export function templateProblem(error: unknown, file: string, source?: string): Problem {
  const record = (error ?? {}) as { message?: string; lineNumber?: number; column?: number };
  const message = record.message ?? String(error);
  const code = 'theme/syntax';
  if (record.lineNumber !== undefined) {
    const words = describeCompileError(message, source) ?? { message: `${message.replace(/ - \d+:\d+$/, '')}.`, hint: SYNTAX_HINT };
    return errorProblem({ code, message: words.message, hint: words.hint, file, line: words.line ?? record.lineNumber, column: words.column ?? (record.column ?? 0) + 1 });
  }
  const isParseError = /^(Parse|Lexical) error/.test(message);
  const unclosed = isParseError && /got 'EOF'/.test(message) && source !== undefined ? findUnclosedBlock(source) : undefined;
  if (unclosed) {
    return errorProblem({
      code,
      message: `${unclosed.opener} opened here is never closed.`,
      hint: `Close it with ${unclosed.closer} where the block should end.`,
      file,
      line: unclosed.line,
      column: unclosed.column,
    });
  }
  if (!isParseError) return errorProblem({ code, message, hint: SYNTAX_HINT, file, line: 1, column: 1 });
  const token = lexerToken();
  const line = token?.line ?? Number(/on line (\d+)/.exec(message)?.[1] ?? 1);
  const words = describeParseError(message, token?.text ?? '', source, token);
  return errorProblem({ code, message: `Handlebars syntax error: ${words.message}`, hint: words.hint, file, line, column: token?.column ?? 1 });
}
