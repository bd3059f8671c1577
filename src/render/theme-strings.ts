/**
 * The theme's visible text: `locales/<language>.json`, merged key by key across layers. A value is
 * a whole-sentence template with named placeholders (`"Posts by {name}"`), or, where a number
 * changes the words, an object of CLDR plural forms (`{ "one": "…", "two": "…", "other": "{count} …" }`;
 * Welsh uses zero, one, two, few, many and other) chosen with `Intl.PluralRules` of the language.
 */
import { promises as fs } from 'node:fs';
import { errorProblem, warningProblem, type Problem } from '../shared/errors.js';
import { findThemeFiles, type ThemeFile } from './theme-layers.js';

/** Parse a theme JSON file; a syntax error becomes a problem and `{}`. */
export async function readThemeJson(file: ThemeFile | undefined, problems: Problem[]): Promise<Record<string, unknown>> {
  if (!file) return {};
  try {
    const value: unknown = JSON.parse(await fs.readFile(file.absolutePath, 'utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    problems.push(errorProblem({ code: 'theme/json', message: `${file.relativePath} must hold a JSON object.`, file: file.displayPath }));
  } catch (error) {
    problems.push(
      errorProblem({
        code: 'theme/json',
        message: `${file.relativePath} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
        hint: 'Check for a missing comma or quote.',
        file: file.displayPath,
      }),
    );
  }
  return {};
}

/** `cy-GB` → `['en-GB', 'cy', 'cy-GB']`: English first so every key exists, the most specific last so it wins. */
function localeChain(language: string): string[] {
  const base = language.split('-')[0] ?? language;
  return [...new Set(['en-GB', base, language])];
}

/** The CLDR plural categories a plural string may have (`Intl.PluralRules#select` gives one of them). */
export const PLURAL_CATEGORIES: readonly Intl.LDMLPluralRule[] = ['zero', 'one', 'two', 'few', 'many', 'other'];

/** A plural string: one text per plural category; `other` is required (every language has it). */
export type PluralForms = Readonly<Partial<Record<Intl.LDMLPluralRule, string>>> & { readonly other: string };

/** One theme string: plain text, or plural forms. */
export type ThemeString = string | PluralForms;

/** A language's strings by key. */
export type ThemeStrings = Readonly<Record<string, ThemeString>>;

/** Plural forms: an object of category → text, with `other`. */
export function isPluralForms(value: unknown): value is PluralForms {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return typeof (value as Record<string, unknown>).other === 'string' && entries.every(([category, text]) => PLURAL_CATEGORIES.includes(category as Intl.LDMLPluralRule) && typeof text === 'string');
}

function keepStrings(values: Record<string, unknown>, file: ThemeFile, problems: Problem[]): Record<string, ThemeString> {
  const strings: Record<string, ThemeString> = {};
  for (const [key, value] of Object.entries(values)) {
    if (typeof value === 'string' || isPluralForms(value)) strings[key] = value;
    else
      problems.push(
        warningProblem({
          code: 'theme/strings',
          message: `The string "${key}" in ${file.relativePath} is neither text nor plural forms; it is ignored.`,
          hint: `Write text, or an object of plural forms with "other": { ${PLURAL_CATEGORIES.map((category) => `"${category}": "…"`).join(', ')} }.`,
          file: file.displayPath,
        }),
      );
  }
  return strings;
}

/**
 * Strings for `language`, lowest priority first: each locale of the chain from the bundled
 * theme, then the configured theme, then the site's `theme/locales/`, so a site can change
 * one label without copying the whole file.
 */
export async function loadThemeStrings(layers: readonly string[], language: string, root: string, problems: Problem[]): Promise<Record<string, ThemeString>> {
  const strings: Record<string, ThemeString> = {};
  // One search per layer, so a skipped link is reported once, not once per locale.
  const found: Map<string, ThemeFile>[] = [];
  for (const layer of [...layers].reverse()) found.push(await findThemeFiles([layer], 'locales/*.json', root, problems));
  for (const locale of localeChain(language)) {
    for (const files of found) {
      const file = files.get(`locales/${locale}.json`);
      if (file) Object.assign(strings, keepStrings(await readThemeJson(file, problems), file, problems));
    }
  }
  return strings;
}
