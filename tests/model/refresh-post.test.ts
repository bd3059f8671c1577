// The body-edit path remakes a post with `createPost` and takes its new fields in place (`refreshPost`),
// keeping the fields `buildSite` links. Those are named once (`LINKS` in create-posts.ts): this test finds
// every field of a built post that points at another model object, so a link added to `buildSite` without
// that list fails here rather than being overwritten by an unlinked placeholder on the next body edit.
import { describe, expect, it } from 'vitest';
import { loadSite } from '../../src/build.js';
import { refreshPost } from '../../src/model/create-posts.js';
import type { Post } from '../../src/model/types.js';
import { copyFixture } from '../support/site-folder.js';

describe('refreshPost', () => {
  it('replaces every field but those that point at other model objects', async () => {
    const root = await copyFixture('blog-basic');
    const { site } = await loadSite({ root, now: '2025-01-01T12:00:00Z', workers: 0 });
    const nodes = new Set<unknown>([...site.posts, ...site.tags, ...site.authors, ...site.pages, ...site.events.all]);
    const points = (value: unknown): boolean => nodes.has(value) || (Array.isArray(value) && value.some((item) => nodes.has(item)));
    const post = site.posts.find((candidate) => candidate.previous && candidate.next && candidate.related.length > 0) as Post;
    expect(post).toBeDefined();
    const before = Object.getOwnPropertyDescriptors(post);
    const linked = Object.keys(before).filter((key) => points((post as unknown as Record<string, unknown>)[key]));
    expect(linked.length).toBeGreaterThanOrEqual(4);
    const fresh = Object.fromEntries(Object.keys(before).map((key) => [key, `made again: ${key}`])) as unknown as Post;
    refreshPost(post, fresh);
    for (const key of Object.keys(before)) {
      const now = (post as unknown as Record<string, unknown>)[key];
      if (linked.includes(key)) expect(now, key).not.toBe(`made again: ${key}`);
      else expect(now, key).toBe(`made again: ${key}`);
    }
  });
});
