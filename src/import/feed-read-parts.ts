/** Small readers shared by the RSS, Atom and JSON Feed readers. */
import type { MediaNs } from 'feedsmith';
import { escapeHtml } from './convert-embeds.js';
import type { FeedPerson } from './feed-parse.js';

/** Trimmed text, or `undefined` when there is none. */
export function text(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** The first value with text. */
export function firstText(...values: readonly (string | undefined)[]): string | undefined {
  for (const value of values) {
    const found = text(value);
    if (found) return found;
  }
  return undefined;
}

/**
 * A display name without any e-mail address in it (`jo@example.org (Jo Bloggs)` → `Jo Bloggs`):
 * an address is never published, and a name made only of one is no name.
 */
function personName(raw: string | undefined): string | undefined {
  const withoutMail = raw?.replace(/<?[^\s<>()@]+@[^\s<>()]+>?/g, ' ').replace(/[()]/g, ' ');
  return text(withoutMail?.replace(/\s+/g, ' '));
}

/** People with a name, once each (by name, first spelling kept). */
export function uniquePeople(people: readonly (FeedPerson | undefined)[]): FeedPerson[] {
  const seen = new Set<string>();
  const result: FeedPerson[] = [];
  for (const person of people) {
    if (!person || seen.has(person.name.toLowerCase())) continue;
    seen.add(person.name.toLowerCase());
    result.push(person);
  }
  return result;
}

export function person(name: string | undefined, url?: string): FeedPerson | undefined {
  const cleaned = personName(name);
  if (!cleaned) return undefined;
  const link = text(url);
  return link && /^https?:\/\//i.test(link) ? { name: cleaned, url: link } : { name: cleaned };
}

/** Names once each, in order, empty ones left out. */
export function uniqueTexts(values: readonly (string | undefined)[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const value of values) {
    const found = text(value);
    if (!found || seen.has(found)) continue;
    seen.add(found);
    result.push(found);
  }
  return result;
}

const IMAGE_FILE = /\.(?:jpe?g|png|gif|webp|avif|svg)(?:[?#]|$)/i;

/** Whether a media object with this URL and type (or medium) is an image. */
export function isImage(url: string | undefined, type?: string, medium?: string): boolean {
  if (!url) return false;
  if (medium) return medium === 'image';
  if (type) return type.toLowerCase().startsWith('image/');
  return IMAGE_FILE.test(url);
}

/** The first image of a Media RSS block (`media:content`, in a `media:group` too, then `media:thumbnail`). */
export function mediaImage(media: MediaNs.ItemOrFeed | undefined): { url: string; alt?: string } | undefined {
  if (!media) return undefined;
  const contents = [...(media.contents ?? []), ...(media.groups ?? []).flatMap((group) => group.contents ?? [])];
  for (const content of contents) {
    if (content.url && isImage(content.url, content.type, content.medium)) {
      const alt = firstText(content.description?.value, content.title?.value, media.description?.value);
      return alt ? { url: content.url, alt } : { url: content.url };
    }
  }
  const thumbnail = media.thumbnails?.find((candidate) => candidate.url)?.url;
  return thumbnail ? { url: thumbnail } : undefined;
}

/** Plain text as HTML paragraphs (a blank line separates them), for JSON Feed `content_text` and Atom `type="text"`. */
export function textToHtml(value: string): string {
  return value
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '')
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}
