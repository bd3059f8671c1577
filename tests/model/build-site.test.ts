// The model on synthetic entries: related posts against a brute-force definition, and build
// time growing linearly (not quadratically) with the number of posts and tags.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import type { Config } from '../../src/config/types.js';
import type { PostEntry } from '../../src/content/types.js';
import { buildSite } from '../../src/model/build-site.js';
import type { Post } from '../../src/model/types.js';

let config: Config;
beforeAll(async () => {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-model-'));
  config = (await loadConfig(root, {})).value;
});

const NOW = new Date('2030-01-01T00:00:00Z');

function entry(index: number, tags: readonly string[]): PostEntry {
  const relativePath = `posts/p-${String(index).padStart(6, '0')}.md`;
  return {
    kind: 'post',
    source: { path: `/site/${relativePath}`, relativePath, digest: String(index) },
    title: `Post ${index}`,
    body: '',
    bodyLine: 1,
    summary: 's',
    date: new Date(Date.UTC(2020, 0, 1) + index * 3_600_000),
    updated: undefined,
    tags,
    authorKeys: [],
    slug: `p-${index}`,
    draft: false,
    image: undefined,
    imageAlt: undefined,
    permalink: undefined,
    positions: {},
  };
}

function site(entries: readonly PostEntry[]) {
  return buildSite({ config, posts: entries, pages: [], events: [], rendered: new Map(), data: { data: {}, authors: new Map() } }, { drafts: false, future: false, now: NOW }).value;
}

/** The definition: most shared tags, then most recent, then (for equal dates) file order. */
function bruteForceRelated(posts: readonly Post[], post: Post, limit: number): string[] {
  const mine = new Set(post.tags.map((tag) => tag.slug));
  return posts
    .map((other, index) => ({ other, index, shared: other.tags.filter((tag) => mine.has(tag.slug)).length }))
    .filter(({ other, shared }) => other !== post && shared > 0)
    .sort((a, b) => b.shared - a.shared || a.index - b.index)
    .slice(0, limit)
    .map(({ other }) => other.title);
}

describe('related posts', () => {
  it('match the brute-force definition (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { maxLength: 4 }), { minLength: 1, maxLength: 40 }), (tagLists) => {
        const built = site(tagLists.map((tags, index) => entry(index, tags)));
        for (const post of built.posts) expect(post.related.map((related) => related.title)).toEqual(bruteForceRelated(built.posts, post, config.relatedPosts));
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 200) },
    );
  });

  it('match the brute-force definition for posts with many tags (property)', () => {
    const tagNames = Array.from({ length: 12 }, (_, index) => `t${index}`);
    fc.assert(
      fc.property(fc.array(fc.uniqueArray(fc.constantFrom(...tagNames), { maxLength: 11 }), { minLength: 1, maxLength: 30 }), (tagLists) => {
        const built = site(tagLists.map((tags, index) => entry(index, tags)));
        for (const post of built.posts) expect(post.related.map((related) => related.title)).toEqual(bruteForceRelated(built.posts, post, config.relatedPosts));
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 200) },
    );
  });
});

function timeBuild(count: number, tagsFor: (index: number) => string[]): number {
  const entries = Array.from({ length: count }, (_, index) => entry(index, tagsFor(index)));
  const started = performance.now();
  site(entries);
  return performance.now() - started;
}

describe('scaling', () => {
  // Ratios within one run, not absolute times: linear growth gives about 10×, quadratic about 100×.
  it('grows about linearly from 1,000 to 10,000 posts sharing a few popular tags', () => {
    const tags = (index: number): string[] => ['children’s services', `topic ${index % 60}`, ...(index % 3 === 0 ? ['Ofsted'] : [])];
    timeBuild(1000, tags);
    const small = Math.min(timeBuild(1000, tags), timeBuild(1000, tags));
    const large = timeBuild(10_000, tags);
    expect(large / small).toBeLessThan(30);
  });

  it('grows about linearly when posts draw 1–4 of 60 long-tailed tags at random', () => {
    // The bench corpus's shape: posts whose best matches share rare tag combinations, which a
    // merge of whole tag lists finds only by walking nearly the whole archive for each post.
    // Tag i drawn with weight 1/(i+1)^0.85, 1–4 tags a post, as in ../shared/bench/gen-corpus.mjs.
    const weights = Array.from({ length: 60 }, (_, i) => 1 / (i + 1) ** 0.85);
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    const tags = (index: number): string[] => {
      let seed = index + 1;
      const next = (): number => {
        seed = (seed * 16_807) % 2_147_483_647;
        return seed / 2_147_483_647;
      };
      next();
      const draw = (): string => {
        let left = next() * total;
        const at = weights.findIndex((weight) => (left -= weight) < 0);
        return `topic ${at < 0 ? 59 : at}`;
      };
      const wanted = 1 + Math.floor(next() * 4);
      const chosen = new Set<string>();
      while (chosen.size < wanted) chosen.add(draw());
      return [...chosen];
    };
    timeBuild(1000, tags);
    const small = Math.min(timeBuild(1000, tags), timeBuild(1000, tags));
    const large = timeBuild(10_000, tags);
    expect(large / small).toBeLessThan(30);
  });

  it('copes with 20,000 tags', () => {
    const tags = (index: number): string[] => [`tag ${index % 20_000}`, `tag ${(index * 7) % 20_000}`];
    timeBuild(2000, tags);
    const small = Math.min(timeBuild(2000, tags), timeBuild(2000, tags));
    const large = timeBuild(20_000, tags);
    expect(large / small).toBeLessThan(30);
    expect(site(Array.from({ length: 20_000 }, (_, index) => entry(index, tags(index)))).tags).toHaveLength(20_000);
  });
});
