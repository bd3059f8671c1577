/**
 * Related posts through the tag index: most shared tags, then most recent.
 * Each tag's posts are already newest first, so for one post the candidates come
 * from a merge of its few tag lists in recency order; equal entries across lists
 * are the same candidate, and their number is its score. The merge stops as soon
 * as no later candidate could still enter the top `limit`.
 */
import type { Post, Tag } from './types.js';

interface Candidate {
  readonly index: number;
  readonly score: number;
}

/** Insert into `best` (sorted by score desc, then index asc), keeping at most `limit`. */
function offer(best: Candidate[], candidate: Candidate, limit: number): void {
  let at = best.length;
  while (at > 0 && (best[at - 1] as Candidate).score < candidate.score) at -= 1;
  if (at >= limit) return;
  best.splice(at, 0, candidate);
  if (best.length > limit) best.pop();
}

function relatedIndexes(self: number, lists: readonly Int32Array[], limit: number): number[] {
  const cursor = new Array<number>(lists.length).fill(0);
  const best: Candidate[] = [];
  for (;;) {
    let smallest = Number.MAX_SAFE_INTEGER;
    let open = 0;
    lists.forEach((list, which) => {
      const value = list[cursor[which] as number];
      if (value === undefined) return;
      open += 1;
      if (value < smallest) smallest = value;
    });
    // Later candidates can share at most `open` tags; stop when that cannot beat the last place.
    if (open === 0 || (best.length === limit && open <= (best[limit - 1] as Candidate).score)) break;
    let score = 0;
    lists.forEach((list, which) => {
      if (list[cursor[which] as number] === smallest) {
        score += 1;
        cursor[which] = (cursor[which] as number) + 1;
      }
    });
    if (smallest !== self) offer(best, { index: smallest, score }, limit);
  }
  return best.map((candidate) => candidate.index);
}

/**
 * Related posts for every post (`posts` newest first). Linear in the number of
 * (post, tag) pairs for typical sites; never worse than one pass over a post's tag lists.
 */
export function findAllRelated(posts: readonly Post[], tags: readonly Tag[], limit: number): Post[][] {
  if (limit <= 0) return posts.map(() => []);
  const position = new Map<Post, number>(posts.map((post, index) => [post, index]));
  const indexes = new Map<Tag, Int32Array>(tags.map((tag) => [tag, Int32Array.from(tag.posts, (post) => position.get(post) ?? -1)]));
  return posts.map((post, self) => {
    const lists = post.tags.flatMap((tag) => indexes.get(tag) ?? []);
    return relatedIndexes(self, lists, limit).map((index) => posts[index] as Post);
  });
}
