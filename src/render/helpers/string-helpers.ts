/** `t`: the theme's visible text comes from one strings file per language. */
import { optionsOf, paramsOf, rootOf, type HelperFunction } from './helper-root.js';

/** Fill `{name}` placeholders from `values`; unknown placeholders are left as written. */
function interpolate(text: string, values: Readonly<Record<string, unknown>>): string {
  return text.replace(/\{(\w+)\}/g, (match, name: string) => (values[name] === undefined ? match : String(values[name])));
}

/**
 * Look up `key`; with a numeric `count`, `key.one` or `key.other` is preferred (English
 * plural rules; a locale that needs more forms can override the key without `count`).
 */
export function translate(strings: Readonly<Record<string, string>>, key: string, values: Readonly<Record<string, unknown>> = {}): string {
  const count = values.count;
  const pluralKey = typeof count === 'number' ? `${key}.${count === 1 ? 'one' : 'other'}` : undefined;
  const text = (pluralKey !== undefined ? strings[pluralKey] : undefined) ?? strings[key] ?? key;
  return interpolate(text, values);
}

/** `{{t "related.heading"}}`, `{{t "tag.heading" name=tag.name}}`, `{{t "tags.count" count=tag.count}}`. */
export const translateHelper: HelperFunction = (...args) => {
  const options = optionsOf(args);
  return translate(rootOf(options).strings, String(paramsOf(args)[0]), options.hash as Record<string, unknown>);
};
