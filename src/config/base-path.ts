/**
 * The base path: where the site lives on its host (`/` or `/blog/`), derived once from the
 * config `url`. The model, routes and output paths stay site-relative (`/tags/`); these
 * functions are the only place a site-relative path becomes a public path or an absolute URL.
 */

/**
 * The pathname of the site's URL, ending in `/`.
 *
 * @example
 * basePathOf('https://www.council.gov.uk/blog'); // '/blog/'
 * basePathOf('https://blog.example.org'); // '/'
 */
export function basePathOf(siteUrl: string): string {
  let pathname: string;
  try {
    pathname = new URL(siteUrl).pathname;
  } catch {
    return '/';
  }
  return pathname.endsWith('/') ? pathname : `${pathname}/`;
}

/** True for `/about/`, false for `https://…`, `mailto:…`, `//host/…`, `#top`, `about/` and ``. */
export function isSiteRelative(value: string): boolean {
  return value.startsWith('/') && !value.startsWith('//');
}

/**
 * The public path of a site-relative path: the base path in front. Anything else (absolute,
 * protocol-relative, relative, fragment-only) is returned as written.
 *
 * @example
 * withBasePath('/blog/', '/tags/'); // '/blog/tags/'
 * withBasePath('/blog/', 'https://example.org/'); // 'https://example.org/'
 */
export function withBasePath(basePath: string, value: string): string {
  return isSiteRelative(value) ? `${basePath}${value.slice(1)}` : value;
}

/**
 * The absolute URL of a site-relative or relative path under the site URL (which may carry a
 * base path); absolute and protocol-relative URLs resolve as a browser would.
 *
 * @example
 * absoluteUrlOf('https://x.org/blog', '/images/a.jpg'); // 'https://x.org/blog/images/a.jpg'
 */
export function absoluteUrlOf(siteUrl: string, value: string): string {
  return new URL(isSiteRelative(value) ? value.slice(1) : value, `${siteUrl}/`).href;
}
