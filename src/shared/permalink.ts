/**
 * Permalink patterns and the safety rule every URL must pass before it becomes
 * an output path: root-relative, no `..`, no backslashes, no NUL, no scheme.
 */

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
  const filled = pattern.replace(/:([a-z]+)/g, (match, name: string) => tokens[name] ?? match);
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
 * Why a root-relative URL path is unsafe to write, or `undefined` when it is fine.
 * Decodes once so `%2e%2e` is caught as `..`.
 */
export function checkUrlPath(url: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) return 'it is an absolute URL, not a path on this site';
  if (url.includes('\\')) return 'it contains a backslash';
  if (url.includes('\0')) return 'it contains a NUL character';
  let decoded: string;
  try {
    decoded = decodeURIComponent(url);
  } catch {
    return 'it contains a malformed %-escape';
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return 'it contains an encoded NUL or backslash';
  const segments = decoded.split('/');
  if (segments.some((segment) => segment === '..' || segment === '.')) return 'it contains a `..` or `.` segment';
  if (/:[a-z]+/.test(url)) return `it contains an unknown token ${url.match(/:[a-z]+/)?.[0] ?? ''}`;
  return undefined;
}

/** The output file for a URL path: `/a/b/` → `a/b/index.html`, `/404.html` → `404.html`. */
export function outputPathForUrl(url: string): string {
  const decoded = decodeURIComponent(url).replace(/^\/+/, '');
  return decoded === '' || decoded.endsWith('/') ? `${decoded}index.html` : decoded;
}
