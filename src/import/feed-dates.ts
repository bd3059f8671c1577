/** Feed dates (RFC 822 in RSS, RFC 3339 in Atom and JSON Feed, and what platforms really write) → front-matter dates. */
import { DateTime } from 'luxon';

/**
 * The instant a feed date names, or `undefined` when it names none.
 *
 * @example
 * parseFeedDate('Sun, 12 May 2019 09:30:00 +0100'); // 2019-05-12T08:30:00.000Z
 * parseFeedDate('2019-05-12T09:30:00+01:00'); // the same instant
 */
export function parseFeedDate(raw: string | undefined): Date | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  const candidates = [
    () => DateTime.fromISO(value, { setZone: true }),
    () => DateTime.fromRFC2822(value, { setZone: true }),
    () => DateTime.fromHTTP(value, { setZone: true }),
    // Sloppy RFC 822 (`Sun, 12 May 2019 09:30:00 GMT+0100`, a missing weekday, a zone name) is common.
    () => DateTime.fromMillis(Date.parse(value)),
  ];
  for (const candidate of candidates) {
    const parsed = candidate();
    if (parsed.isValid && parsed.year >= 1000 && parsed.year <= 9999) return parsed.toJSDate();
  }
  return undefined;
}

/**
 * The date as front matter writes it: wall-clock time in the site's zone (`2019-05-12 09:30`, seconds
 * only when there are some). In the hour a clock change repeats, the offset is written too, so the
 * instant is not read back an hour out.
 */
export function frontMatterDate(date: Date, timeZone: string): string {
  const local = DateTime.fromJSDate(date, { zone: timeZone });
  const text = local.toFormat(local.second === 0 ? 'yyyy-MM-dd HH:mm' : 'yyyy-MM-dd HH:mm:ss');
  const readBack = DateTime.fromFormat(text, local.second === 0 ? 'yyyy-MM-dd HH:mm' : 'yyyy-MM-dd HH:mm:ss', { zone: timeZone });
  return readBack.toMillis() === Math.floor(date.getTime() / 1000) * 1000 ? text : `${text}${local.toFormat('ZZ')}`;
}
