/** Small comparisons and list helpers, so templates need no logic of their own. */
import { derive, registerDerivation } from '../page-reads.js';
import { paramsOf, type HelperFunction } from './helper-root.js';

/** `{{#if (eq route.kind "home")}}` */
export const eqHelper: HelperFunction = (...args) => {
  const [left, right] = paramsOf(args);
  return left === right;
};

/** `{{#if (and post.image post.imageAlt)}}` */
export const andHelper: HelperFunction = (...args) => paramsOf(args).every(Boolean);

/** `{{#if (or post.previous post.next)}}` */
export const orHelper: HelperFunction = (...args) => paramsOf(args).some(Boolean);

/** `{{#if (not site.nextEvent)}}` */
export const notHelper: HelperFunction = (...args) => !paramsOf(args)[0];

/** `{{#each (limit site.posts 3)}}` — the first N items of a list. */
export const limitHelper: HelperFunction = (...args) => {
  const [list, count] = paramsOf(args);
  return Array.isArray(list) ? list.slice(0, Math.max(0, Number(count) || 0)) : [];
};

/**
 * The tags by use, most-used first (ties by name). A derivation (render/page-reads.ts): sorted once per
 * tag list, not once per page, and recorded as one read of which tags came out in which order.
 */
registerDerivation('tags-by-use', (list) => {
  const tags = (list as readonly { readonly count?: unknown; readonly name?: unknown }[]).slice();
  tags.sort((a, b) => Number(b.count ?? 0) - Number(a.count ?? 0) || String(a.name).localeCompare(String(b.name)));
  return tags;
});

/** `{{#each (topTags site.tags 8)}}` — the most-used tags first (ties by name), at most N. */
export const topTagsHelper: HelperFunction = (...args) => {
  const [list, count] = paramsOf(args);
  if (!Array.isArray(list)) return [];
  return derive(list, 'tags-by-use', Math.max(0, Number(count) || list.length));
};
