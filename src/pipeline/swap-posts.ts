/**
 * The common edit of a writing day, a post whose body changed and nothing else that any other
 * page shows (front matter as it was; excerpt and reading time too, unless no page shows another
 * post's: model/body-fact-reads.ts), without rebuilding the whole model: a new `Site` and new
 * routes in which new `Post` objects stand in for the edited ones. Nothing of the previous model
 * is changed: lists holding an edited post are copied with the new one in its place, and so are
 * the tags, authors, archives and routes holding those lists. Other posts' `previous`, `next` and
 * `related` still point at the old object, which differs only in what no other page shows (its
 * body and word count, which the site signature leaves out, and the excerpt and reading time
 * when no page read them of a post not its own).
 */
import type { EventEntry, PostEntry } from '../content/types.js';
import type { Post, Site, YearArchive } from '../model/types.js';
import { postDescription } from '../routes/plan-routes.js';
import type { Route } from '../routes/types.js';
import { ListPositions } from './list-positions.js';

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

/**
 * `list` with each swapped post replaced, or `list` itself when it holds none. Found with `indexOf`
 * (a scan of pointers): a lookup of every post in `swap` reads each post object, and at 100,000
 * posts the lists an edit touches (its tags', author's, year's) hold tens of thousands of them.
 */
function swapList(list: readonly Post[], swap: ReadonlyMap<Post, Post>): readonly Post[] {
  let copy: Post[] | undefined;
  for (const [old, fresh] of swap) {
    for (let at = list.indexOf(old); at >= 0; at = list.indexOf(old, at + 1)) {
      copy ??= [...list];
      copy[at] = fresh;
    }
  }
  return copy ?? list;
}

/** The site's post lists by source path (list-positions.ts), handed on to the copies `swapPosts` makes. */
const postPositions = new ListPositions<Post>((post) => post.source.relativePath);

/** Index `posts` by source path now, so the first edit does not pay for it (a dev server warming up). */
export function indexPosts(posts: readonly Post[]): void {
  postPositions.of(posts);
}

/** The post of `posts` whose source is `file` (site-relative), without a walk of every post at each edit. */
export function postAt(posts: readonly Post[], file: string): Post | undefined {
  return postPositions.find(posts, file);
}

/** `item` with its `posts` swapped, or `item` itself when it holds none of them; remembered in `copies`. */
function withPosts<T extends { readonly posts: readonly Post[] }>(item: T, swap: ReadonlyMap<Post, Post>, copies: Map<object, object>): T {
  const posts = swapList(item.posts, swap);
  if (posts === item.posts) return item;
  const copy = { ...item, posts };
  copies.set(item, copy);
  return copy;
}

/** The years and months the swapped posts are in, copied; the rest as they were. */
function swapYears(years: readonly YearArchive[], swap: ReadonlyMap<Post, Post>, copies: Map<object, object>): YearArchive[] {
  const held = new Set([...swap.keys()].map((post) => post.year));
  return years.map((year) => {
    if (!held.has(year.year)) return year;
    const months = year.months.map((month) => withPosts(month, swap, copies));
    const swapped = withPosts(year, swap, copies);
    if (months.every((month, index) => month === year.months[index])) return swapped;
    const copy = { ...swapped, months };
    copies.set(year, copy);
    return copy;
  });
}

/** Each post (by object) → the positions of the routes that show it: its own page and every list page it is on. */
export type RoutesShowing = Map<Post, number[]>;

/** Made once per routes (a walk of every list page), then kept up to date by `swapPosts`. */
export function indexRoutes(routes: readonly Route[]): RoutesShowing {
  const showing: RoutesShowing = new Map();
  const add = (post: Post, at: number): void => {
    const positions = showing.get(post);
    if (positions) positions.push(at);
    else showing.set(post, [at]);
  };
  for (const [at, route] of routes.entries()) {
    const context = route.context;
    if (context.kind === 'post') add(context.post, at);
    else if ('posts' in context) for (const post of context.posts) add(post, at);
  }
  return showing;
}

/** The route at `at`, copied with the swapped posts and the copies of the tag, author or archive it shows. */
function swapRoute(route: Route, swap: ReadonlyMap<Post, Post>, copies: ReadonlyMap<object, object>, config: Site['config']): Route {
  const context = route.context;
  if (context.kind === 'post') {
    const post = swap.get(context.post) ?? context.post;
    // The excerpt may have changed with the body: the description is made from it.
    return { ...route, description: postDescription(post, config), context: { ...context, post } };
  }
  if (!('posts' in context)) return route;
  const swapped: Record<string, unknown> = { ...context, posts: swapList(context.posts, swap) };
  for (const key of ['tag', 'author', 'archive']) {
    const held = swapped[key];
    if (held && typeof held === 'object') swapped[key] = copies.get(held) ?? held;
  }
  return { ...route, context: swapped as unknown as typeof context };
}

/**
 * A new site and routes with each key of `swap` replaced by its value; `changed` are positions in
 * `routes`, ascending. Only what holds a swapped post is looked at: `showing` (`indexRoutes` of
 * `routes`) names the routes, the posts' own tags, authors and dates name the lists; a walk of
 * every route and list costs more than the rest of the edit at 100,000 posts. `showing` is updated
 * in place to index the new routes.
 */
export function swapPosts(site: Site, routes: readonly Route[], swap: ReadonlyMap<Post, Post>, now: Date, showing: RoutesShowing): { site: Site; routes: Route[]; changed: number[] } {
  const copies = new Map<object, object>();
  const olds = [...swap.keys()];
  const slugs = new Set(olds.flatMap((post) => post.tags.map((tag) => tag.slug)));
  const keys = new Set(olds.flatMap((post) => post.authors.map((author) => author.key)));
  const tags = site.tags.map((tag) => (slugs.has(tag.slug) ? withPosts(tag, swap, copies) : tag));
  const authors = site.authors.map((author) => (keys.has(author.key) ? withPosts(author, swap, copies) : author));
  const years = swapYears(site.years, swap, copies);
  // A swapped post comes from a file holding only it (body-edits.ts), so its path names its place.
  const posts = postPositions.replaced(site.posts, swap.values()) ?? [...swapList(site.posts, swap)];
  const next: Site = {
    ...site,
    now,
    posts,
    tags,
    tagsBySlug: new Map(tags.map((tag) => [tag.slug, tag])),
    authors,
    authorsByKey: new Map(authors.map((author) => [author.key, author])),
    years,
  };
  const changed = [...new Set(olds.flatMap((post) => showing.get(post) ?? []))].sort((a, b) => a - b);
  const nextRoutes = [...routes];
  for (const at of changed) nextRoutes[at] = swapRoute(routes[at] as Route, swap, copies, site.config);
  for (const [old, fresh] of swap) {
    const positions = showing.get(old);
    showing.delete(old);
    if (positions) showing.set(fresh, positions);
  }
  return { site: next, routes: nextRoutes, changed };
}
