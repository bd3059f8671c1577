/** Dates in the site's time zone: parsing front-matter values, the build clock, formatting. */
import { DateTime } from 'luxon';
import { errorProblem, staged, type Staged } from './errors.js';

export type DateParse = { readonly ok: true; readonly date: Date } | { readonly ok: false; readonly message: string };

const MIN_YEAR = 1000;
const MAX_YEAR = 9999;

const FORMATS = ['yyyy-MM-dd', 'yyyy-MM-dd HH:mm', 'yyyy-MM-dd HH:mm:ss', "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"];

function checkRange(dateTime: DateTime, written: string): DateParse {
  if (!dateTime.isValid) return { ok: false, message: `"${written}" is not a real date (${dateTime.invalidExplanation ?? 'invalid'})` };
  if (dateTime.year < MIN_YEAR || dateTime.year > MAX_YEAR) return { ok: false, message: `the year ${dateTime.year} is out of range (${MIN_YEAR}–${MAX_YEAR})` };
  return { ok: true, date: dateTime.toJSDate() };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Why `YYYY-MM-DD` at the start of `text` is not a calendar day, or `undefined` when it is. */
function impossibleDay(text: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12) return `"${text}" is not a real date: there is no month ${month}`;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > days) return `"${text}" is not a real date: ${MONTHS[month - 1]} ${year} has ${days} days`;
  return undefined;
}

/** `2024-07-09T10:00:00Z`, the form generators and exports write most. */
const UTC_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;

/**
 * The instant of a UTC date-time in the commonest form, without Luxon (whose parsing was ~40 µs a
 * post: 4 s of a 100,000-post build); `undefined` for anything else, which takes the general path.
 * The same instant Luxon gives (a property test compares them).
 */
function plainUtc(text: string): DateParse | undefined {
  const match = UTC_DATE_TIME.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  if (year < MIN_YEAR || month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate() || hour > 23 || minute > 59 || second > 59) return undefined;
  return { ok: true, date: new Date(Date.UTC(year, month - 1, day, hour, minute, second)) };
}

function parseDateText(value: string, timezone: string): DateParse {
  const plain = plainUtc(value);
  if (plain) return plain;
  // `2024-07-09 10:00 +01:00` → `2024-07-09 10:00+01:00`, which ISO parsing accepts.
  const text = value.trim().replace(/\s+(Z|[+-]\d{2}:?\d{2})$/i, '$1');
  if (!/^\d{4,}-\d{2}-\d{2}/.test(text) && !/^[+-]\d{6}-/.test(text)) {
    return { ok: false, message: `"${text}" is not a date; write it as YYYY-MM-DD, optionally with a time (2024-07-09 10:00)` };
  }
  const year = Number(/^[+-]?(\d+)/.exec(text)?.[1]);
  if (text.startsWith('-') || year < MIN_YEAR || year > MAX_YEAR) return { ok: false, message: `the year ${text.startsWith('-') ? `-${year}` : year} is out of range (${MIN_YEAR}–${MAX_YEAR})` };
  const impossible = impossibleDay(text.replace(/^\+/, ''));
  if (impossible) return { ok: false, message: impossible };
  const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/i.test(text);
  if (hasOffset) return checkRange(DateTime.fromISO(text.replace(' ', 'T'), { setZone: true }), text);
  for (const format of FORMATS) {
    const parsed = DateTime.fromFormat(text, format, { zone: timezone });
    if (parsed.isValid) return checkRange(parsed, text);
  }
  return checkRange(DateTime.fromISO(text.replace(' ', 'T'), { zone: timezone }), text);
}

/**
 * A front-matter date → an instant. A date-time without an offset, or a bare date
 * (00:00), is read in `timezone`; ISO strings with an offset or `Z` keep it.
 * A `Date` (from a JS config, or a YAML `!!timestamp`) is taken as the instant it is.
 * Impossible days (2023-02-30) and years outside 1000–9999 are refused with a reason.
 *
 * @example
 * parseDateValue('2024-07-09', 'Europe/London'); // { ok: true, date: 2024-07-08T23:00:00.000Z }
 * parseDateValue('2023-02-30', 'Europe/London'); // { ok: false, message: '… February 2023 has 28 days' }
 */
