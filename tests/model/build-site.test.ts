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
import { postEntry } from '../../bench/post-entry.mjs';
import type { Post } from '../../src/model/types.js';

let config: Config;
beforeAll(async () => {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-model-'));
  config = (await loadConfig(root, {})).value;
});

const NOW = new Date('2030-01-01T00:00:00Z');

const entry = postEntry;

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

// How the model grows with the number of posts is measured in bench/model-scaling.mjs (timings stay out of the tests).
describe('many tags', () => {
  it('keeps 20,000 tags, each with its posts', () => {
    const built = site(Array.from({ length: 20_000 }, (_, index) => entry(index, [`tag ${index % 20_000}`, `tag ${(index * 7) % 20_000}`])));
    expect(built.tags).toHaveLength(20_000);
    expect(built.tags.every((tag) => tag.posts.length > 0)).toBe(true);
  });
});
