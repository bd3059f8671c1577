/** Atom 1.0 → `ParsedFeed`. */
import type { AtomFeed } from 'feedsmith';
import type { FeedItem, ParsedFeed } from './feed-parse.js';
import { firstText, isImage, mediaImage, person, text, textToHtml, uniquePeople, uniqueTexts } from './feed-read-parts.js';
import { htmlToLine } from './plain-text.js';

type Entry = AtomFeed.Entry<string>;

export function readAtomFeed(feed: AtomFeed.Feed<string>): ParsedFeed {
  return {
    format: 'atom',
    title: textOf(feed.title),
    link: alternateLink(feed.links),
    selfLink: text(feed.links?.find((link) => link.rel === 'self')?.href),
    description: textOf(feed.subtitle),
    language: firstText(feed.xml?.lang, feed.dc?.languages?.[0]),
    date: text(feed.updated),
    authors: people(feed.authors),
    items: (feed.entries ?? []).map(readAtomEntry),
  };
}

function readAtomEntry(entry: Entry): FeedItem {
  const enclosure = entry.links?.find((link) => link.rel === 'enclosure' && isImage(link.href, link.type));
  return {
    title: textOf(entry.title),
    link: alternateLink(entry.links),
    guid: text(entry.id),
    published: firstText(entry.published, entry.dc?.dates?.[0]),
    updated: text(entry.updated),
    authors: people(entry.authors ?? entry.source?.authors),
    categories: uniqueTexts((entry.categories ?? []).map((category) => firstText(category.label, category.term))),
    // Content given only by reference (`src`) is not in the feed: the summary is all there is.
    contentHtml: entry.content?.src ? undefined : htmlOf(entry.content),
    summaryHtml: htmlOf(entry.summary),
    image: enclosure?.href ? { url: enclosure.href } : mediaImage(entry.media),
  };
}

function people(authors: readonly AtomFeed.Person[] | undefined): ReturnType<typeof uniquePeople> {
  return uniquePeople((authors ?? []).map((author) => person(author.name, author.uri)));
}

/** `rel="alternate"` (the default rel) with an HTML type or none. */
function alternateLink(links: readonly AtomFeed.Link<string>[] | undefined): string | undefined {
  const alternates = (links ?? []).filter((link) => (link.rel ?? 'alternate') === 'alternate' && link.href);
  return text((alternates.find((link) => !link.type || link.type.includes('html')) ?? alternates[0])?.href);
}

/** A text construct as plain text: `type="html"` and `xhtml` are markup, `text` (the default) is not. */
function textOf(construct: AtomFeed.Text | undefined): string | undefined {
  if (!construct) return undefined;
  return text(isMarkup(construct.type) ? htmlToLine(construct.value) : construct.value);
}

/** A text construct or content as HTML. */
function htmlOf(construct: AtomFeed.Text | AtomFeed.Content | undefined): string | undefined {
  const value = text(construct?.value);
  if (!value) return undefined;
  return isMarkup(construct?.type) ? value : textToHtml(value);
}

function isMarkup(type: string | undefined): boolean {
  return type === 'html' || type === 'xhtml' || (type?.includes('html') ?? false);
}
