// Issue 26, findings 7 and 8: one bad post never ends an import. A long title with no slug, HTML nested 2,000
// deep, and a million-line classic post (5 MB) are each a report line naming the post, and the rest is imported.
// The export is generated here.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildImported, freshSitePath } from '../support/import-site.js';
import { runCliCaptured } from '../support/run-cli.js';
import { readText } from '../support/site-folder.js';
import { WXR_SITE, writeExport } from '../support/wxr-export.js';

const LONG_TITLE = Array.from({ length: 60 }, (_, index) => `Consultation${index}`).join(' ');
const WELSH_TITLE = 'Ymgynghoriad ar wasanaethau plant ym Mhowys '.repeat(8).trim();
/** Every post's date (the file names below start with it); links by id, so the new site's addresses are its own. */
const DATE = '2024-03-05 09:00:00';
const CJK_TITLE = '兒童服務諮詢'.repeat(40);

let site: string;
let run: Awaited<ReturnType<typeof runCliCaptured>>;
let report: string;
let posts: string[];

beforeAll(async () => {
  const file = await writeExport(
    [
      { id: 1, title: 'Before', slug: 'before', content: '<p>The first post.</p>' },
      { id: 2, title: LONG_TITLE, slug: '', content: '<p>A draft never saved with a slug.</p>', status: 'draft' },
      { id: 3, title: CJK_TITLE, slug: '', content: '<p>A draft with a long title in Chinese.</p>', status: 'draft' },
      { id: 4, title: WELSH_TITLE, slug: '', content: '<p>Ac un yn Gymraeg.</p>', status: 'draft' },
      { id: 5, title: 'Deep quotes', slug: 'deep-quotes', content: `${'<blockquote>'.repeat(2000)}Deep${'</blockquote>'.repeat(2000)}` },
      { id: 6, title: 'Deep bold', slug: 'deep-bold', content: `${'<b>'.repeat(20_000)}Bold` },
      { id: 7, title: 'A million lines', slug: 'a-million-lines', content: 'word\n'.repeat(1_000_000) },
      { id: 8, title: 'After', slug: 'after', content: '<p>The last post.</p>' },
    ].map((post) => ({ ...post, date: DATE, link: `${WXR_SITE}/?p=${post.id}` })),
  );
  site = await freshSitePath();
  run = await runCliCaptured(['import', 'wordpress', file, '--out', site]);
  report = run.code === 0 ? await readText(site, 'import-report.md') : '';
  posts = run.code === 0 ? await fs.readdir(path.join(site, 'posts')) : [];
}, 60_000);

describe('import wordpress: posts that cannot be converted', () => {
  it('finishes, imports the posts around them, and builds', async () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(posts).toContain('2024-03-05-before.md');
    expect(posts).toContain('2024-03-05-after.md');
    expect(await readText(site, 'posts/2024-03-05-after.md')).toContain('The last post.');
    expect((await buildImported(site)).code).toBe(0);
  }, 60_000);

  it('cuts slugs made from long titles at a word, so every file name fits', () => {
    // Most file systems allow 255 bytes a name; a slug is kept to 200, leaving room for the date and an id.
    for (const name of posts) expect(Buffer.byteLength(name), name).toBeLessThanOrEqual(200 + '2024-03-05-.md'.length);
    const long = posts.find((name) => name.includes('consultation0-'));
    expect(long).toMatch(/^2024-03-05-consultation0-consultation1-(consultation\d+-)*consultation\d+\.md$/);
    expect(long && long.length - '2024-03-05-.md'.length).toBeLessThanOrEqual(80);
    expect(posts.find((name) => name.includes('ymgynghoriad'))).toMatch(/^2024-03-05-ymgynghoriad-ar-wasanaethau-plant-ym-mhowys-[a-z-]*[a-z]\.md$/);
    const chinese = posts.find((name) => name.startsWith('2024-03-05-兒童服務諮詢'));
    expect(chinese && [...chinese.slice('2024-03-05-'.length, -'.md'.length)].length).toBe(66);
  });

  it('imports each post it could not convert as a draft with a note, and names it and why in the report', async () => {
    for (const [slug, id, why] of [
      ['deep-quotes', 5, /nests 2000 levels deep/],
      ['deep-bold', 6, /nested too deeply to convert|took longer than/],
      ['a-million-lines', 7, /has 1000000 HTML tags and lines, over the 100000/],
    ] as const) {
      const text = await readText(site, `posts/2024-03-05-${slug}.md`);
      expect(text).toMatch(/^draft: true$/m);
      expect(text).toContain('This post could not be converted');
      expect(report).toMatch(new RegExp(`### post ${id} “[^”]*” \\(line \\d+\\)\\n\\n- was not converted: [^\\n]*`));
      const line = report.slice(report.indexOf(`### post ${id} `)).split('\n')[2] ?? '';
      expect(line).toMatch(why);
    }
    expect(report).toContain('| not converted (imported as drafts with a note; see warnings) | 3 |');
  });
});

describe('import feed: items that cannot be converted', () => {
  it('imports the other items, the bad one as a draft with a note, and reports it by its address', async () => {
    const items = [
      ['first', 'First', '<p>Hello.</p>'],
      ['deep', 'Deep', `${'<div>'.repeat(2000)}Deep${'</div>'.repeat(2000)}`],
      ['last', LONG_TITLE, '<p>Bye.</p>'],
    ]
      .map(
        ([slug, title, html], index) =>
          `<item><title>${title}</title><link>https://feed.example.org/2024/03/${slug === 'last' ? '' : slug}</link><guid>g${index}</guid><pubDate>Tue, 05 Mar 2024 09:0${index}:00 GMT</pubDate><content:encoded><![CDATA[${html}]]></content:encoded></item>`,
      )
      .join('');
    const rss = `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Feed</title><link>https://feed.example.org/</link><description>D</description>${items}</channel></rss>`;
    const folder = path.dirname(await writeExport([]));
    const file = path.join(folder, 'feed.xml');
    await fs.writeFile(file, rss);
    const out = await freshSitePath();
    const imported = await runCliCaptured(['import', 'feed', file, '--out', out]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    const names = await fs.readdir(path.join(out, 'posts'));
    expect(names).toContain('2024-03-05-first.md');
    const deep = await readText(out, 'posts/2024-03-05-deep.md');
    expect(deep).toMatch(/^draft: true$/m);
    expect(deep).toContain('This post could not be converted');
    const feedReport = await readText(out, 'import-report.md');
    expect(feedReport).toMatch(/### https:\/\/feed\.example\.org\/2024\/03\/deep “Deep”\n\n- The post was not converted: its HTML nests 2000 levels deep/);
    const long = names.find((name) => name.startsWith('2024-03-05-consultation0-'));
    expect(long && long.length - '2024-03-05-.md'.length).toBeLessThanOrEqual(80);
  }, 60_000);
});
