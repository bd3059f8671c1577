// Watched posts tell, per page render, whether the page read another post's excerpt or reading
// time; outside a render their fields read as before, and copies of them are plain data.
import { describe, expect, it } from 'vitest';
import { BodyFactReads, watchBodyFacts } from '../../src/model/body-fact-reads.js';
import { makeSite } from '../support/make-site.js';

describe('BodyFactReads', () => {
  const site = makeSite({
    posts: [
      { title: 'First', date: '2024-02-01T09:00:00Z', summary: 'First summary' },
      { title: 'Second', date: '2024-01-01T09:00:00Z', summary: 'Second summary' },
    ],
  });
  const reads = new BodyFactReads();
  const [first, second] = site.posts.map((post) => watchBodyFacts(post, reads));
  if (!first || !second) throw new Error('two posts expected');

  it('notes a read of a post that is not the page’s own, and only while a page renders', () => {
    reads.watch([first]);
    expect(first.excerpt).toBe('First summary');
    expect(first.readingMinutes).toBeGreaterThan(0);
    expect(reads.stop()).toBe(false);

    reads.watch([first]);
    expect(second.readingMinutes).toBeGreaterThan(0);
    expect(reads.stop()).toBe(true);

    reads.watch([]);
    expect(second.excerpt).toBe('Second summary');
    expect(reads.stop()).toBe(true);

    // Between renders (signatures, feeds, search records) reads are not a page's.
    expect(second.excerpt).toBe('Second summary');
    reads.watch([first]);
    expect(reads.stop()).toBe(false);
  });

  it('leaves the fields enumerable, so spreads and Object.entries copy their values', () => {
    expect(Object.keys(first)).toContain('excerpt');
    expect({ ...first }.excerpt).toBe('First summary');
    expect(Object.entries(second)).toContainEqual(['excerpt', 'Second summary']);
    expect(Object.getOwnPropertyDescriptor({ ...first }, 'excerpt')?.get).toBeUndefined();
  });

  it('still lets a helper assign to them, as it could to plain fields', () => {
    const post = watchBodyFacts(makeSite().posts[0] as (typeof site.posts)[number], reads);
    (post as { excerpt: string }).excerpt = 'Changed by a helper';
    expect(post.excerpt).toBe('Changed by a helper');
    reads.watch([]);
    expect(post.excerpt).toBe('Changed by a helper');
    expect(reads.stop()).toBe(true);
  });
});
