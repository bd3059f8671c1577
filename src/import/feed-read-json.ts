/** JSON Feed 1.0 and 1.1 → `ParsedFeed`. */
import type { JsonFeed } from 'feedsmith';
import type { FeedItem, FeedPerson, ParsedFeed } from './feed-parse.js';
import { firstText, person, text, textToHtml, uniquePeople, uniqueTexts } from './feed-read-parts.js';

type Item = JsonFeed.Item<string>;

export function readJsonFeed(feed: JsonFeed.Feed<string>): ParsedFeed {
  return {
    format: 'json',
    title: text(feed.title),
    link: text(feed.home_page_url),
    selfLink: text(feed.feed_url),
    description: text(feed.description),
    language: text(feed.language),
    date: undefined,
    authors: people(feed.authors),
    items: (feed.items ?? []).map(readJsonItem),
  };
}

function readJsonItem(item: Item): FeedItem {
  const textBody = text(item.content_text);
  const summary = text(item.summary);
  const image = firstText(item.image, item.banner_image);
  return {
    title: text(item.title),
    link: firstText(item.url, item.external_url),
    guid: text(item.id === undefined ? undefined : String(item.id)),
    published: text(item.date_published),
    updated: text(item.date_modified),
    authors: people(item.authors),
    categories: uniqueTexts(item.tags ?? []),
    contentHtml: text(item.content_html) ?? (textBody ? textToHtml(textBody) : undefined),
    summaryHtml: summary ? textToHtml(summary) : undefined,
    image: image ? { url: image } : undefined,
  };
}

function people(authors: readonly JsonFeed.Author[] | undefined): FeedPerson[] {
  return uniquePeople((authors ?? []).map((author) => person(author.name, author.url)));
}
