/** The config one language of a multilingual site is built with: its own words, folder and URLs. */
import type { Config } from '../config/types.js';
import type { SiteLanguage } from './types.js';

/** The language's name in its own words: "Cymraeg" for `cy`, "English" for `en-GB` (the base language, not "British English"). */
function languageName(code: string, configured?: string): string {
  if (configured) return configured;
  const base = code.split('-')[0] ?? code;
  const name = new Intl.DisplayNames([base], { type: 'language' }).of(base) ?? code;
  return `${name.charAt(0).toLocaleUpperCase(base)}${name.slice(1)}`;
}

/** Every language of `config`, the default first; empty for a single-language site. */
export function siteLanguages(config: Config): SiteLanguage[] {
  if (!config.languages) return [];
  const describe = (code: string, isDefault: boolean): SiteLanguage => {
    const folder = isDefault ? '' : `${code.toLowerCase()}/`;
    return { code, name: languageName(code, config.languages?.[code]?.name), isDefault, folder, rootBasePath: config.basePath, rootUrl: config.url, homePath: `${config.basePath}${folder}` };
  };
  return [describe(config.language, true), ...Object.keys(config.languages).map((code) => describe(code, false))];
}

/**
 * `config` as the pages of `language` see it: the language's title, description, navigation and
 * date formats over the default's, and `url`/`basePath` ending in its folder, so every link the
 * theme prints through `relUrl`/`absoluteUrl` stays inside that language.
 */
export function languageConfig(config: Config, language: SiteLanguage): Config {
  if (language.isDefault) return config;
  const settings = config.languages?.[language.code] ?? {};
  return Object.freeze({
    ...config,
    language: language.code,
    title: settings.title ?? config.title,
    description: settings.description ?? config.description,
    navigation: settings.navigation ?? config.navigation,
    dateFormats: Object.freeze({ ...config.dateFormats, ...settings.dateFormats }),
    subscribe: settings.subscribe ?? config.subscribe,
    url: `${config.url}/${language.folder.slice(0, -1)}`,
    basePath: `${config.basePath}${language.folder}`,
  });
}
