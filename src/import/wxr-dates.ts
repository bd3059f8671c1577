/**
 * WordPress dates (`2019-05-12 09:30:00`, local and GMT) → front-matter dates in the site's time zone.
 * The local text is already in the site's zone, so most of this is string work; only the check against
 * the GMT date needs the zone's rules (luxon), once per post.
 */
import { DateTime } from 'luxon';

const WP_DATE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

interface WpDate {
  readonly year: string;
  readonly month: string;
  readonly day: string;
  readonly hour: string;
  readonly minute: string;
  readonly second: string;
  /** The written wall-clock time as if it were UTC, in ms. */
  readonly wall: number;
}

/** A real date-time, or `undefined` for WordPress's "never" (`0000-00-00 00:00:00`) and anything malformed. */
function parseWp(text: string): WpDate | undefined {
  const match = WP_DATE.exec(text.trim());
  if (!match) return undefined;
  const [, year = '', month = '', day = '', hour = '', minute = '', second = ''] = match;
  const wall = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  const check = new Date(wall);
  if (Number(year) < 1000 || check.getUTCDate() !== Number(day) || check.getUTCMonth() !== Number(month) - 1 || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return undefined;
  return { year, month, day, hour, minute, second, wall };
}

/** `2019-05-12 09:30` (seconds only when they are not zero), as the site reads dates without an offset. */
export function frontMatterDate(text: string): string | undefined {
  const parsed = parseWp(text);
  if (!parsed) return undefined;
  return `${parsed.year}-${parsed.month}-${parsed.day} ${parsed.hour}:${parsed.minute}${parsed.second === '00' ? '' : `:${parsed.second}`}`;
}

/** `YYYY`, `MM`, `DD` of a local WordPress date, for file names and archive URLs. */
export function dateParts(text: string): { year: string; month: string; day: string } | undefined {
  const parsed = parseWp(text);
  return parsed ? { year: parsed.year, month: parsed.month, day: parsed.day } : undefined;
}

function formatOffset(minutes: number): string {
  const absolute = Math.abs(minutes);
  return `UTC${minutes < 0 ? '-' : '+'}${String(Math.floor(absolute / 60)).padStart(2, '0')}:${String(absolute % 60).padStart(2, '0')}`;
}

/**
 * When `post_date` read in `zone` is not the instant `post_date_gmt` names, the old site ran in another
 * zone: the offset it implies (e.g. `UTC+02:00`), else `undefined` (also when there is no GMT date).
 */
export function zoneMismatch(local: string, gmt: string, zone: string): string | undefined {
  const wall = parseWp(local);
  const utc = parseWp(gmt);
  if (!wall || !utc) return undefined;
  // From the instant to the zone's wall clock, not back: the hour repeated when clocks go back has two instants.
  const inZone = DateTime.fromMillis(utc.wall, { zone });
  if (Date.UTC(inZone.year, inZone.month - 1, inZone.day, inZone.hour, inZone.minute, inZone.second) === wall.wall) return undefined;
  return formatOffset(Math.round((wall.wall - utc.wall) / 60000));
}

/** A comment's date as ISO 8601 UTC (`2019-05-13T08:00:00Z`), from its GMT date, else its local one read in `zone`. */
export function isoUtc(gmt: string, local: string, zone: string): string | undefined {
  const utc = parseWp(gmt);
  if (utc) return `${new Date(utc.wall).toISOString().slice(0, 19)}Z`;
  const wall = parseWp(local);
  if (!wall) return undefined;
  const instant = DateTime.fromObject(
    { year: Number(wall.year), month: Number(wall.month), day: Number(wall.day), hour: Number(wall.hour), minute: Number(wall.minute), second: Number(wall.second) },
    { zone },
  );
  return `${instant.toUTC().toISO({ suppressMilliseconds: true, includeOffset: false })}Z`;
}
