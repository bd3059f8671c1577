/** `t`: the theme's visible text comes from one strings file per language. */
import { isPluralForms, type ThemeStrings } from '../theme-strings.js';
import { optionsOf, paramsOf, rootOf, type HelperFunction } from './helper-root.js';

/** Fill `{name}` placeholders from `values`; unknown placeholders are left as written. */
function interpolate(text: string, values: Readonly<Record<string, unknown>>): string {
  return text.replace(/\{(\w+)\}/g, (match, name: string) => (values[name] === undefined ? match : String(values[name])));
}

const pluralRules = new Map<string, Intl.PluralRules>();

/** The CLDR plural category of `count` in `language` (`cy`: 0 zero, 1 one, 2 two, 3 few, 6 many, else other). */
function pluralCategory(language: string, count: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(language);
  if (!rules) pluralRules.set(language, (rules = new Intl.PluralRules(language)));
  return rules.select(count);
}

/**
 * Look up `key` and fill its `{name}` placeholders from `values`. Plural forms (an object) are
 * chosen by `Intl.PluralRules(language)` for `count` (missing category: `other`); the older flat
 * `key.one` / `key.other` pair is still read for a numeric `count` when the key has no forms.
 */
export function translate(strings: ThemeStrings, key: string, values: Readonly<Record<string, unknown>> = {}, language = 'en-GB'): string {
  const count = values.count;
  const value = strings[key];
  if (isPluralForms(value)) {
    const category = typeof count === 'number' ? pluralCategory(language, count) : 'other';
    return interpolate(value[category] ?? value.other, values);
  }
  const pluralKey = typeof count === 'number' ? `${key}.${count === 1 ? 'one' : 'other'}` : undefined;
  const flat = pluralKey !== undefined ? strings[pluralKey] : undefined;
  return interpolate(typeof flat === 'string' ? flat : typeof value === 'string' ? value : key, values);
}

/**
 * `{{t "related.heading"}}`, `{{t "tag.heading" name=tag.name}}`, `{{t "tags.count" count=tag.count}}`:
 * whole sentences with named placeholders, plural forms by the page's language.
 */
export const translateHelper: HelperFunction = (...args) => {
  const options = optionsOf(args);
  const root = rootOf(options);
  return translate(root.strings, String(paramsOf(args)[0]), options.hash as Record<string, unknown>, root.site.config.language);
};
