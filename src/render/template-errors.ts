/** Handlebars errors → located problems with a message a theme author can act on. */
import Handlebars from 'handlebars';
import { errorProblem, type Problem } from '../shared/errors.js';
import { findUnclosedBlock } from './unclosed-block.js';

interface Location {
  readonly line: number;
  readonly column: number;
}

/** The token Handlebars' parser stopped at; it is a module-level singleton, read right after a failed parse. */
function lexerLocation(): Location | undefined {
  const lexer = (Handlebars as unknown as { Parser?: { lexer?: { yylloc?: { first_line: number; first_column: number } } } }).Parser?.lexer;
  const at = lexer?.yylloc;
  return at ? { line: at.first_line, column: at.first_column + 1 } : undefined;
}

const TOKEN_NAMES: Readonly<Record<string, string>> = {
  EOF: 'the end of the file (a {{#block}} is never closed with {{/block}})',
  INVALID: 'a character that does not belong inside {{ }}',
  CLOSE: '"}}"',
  CLOSE_UNESCAPED: '"}}}"',
  OPEN_ENDBLOCK: '"{{/"',
  OPEN: '"{{"',
  OPEN_BLOCK: '"{{#"',
  INVERSE: '"{{else}}"',
};

function describeParseError(message: string): string {
  const got = /got '([^']+)'/.exec(message)?.[1];
  if (got) return `Handlebars syntax error: unexpected ${TOKEN_NAMES[got] ?? `'${got}'`}.`;
  if (message.startsWith('Lexical error')) return 'Handlebars syntax error: unrecognised text inside {{ }}.';
  return `Handlebars syntax error: ${message.split('\n')[0]}`;
}

/**
 * A located problem for an error thrown by `parse`/`compile`. Parse errors take the
 * position from the lexer (their message's caret points into a truncated excerpt);
 * compile errors carry `lineNumber`/`column` and end in " - line:col". Given the template's
 * `source`, a file that ends inside a block is reported where that block opened.
 */
export function templateProblem(error: unknown, file: string, code: string, hint: string, source?: string): Problem {
  const record = (error ?? {}) as { message?: string; lineNumber?: number; column?: number };
  const message = record.message ?? String(error);
  if (record.lineNumber !== undefined) {
    return errorProblem({
      code,
      message: `${message.replace(/ - \d+:\d+$/, '')}.`,
      hint,
      file,
      line: record.lineNumber,
      column: (record.column ?? 0) + 1,
    });
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
  const at = isParseError ? lexerLocation() : undefined;
  const line = at?.line ?? Number(/on line (\d+)/.exec(message)?.[1] ?? 1);
  return errorProblem({ code, message: isParseError ? describeParseError(message) : message, hint, file, line, column: at?.column ?? 1 });
}
