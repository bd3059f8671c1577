/** `json-ld`: the page's structured data, in a script element content cannot close. */
import Handlebars from 'handlebars';
import type { Event, Post } from '../../model/types.js';
import { eventJsonLd, postJsonLd, safeJson, siteJsonLd } from '../json-ld.js';
import { optionsOf, rootOf, type HelperFunction, type HelperRoot } from './helper-root.js';

/**
 * `{{json-ld}}` in `<head>` → `<script type="application/ld+json">…</script>` with a
 * `BlogPosting` on post pages, an `Event` on event pages and a `Blog` elsewhere.
 */
export const jsonLdHelper: HelperFunction = (...args) => {
  const root = rootOf(optionsOf(args)) as HelperRoot & { readonly post?: Post; readonly event?: Event };
  const data = root.post ? postJsonLd(root.post, root.site) : root.event ? eventJsonLd(root.event, root.site) : siteJsonLd(root.site);
  return new Handlebars.SafeString(`<script type="application/ld+json">${safeJson(data)}</script>`);
};
