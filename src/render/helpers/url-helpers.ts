/** `asset`, `absoluteUrl`: URLs that survive caching and leave the site. */
import { optionsOf, paramsOf, rootOf, type HelperFunction } from './helper-root.js';

/** Join the site's base URL (which may have a path, `https://x.org/blog`) with a root-relative URL. */
export function joinUrl(base: string, value: string): string {
  if (/^[a-z][a-z\d+.-]*:/i.test(value) || value.startsWith('//')) return value;
  return `${base}${value.startsWith('/') ? value : `/${value}`}`;
}

/** `{{asset "css/site.css"}}` → `/assets/css/site.3f9a1c2b7d.css` (content-hashed: safe to cache forever). */
export const assetHelper: HelperFunction = (...args) => {
  const name = String(paramsOf(args)[0]).replace(/^\/+/, '').replace(/^assets\//, '');
  const url = rootOf(optionsOf(args)).assets.get(name);
  if (!url) throw new Error(`There is no theme asset "${name}" (looked in assets/ of every theme layer).`);
  return url;
};

/** `{{absoluteUrl post.image}}` → `https://blog.example.org/images/a.jpg`; absolute URLs pass through. */
export const absoluteUrlHelper: HelperFunction = (...args) => {
  const value = paramsOf(args)[0];
  return joinUrl(rootOf(optionsOf(args)).site.config.url, typeof value === 'string' && value !== '' ? value : '/');
};
