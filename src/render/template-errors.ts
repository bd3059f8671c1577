/** Handlebars errors → located problems. */
import { errorProblem, type Problem } from '../errors.js';

/** Handlebars reports parse errors as "Parse error on line N:" with a caret line, or with `lineNumber`/`column` fields. */
export function templateProblem(error: unknown, file: string, code: string, hint: string, context = ''): Problem {
  const record = (error ?? {}) as { message?: string; lineNumber?: number; column?: number };
  const message = record.message ?? String(error);
  const parseLine = /on line (\d+)/.exec(message)?.[1];
  const caretColumn = /\n(-*)\^/.exec(message)?.[1]?.length;
  const line = record.lineNumber ?? (parseLine ? Number(parseLine) : undefined);
  const column = record.column !== undefined ? record.column + 1 : caretColumn !== undefined ? caretColumn + 1 : undefined;
  const firstLine = message.split('\n').filter((part) => part.trim() !== '' && !/^-*\^$/.test(part) && !part.startsWith('...')).slice(0, 1).join(' ');
  const expecting = /Expecting (.*)$/m.exec(message)?.[0];
  return errorProblem({
    code,
    message: `${context}${firstLine}${expecting && !firstLine.includes('Expecting') ? ` (${expecting})` : ''}`,
    hint,
    file,
    line: line ?? 1,
    column: column ?? 1,
  });
}
