/**
 * The built-in Handlebars helpers (documented with examples in docs/themes.md).
 * Each reads the site from the template's root context, never from module state.
 */
import Handlebars from 'handlebars';
import type { HelperOptions } from 'handlebars';
import { formatDate } from '../model/dates.js';
import type { Event, Post, Site } from '../model/types.js';
import { eventJsonLd, postJsonLd, safeJson, siteJsonLd } from './json-ld.js';

/** What every template's root context carries for helpers to read. */
export interface HelperRoot {
  readonly site: Site;
  readonly strings: Readonly<Record<string, string>>;
  readonly assets: ReadonlyMap<string, string>;
}

type HelperFunction = (...args: unknown[]) => unknown;

function rootOf(options: HelperOptions): HelperRoot {
  return (options.data as { root: HelperRoot }).root;
}

function optionsOf(args: unknown[]): HelperOptions {
  return args[args.length - 1] as HelperOptions;
}

/** `{name}` placeholders filled from the hash. */
export function interpolate(text: string, values: Readonly<Record<string, unknown>>): string {
  return text.replace(/\{(\w+)\}/g, (match, name: string) => (values[name] === undefined ? match : String(values[name])));
}

function translate(root: HelperRoot, key: string, hash: Readonly<Record<string, unknown>>): string {
  const count = hash.count;
  const pluralKey = typeof count === 'number' ? `${key}.${count === 1 ? 'one' : 'other'}` : undefined;
  const text = (pluralKey && root.strings[pluralKey]) ?? root.strings[key] ?? key;
  return interpolate(text, hash);
}

function toDate(value: unknown): Date | undefined {
  if (value instanceof Date) return value;
  if (typeof value === 'string' || typeof value === 'number') {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  return undefined;
}

export const THEME_HELPERS: Readonly<Record<string, HelperFunction>> = {
  /** `{{date post.date "long"}}` — a named format from config.dateFormats, or Luxon tokens. */
  date(...args) {
    const options = optionsOf(args);
    const { config } = rootOf(options).site;
    const date = toDate(args[0]);
    if (!date) return '';
    const name = typeof args[1] === 'string' ? args[1] : 'long';
    const format = (config.dateFormats as unknown as Record<string, string>)[name] ?? name;
    return formatDate(date, format, { timezone: config.timezone, language: config.language });
  },
  /** `{{isoDate post.date}}` — for `<time datetime>`. */
  isoDate(...args) {
    return toDate(args[0])?.toISOString() ?? '';
  },
  /** `{{t "readMore"}}`, `{{t "postCount" count=tag.count}}` — a string from the theme's locale file. */
  t(...args) {
    const options = optionsOf(args);
    return translate(rootOf(options), String(args[0]), options.hash as Record<string, unknown>);
  },
  /** `{{asset "css/site.css"}}` — the content-hashed URL of a theme asset. */
  asset(...args) {
    const options = optionsOf(args);
    const name = String(args[0]);
    const url = rootOf(options).assets.get(name);
    if (!url) throw new Error(`There is no theme asset "${name}" (looked in assets/ of every theme layer).`);
    return url;
  },
  /** `{{absoluteUrl post.url}}` — the site's base URL joined with a root-relative one. */
  absoluteUrl(...args) {
    const options = optionsOf(args);
    const value = typeof args[0] === 'string' ? args[0] : '/';
    return /^https?:/i.test(value) ? value : `${rootOf(options).site.config.url}${value.startsWith('/') ? value : `/${value}`}`;
  },
  /** `{{{jsonLd}}}` — a JSON-LD script for the page: BlogPosting, Event or Blog. */
  jsonLd(...args) {
    const options = optionsOf(args);
    const root = rootOf(options) as HelperRoot & { post?: Post; event?: Event };
    const data = root.post ? postJsonLd(root.post, root.site) : root.event ? eventJsonLd(root.event, root.site) : siteJsonLd(root.site);
    return new Handlebars.SafeString(`<script type="application/ld+json">${safeJson(data)}</script>`);
  },
  /** `{{#if (eq a b)}}` */
  eq: (...args) => args[0] === args[1],
  /** `{{#if (and a b)}}` */
  and: (...args) => args.slice(0, -1).every(Boolean),
  /** `{{#if (or a b)}}` */
  or: (...args) => args.slice(0, -1).some(Boolean),
  /** `{{#unless (not a)}}` */
  not: (...args) => !args[0],
  /** `{{#each (limit posts 3)}}` */
  limit: (...args) => (Array.isArray(args[0]) ? args[0].slice(0, Number(args[1])) : []),
};

export const HELPER_NAMES: readonly string[] = [...Object.keys(THEME_HELPERS), 'if', 'unless', 'each', 'with', 'lookup', 'log', 'blockHelperMissing', 'helperMissing'];
