/** WordPress dates (`2019-05-12 09:30:00`, local and GMT) → front-matter dates in the site's time zone. */
import { DateTime } from 'luxon';

const WP_FORMAT = 'yyyy-MM-dd HH:mm:ss';

/** `0000-00-00 00:00:00` is WordPress's "never" (drafts have no GMT date). */
function isZero(text: string): boolean {
  return text === '' || text.startsWith('0000-00-00');
}

function parseWp(text: string, zone: string): DateTime | undefined {
  if (isZero(text)) return undefined;
  const parsed = DateTime.fromFormat(text.trim(), WP_FORMAT, { zone });
  return parsed.isValid ? parsed : undefined;
}

/** `2019-05-12 09:30` (seconds only when they are not zero), as the site reads dates without an offset. */
export function frontMatterDate(text: string, zone: string): string | undefined {
  const parsed = parseWp(text, zone);
  if (!parsed) return undefined;
  return parsed.toFormat(parsed.second === 0 ? 'yyyy-MM-dd HH:mm' : 'yyyy-MM-dd HH:mm:ss');
}

/** `YYYY`, `MM`, `DD` of a local WordPress date, for file names and archive URLs. */
export function dateParts(text: string, zone: string): { year: string; month: string; day: string } | undefined {
  const parsed = parseWp(text, zone);
  return parsed ? { year: parsed.toFormat('yyyy'), month: parsed.toFormat('MM'), day: parsed.toFormat('dd') } : undefined;
}

/**
 * When `post_date` read in `zone` is not the instant `post_date_gmt` names, the old site ran in another
 * zone: the offset it implies (e.g. `UTC+02:00`), else `undefined` (also when there is no GMT date).
 */
export function zoneMismatch(local: string, gmt: string, zone: string): string | undefined {
  const inZone = parseWp(local, zone);
  const utc = parseWp(gmt, 'utc');
  if (!inZone || !utc || inZone.toMillis() === utc.toMillis()) return undefined;
  const minutes = Math.round((parseWp(local, 'utc')?.toMillis() ?? 0) / 60000 - utc.toMillis() / 60000);
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(absolute / 60)).padStart(2, '0')}:${String(absolute % 60).padStart(2, '0')}`;
}

/** A comment's date as ISO 8601 UTC (`2019-05-13T08:00:00Z`), from its GMT date, else its local one. */
export function isoUtc(gmt: string, local: string, zone: string): string | undefined {
  const parsed = parseWp(gmt, 'utc') ?? parseWp(local, zone);
  return parsed?.toUTC().toISO({ suppressMilliseconds: true })?.replace('.000', '');
}
