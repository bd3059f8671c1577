/** RSS 2.0 (and RSS 1.0/RDF, which has the same item parts) → `ParsedFeed`. */
import type { AnyFeed, RssFeed } from 'feedsmith';
import type { FeedItem, ParsedFeed } from './feed-parse.js';
import { firstText, isImage, mediaImage, person, text, uniquePeople, uniqueTexts } from './feed-read-parts.js';

type RssLike = Extract<AnyFeed, { format: 'rss' } | { format: 'rdf' }>;

export function readRssFeed(parsed: RssLike): ParsedFeed {
  const feed: RssFeed.Feed<string> = parsed.feed;
  return {
    format: parsed.format,
    title: text(feed.title),
    link: text(feed.link),
    selfLink: text(feed.atom?.links?.find((link) => link.rel === 'self')?.href),
    description: text(feed.description),
    language: firstText(feed.language, feed.dc?.languages?.[0]),
    date: firstText(feed.lastBuildDate, feed.pubDate, feed.dc?.dates?.[0]),
    authors: uniquePeople((feed.dc?.creators ?? []).map((name) => person(name))),
    items: (feed.items ?? []).map(readRssItem),
  };
}

function readRssItem(item: RssFeed.Item<string>): FeedItem {
  // WordPress and most platforms put the display name in dc:creator and an e-mail address in <author>.
  const authors = uniquePeople([...(item.dc?.creators ?? []).map((name) => person(name)), ...(item.authors ?? []).map((author) => person(author.name, author.link))]);
  const categories = uniqueTexts([...(item.categories ?? []).map((category) => category.name), ...(item.dc?.subjects ?? [])]);
  const link = firstText(item.link, item.guid?.isPermaLink !== false ? item.guid?.value : undefined);
  return {
    title: text(item.title) ?? text(item.dc?.titles?.[0]),
    link,
    // Without a <guid>, readers knew the item by its link.
    guid: firstText(item.guid?.value, item.link),
    published: firstText(item.pubDate, item.dc?.dates?.[0]),
    updated: firstText(item.atom?.updated, item.dcterms?.modified?.[0]),
    authors,
    categories,
    contentHtml: text(item.content?.encoded),
    summaryHtml: text(item.description),
    image: enclosureImage(item) ?? mediaImage(item.media),
  };
}

function enclosureImage(item: RssFeed.Item<string>): { url: string } | undefined {
  const enclosure = item.enclosures?.find((candidate) => isImage(candidate.url, candidate.type));
  return enclosure?.url ? { url: enclosure.url } : undefined;
}
