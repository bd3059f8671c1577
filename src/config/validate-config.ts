/** A user's config object → the validated, defaulted, frozen `Config`. */
import path from 'node:path';
import { IANAZone } from 'luxon';
import { errorProblem, staged, type Problem, type Staged } from '../errors.js';
import type { SourcePosition } from '../content/types.js';
import { CONFIG_FIELDS, isRecord } from './config-schema.js';
import { suggestName } from './suggest-name.js';
import type { Config, ConfigOverrides, UserConfig } from './types.js';

export interface ConfigSource {
  /** Absolute path of the site folder. */
  readonly root: string;
  /** Absolute path of the config file, if any. */
  readonly file: string | undefined;
  /** Where each top-level key is in the file (JSON configs only). */
  readonly positions: ReadonlyMap<string, SourcePosition>;
  /** Resolves `theme` (a folder or a package name) to an absolute folder. */
  readonly resolveTheme: (theme: string | undefined) => string;
}

function locate(source: ConfigSource, key: string): Pick<Problem, 'file' | 'line' | 'column'> {
  const position = source.positions.get(key);
  const file = source.file ? path.relative(source.root, source.file).split(path.sep).join('/') : undefined;
  return { file, line: position?.line, column: position?.column };
}

function fieldProblems(user: Record<string, unknown>, source: ConfigSource): Problem[] {
  const problems: Problem[] = [];
  const known = Object.keys(CONFIG_FIELDS);
  for (const [key, value] of Object.entries(user)) {
    const check = CONFIG_FIELDS[key];
    if (!check) {
      const suggestion = suggestName(key, known);
      problems.push(errorProblem({
        code: 'config/unknown-field',
        message: `Unknown config field "${key}".`,
        hint: suggestion ? `Did you mean "${suggestion}"?` : `Known fields: ${known.join(', ')}.`,
        ...locate(source, key),
      }));
      continue;
    }
    const reason = value === undefined ? undefined : check(value);
    if (reason) {
      const nested = /^([.[][^ ]*) (.*)$/.exec(reason);
      const field = nested ? `${key}${nested[1] ?? ''}` : key;
      problems.push(errorProblem({ code: 'config/type', message: `Config field "${field}" ${nested ? nested[2] : reason}.`, hint: 'See docs/configuration.md for every field and its type.', ...locate(source, key) }));
    }
  }
  if (typeof user.timezone === 'string' && !IANAZone.isValidZone(user.timezone)) {
    problems.push(errorProblem({ code: 'config/timezone', message: `Unknown time zone "${user.timezone}".`, hint: 'Use an IANA zone name such as "Europe/London".', ...locate(source, 'timezone') }));
  }
  return problems;
}

/**
 * Validate and default a config. Overrides (CLI flags, API options) win over the file.
 */
export function validateConfig(raw: unknown, source: ConfigSource, overrides: ConfigOverrides): Staged<Config | undefined> {
  if (raw !== undefined && !isRecord(raw)) {
    return staged(undefined, [errorProblem({ code: 'config/type', message: 'The config must be an object of settings.', hint: 'Export an object: `export default defineConfig({ title: "…" })`.', ...locate(source, '') })]);
  }
  const user = (raw ?? {}) as UserConfig & Record<string, unknown>;
  const problems = fieldProblems(user, source);
  if (problems.length > 0) return staged(undefined, problems);
  const config: Config = {
    root: source.root,
    configFile: source.file,
    title: user.title ?? 'Untitled blog',
    description: user.description ?? '',
    url: (overrides.url ?? user.url ?? 'http://localhost:8080').replace(/\/+$/, ''),
    language: user.language ?? 'en-GB',
    timezone: user.timezone ?? 'Europe/London',
    perPage: user.perPage ?? 10,
    feedItems: user.feedItems ?? 20,
    relatedPosts: user.relatedPosts ?? 3,
    permalinks: { post: '/:year/:month/:slug/', tag: '/tag/:slug/', author: '/author/:slug/', ...user.permalinks },
    theme: source.resolveTheme(user.theme),
    outDir: overrides.outDir ?? path.resolve(source.root, user.outDir ?? '_site'),
    markdown: { remarkPlugins: user.markdown?.remarkPlugins ?? [], rehypePlugins: user.markdown?.rehypePlugins ?? [] },
    helpers: { ...user.helpers },
    now: overrides.now ?? user.now,
    navigation: user.navigation ?? [],
    tagPages: user.tagPages ?? 'excerpt',
    dateFormats: { long: 'd LLLL yyyy', short: 'ccc, dd LLL yy HH:mm', ...user.dateFormats },
    subscribe: user.subscribe ?? false,
    themeOptions: { ...user.themeOptions },
  };
  return staged(Object.freeze(config));
}
