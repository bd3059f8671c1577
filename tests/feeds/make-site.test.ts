// The test helper other stages' unit tests lean on: its Site must be as consistent as the model's.
import { describe, expect, it } from 'vitest';
import { makeSite } from '../support/make-site.js';

describe('makeSite', () => {
  const site = makeSite();

  it('orders posts newest first and links previous/next both ways', () => {
    const dates = site.posts.map((post) => post.date.getTime());
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    site.posts.forEach((post, index) => {
      expect(post.next).toBe(site.posts[index - 1]);
      expect(post.previous).toBe(site.posts[index + 1]);
    });
  });

  it('links tags, authors and archives to the very post objects', () => {
    for (const tag of site.tags) {
      expect(site.tagsBySlug.get(tag.slug)).toBe(tag);
      expect(tag.count).toBe(tag.posts.length);
      for (const post of tag.posts) expect(post.tags).toContain(tag);
    }
    for (const author of site.authors) for (const post of author.posts) expect(post.authors).toContain(author);
    expect(site.years.flatMap((year) => year.months.flatMap((month) => month.posts))).toEqual(site.posts);
  });

  it("merges tags written with ’ and ' under one slug, placing posts by the site time zone", () => {
    expect(site.tagsBySlug.get('childrens-services')?.count).toBe(2);
    expect(site.posts.find((post) => post.title === 'Care review: next steps')?.url).toBe('/2024/04/care-review-next-steps/');
  });

  it('splits events around now and exposes the next one', () => {
    expect(site.events.upcoming.map((event) => event.title)).toEqual(['Regional conference', 'Foster carer evening']);
    expect(site.events.past.map((event) => event.title)).toEqual(['Spring briefing']);
    expect(site.nextEvent?.icsUrl).toBe('/events/regional-conference/event.ics');
  });

  it('leaves out drafts and future posts, and keeps unknown author keys as unknown authors', () => {
    const other = makeSite({
      posts: [
        { title: 'Draft', date: '2024-01-01', draft: true },
        { title: 'Future', date: '2030-01-01' },
        { title: 'Guest post', date: '2024-01-02', authors: ['guest'] },
      ],
    });
    expect(other.posts.map((post) => post.title)).toEqual(['Guest post']);
    expect(other.authorsByKey.get('guest')?.known).toBe(false);
  });
});
