/** Tags: merge spellings that share a slug, pick the display spelling, index posts by tag. */
import type { Config } from '../config/types.js';
import type { PostEntry } from '../content/types.js';
import { renderPermalink } from '../shared/permalink.js';
import type { Mutable } from './mutable.js';
import { slugify } from '../shared/slug.js';
import type { Post, Tag } from './types.js';

/** Curly and straight apostrophes are the same tag; slugify drops both. */
export function slugOfTag(name: string): string {
  return slugify(name.replace(/[’‘]/g, "'"));
}

interface Spelling {
  count: number;
  /** Index in the newest-first list of the oldest post using this spelling (higher = older). */
  oldest: number;
}

function chooseName(spellings: Map<string, Spelling>): string {
  let best: [string, Spelling] | undefined;
  for (const entry of spellings) {
    if (!best || entry[1].count > best[1].count || (entry[1].count === best[1].count && entry[1].oldest > best[1].oldest)) best = entry;
  }
  return best?.[0] ?? '';
}

/**
 * Attach tags to posts (newest-first order is kept in every tag's list) and return
 * the tags sorted by name. Linear in the number of (post, tag) pairs.
 */
export function groupTags(posts: Mutable<Post>[], entries: readonly PostEntry[], config: Config): Tag[] {
  // Slugifying (transliteration) is the costly part and sites reuse a few dozen tag names.
  const slugs = new Map<string, string>();
  const tagSlug = (name: string): string => {
    let slug = slugs.get(name);
    if (slug === undefined) slugs.set(name, (slug = slugOfTag(name)));
    return slug;
  };
  const bySlug = new Map<string, { spellings: Map<string, Spelling>; posts: Post[] }>();
  posts.forEach((post, index) => {
    const seen = new Set<string>();
    for (const name of entries[index]?.tags ?? []) {
      const slug = tagSlug(name);
      if (slug === '' || seen.has(slug)) continue;
      seen.add(slug);
      let group = bySlug.get(slug);
      if (!group) bySlug.set(slug, (group = { spellings: new Map(), posts: [] }));
      group.posts.push(post);
      const spelling = group.spellings.get(name) ?? { count: 0, oldest: index };
      spelling.count += 1;
      spelling.oldest = index;
      group.spellings.set(name, spelling);
    }
  });
  const tags = new Map<string, Tag>();
  for (const [slug, group] of bySlug) {
    const url = renderPermalink(config.permalinks.tag, { slug });
    tags.set(slug, { name: chooseName(group.spellings), slug, url, feedUrl: `${url}feed.xml`, posts: group.posts, count: group.posts.length });
  }
  posts.forEach((post, index) => {
    const slugs = new Set((entries[index]?.tags ?? []).map(tagSlug));
    post.tags = [...slugs].flatMap((slug) => tags.get(slug) ?? []);
  });
  const collator = new Intl.Collator(config.language, { sensitivity: 'base' });
  return [...tags.values()].sort((a, b) => collator.compare(a.name, b.name) || (a.slug < b.slug ? -1 : 1));
}
