import { beforeAll, describe, expect, it } from 'vitest';
import type { EntrySet } from '../../src/content/types.js';
import { sortProblems, type Problem } from '../../src/shared/errors.js';
import { fixturePath } from '../support/site-folder.js';
import { errorsIn, readSite, writeSite } from './temp-site.js';

let entries: EntrySet;
let problems: readonly Problem[];

beforeAll(async () => {
  ({ entries, problems } = await readSite(fixturePath('content-site')));
});

const post = (file: string) => entries.posts.find((entry) => entry.source.relativePath === `posts/${file}`);

describe('readEntries on a valid site', () => {
  it('has no errors, and warns only about what is missing', () => {
    expect(problems.filter((problem) => problem.severity === 'error')).toEqual([]);
  });

  it('takes the date from the file name, at midnight in the site time zone (BST)', () => {
    expect(post('2024-07-09-our-plan.md')?.date.toISOString()).toBe('2024-07-08T23:00:00.000Z');
    expect(post('2024-07-09-our-plan.md')?.slug).toBe('our-plan');
  });

  it('reads a date-time without an offset in the site zone, and honours an offset', () => {
    expect(post('dated.md')?.date.toISOString()).toBe('2024-07-09T09:00:00.000Z');
    expect(post('2024/offset.md')?.date.toISOString()).toBe('2024-03-30T23:30:00.000Z');
    expect(post('only-front-matter.md')?.date.toISOString()).toBe('2024-01-02T00:00:00.000Z');
  });

  it('reads tags from a list or a comma-separated line, trimmed, empties dropped', () => {
    expect(post('2024-07-09-our-plan.md')?.tags).toEqual(['Leadership', 'Children’s services']);
    expect(post('dated.md')?.tags).toEqual(["Children's services", 'Ofsted']);
  });

  it('reads every optional field', () => {
    expect(post('dated.md')).toMatchObject({
      title: 'Inspection: what we learnt',
      authorKeys: ['sam'],
      summary: 'Lessons from the inspection.',
      updated: new Date('2024-07-31T23:00:00.000Z'),
      image: '/images/team.jpg',
      imageAlt: 'The team outside the office',
      draft: false,
      slug: 'dated',
      permalink: undefined,
      bodyLine: 13,
    });
    expect(post('2024-07-09-our-plan.md')?.authorKeys).toEqual(['sam', 'alex']);
  });

  it('slugifies a written slug and puts a leading slash on a permalink', () => {
    expect(post('custom-slug.md')).toMatchObject({ slug: 'my-custom-slug', permalink: '/news/special/', draft: true });
  });

  it('keeps positions of keys for later messages', () => {
    expect(post('dated.md')?.positions.author).toEqual({ line: 5, column: 9 });
  });

  it('reads pages with their path under pages/', () => {
    expect(entries.pages.map((page) => [page.pagePath, page.permalink, page.order])).toEqual([
      ['about', undefined, undefined],
      ['policies/privacy', '/privacy/', 2],
    ]);
  });

  it('reads events, slugged from the file name without its date', () => {
    expect(entries.events).toMatchObject([
      {
        slug: 'spring-forum',
        title: 'Spring forum',
        location: 'Leeds Civic Hall',
        bookingUrl: 'https://example.org/book',
        start: new Date('2024-05-01T08:30:00.000Z'),
        end: new Date('2024-05-01T15:00:00.000Z'),
      },
    ]);
  });

  it('makes one Markdown job per entry, keyed by its path', () => {
    const ids = entries.jobs.map((job) => job.id);
    expect(ids).toHaveLength(entries.posts.length + entries.pages.length + entries.events.length);
    expect(new Set(ids).size).toBe(ids.length);
    expect(entries.jobs.find((job) => job.id === 'posts/dated.md')).toMatchObject({ bodyLine: 13, body: '\n# Lessons\n\nBody text.\n' });
  });
});

describe('readEntries problems', () => {
  it('requires an event start and a web booking link', async () => {
    const root = await writeSite({ 'events/meet.md': '---\ntitle: Meet\nurl: javascript:alert(1)\n---\n' });
    const { problems: found } = await readSite(root);
    expect(sortProblems(errorsIn(found, 'events/meet.md')).map((problem) => [problem.code, problem.line])).toEqual([
      ['front-matter/start', 1],
      ['front-matter/url', 3],
    ]);
  });

  it('rejects a page order that is not a number and an unsafe page permalink', async () => {
    const root = await writeSite({ 'pages/a.md': '---\ntitle: A\norder: first\npermalink: /../a/\n---\n' });
    const { problems: found } = await readSite(root);
    expect(sortProblems(errorsIn(found, 'pages/a.md')).map((problem) => [problem.code, problem.line, problem.column])).toEqual([
      ['front-matter/order', 3, 8],
      ['front-matter/permalink', 4, 12],
    ]);
  });

  it('warns (without failing) about a missing summary and missing image alt text', async () => {
    const root = await writeSite({ 'posts/2024-01-01-a.md': '---\ntitle: A\nimage: /a.jpg\n---\nBody' });
    const { problems: found, entries: read } = await readSite(root);
    expect(found.map((problem) => [problem.severity, problem.code])).toEqual([
      ['warning', 'front-matter/image-alt'],
      ['warning', 'front-matter/no-summary'],
    ]);
    expect(read.posts).toHaveLength(1);
  });

  it('accepts a date without a time and a title that YAML reads as a number', async () => {
    const root = await writeSite({ 'posts/n.md': '---\ntitle: 1984\ndate: 2024-12-01\nsummary: s\n---\n' });
    const { entries: read } = await readSite(root);
    expect(read.posts[0]).toMatchObject({ title: '1984', date: new Date('2024-12-01T00:00:00.000Z') });
  });
});
