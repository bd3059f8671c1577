/** Related posts through the tag index: most shared tags, then most recent. */
import type { Post } from './types.js';

/**
 * For one post, count shared tags over the posts of its own tags only, so the
 * cost is the size of its tags' lists rather than the whole site.
 * `positions` maps each post to its newest-first index (smaller = newer).
 */
export function findRelated(post: Post, positions: ReadonlyMap<Post, number>, limit: number): Post[] {
  if (limit <= 0 || post.tags.length === 0) return [];
  const shared = new Map<Post, number>();
  for (const tag of post.tags) {
    for (const other of tag.posts) {
      if (other !== post) shared.set(other, (shared.get(other) ?? 0) + 1);
    }
  }
  const rank = (candidate: Post): number => positions.get(candidate) ?? Number.MAX_SAFE_INTEGER;
  const better = (a: [Post, number], b: [Post, number]): boolean => a[1] > b[1] || (a[1] === b[1] && rank(a[0]) < rank(b[0]));
  // Top-k selection: a full sort of every candidate would be quadratic on sites with one huge tag.
  const best: [Post, number][] = [];
  for (const entry of shared) {
    if (best.length === limit && !better(entry, best[limit - 1] as [Post, number])) continue;
    let at = best.length === limit ? limit - 1 : best.length;
    best[at] = entry;
    while (at > 0 && better(entry, best[at - 1] as [Post, number])) {
      best[at] = best[at - 1] as [Post, number];
      best[at - 1] = entry;
      at -= 1;
    }
  }
  return best.map(([candidate]) => candidate);
}
