/** The `languages` field: checks that need more than a type, and the frozen copy the config keeps (docs/languages.md). */
import { errorProblem, type Problem } from '../shared/errors.js';
import { isRecord } from './config-schema.js';
import type { Config, UserConfig } from './types.js';

/** A well-formed BCP 47 tag (`en-GB`, `cy`). */
export function isLanguageTag(value: string): boolean {
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

/** Each extra language: a real tag, usable as a URL folder (`/cy/`), not the default again. */
export function languageProblems(user: Record<string, unknown>, at: Pick<Problem, 'file' | 'line' | 'column'>): Problem[] {
  if (!isRecord(user.languages)) return [];
  const primary = typeof user.language === 'string' ? user.language : 'en-GB';
  return Object.keys(user.languages).flatMap((code) => {
    const reason =
      !isLanguageTag(code) || !/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(code)
        ? 'is not a language tag usable as a folder name'
        : code.toLowerCase() === primary.toLowerCase()
          ? 'is the default language already'
          : undefined;
    if (!reason) return [];
    return [
      errorProblem({
        code: 'config/languages',
        message: `The language "${code}" in "languages" ${reason}.`,
        hint: 'Use a BCP 47 tag such as "cy" for each language besides `language`, the default (see docs/languages.md).',
        ...at,
      }),
    ];
  });
}

/** A frozen copy of each language's settings (no user functions live there). */
export function frozenLanguages(languages: NonNullable<UserConfig['languages']>): Config['languages'] {
  const deepFreeze = <T>(value: T): T => {
    if (value && typeof value === 'object') for (const entry of Object.values(value)) deepFreeze(entry);
    return Object.freeze(value);
  };
  return deepFreeze(structuredClone(languages));
}
