/**
 * `theme check` for strings files: every key of `locales/en-GB.json` (the theme's and the bundled
 * default's) must be in every other language file too, and plural forms must cover the plural
 * categories their language uses (Welsh: zero, one, two, few, many, other).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { warningProblem, type Problem } from '../shared/errors.js';
import { bundledThemeFolder } from '../shared/package-root.js';
import { isPluralForms, PLURAL_CATEGORIES } from './theme-strings.js';

const PLURAL_SUFFIX = new RegExp(`\\.(${PLURAL_CATEGORIES.join('|')})$`);

async function readStrings(file: string): Promise<Record<string, unknown> | undefined> {
  try {
    const value: unknown = JSON.parse(await fs.readFile(file, 'utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** `tags.count.one` and `tags.count.other` (the flat English pair) are the key `tags.count`, as plural forms are. */
const keysOf = (strings: Record<string, unknown> | undefined): string[] => Object.keys(strings ?? {}).map((key) => key.replace(PLURAL_SUFFIX, ''));

async function languageCodes(folders: readonly string[]): Promise<string[]> {
  const files = await Promise.all(folders.map((folder) => fg('locales/*.json', { cwd: folder })));
  return [...new Set(files.flat().map((file) => path.posix.basename(file, '.json')))].sort();
}

function pluralProblems(code: string, strings: Record<string, unknown> | undefined, display: string): Problem[] {
  let needed: readonly string[];
  try {
    const used = new Set<string>(new Intl.PluralRules(code).resolvedOptions().pluralCategories);
    needed = PLURAL_CATEGORIES.filter((category) => used.has(category));
  } catch {
    return [];
  }
  return Object.entries(strings ?? {}).flatMap(([key, value]) => {
    if (typeof value === 'string') return [];
    if (!isPluralForms(value))
      return [
        warningProblem({
          code: 'theme/strings',
          message: `The string "${key}" in ${display} is neither text nor plural forms.`,
          hint: 'Write text, or an object of plural forms with at least "other".',
          file: display,
        }),
      ];
    const missing = needed.filter((category) => !(category in value));
    return missing.length === 0
      ? []
      : [
          warningProblem({
            code: 'theme/missing-plural',
            message: `The string "${key}" in ${display} has no ${missing.map((category) => `"${category}"`).join(', ')} form (${code} uses ${needed.join(', ')}); "other" is shown instead.`,
            hint: `Add the missing forms to "${key}".`,
            file: display,
          }),
        ];
  });
}

/**
 * Strings missing from any language file of the theme at `dir` (with the bundled theme behind it, as a build sees them).
 *
 * @example
 * await localeProblems('theme', (file) => file); // [{ code: 'theme/missing-translation', message: 'The string "readMore" is missing from locales/cy.json…' }]
 */
export async function localeProblems(dir: string, display: (file: string) => string): Promise<Problem[]> {
  const folders = [...new Set([dir, bundledThemeFolder()])];
  const read = (folder: string, code: string): Promise<Record<string, unknown> | undefined> => readStrings(path.join(folder, 'locales', `${code}.json`));
  const required = new Set((await Promise.all(folders.map((folder) => read(folder, 'en-GB')))).flatMap(keysOf));
  const problems: Problem[] = [];
  for (const code of await languageCodes(folders)) {
    if (code === 'en-GB') continue;
    const own = await read(dir, code);
    const have = new Set((await Promise.all(folders.map((folder) => read(folder, code)))).flatMap(keysOf));
    const file = display(`locales/${code}.json`);
    for (const key of required) {
      if (have.has(key)) continue;
      problems.push(
        warningProblem({
          code: 'theme/missing-translation',
          message: `The string "${key}" is missing from locales/${code}.json; ${code} pages will show the English text.`,
          hint: `Add "${key}" to ${file}, translated.`,
          file,
        }),
      );
    }
    problems.push(...pluralProblems(code, own, file));
  }
  return problems;
}
