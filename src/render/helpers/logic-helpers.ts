/** Small comparisons and list helpers, so templates need no logic of their own. */
import type { Pagination } from '../../routes/types.js';
import { optionsOf, paramsOf, rootOf, type HelperFunction } from './helper-root.js';
import { translate } from './string-helpers.js';

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

/** `{{pageOf pagination}}` → "Page 2 of 7" (the `pagination.position` string). */
export const pageOfHelper: HelperFunction = (...args) => {
  const pagination = paramsOf(args)[0] as Pagination | undefined;
  if (!pagination) return '';
  return translate(rootOf(optionsOf(args)).strings, 'pagination.position', { page: pagination.page, pages: pagination.pages });
};
