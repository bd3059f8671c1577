/** Where the files every language shares live: static files, images, theme assets and the search bundle. */
import type { Site } from './types.js';

/**
 * The base path and URL of the site root: a translation's own config is under `/cy/`, but what all
 * languages share is published once, at the root, so its links must not take the language prefix.
 */
export function siteRoot(site: Site): { readonly basePath: string; readonly url: string } {
  return site.language ? { basePath: site.language.rootBasePath, url: site.language.rootUrl } : { basePath: site.config.basePath, url: site.config.url };
}

/** The site and its translations, default language first: what a step that covers every language walks. */
export function everyLanguage(site: Site): readonly Site[] {
  return [site, ...(site.translations ?? [])];
}
