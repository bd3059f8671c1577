/**
 * The fast path for the most common edit of a writing day: a post whose body
 * changed and nothing else. Such an edit cannot move the post, retitle it, retag
 * it or change any list it is on, so instead of rebuilding the whole model the
 * post objects (shared by every list, tag and neighbour that shows them) get their
 * new body in place, and its page's route is re-planned. Everything else is reused.
 * A test compares the result with a clean `build` after random edits of every kind.
 */
import type { EventEntry, PostEntry } from '../content/types.js';
import type { RenderedMarkdown } from '../markdown/types.js';
import type { Mutable } from '../model/mutable.js';
import type { Post, Site } from '../model/types.js';
import { planRoutes } from '../routes/plan-routes.js';
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
 * True when moving the clock from `before` to `after` publishes no post and moves no
 * event between upcoming and past: then the model depends on the clock only through `site.now`.
 */
export function clockMovedNothing(before: Date, after: Date, posts: readonly PostEntry[], events: readonly EventEntry[]): boolean {
  const low = Math.min(before.getTime(), after.getTime());
  const high = Math.max(before.getTime(), after.getTime());
  if (low === high) return true;
  const within = (date: Date): boolean => date.getTime() >= low && date.getTime() <= high;
  return !posts.some((post) => within(post.date)) && !events.some((event) => within(event.end ?? event.start));
}

/** The route of one post's own page, planned by the same code as every other route. */
function postRoute(site: Site, post: Post): Route | undefined {
  const alone: Site = { ...site, posts: [post], tags: [], authors: [], years: [], pages: [], events: { all: [], upcoming: [], past: [] } };
  return planRoutes(alone).value.find((route) => route.context.kind === 'post' && route.context.post === post);
}

/**
 * Give the published posts among `entries` their new body, in place, and replace their
 * routes in `routes`. Returns the patched posts.
 */
export function patchPostBodies(
  site: Site,
  routes: Route[],
  entries: readonly PostEntry[],
  rendered: ReadonlyMap<string, RenderedMarkdown>,
): Post[] {
  const patched: Post[] = [];
  for (const entry of entries) {
    const post = site.posts.find((candidate) => candidate.source.relativePath === entry.source.relativePath) as Mutable<Post> | undefined;
    if (!post) continue; // a draft or future post: shown nowhere
    const body = rendered.get(entry.source.relativePath);
    post.source = entry.source;
    post.excerpt = entry.summary ?? body?.excerpt ?? '';
    post.html = body?.html ?? '';
    post.wordCount = body?.wordCount ?? 0;
    post.readingMinutes = body?.readingMinutes ?? 1;
    const index = routes.findIndex((route) => route.context.kind === 'post' && route.context.post === post);
    const replacement = postRoute(site, post);
    if (index >= 0 && replacement) routes[index] = replacement;
    patched.push(post);
  }
  return patched;
}
