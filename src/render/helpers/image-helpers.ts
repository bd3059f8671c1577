/**
 * `image` and `shareImage`: how templates show and share the site's images. Both read the
 * images stage's data from the `Site` model; an image it does not know (an external address,
 * or `images: false`) is printed as a plain `<img>`, as written.
 */
import Handlebars from 'handlebars';
import { withBasePath } from '../../config/base-path.js';
import { CONTENT_SIZES, imageMarkup } from '../../images/image-markup.js';
import { shareVariant } from '../../images/plan-variants.js';
import type { SiteImage } from '../../images/types.js';
import { siteRoot } from '../../model/site-root.js';
import type { Site } from '../../model/types.js';
import { joinUrl } from './url-helpers.js';
import { optionsOf, paramsOf, rootOf, type HelperFunction } from './helper-root.js';

/** The site image `url` names, with or without the base path. */
export function findSiteImage(site: Site, url: unknown): SiteImage | undefined {
  if (typeof url !== 'string') return undefined;
  const { basePath } = siteRoot(site);
  if (basePath !== '/' && url.startsWith(basePath)) {
    const inside = site.images.get(url.slice(basePath.length - 1));
    if (inside) return inside;
  }
  return site.images.get(url);
}

/** Hash arguments as attributes, in a fixed order: class, alt, then the displayed size. */
function attributesOf(hash: Readonly<Record<string, unknown>>): [string, string][] {
  return (['class', 'alt', 'width', 'height'] as const).filter((name) => hash[name] !== undefined && hash[name] !== null).map((name) => [name, Handlebars.escapeExpression(String(hash[name]))]);
}

/**
 * `{{image post.image alt=post.imageAlt lead=true}}`, `{{image avatar class="avatar" alt="" width=72 height=72}}`:
 * the responsive markup of a site image (`<picture>`, `srcset`, `sizes`, `width`/`height`, lazy
 * loading except with `lead=true`). `sizes` defaults to the content column, or to `width`px.
 */
export const imageHelper: HelperFunction = (...args) => {
  const options = optionsOf(args);
  const url = paramsOf(args)[0];
  const hash = options.hash as Record<string, unknown>;
  const site = rootOf(options).site;
  const attributes = attributesOf(hash);
  const image = findSiteImage(site, url);
  const src = Handlebars.escapeExpression(withBasePath(siteRoot(site).basePath, typeof url === 'string' ? url : ''));
  if (!image) {
    const [first, ...rest] = attributes;
    const ordered = first?.[0] === 'class' ? [first, ['src', src], ...rest] : [['src', src], ...attributes];
    return new Handlebars.SafeString(`<img${ordered.map(([name, value]) => ` ${name}="${value}"`).join('')}>`);
  }
  const sizes = typeof hash.sizes === 'string' ? hash.sizes : hash.width !== undefined ? `${String(hash.width)}px` : CONTENT_SIZES;
  return new Handlebars.SafeString(imageMarkup(image, { attributes, sizes, lead: hash.lead === true, url: (value) => withBasePath(siteRoot(site).basePath, value) }));
};

/**
 * `{{#with (shareImage post.image)}}<meta property="og:image" content="{{url}}">…{{/with}}`: the
 * absolute URL, width and height of the variant to share (about 1200 px wide), or nothing.
 */
export const shareImageHelper: HelperFunction = (...args) => {
  const site = rootOf(optionsOf(args)).site;
  const image = findSiteImage(site, paramsOf(args)[0]);
  const variant = image ? shareVariant(image) : undefined;
  return variant ? { url: joinUrl(siteRoot(site).url, variant.url), width: variant.width, height: variant.height } : undefined;
};
