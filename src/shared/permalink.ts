/**
 * Permalink patterns, and the step from a URL to its output path. The safety rule itself
 * lives in `content/check-url-path.ts`.
 */

import { checkUrlPath as checkPath } from './check-url-path.js';

/** Values a pattern may use: `:year`, `:month`, `:day`, `:slug`. */
export type PermalinkTokens = Readonly<Record<string, string>>;

/**
 * Fill a pattern such as `/:year/:month/:slug/` and normalise it to start and
 * end with `/`. Unknown tokens are left as written so `checkUrlPath` can flag them.
 *
 * @example
 * renderPermalink('/:year/:month/:slug/', { year: '2019', month: '04', slug: 'a' }); // '/2019/04/a/'
 */
export function renderPermalink(pattern: string, tokens: PermalinkTokens): string {
  // Slugs may hold any script's letters (`/tag/中文/`): URLs carry them percent-encoded.
  const filled = pattern.replace(/:([a-z]+)/g, (match, name: string) => (tokens[name] === undefined ? match : encodeURIComponent(tokens[name])));
  return normaliseUrlPath(filled);
}

/** Ensure a leading slash and, unless the path names a file (`/404.html`), a trailing one. */
export function normaliseUrlPath(url: string): string {
  let result = url.startsWith('/') ? url : `/${url}`;
  result = result.replace(/\/{2,}/g, '/');
  const last = result.slice(result.lastIndexOf('/') + 1);
  if (!last.includes('.') && !result.endsWith('/')) result += '/';
  return result;
}

/**
 * Why a root-relative URL path is unsafe to write (phrased "it …"), or `undefined` when it is
 * fine: the site-wide rule of `content/check-url-path.ts`, plus no unfilled `:token`.
 */
export function checkUrlPath(url: string): string | undefined {
  const error = checkPath(url).error;
  if (error) return `it ${error}`;
  if (/:[a-z]+/.test(url)) return `it contains an unknown token ${url.match(/:[a-z]+/)?.[0] ?? ''}`;
  return undefined;
}

/** The output file for a URL path: `/a/b/` → `a/b/index.html`, `/404.html` → `404.html`. */
export function outputPathForUrl(url: string): string {
  const decoded = decodeURIComponent(url).replace(/^\/+/, '');
  return decoded === '' || decoded.endsWith('/') ? `${decoded}index.html` : decoded;
}
