/** Slugs and author keys for imported feed items: from the old address where it has a usable one. */
import { isSafeSlug, slugify } from '../shared/slug.js';
import type { FeedPerson } from './feed-parse.js';

/** Last segments that name no post (`/index.html`, `/p/123`, `/2019/`). */
const NOT_A_NAME = new Set(['index', 'default', 'post', 'posts', 'p', 'entry', 'item', 'article', 'feed', 'blog']);

/**
 * The slug the old address gives, or `undefined` when it gives none: the last path segment without a
 * page extension (`hello-world.html`, Blogger) or Medium's trailing id (`hello-world-3f2a1b9c8d7e`).
 *
 * @example
 * slugFromLink('https://blog.example.gov.uk/2019/05/a-year-on/'); // 'a-year-on'
 * slugFromLink('https://blog.example.gov.uk/?p=123'); // undefined
 */
export function slugFromLink(link: string | undefined): string | undefined {
  if (!link) return undefined;
  let segment: string;
  try {
    const segments = new URL(link).pathname.split('/').filter((part) => part !== '');
    segment = decodeURIComponent(segments.at(-1) ?? '');
  } catch {
    return undefined;
  }
  const name = segment.replace(/\.(?:s?html?|php\d?|aspx?|jsp)$/i, '').replace(/-(?=[0-9a-f]*\d)[0-9a-f]{10,12}$/, '');
  const slug = slugify(name);
  if (slug === '' || NOT_A_NAME.has(slug) || !/\p{L}/u.test(slug) || !isSafeSlug(slug)) return undefined;
  return slug;
}

/** `slug`, or `slug-2`, `slug-3`… whichever `isTaken` lets through first. */
export function uniqueName(slug: string, isTaken: (candidate: string) => boolean): string {
  if (!isTaken(slug)) return slug;
  let count = 2;
  while (isTaken(`${slug}-${count}`)) count += 1;
  return `${slug}-${count}`;
}

/**
 * `data/authors.yml` keys for everyone the feed names, slugified from their names; two different
 * names with one slug get `-2`. The first spelling of a name (ignoring case) is the display name.
 */
export function authorKeys(people: readonly FeedPerson[]): { keyOf: (person: FeedPerson) => string; authors: Record<string, { name: string; url?: string }> } {
  const byName = new Map<string, string>();
  const authors: Record<string, { name: string; url?: string }> = {};
  for (const person of people) {
    const name = person.name.toLowerCase();
    if (byName.has(name)) continue;
    const key = uniqueName(slugify(person.name) || 'author', (candidate) => candidate in authors);
    byName.set(name, key);
    authors[key] = person.url ? { name: person.name, url: person.url } : { name: person.name };
  }
  return { keyOf: (person) => byName.get(person.name.toLowerCase()) ?? slugify(person.name), authors };
}
