/** `relUrl`, `asset`, `absoluteUrl`: every URL a template prints goes through one of these. */
import { isSiteRelative, withBasePath } from '../../config/base-path.js';
import { siteRoot } from '../../model/site-root.js';
import type { Site } from '../../model/types.js';
import { optionsOf, paramsOf, rootOf, type HelperFunction } from './helper-root.js';

/** Join the site's base URL (which may have a path, `https://x.org/blog`) with a root-relative URL. */
export function joinUrl(base: string, value: string): string {
  if (/^[a-z][a-z\d+.-]*:/i.test(value) || value.startsWith('//')) return value;
  return `${base}${value.startsWith('/') ? value : `/${value}`}`;
}

const staticPaths = new WeakMap<Site, ReadonlySet<string>>();

/**
 * The base path and URL a site-relative `value` is under: the page's language's, except for
 * files in `static/`, which every language shares at the site root (`/images/a.jpg` on a Welsh page
 * is `/images/a.jpg`, not `/cy/images/a.jpg`).
 */
function rootFor(site: Site, value: string): { basePath: string; url: string } {
  const language = site.language;
  if (!language || language.isDefault || !isSiteRelative(value)) return { basePath: site.config.basePath, url: site.config.url };
  let paths = staticPaths.get(site);
  if (!paths) staticPaths.set(site, (paths = new Set(site.statics.map((file) => file.outputPath))));
  const file = safeDecode(value.slice(1).replace(/[?#].*$/, ''));
  // The search index is one bundle at the root for every language (search/search-records.ts).
  return paths.has(file) || file.startsWith('pagefind/') ? siteRoot(site) : { basePath: site.config.basePath, url: site.config.url };
}

function safeDecode(value: string): string {
  try {
    return decodeURI(value);
  } catch {
    return value;
  }
}

/**
 * `{{relUrl "/tags/"}}` → `/blog/tags/` on a site whose `url` is `https://x.org/blog`; `/tags/` at
 * the root. Model URLs (`{{relUrl post.url}}`) and URLs users write (`/about/`) are site-relative;
 * absolute (`https:`, `mailto:`), protocol-relative and relative URLs pass through unchanged.
 */
export const relUrlHelper: HelperFunction = (...args) => {
  const value = paramsOf(args)[0];
  const { site } = rootOf(optionsOf(args));
  return typeof value === 'string' && value !== '' ? withBasePath(rootFor(site, value).basePath, value) : site.config.basePath;
};

/** `{{asset "css/site.css"}}` → `/assets/css/site.3f9a1c2b7d.css` (content-hashed: safe to cache forever; under the base path). */
export const assetHelper: HelperFunction = (...args) => {
  const name = String(paramsOf(args)[0])
    .replace(/^\/+/, '')
    .replace(/^assets\//, '');
  const root = rootOf(optionsOf(args));
  const url = root.assets.get(name);
  if (!url) throw new Error(`There is no theme asset "${name}" (looked in assets/ of every theme layer).`);
  return withBasePath(siteRoot(root.site).basePath, url);
};

/** `{{absoluteUrl post.image}}` → `https://blog.example.org/images/a.jpg`; absolute URLs pass through. */
export const absoluteUrlHelper: HelperFunction = (...args) => {
  const value = paramsOf(args)[0];
  const { site } = rootOf(optionsOf(args));
  const path = typeof value === 'string' && value !== '' ? value : '/';
  return joinUrl(rootFor(site, path).url, path);
};
