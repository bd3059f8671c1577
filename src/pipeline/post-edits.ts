/**
 * What the body-edit path (site-builder.ts) asks of the last model: whether an edit left a post's
 * front matter as it was, whether moving the clock changes what is published, and which post a
 * file holds, without a walk of every post on a large site.
 */
import type { EventEntry, PostEntry } from '../content/types.js';
import type { Post } from '../model/types.js';
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

/** The site's post lists by source path (list-positions.ts). */
const postPositions = new ListPositions<Post>((post) => post.source.relativePath);

/** Index `posts` by source path now, so the first edit does not pay for it (a dev server warming up). */
export function indexPosts(posts: readonly Post[]): void {
  postPositions.of(posts);
}

/** The post of `posts` whose source is `file` (site-relative), without a walk of every post at each edit. */
export function postAt(posts: readonly Post[], file: string): Post | undefined {
  return postPositions.find(posts, file);
}
