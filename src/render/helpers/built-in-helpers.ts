/**
 * The built-in helpers, registered exactly as a site's own `helpers` are (see
 * docs/themes.md for each with an example).
 */
import { formatDateHelper, isoDateHelper, sameDayHelper } from './date-helpers.js';
import type { HelperFunction } from './helper-root.js';
import { imageHelper, shareImageHelper } from './image-helpers.js';
import { jsonLdHelper } from './json-ld-helper.js';
import { andHelper, eqHelper, limitHelper, notHelper, orHelper, topTagsHelper } from './logic-helpers.js';
import { pageLinksHelper, pageOfHelper } from './pagination-helpers.js';
import { translateHelper } from './string-helpers.js';
import { absoluteUrlHelper, assetHelper, relUrlHelper } from './url-helpers.js';

/** Name → helper. `date` and `jsonLd` are kept as aliases of `formatDate` and `json-ld`. */
export const BUILT_IN_HELPERS: Readonly<Record<string, HelperFunction>> = Object.freeze({
  formatDate: formatDateHelper,
  date: formatDateHelper,
  isoDate: isoDateHelper,
  sameDay: sameDayHelper,
  t: translateHelper,
  relUrl: relUrlHelper,
  asset: assetHelper,
  absoluteUrl: absoluteUrlHelper,
  image: imageHelper,
  shareImage: shareImageHelper,
  'json-ld': jsonLdHelper,
  jsonLd: jsonLdHelper,
  eq: eqHelper,
  and: andHelper,
  or: orHelper,
  not: notHelper,
  limit: limitHelper,
  topTags: topTagsHelper,
  pageOf: pageOfHelper,
  pageLinks: pageLinksHelper,
});

/** Helpers Handlebars itself provides on every instance. */
const HANDLEBARS_HELPERS: readonly string[] = ['if', 'unless', 'each', 'with', 'lookup', 'log', 'blockHelperMissing', 'helperMissing'];

/** Every helper name a theme may use without the site defining it. */
export const KNOWN_HELPER_NAMES: readonly string[] = [...Object.keys(BUILT_IN_HELPERS), ...HANDLEBARS_HELPERS];
