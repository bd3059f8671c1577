/** A user's config object → the validated, defaulted, frozen `Config`. */
import path from 'node:path';
import { IANAZone } from 'luxon';
import type { SourcePosition } from '../shared/source-position.js';
import { errorProblem, staged, type Problem, type Staged, warningProblem } from '../shared/errors.js';
import { DEFAULT_OUTPUT_FOLDER } from '../shared/site-layout.js';
import { docsFile } from '../shared/package-root.js';
import { basePathOf } from './base-path.js';
import { CONFIG_FIELDS, absoluteUrl, isRecord } from './config-schema.js';
import { suggestName } from './suggest-name.js';
import { frozenLanguages, isLanguageTag, languageProblems } from './validate-languages.js';
import type { Config, ConfigOverrides, UserConfig } from './types.js';

export interface ConfigSource {
  /** Absolute path of the site folder. */
  readonly root: string;
  /** Absolute path of the config file, if any. */
  readonly file: string | undefined;
  /** Where each top-level key is in the file (JSON configs only). */
  readonly positions: ReadonlyMap<string, SourcePosition>;
  /** Resolves `theme` (a folder or a package name) to an absolute folder, or says why it cannot. */
  readonly resolveTheme: (theme: string | undefined) => { folder: string } | { reason: string };
}

const DEFAULT_URL = 'http://localhost:8080';
const docsHint = (): string => `See ${docsFile('configuration.md')} for every field and its type.`;

function locate(source: ConfigSource, key: string): Pick<Problem, 'file' | 'line' | 'column'> {
  const position = source.positions.get(key);
  const file = source.file ? path.relative(source.root, source.file).split(path.sep).join('/') : undefined;
  return { file, line: position?.line, column: position?.column };
}

function unknownField(key: string, source: ConfigSource): Problem {
  const known = Object.keys(CONFIG_FIELDS);
  const suggestion = suggestName(key, known);
  return errorProblem({
    code: 'config/unknown-field',
    message: `Unknown config field "${key}".`,
    hint: suggestion ? `Did you mean "${suggestion}"?` : `Known fields: ${known.join(', ')}.`,
    ...locate(source, key),
  });
}

/** Checks that need more than a type: a real time zone and language tag. */
function valueProblems(user: Record<string, unknown>, source: ConfigSource): Problem[] {
  const problems: Problem[] = [];
  if (typeof user.timezone === 'string' && !IANAZone.isValidZone(user.timezone)) {
    problems.push(errorProblem({ code: 'config/timezone', message: `Unknown time zone "${user.timezone}".`, hint: 'Use an IANA zone name such as "Europe/London".', ...locate(source, 'timezone') }));
  }
  if (typeof user.language === 'string' && !isLanguageTag(user.language)) {
    problems.push(errorProblem({ code: 'config/language', message: `"${user.language}" is not a language tag.`, hint: 'Use a BCP 47 tag such as "en-GB" or "cy".', ...locate(source, 'language') }));
  }
  problems.push(...languageProblems(user, locate(source, 'languages')));
  return problems;
}

