/** `data/*.{yml,yaml,json}` → `data.<name>`, and `data/authors.yml` → author records. */
import path from 'node:path';
import { LineCounter, isMap, isScalar, parseDocument } from 'yaml';
import { errorProblem, staged, warningProblem, type Problem, type Staged } from '../shared/errors.js';
import { docsFile } from '../shared/package-root.js';
import { cleanText } from './clean-text.js';
import { readRedirectData } from './read-redirects.js';
import type { AuthorRecord, DataSet, RedirectRecord, SourceFile } from './types.js';

const AUTHOR_FIELDS = ['name', 'role', 'email', 'avatar', 'bio', 'url'] as const;

function parseData(file: SourceFile, problems: Problem[]): { value: unknown; keyLines: Map<string, { line: number; column: number }> } {
  const counter = new LineCounter();
  const document = parseDocument(file.text, { lineCounter: counter, uniqueKeys: true, prettyErrors: false });
  const keyLines = new Map<string, { line: number; column: number }>();
  const error = document.errors[0];
  if (error) {
    const at = counter.linePos(error.pos[0]);
    problems.push(
      errorProblem({
        code: 'data/syntax',
        message: `This data file cannot be read: ${error.message.split('\n')[0]}`,
        hint: 'Check indentation, colons and quotes on this line.',
        file: file.relativePath,
        line: at.line,
        column: at.col,
      }),
    );
    return { value: undefined, keyLines };
  }
  if (isMap(document.contents)) {
    for (const pair of document.contents.items) {
      if (isScalar(pair.key) && pair.key.range) {
        const at = counter.linePos(pair.key.range[0]);
        keyLines.set(String(pair.key.value), { line: at.line, column: at.col });
      }
    }
  }
  try {
    return { value: document.toJS({ maxAliasCount: 100 }), keyLines };
  } catch (caught) {
    problems.push(
      errorProblem({ code: 'data/syntax', message: `This data file cannot be read: ${caught instanceof Error ? caught.message : String(caught)}`, file: file.relativePath, line: 1, column: 1 }),
    );
    return { value: undefined, keyLines };
  }
}

/** `bio_cy: …`, `role_cy: …` → `{ cy: { bio, role } }`; undefined when there are none. */
function authorTranslations(record: Record<string, unknown>): AuthorRecord['translations'] {
  const translations: Record<string, { role?: string; bio?: string }> = {};
  for (const [field, value] of Object.entries(record)) {
    const match = /^(role|bio)_([a-z]{2,3}(?:-[a-z0-9]{2,8})*)$/i.exec(field);
    if (!match || typeof value !== 'string') continue;
    const code = match[2] as string;
    translations[code] = { ...translations[code], [match[1] as 'role' | 'bio']: cleanText(value) };
  }
  return Object.keys(translations).length > 0 ? translations : undefined;
}

function readAuthors(value: unknown, file: SourceFile, keyLines: Map<string, { line: number; column: number }>, problems: Problem[]): Map<string, AuthorRecord> {
  const authors = new Map<string, AuthorRecord>();
  if (value === undefined || value === null) return authors;
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.push(
      errorProblem({
        code: 'data/authors',
        message: 'authors.yml must map author keys to their details.',
        hint: 'Write e.g.\n  sam:\n    name: Sam Patel\n    role: Director',
        file: file.relativePath,
        line: 1,
        column: 1,
      }),
    );
    return authors;
  }
  for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
    const at = keyLines.get(key) ?? { line: 1, column: 1 };
    const record = (raw ?? {}) as Record<string, unknown>;
    const wrong =
      typeof raw !== 'object' || raw === null || Array.isArray(raw)
        ? 'its details must be `name:`, `role:` and so on, indented below it'
        : typeof record.name !== 'string'
          ? 'it has no `name`'
          : AUTHOR_FIELDS.find((field) => record[field] !== undefined && typeof record[field] !== 'string');
    if (wrong) {
      const message = wrong.includes(' ') ? `Author "${key}": ${wrong}.` : `Author "${key}": \`${wrong}\` must be text.`;
      problems.push(errorProblem({ code: 'data/authors', message, hint: `See ${docsFile('content.md')} for the fields of authors.yml.`, file: file.relativePath, line: at.line, column: at.column }));
      continue;
    }
    const text = (field: string): string | undefined => (typeof record[field] === 'string' ? cleanText(record[field] as string) : undefined);
    const translations = authorTranslations(record);
    authors.set(key, { name: text('name') ?? key, role: text('role'), email: text('email'), avatar: text('avatar'), bio: text('bio'), url: text('url'), ...(translations ? { translations } : {}) });
  }
  return authors;
}

/** Parse data files; `authors` also becomes the author records the model joins posts to. */
export function readData(files: readonly SourceFile[]): Staged<DataSet> {
  const problems: Problem[] = [];
  const data: Record<string, unknown> = {};
  let authors = new Map<string, AuthorRecord>();
  let redirects: RedirectRecord[] | undefined;
  for (const file of files) {
    const name = path.posix.basename(file.relativePath).replace(/\.(ya?ml|json)$/, '');
    if (Object.hasOwn(data, name)) {
      problems.push(
        warningProblem({
          code: 'data/duplicate-name',
          message: `Another data file is also called "${name}"; this one wins.`,
          hint: 'Rename one of them: each data file name must be unique.',
          file: file.relativePath,
        }),
      );
    }
    const { value, keyLines } = parseData(file, problems);
    data[name] = value;
    if (name === 'authors') authors = readAuthors(value, file, keyLines, problems);
    if (name === 'redirects' && value !== undefined) {
      const read = readRedirectData(file);
      problems.push(...read.problems);
      redirects = read.value;
    }
  }
  return staged(redirects ? { data, authors, redirects } : { data, authors }, problems);
}
