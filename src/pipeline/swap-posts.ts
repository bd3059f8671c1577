/**
 * The common edit of a writing day, a post whose body changed and nothing else that any other
 * page shows (front matter, excerpt and reading time as they were), without rebuilding the whole
 * model: a new `Site` and new routes in which new `Post` objects stand in for the edited ones.
 * Nothing of the previous model is changed: lists holding an edited post are copied with the
 * new one in its place, and so are the tags, authors, archives and routes holding those lists.
 * Other posts' `previous`, `next` and `related` still point at the old object, which differs
 * only in what the site signature already says no other page shows (its body and word count).
 */
import type { EventEntry, PostEntry } from '../content/types.js';
import type { Post, Site, YearArchive } from '../model/types.js';
import type { Route } from '../routes/types.js';

/** Everything about a post entry except its body, as a comparable string. */
function frontMatterOf(entry: PostEntry): string {
  return JSON.stringify({ ...entry, source: entry.source.relativePath, body: undefined });
}

/** True when the two post entries differ in their body (and digest) only. */
export function sameFrontMatter(before: PostEntry, after: PostEntry): boolean {
  return frontMatterOf(before) === frontMatterOf(after);
}

/**
 * True when moving the clock from `before` to `after` publishes no post and moves no event
 * between upcoming and past: then the model depends on the clock only through `site.now`.
 */
export function clockMovedNothing(before: Date, after: Date, posts: readonly PostEntry[], events: readonly EventEntry[]): boolean {
  const low = Math.min(before.getTime(), after.getTime());
  const high = Math.max(before.getTime(), after.getTime());
  if (low === high) return true;
  const within = (date: Date): boolean => date.getTime() >= low && date.getTime() <= high;
  return !posts.some((post) => within(post.date)) && !events.some((event) => within(event.end ?? event.start));
}

function swapList(list: readonly Post[], swap: ReadonlyMap<Post, Post>): readonly Post[] {
  return list.some((post) => swap.has(post)) ? list.map((post) => swap.get(post) ?? post) : list;
}

/** `item` with its `posts` swapped, or `item` itself when it holds none of them; remembered in `copies`. */
function withPosts<T extends { readonly posts: readonly Post[] }>(item: T, swap: ReadonlyMap<Post, Post>, copies: Map<object, object>): T {
  const posts = swapList(item.posts, swap);
  if (posts === item.posts) return item;
  const copy = { ...item, posts };
  copies.set(item, copy);
  return copy;
}

function swapYears(years: readonly YearArchive[], swap: ReadonlyMap<Post, Post>, copies: Map<object, object>): YearArchive[] {
  return years.map((year) => {
    const months = year.months.map((month) => withPosts(month, swap, copies));
    const swapped = withPosts(year, swap, copies);
    if (months.every((month, index) => month === year.months[index])) return swapped;
    const copy = { ...swapped, months };
    copies.set(year, copy);
    return copy;
  });
}

/** Routes showing a swapped post or list, copied with the new objects; the positions of those copied. */
function swapRoutes(routes: readonly Route[], swap: ReadonlyMap<Post, Post>, copies: ReadonlyMap<object, object>): { routes: Route[]; changed: number[] } {
  const changed: number[] = [];
  const next = routes.map((route, at) => {
    const context = route.context;
    if (context.kind === 'post') {
      const post = swap.get(context.post);
      if (!post) return route;
      changed.push(at);
      return { ...route, context: { ...context, post } };
    }
    if (!('posts' in context)) return route;
    const posts = swapList(context.posts, swap);
    if (posts === context.posts) return route;
    changed.push(at);
    const swapped: Record<string, unknown> = { ...context, posts };
    for (const key of ['tag', 'author', 'archive']) {
      const held = swapped[key];
      if (held && typeof held === 'object') swapped[key] = copies.get(held) ?? held;
    }
    return { ...route, context: swapped as unknown as typeof context };
  });
  return { routes: next, changed };
}

/** A new site and routes with each key of `swap` replaced by its value; `changed` are positions in `routes`. */
export function swapPosts(site: Site, routes: readonly Route[], swap: ReadonlyMap<Post, Post>, now: Date): { site: Site; routes: Route[]; changed: number[] } {
  const copies = new Map<object, object>();
  const tags = site.tags.map((tag) => withPosts(tag, swap, copies));
  const authors = site.authors.map((author) => withPosts(author, swap, copies));
  const years = swapYears(site.years, swap, copies);
  const next: Site = {
    ...site,
    now,
    posts: swapList(site.posts, swap),
    tags,
    tagsBySlug: new Map(tags.map((tag) => [tag.slug, tag])),
    authors,
    authorsByKey: new Map(authors.map((author) => [author.key, author])),
    years,
  };
  return { site: next, ...swapRoutes(routes, swap, copies) };
}
