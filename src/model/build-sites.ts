/**
 * Entries of every language → the one `Site` model. A single-language site is `buildSite` as it
 * always was; a multilingual one is a `Site` per language (each built by `buildSite` from that
 * language's entries, with its own config), held by the default language's `Site`.
 */
import type { AuthorRecord, DataSet, EventEntry, PageEntry, PostEntry } from '../content/types.js';
import { errorProblem, staged, type Problem, type Staged } from '../shared/errors.js';
import { buildSite, type SiteInput } from './build-site.js';
import { collectRedirects } from './collect-redirects.js';
import { languageConfig, siteLanguages } from './language-config.js';
import type { ModelOptions, Site, SiteLanguage } from './types.js';

type Entry = PostEntry | PageEntry | EventEntry;

const inLanguage = <T extends Entry>(entries: readonly T[], language: SiteLanguage, fallback: string): T[] => entries.filter((entry) => (entry.lang ?? fallback) === language.code);

/** `pages/cy/amdanom.md` in Welsh is `/cy/amdanom/`, not `/cy/cy/amdanom/`: the language folder is optional. */
function withoutLanguageFolder(page: PageEntry, language: SiteLanguage): PageEntry {
  return !language.isDefault && page.pagePath.toLowerCase().startsWith(language.folder) ? { ...page, pagePath: page.pagePath.slice(language.folder.length) } : page;
}

/** Authors are shared; their `role_<code>`/`bio_<code>` replace role and bio in that language. */
function authorsIn(authors: ReadonlyMap<string, AuthorRecord>, language: SiteLanguage): ReadonlyMap<string, AuthorRecord> {
  const code = language.code.toLowerCase();
  return new Map(
    [...authors].map(([key, record]) => {
      const found = Object.entries(record.translations ?? {}).find(([lang]) => lang.toLowerCase() === code)?.[1];
      return [key, found ? { ...record, role: found.role ?? record.role, bio: found.bio ?? record.bio } : record];
    }),
  );
}

/** Two entries of one kind and language sharing a `translationKey` would make the switcher ambiguous. */
function duplicateKeys(entries: readonly Entry[], language: SiteLanguage): Problem[] {
  const seen = new Map<string, Entry>();
  const problems: Problem[] = [];
  for (const entry of entries) {
    if (entry.translationKey === undefined) continue;
    const id = `${entry.kind}\u0000${entry.translationKey}`;
    const first = seen.get(id);
    if (!first) {
      seen.set(id, entry);
      continue;
    }
    const at = entry.positions.translationKey;
    problems.push(
      errorProblem({
        code: 'model/translation-key',
        message: `The ${entry.kind}s ${first.source.relativePath} and ${entry.source.relativePath} are both in ${language.name} (${language.code}) with translationKey "${entry.translationKey}".`,
        hint: 'Each language may have one translation per key: give one of them another `translationKey`, or another `lang`.',
        file: entry.source.relativePath,
        line: at?.line,
        column: at?.column,
      }),
    );
  }
  return problems;
}

function languageInput(input: SiteInput, language: SiteLanguage): SiteInput {
  const fallback = input.config.language;
  const data: DataSet = { data: input.data.data, authors: authorsIn(input.data.authors, language) };
  return {
    ...input,
    config: languageConfig(input.config, language),
    posts: inLanguage(input.posts, language, fallback),
    pages: inLanguage(input.pages, language, fallback).map((page) => withoutLanguageFolder(page, language)),
    events: inLanguage(input.events, language, fallback),
    data,
  };
}

/** The same warning (a missing avatar, say) found once per language is reported once. */
function uniqueProblems(problems: readonly Problem[]): Problem[] {
  return [...new Map(problems.map((problem) => [JSON.stringify(problem), problem])).values()];
}

/**
 * Build the `Site` model for every language the config declares. Pure, like `buildSite`.
 *
 * @example
 * const { value: site } = buildSites(input, { drafts: false, future: false, now: new Date() });
 * site.translations?.[0]?.config.language; // 'cy'
 */
export function buildSites(input: SiteInput, options: ModelOptions): Staged<Site> {
  const languages = siteLanguages(input.config);
  if (languages.length === 0) return buildSite(input, options);
  const problems: Problem[] = [];
  const sites = languages.map((language): Site => {
    const own = languageInput(input, language);
    problems.push(...duplicateKeys([...own.posts, ...own.pages, ...own.events], language));
    const built = buildSite(own, options);
    problems.push(...built.problems);
    return { ...built.value, language, languages };
  });
  const translationKeys = new Map(
    [...input.posts, ...input.pages, ...input.events].flatMap((entry) => (entry.translationKey === undefined ? [] : [[entry.source.relativePath, entry.translationKey] as const])),
  );
  const [primary, ...others] = sites;
  if (!primary) return buildSite(input, options);
  // The rules files and redirect pages are the whole site's, written once from the default language's
  // Site: every language's old addresses, then data/redirects.yml, which is site-wide (its `to` may be
  // a page in any language).
  const none = { posts: [], pages: [], events: [] };
  // A language's URLs are under its folder (`/cy/…`); old addresses are the old site's, as written.
  const inFolder = (each: Site) => (each.redirects ?? []).map((redirect) => ({ ...redirect, to: `/${each.language?.folder ?? ''}${redirect.to.slice(1)}` }));
  const redirects = [...sites.flatMap(inFolder), ...collectRedirects(none, none, input.data)];
  return staged({ ...primary, ...(redirects.length > 0 ? { redirects } : {}), translations: others, translationKeys }, uniqueProblems(problems));
}
