/** `formatDate` (alias `date`) and `isoDate`: dates in the site's zone and language. */
import { formatDate } from '../../shared/dates.js';
import { optionsOf, paramsOf, rootOf, type HelperFunction } from './helper-root.js';

/** A Date, an ISO string or a timestamp → Date; anything else → undefined (prints nothing). */
export function toDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value === 'string' || typeof value === 'number') {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  return undefined;
}

/**
 * `{{formatDate post.date "long"}}` → "18 May 2026"; the format is a name from
 * `config.dateFormats` (`long`, `short`) or Luxon tokens (`"cccc, LLLL do, yyyy"` →
 * "Monday, May 18th, 2026"). Default `long`.
 */
export const formatDateHelper: HelperFunction = (...args) => {
  const [value, formatName] = paramsOf(args);
  const { config } = rootOf(optionsOf(args)).site;
  const date = toDate(value);
  if (!date) return '';
  const name = typeof formatName === 'string' ? formatName : 'long';
  const named: Readonly<Record<string, string>> = { long: config.dateFormats.long, short: config.dateFormats.short };
  return formatDate(date, named[name] ?? name, { timezone: config.timezone, language: config.language });
};

/** `<time datetime="{{isoDate post.date}}">` → `2026-05-17T23:00:00.000Z`. */
export const isoDateHelper: HelperFunction = (...args) => toDate(paramsOf(args)[0])?.toISOString() ?? '';

/** `{{#if (sameDay event.start event.end)}}` — both on one calendar day in the site's zone. */
export const sameDayHelper: HelperFunction = (...args) => {
  const [first, second] = paramsOf(args).map(toDate);
  if (!first || !second) return false;
  const { config } = rootOf(optionsOf(args)).site;
  const day = (date: Date): string => formatDate(date, 'yyyy-MM-dd', { timezone: config.timezone, language: 'en-GB' });
  return day(first) === day(second);
};
