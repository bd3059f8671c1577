/**
 * Feeds, the sitemap and calendars parse with real parsers (feedsmith, fast-xml-parser,
 * ical.js) and have what readers need; the URLs they hold come back as links to check.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseFeed } from 'feedsmith';
import ICAL from 'ical.js';
import type { Problem } from '../shared/errors.js';
import type { PageLink } from './types.js';

/** A non-HTML file's verdict: its problems, and the URLs in it (as links of that file). */
export interface DataFileCheck {
  readonly file: string;
  readonly problems: readonly Problem[];
  readonly links: readonly PageLink[];
}

const fileProblem = (file: string, code: string, message: string, hint: string, line?: number, column?: number): Problem => ({ severity: 'error', code, message, file, line, column, hint });

function wellFormed(file: string, text: string, code: string): Problem | undefined {
  const verdict = XMLValidator.validate(text);
  if (verdict === true) return undefined;
  return fileProblem(
    file,
    code,
    `not well-formed XML: ${verdict.err.msg}`,
    'Fix the template or content that wrote this file; the build escapes text, so look for raw markup.',
    verdict.err.line,
    verdict.err.col,
  );
}

const asArray = <T>(value: T | readonly T[] | undefined): readonly T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value as T]);

/** `sitemap.xml`: well-formed, a `<urlset>` of `<loc>`s. */
export function checkSitemap(file: string, text: string): DataFileCheck {
  const malformed = wellFormed(file, text, 'check/sitemap');
  if (malformed) return { file, problems: [malformed], links: [] };
  const parsed = new XMLParser().parse(text) as { urlset?: { url?: { loc?: unknown } | { loc?: unknown }[] } | '' };
  if (parsed.urlset === undefined) return { file, problems: [fileProblem(file, 'check/sitemap', 'no <urlset> element', 'A sitemap is a <urlset> of <url><loc>…</loc></url> entries.')], links: [] };
  const locs = asArray(parsed.urlset === '' ? undefined : parsed.urlset.url).map((entry) => String(entry.loc ?? '').trim());
  return { file, problems: [], links: locs.filter((loc) => loc !== '').map((url) => ({ tag: 'loc', attr: 'url', url })) };
}

interface FeedItemShape {
  readonly link?: string;
  readonly url?: string;
  readonly links?: readonly { readonly href?: string; readonly rel?: string }[];
}

function itemLinks(items: readonly FeedItemShape[] | undefined): string[] {
  return (items ?? [])
    .flatMap((item) => [item.link, item.url, ...(item.links ?? []).filter((link) => (link.rel ?? 'alternate') === 'alternate').map((link) => link.href)])
    .filter((url): url is string => typeof url === 'string' && url !== '');
}

/** An RSS, Atom or JSON Feed file: it parses as a feed and has a title. */
export function checkFeed(file: string, text: string): DataFileCheck {
  if (file.endsWith('.xml')) {
    const malformed = wellFormed(file, text, 'check/feed');
    if (malformed) return { file, problems: [malformed], links: [] };
  }
  let parsed: ReturnType<typeof parseFeed>;
  try {
    parsed = parseFeed(file.endsWith('.json') ? JSON.parse(text) : text);
  } catch (error) {
    return {
      file,
      problems: [
        fileProblem(file, 'check/feed', `not a feed: ${error instanceof Error ? error.message : String(error)}`, 'The file should be RSS 2.0, Atom or JSON Feed; fix the template that wrote it.'),
      ],
      links: [],
    };
  }
  const feed = parsed.feed as { title?: string | { value?: string }; items?: FeedItemShape[]; entries?: FeedItemShape[] };
  // Atom titles carry their type: `{ value, type }`.
  const title = typeof feed.title === 'object' ? feed.title.value : feed.title;
  const problems =
    typeof title === 'string' && title.trim() !== ''
      ? []
      : [fileProblem(file, 'check/feed', `the ${parsed.format} feed has no title`, 'Feed readers show the title; set the site title in the config.')];
  const links = itemLinks(feed.items ?? feed.entries).map((url) => ({ tag: 'item', attr: 'link', url }));
  return { file, problems, links };
}

/** An iCalendar file: it parses, is a VCALENDAR with VERSION and PRODID, and every VEVENT has UID, DTSTART and SUMMARY. */
export function checkCalendar(file: string, text: string): DataFileCheck {
  let calendar: ICAL.Component;
  try {
    calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  } catch (error) {
    return {
      file,
      problems: [fileProblem(file, 'check/calendar', `not an iCalendar file: ${error instanceof Error ? error.message : String(error)}`, 'Calendar apps will refuse it; fix what wrote it.')],
      links: [],
    };
  }
  const missing = (component: ICAL.Component, names: readonly string[]): string[] => names.filter((name) => component.getFirstPropertyValue(name) === null);
  const problems: Problem[] = [];
  if (calendar.name !== 'vcalendar') problems.push(fileProblem(file, 'check/calendar', `starts with ${calendar.name.toUpperCase()}, not VCALENDAR`, 'An .ics file is one VCALENDAR.'));
  const head = missing(calendar, ['version', 'prodid']);
  if (head.length > 0) problems.push(fileProblem(file, 'check/calendar', `the calendar has no ${head.join(' or ').toUpperCase()}`, 'Calendar apps need VERSION:2.0 and a PRODID.'));
  const links: PageLink[] = [];
  for (const event of calendar.getAllSubcomponents('vevent')) {
    const lacking = missing(event, ['uid', 'dtstart', 'summary']);
    const name = String(event.getFirstPropertyValue('summary') ?? event.getFirstPropertyValue('uid') ?? 'an event');
    if (lacking.length > 0) problems.push(fileProblem(file, 'check/calendar', `event "${name}" has no ${lacking.join(' or ').toUpperCase()}`, 'Give every event a start, a title and an id.'));
    const url = event.getFirstPropertyValue('url');
    if (typeof url === 'string' && url !== '') links.push({ tag: 'vevent', attr: 'url', url });
  }
  return { file, problems, links };
}
