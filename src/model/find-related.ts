/**
 * Related posts: most shared tags, then most recent (posts are newest first, so a lower index
 * is more recent).
 *
 * Merging a post's tag lists in recency order finds them, but on a long-tailed tag set it walks
 * nearly the whole archive for every post whose best matches are rare (quadratic: about a
 * minute of a 100,000-post build). Any candidate sharing two or more tags is in the list of
 * posts carrying one of this post's tag *pairs*, and pair lists are far shorter than tag lists;
 * so those candidates come from pair lists, tier by tier, and the rest (one shared tag) are
 * simply the newest posts of the post's own tag lists.
 */
import type { Post, Tag } from './types.js';

interface Candidate {
  readonly index: number;
  readonly score: number;
}

/** Insert into `best` (sorted by score desc, then index asc), keeping at most `limit`; candidates arrive in index order. */
function offer(best: Candidate[], candidate: Candidate, limit: number): void {
  let at = best.length;
  while (at > 0 && (best[at - 1] as Candidate).score < candidate.score) at -= 1;
  if (at >= limit) return;
  best.splice(at, 0, candidate);
  if (best.length > limit) best.pop();
}

/** Calls `visit` with each index of `lists` (each ascending) once, in ascending order, until it returns false. */
function mergeAscending(lists: readonly Int32Array[], visit: (index: number, open: number) => boolean): void {
  const cursor = new Array<number>(lists.length).fill(0);
  for (;;) {
    let smallest = Number.MAX_SAFE_INTEGER;
    let open = 0;
    for (const [which, list] of lists.entries()) {
      const value = list[cursor[which] as number];
      if (value === undefined) continue;
      open += 1;
      if (value < smallest) smallest = value;
    }
    if (open === 0 || !visit(smallest, open)) return;
    for (const [which, list] of lists.entries()) if (list[cursor[which] as number] === smallest) cursor[which] = (cursor[which] as number) + 1;
  }
}

/**
 * Past this many tags a post's tag subsets and pairs get too many: its own related posts come from a
 * merge of its whole tag lists, and as a candidate it is looked at by every post (it is rare).
 */
const MOST_TAGS_BY_TIERS = 8;

interface TagIndex {
  /** Post indexes of each tag, ascending. */
  readonly byTag: ReadonlyMap<Tag, Int32Array>;
  /** Post indexes carrying both tags of a pair, ascending; keyed `i,j` by tag number. */
  readonly byPair: ReadonlyMap<string, Int32Array>;
  readonly tagNumber: ReadonlyMap<Tag, number>;
  /** Posts with more than `MOST_TAGS_BY_TIERS` tags, ascending: kept out of the pair lists (2,000 tags would be 2 million pairs). */
  readonly wide: Int32Array;
}

function pairKey(a: number, b: number): string {
  return a < b ? `${a},${b}` : `${b},${a}`;
}

function indexTags(posts: readonly Post[], tags: readonly Tag[]): TagIndex {
  const position = new Map<Post, number>(posts.map((post, index) => [post, index]));
  const tagNumber = new Map<Tag, number>(tags.map((tag, number) => [tag, number]));
  const byTag = new Map<Tag, Int32Array>(tags.map((tag) => [tag, Int32Array.from(tag.posts.flatMap((post) => position.get(post) ?? [])).sort()]));
  const pairs = new Map<string, number[]>();
  const wide: number[] = [];
  posts.forEach((post, index) => {
    const numbers = post.tags.map((tag) => tagNumber.get(tag) ?? -1);
    if (numbers.length > MOST_TAGS_BY_TIERS) {
      wide.push(index);
      return;
    }
    for (let i = 0; i < numbers.length; i += 1)
      for (let j = i + 1; j < numbers.length; j += 1) {
        const key = pairKey(numbers[i] as number, numbers[j] as number);
        const list = pairs.get(key);
        if (list) list.push(index);
        else pairs.set(key, [index]);
      }
  });
  return { byTag, tagNumber, wide: Int32Array.from(wide), byPair: new Map([...pairs].map(([key, list]) => [key, Int32Array.from(list)])) };
}

/** Every `size`-element subset of `items`. */
function subsets<T>(items: readonly T[], size: number): T[][] {
  if (size === 0) return [[]];
  if (items.length < size) return [];
  const [first, ...rest] = items as [T, ...T[]];
  return [...subsets(rest, size - 1).map((subset) => [first, ...subset]), ...subsets(rest, size)];
}

function relatedIndexes(self: number, post: Post, index: TagIndex, limit: number, posts: readonly Post[]): number[] {
  const mine = new Set(post.tags);
  const scoreOf = (candidate: number): number => (posts[candidate] as Post).tags.filter((tag) => mine.has(tag)).length;
  const numbers = [...new Set(post.tags.map((tag) => index.tagNumber.get(tag) ?? -1))];
  const pairList = (a: number, b: number): Int32Array => index.byPair.get(pairKey(a, b)) ?? new Int32Array();
  const best: number[] = [];
  const chosen = new Set<number>([self]);
  if (numbers.length <= MOST_TAGS_BY_TIERS) {
    // Tier by tier from the most tags shared: a candidate sharing `size` tags carries every pair
    // of some `size` of this post's tags, so it is in the shortest pair list of that subset (or,
    // with many tags, among the wide posts). The merge of those lists stops once the tier fills
    // what is left; a tier that does not fill has found every candidate sharing that many tags
    // (or more: those came earlier).
    for (let size = numbers.length; size >= 2 && best.length < limit; size -= 1) {
      const lists = subsets(numbers, size).map((subset) => {
        const pairs = subsets(subset, 2).map(([a, b]) => pairList(a as number, b as number));
        return pairs.reduce((shortest, list) => (list.length < shortest.length ? list : shortest));
      });
      mergeAscending(index.wide.length > 0 ? [...lists, index.wide] : lists, (candidate) => {
        if (!chosen.has(candidate) && scoreOf(candidate) >= size) {
          chosen.add(candidate);
          best.push(candidate);
        }
        return best.length < limit;
      });
    }
  } else {
    const ranked: Candidate[] = [];
    mergeAscending(
      post.tags.map((tag) => index.byTag.get(tag) ?? new Int32Array()),
      (candidate, open) => {
        // Later candidates are in at most `open` tag lists; stop when none of them could beat last place.
        if (ranked.length === limit && open <= (ranked[limit - 1] as Candidate).score) return false;
        if (candidate !== self) offer(ranked, { index: candidate, score: scoreOf(candidate) }, limit);
        return true;
      },
    );
    for (const candidate of ranked) {
      chosen.add(candidate.index);
      best.push(candidate.index);
    }
  }
  // Not full: every candidate sharing two or more tags is in `best`, so the rest share one, newest first.
  if (best.length < limit)
    mergeAscending(
      post.tags.map((tag) => index.byTag.get(tag) ?? new Int32Array()),
      (candidate) => {
        if (!chosen.has(candidate)) {
          chosen.add(candidate);
          best.push(candidate);
        }
        return best.length < limit;
      },
    );
  return best;
}

/**
 * Related posts for every post (`posts` newest first): about linear in the number of posts for
 * long-tailed tag sets, since pair lists stay short.
 */
export function findAllRelated(posts: readonly Post[], tags: readonly Tag[], limit: number): Post[][] {
  if (limit <= 0) return posts.map(() => []);
  const index = indexTags(posts, tags);
  return posts.map((post, self) => relatedIndexes(self, post, index, limit, posts).map((at) => posts[at] as Post));
}