export function parseDateValue(value: unknown, timezone: string): DateParse {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { ok: false, message: 'it is not a valid date' };
    return checkRange(DateTime.fromJSDate(value, { zone: 'utc' }), value.toISOString());
  }
  if (typeof value !== 'string') return { ok: false, message: `expected a date like 2024-07-09 or 2024-07-09 10:00, got ${describeValue(value)}` };
  return parseDateText(value, timezone);
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'a set of keys';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return typeof value;
  }
}

/**
 * The build clock: config `now` (or `--now`), then env `SECTORPRESS_NOW`, then the real clock.
 */
export function resolveClock(configNow: string | undefined, envNow: string | undefined): Staged<Date> {
  const written = configNow ?? envNow;
  if (written === undefined || written === '') return staged(new Date());
  const parsed = parseDateValue(written, 'UTC');
  if (parsed.ok) return staged(parsed.date);
  return staged(new Date(), [
    errorProblem({
      code: 'clock/invalid',
      message: `The build clock ${JSON.stringify(written)} is not a date: ${parsed.message}.`,
      hint: 'Give --now (or `now` in config, or SECTORPRESS_NOW) as an ISO date-time such as 2026-01-01T09:00:00Z.',
    }),
  ]);
}

export interface ZonedParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

/**
 * Zone offsets only change at transitions, which fall on quarter hours, so the offset of
 * each quarter hour is worked out once (Luxon's zone arithmetic is the slow part) and
 * the wall-clock parts follow by plain arithmetic. A pure memo, bounded in size.
 */
const QUARTER_HOUR = 15 * 60 * 1000;
const offsetMemo = new Map<string, number>();

function offsetMinutes(instant: number, timezone: string): number {
  const key = `${timezone}\u0000${Math.floor(instant / QUARTER_HOUR)}`;
  let offset = offsetMemo.get(key);
  if (offset === undefined) {
    offset = DateTime.fromMillis(instant, { zone: timezone }).offset;
    if (offsetMemo.size > 100_000) offsetMemo.clear();
    offsetMemo.set(key, offset);
  }
  return offset;
}

export function zonedParts(date: Date, timezone: string): ZonedParts {
  const instant = date.getTime();
  const local = new Date(instant + offsetMinutes(instant, timezone) * 60_000);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate(), hour: local.getUTCHours(), minute: local.getUTCMinutes() };
}

function ordinal(day: number): string {
  const tens = day % 100;
  if (tens >= 11 && tens <= 13) return `${day}th`;
  return `${day}${['th', 'st', 'nd', 'rd'][day % 10] ?? 'th'}`;
}

/**
 * Format with Luxon tokens in the site's zone and language, plus `do` for the
 * English ordinal day ("9th"), so WordPress's "Monday, December 9th, 2019" is
 * `cccc, LLLL do, yyyy`.
 */
export function formatDate(date: Date, format: string, options: { readonly timezone: string; readonly language: string }): string {
  // The same dates are printed on many pages; Luxon's zone formatting dominated rendering.
  const style = `${format}\u0000${options.timezone}\u0000${options.language}`;
  let memo = formattedMemo.get(style);
  if (!memo) formattedMemo.set(style, (memo = new Map()));
  const time = date.getTime();
  let formatted = memo.get(time);
  if (formatted === undefined) {
    formatted = formatWithLuxon(date, format, options);
    // Bounded, yet large enough that a 100,000-post archive's dates stay in it while its lists render.
    if (memo.size >= 400_000) memo.clear();
    memo.set(time, formatted);
  }
  return formatted;
}

/** A pure memo of `formatWithLuxon`: per format, zone and language, the text of each instant. */
const formattedMemo = new Map<string, Map<number, string>>();

function formatWithLuxon(date: Date, format: string, options: { readonly timezone: string; readonly language: string }): string {
  const dateTime = DateTime.fromJSDate(date, { zone: options.timezone }).setLocale(options.language);
  // Split out quoted literals first so a `do` inside quotes is left alone.
  return format
    .split(/('[^']*')/)
    .map((part) => (part.startsWith("'") ? part : part.replace(/\bdo\b/g, `'${ordinal(dateTime.day)}'`)))
    .map((part) => dateTime.toFormat(part))
    .join('');
}

/** `2024-07-09T09:00:00.000Z`, or '' for no date. */
export function isoDate(date: Date | undefined): string {
  return date ? date.toISOString() : '';
}