function fieldProblems(user: Record<string, unknown>, source: ConfigSource): Problem[] {
  const problems: Problem[] = [];
  for (const [key, value] of Object.entries(user)) {
    const check = CONFIG_FIELDS[key];
    if (!check) {
      problems.push(unknownField(key, source));
      continue;
    }
    const reason = value === undefined ? undefined : check(value);
    if (!reason) continue;
    // Nested reasons start with the path inside the field: `.post must be a string`.
    const nested = /^([.[]\S*) (.*)$/.exec(reason);
    const field = nested ? `${key}${nested[1] ?? ''}` : key;
    problems.push(errorProblem({ code: 'config/type', message: `Config field "${field}" ${nested ? nested[2] : reason}.`, hint: docsHint(), ...locate(source, key) }));
  }
  return problems.length > 0 ? problems : valueProblems(user, source);
}

function overrideProblems(overrides: ConfigOverrides): Problem[] {
  const reason = overrides.url === undefined ? undefined : absoluteUrl(overrides.url);
  return reason ? [errorProblem({ code: 'config/base-url', message: `The base URL ${JSON.stringify(overrides.url)} ${reason}.`, hint: 'Pass e.g. --base-url https://blog.example.org' })] : [];
}

/** Without `url`, canonical links and feeds name localhost: fine while writing, wrong once published. */
function missingUrl(user: UserConfig, source: ConfigSource, overrides: ConfigOverrides): Problem[] {
  if (overrides.url !== undefined || user.url !== undefined) return [];
  const where = source.file ? path.basename(source.file) : 'sectorpress.config.ts';
  return [
    warningProblem({
      code: 'config/no-url',
      message: `The config sets no "url": canonical links, feeds and the sitemap will point at ${DEFAULT_URL}/.`,
      hint: `Set the address the site will be published at in ${where}, e.g. url: 'https://blog.example.org' (or pass --base-url).`,
      ...locate(source, 'url'),
    }),
  ];
}

/** Building into the site folder (or a folder holding it) would replace the site itself. */
function outDirProblems(outDir: string, source: ConfigSource): Problem[] {
  const fromOut = path.relative(outDir, source.root);
  if (fromOut !== '' && (fromOut.startsWith('..') || path.isAbsolute(fromOut))) return [];
  return [
    errorProblem({
      code: 'config/out-dir',
      message: `The output folder ${outDir} would contain the site folder itself.`,
      hint: 'Choose a folder inside the site, such as "_site" (the default).',
      ...locate(source, 'outDir'),
    }),
  ];
}

function markdownDefaults(markdown: UserConfig['markdown']): Config['markdown'] {
  return {
    remarkPlugins: [...(markdown?.remarkPlugins ?? [])],
    rehypePlugins: [...(markdown?.rehypePlugins ?? [])],
    sanitize: markdown?.sanitize ?? false,
    timeoutMs: markdown?.timeoutMs ?? 10_000,
    maxBodyBytes: markdown?.maxBodyBytes ?? 20_000_000,
  };
}

function defaults(user: UserConfig, source: ConfigSource, overrides: ConfigOverrides, theme: string): Config {
  const url = (overrides.url ?? user.url ?? DEFAULT_URL).replace(/\/+$/, '');
  return {
    root: source.root,
    configFile: source.file,
    title: user.title ?? 'Untitled blog',
    description: user.description ?? '',
    url,
    basePath: basePathOf(url),
    language: user.language ?? 'en-GB',
    ...(user.languages ? { languages: frozenLanguages(user.languages) } : {}),
    timezone: user.timezone ?? 'Europe/London',
    perPage: user.perPage ?? 10,
    feedItems: user.feedItems ?? 20,
    relatedPosts: user.relatedPosts ?? 3,
    permalinks: { post: '/:year/:month/:slug/', tag: '/tag/:slug/', author: '/author/:slug/', ...user.permalinks },
    theme,
    outDir: path.resolve(source.root, overrides.outDir ?? user.outDir ?? DEFAULT_OUTPUT_FOLDER),
    markdown: markdownDefaults(user.markdown),
    helpers: { ...user.helpers },
    now: overrides.now ?? user.now,
    navigation: (user.navigation ?? []).map((link) => ({ ...link })),
    tagPages: user.tagPages ?? 'excerpt',
    dateFormats: { long: 'd LLLL yyyy', short: 'ccc, dd LLL yy HH:mm', ...user.dateFormats },
    subscribe: user.subscribe ? { ...user.subscribe } : false,
    themeOptions: { ...user.themeOptions },
    images: user.images === false ? false : { avif: user.images?.avif ?? false },
    search: typeof user.search === 'object' ? (user.search.shardSize === undefined ? true : Object.freeze({ shardSize: user.search.shardSize })) : (user.search ?? true),
  };
}

/** Freeze the config and the containers it owns (not users' plugin or helper functions). */
function freezeConfig(config: Config): Config {
  for (const value of [
    config.permalinks,
    config.markdown,
    config.markdown.remarkPlugins,
    config.markdown.rehypePlugins,
    config.helpers,
    config.navigation,
    ...config.navigation,
    config.dateFormats,
    config.subscribe,
    config.themeOptions,
    config.images,
  ]) {
    if (value) Object.freeze(value);
  }
  return Object.freeze(config);
}

/**
 * Validate and default a config. Overrides (CLI flags, API options) win over the file.
 * Every problem is reported at once; the value is `undefined` when any is an error.
 */
export function validateConfig(raw: unknown, source: ConfigSource, overrides: ConfigOverrides): Staged<Config | undefined> {
  if (raw !== undefined && !isRecord(raw)) {
    return staged(undefined, [
      errorProblem({ code: 'config/type', message: 'The config must be an object of settings.', hint: 'Export an object: `export default defineConfig({ title: "…" })`.', ...locate(source, '') }),
    ]);
  }
  const user = (raw ?? {}) as UserConfig & Record<string, unknown>;
  const problems = [...fieldProblems(user, source), ...overrideProblems(overrides)];
  if (problems.length > 0) return staged(undefined, problems);
  const theme = source.resolveTheme(user.theme);
  if ('reason' in theme) {
    return staged(undefined, [
      errorProblem({
        code: 'config/theme',
        message: `The theme "${user.theme}" cannot be found: ${theme.reason}.`,
        hint: 'Give a folder relative to the site (e.g. "./my-theme") or the name of an installed theme package.',
        ...locate(source, 'theme'),
      }),
    ]);
  }
  const config = defaults(user, source, overrides, theme.folder);
  const unsafe = outDirProblems(config.outDir, source);
  return unsafe.length > 0 ? staged(undefined, unsafe) : staged(freezeConfig(config), missingUrl(user, source, overrides));
}
