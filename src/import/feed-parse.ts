/**
 * A feed's text → the few things an import needs, the same for RSS 2.0 (and RSS 1.0/RDF), Atom and
 * JSON Feed. Parsing is feedsmith's; this module only reads its result and says clearly why a
 * text is not a usable feed.
 */
import { DetectError, MalformedError, parseFeed, type AnyFeed } from 'feedsmith';
import { feedError } from './feed-read-source.js';
import { readAtomFeed } from './feed-read-atom.js';
import { readJsonFeed } from './feed-read-json.js';
import { readRssFeed } from './feed-read-rss.js';

/** An author as the feed names them. */
export interface FeedPerson {
  readonly name: string;
  readonly url?: string;
}

/** One item (RSS `<item>`, Atom `<entry>`, JSON Feed item), with raw date strings. */
export interface FeedItem {
  readonly title?: string;
  readonly link?: string;
  /** RSS `<guid>`, Atom `<id>`, JSON Feed `id`: what feed readers know the item by. */
  readonly guid?: string;
  readonly published?: string;
  readonly updated?: string;
  readonly authors: readonly FeedPerson[];
  readonly categories: readonly string[];
  /** The full text as HTML (`content:encoded`, Atom `content`, JSON `content_html`, or `content_text` as paragraphs). */
  readonly contentHtml?: string;
  /** The summary as HTML (RSS `description`, Atom `summary`, JSON `summary`). */
  readonly summaryHtml?: string;
  readonly image?: { readonly url: string; readonly alt?: string };
}

/** The feed itself: what becomes the site's config, and its items in feed order. */
export interface ParsedFeed {
  readonly format: AnyFeed['format'];
  readonly title?: string;
  /** The blog's address (RSS `<link>`, Atom `rel="alternate"`, JSON `home_page_url`). */
  readonly link?: string;
  /** The feed's own address (`atom:link rel="self"`, JSON `feed_url`), when it says. */
  readonly selfLink?: string;
  readonly description?: string;
  readonly language?: string;
  /** The feed's own date (`lastBuildDate`, `pubDate`, Atom `updated`). */
  readonly date?: string;
  /** Authors of the whole feed, which items without their own inherit (Atom, JSON Feed). */
  readonly authors: readonly FeedPerson[];
  readonly items: readonly FeedItem[];
}

/**
 * @example
 * parseFeedText('<rss version="2.0"><channel>…</channel></rss>', 'feed.xml').items.length;
 * parseFeedText('<html>…', 'https://blog.example/'); // throws: not a feed (and names the feed link the page gives)
 */
export function parseFeedText(text: string, source: string): ParsedFeed {
  if (text.trim() === '') throw feedError(source, 'empty', 'The feed is empty.', 'Give the feed file itself, or check that the address returns the feed.');
  const feed = resolveLinks(readAnyFeed(text, source), source);
  if (feed.items.length === 0) throw feedError(source, 'no-items', 'The feed has no items, so there is nothing to import.', 'Give a feed that lists the blog’s posts.');
  return feed;
}

