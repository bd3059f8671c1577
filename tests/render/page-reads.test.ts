import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { derive, PageReads, ReadPaths, registerDerivation, replayReads } from '../../src/render/page-reads.js';

interface Model {
  site: { title: string; config: Readonly<Record<string, unknown>>; posts: Record<string, unknown>[]; bySlug: Map<string, Record<string, unknown>> };
}

function model(): Model {
  const posts = [
    { title: 'First', summary: 'One', wordCount: 10, sticky: false },
    { title: 'Second', summary: 'Two', wordCount: 20, sticky: true },
  ];
  return { site: { title: 'Site', config: Object.freeze({ perPage: 3, navigation: Object.freeze([{ label: 'Home' }]) }), posts, bySlug: new Map([['second', posts[1] as Record<string, unknown>]]) } };
}

const handlebars = Handlebars.create();
handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b);
handlebars.registerHelper('lookupSlug', (map: Map<string, unknown>, slug: string) => map.get(slug));

/** Render `template` over the views of `roots`, and the record of what it read. */
function render(template: string, roots: Model, paths: ReadPaths) {
  const reads = new PageReads(paths);
  const site = reads.view('site', roots.site);
  const html = handlebars.compile(template)({ site, post: site.posts[0] });
  return { html, record: reads.finish() };
}

const replay = (record: ReturnType<typeof render>['record'], roots: Model, paths: ReadPaths): string | undefined => replayReads(record.shape, { site: roots.site }, paths).digest;

describe('page reads', () => {
  it('a replay finds a change to what the template read, and nothing else', () => {
    const paths = new ReadPaths();
    const template = '{{#each site.posts}}{{title}}: {{summary}}; {{/each}}';
    const { html, record } = render(template, model(), paths);
    expect(html).toBe('First: One; Second: Two; ');
    expect(record.opaque).toBe(false);
    expect(replay(record, model(), paths)).toBe(record.digest);

    const unread = model();
    (unread.site.posts[1] as Record<string, unknown>).wordCount = 99;
    expect(replay(record, unread, paths)).toBe(record.digest);

    const read = model();
    (read.site.posts[1] as Record<string, unknown>).summary = 'Changed';
    expect(replay(record, read, paths)).not.toBe(record.digest);

    const longer = model();
    longer.site.posts.push({ title: 'Third', summary: 'Three' });
    expect(replay(record, longer, paths)).not.toBe(record.digest);
  });

  it('iterates every field, so a new field or a changed one is seen', () => {
    const paths = new ReadPaths();
    const { html, record } = render('{{#each post}}{{@key}}={{this}};{{/each}}', model(), paths);
    expect(html).toBe('title=First;summary=One;wordCount=10;sticky=false;');
    const added = model();
    (added.site.posts[0] as Record<string, unknown>).guid = 'x';
    expect(replay(record, added, paths)).not.toBe(record.digest);
  });

  it('reads a frozen object through its view, and its frozen children', () => {
    const paths = new ReadPaths();
    const { html, record } = render('{{site.config.perPage}} {{#each site.config.navigation}}{{label}}{{/each}} {{#each site.config}}{{@key}} {{/each}}', model(), paths);
    expect(html).toBe('3 Home perPage navigation ');
    expect(record.opaque).toBe(false);
  });

  it('keeps identity: one object reached from two roots is one object, and a replay checks it still is', () => {
    const paths = new ReadPaths();
    const roots = model();
    const reads = new PageReads(paths);
    const site = reads.view('site', roots.site);
    const post = reads.view('post', roots.site.posts[0]);
    const html = handlebars.compile('{{#if (eq post site.posts.[0])}}same{{else}}other{{/if}} {{post.title}}')({ site, post });
    expect(html).toBe('same First');
    const record = reads.finish();
    const again = model();
    expect(replayReads(record.shape, { site: again.site, post: again.site.posts[0] }, paths).digest).toBe(record.digest);
    // The same values, but `post` is no longer the site's first post: the helper would answer otherwise.
    const copy = model();
    expect(replayReads(record.shape, { site: copy.site, post: { ...copy.site.posts[0] } }, paths).digest).not.toBe(record.digest);
  });

  it('follows Map lookups made by helpers', () => {
    const paths = new ReadPaths();
    const { html, record } = render('{{#with (lookupSlug site.bySlug "second")}}{{summary}}{{/with}}', model(), paths);
    expect(html).toBe('Two');
    const changed = model();
    (changed.site.posts[1] as Record<string, unknown>).summary = 'Other';
    expect(replay(record, changed, paths)).not.toBe(record.digest);
    const other = model();
    (other.site.posts[0] as Record<string, unknown>).summary = 'Other';
    expect(replay(record, other, paths)).toBe(record.digest);
  });

  it('a page that writes to the model is never reused', () => {
    const paths = new ReadPaths();
    const reads = new PageReads(paths);
    const site = reads.view('site', model().site);
    (site.posts[0] as Record<string, unknown>).title = 'Written';
    expect(reads.finish().opaque).toBe(true);
  });

  it('records from disk name paths by text, so another builder replays them', () => {
    const first = new ReadPaths();
    const { record } = render('{{#each site.posts}}{{title}}{{/each}}', model(), first);
    const second = new ReadPaths();
    const shape = second.shapeFromTexts(record.shape.ids.map((id) => first.text(id)));
    expect(shape).toBeDefined();
    expect(replayReads(shape as NonNullable<typeof shape>, { site: model().site }, second).digest).toBe(record.digest);
  });
});

describe('derivations', () => {
  registerDerivation('test-by-words', (list) => [...(list as { wordCount: number }[])].sort((a, b) => b.wordCount - a.wordCount));

  it('record a list sorted by a helper as one read of which items came out, in order', () => {
    const paths = new ReadPaths();
    const roots = model();
    const reads = new PageReads(paths);
    const site = reads.view('site', roots.site);
    const top = derive(site.posts, 'test-by-words', 1) as { title: string }[];
    expect(top.map((post) => post.title)).toEqual(['Second']);
    const record = reads.finish();
    // Two paths besides the root: the derivation and the one item read through it (not every post's word count).
    expect(record.shape.ids.length).toBeLessThanOrEqual(5);
    expect(replayReads(record.shape, { site: model().site }, paths).digest).toBe(record.digest);
    const reordered = model();
    (reordered.site.posts[0] as Record<string, unknown>).wordCount = 50;
    expect(replayReads(record.shape, { site: reordered.site }, paths).digest).not.toBe(record.digest);
  });
});
