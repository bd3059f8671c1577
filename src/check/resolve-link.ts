/** Where a link on a page points: a file of the site (under the base path), outside it, or elsewhere. */

/** The address the site is published at: its origin and base path (`/` or `/blog/`). */
export interface SiteAddress {
  readonly origin: string;
  readonly basePath: string;
}

export type LinkTarget =
  /** `mailto:`, `tel:`, `data:`, `javascript:` and the like: nothing to check. */
  | { readonly kind: 'ignored' }
  | { readonly kind: 'external'; readonly url: string }
  /** On the site's host but not under its base path: it will not be there once published. */
  | { readonly kind: 'outside'; readonly pathname: string }
  /** `path` is relative to the output folder, decoded (`about/`, `assets/site.css`); `fragment` decoded, '' when none. */
  | { readonly kind: 'internal'; readonly path: string; readonly fragment: string };

/** Parse the site's URL into what link resolution needs. */
export function siteAddressOf(siteUrl: string): SiteAddress {
  const url = new URL(siteUrl);
  const basePath = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  return { origin: url.origin, basePath };
}

/** The URL a page in the output folder is served at, e.g. `about/index.html` → `https://x.org/blog/about/`. */
export function pageUrlOf(file: string, site: SiteAddress): URL {
  const served = file === 'index.html' ? '' : file.endsWith('/index.html') ? file.slice(0, -'index.html'.length) : file;
  return new URL(`${site.basePath}${served.split('/').map(encodeURIComponent).join('/')}`, site.origin);
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Resolve `value` (an attribute's URL) as a browser would on the page at `pageUrl`. */
export function resolveLink(value: string, pageUrl: URL, site: SiteAddress): LinkTarget {
  let url: URL;
  try {
    url = new URL(value, pageUrl);
  } catch {
    return { kind: 'external', url: value };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { kind: 'ignored' };
  if (url.origin !== site.origin) return { kind: 'external', url: url.href };
  const fragment = decode(url.hash.slice(1));
  if (url.pathname === site.basePath.slice(0, -1) && site.basePath !== '/') return { kind: 'internal', path: '', fragment };
  if (!url.pathname.startsWith(site.basePath)) return { kind: 'outside', pathname: url.pathname };
  return { kind: 'internal', path: decode(url.pathname.slice(site.basePath.length)), fragment };
}

/** The file a site path is served from, if there is one: `a/` → `a/index.html`; `a` → `a` or `a/index.html`. */
export function fileForPath(sitePath: string, files: ReadonlySet<string>): string | undefined {
  if (sitePath === '' || sitePath.endsWith('/')) {
    const index = `${sitePath}index.html`;
    return files.has(index) ? index : undefined;
  }
  if (files.has(sitePath)) return sitePath;
  const index = `${sitePath}/index.html`;
  return files.has(index) ? index : undefined;
}