/** Links and images written relative to the feed (`/posts/a`) made absolute against the feed's own address or the blog's. */
function resolveLinks(feed: ParsedFeed, source: string): ParsedFeed {
  const base = [feed.selfLink, /^https?:\/\//i.test(source) ? source : undefined, feed.link].find((candidate) => candidate && URL.canParse(candidate));
  if (!base) return feed;
  const absolute = (url: string | undefined): string | undefined => (url === undefined || /^[a-z][a-z0-9+.-]*:/i.test(url) || !URL.canParse(url, base) ? url : new URL(url, base).href);
  return {
    ...feed,
    link: absolute(feed.link),
    items: feed.items.map((item) => ({ ...item, link: absolute(item.link), image: item.image ? { ...item.image, url: absolute(item.image.url) ?? item.image.url } : undefined })),
  };
}

function readAnyFeed(text: string, source: string): ParsedFeed {
  const jsonProblem = checkJson(text);
  if (jsonProblem) throw feedError(source, 'not-a-feed', `It is not valid JSON (${jsonProblem}); the file may be cut short.`, 'Save the JSON Feed again, whole.');
  let parsed: AnyFeed;
  try {
    parsed = parseFeed(text);
  } catch (error) {
    throw unusable(error, text, source);
  }
  // feedsmith reads what it can of a damaged feed; a feed cut short must not pass for a short feed.
  const damage = parsed.format === 'json' ? undefined : xmlDamage(text);
  if (damage)
    throw feedError(source, 'malformed', `The feed is not well-formed XML (${damage}): it may be cut short or damaged.`, 'Download or save the feed again, whole, and check it opens in a browser.');
  if (parsed.format === 'rss' || parsed.format === 'rdf') return readRssFeed(parsed);
  if (parsed.format === 'atom') return readAtomFeed(parsed.feed);
  return readJsonFeed(parsed.feed);
}

/**
 * Why the XML is cut short (`it stops before the closing </rss>`), or `undefined`. Only the ending is checked:
 * feedsmith, like feed readers, forgives small faults inside (a bare `&`, an HTML entity such as `&nbsp;`),
 * but a download that broke off would otherwise pass for a feed with fewer posts.
 */
function xmlDamage(text: string): string | undefined {
  const root = /<([A-Za-z_][\w.:-]*)/.exec(text.slice(0, 100_000).replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<![^>]*>/g, ''))?.[1];
  if (!root) return 'it has no root element';
  let tail = text.trimEnd();
  while (tail.endsWith('-->') && tail.includes('<!--')) tail = tail.slice(0, tail.lastIndexOf('<!--')).trimEnd();
  const closing = tail.slice(tail.lastIndexOf('</'));
  return new RegExp(`^</${root.replace(/[.]/g, '\\.')}\\s*>$`).test(closing) ? undefined : `it stops before the closing </${root}>`;
}

/** Why a text that looks like JSON does not parse, or `undefined`. */
function checkJson(text: string): string | undefined {
  const start = text.trimStart();
  if (!start.startsWith('{') && !start.startsWith('[')) return undefined;
  try {
    JSON.parse(start);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function unusable(error: unknown, text: string, source: string): Error {
  if (error instanceof MalformedError) {
    return feedError(source, 'malformed', 'The feed is not well-formed XML: it may be cut short or damaged.', 'Download or save the feed again, whole, and check it opens in a browser.');
  }
  if (error instanceof DetectError) {
    const named = feedLinkOfPage(text);
    const hint = named
      ? `This looks like a web page; it names its feed at ${named}. Import that address.`
      : 'Give the address of the feed, not of a page: it is often /feed/, /rss, /atom.xml or /feed.json on the blog’s address.';
    return feedError(source, 'not-a-feed', 'It is not an RSS, Atom or JSON feed.', hint);
  }
  // Any other complaint of the parser (`Invalid feed format` for `<rss>` with no items' closing tags) is still the input's fault.
  const reason = error instanceof Error ? error.message : String(error);
  return feedError(source, 'malformed', `It could not be read as a feed (${reason}): it may be cut short or damaged.`, 'Download or save the feed again, whole, and check it opens in a browser.');
}

/** The feed a web page announces with `<link rel="alternate" type="application/rss+xml" href="…">`. */
function feedLinkOfPage(text: string): string | undefined {
  for (const tag of text.match(/<link\b[^>]*>/gi) ?? []) {
    if (!/\brel\s*=\s*["']?alternate\b/i.test(tag)) continue;
    if (!/\btype\s*=\s*["']?application\/(?:rss|atom|feed)\+(?:xml|json)/i.test(tag)) continue;
    const href = /\bhref\s*=\s*["']([^"']+)["']/i.exec(tag)?.[1];
    if (href) return href;
  }
  return undefined;
}
