// Read-only comments kept from an old platform: shown under the post by the default theme with
// name, date and escaped text; only name, date, text and url survive (an `email` or `ip` key is
// dropped with a warning and appears nowhere in the output); the pages are valid HTML.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import type { Problem } from '../../src/shared/errors.js';
import { writeSite } from '../content/temp-site.js';
import { readText, readTree, textOf } from '../support/site-folder.js';
import { vnuErrorsByFile } from '../support/vnu.js';

const EMAIL = 'sam.private@example.net';
const IP = '203.0.113.77';

const POST = `---
title: A year on
date: 2019-05-12 09:30
summary: A look back.
redirects: [/archives/123/]
comments:
  - name: Sam Reader
    date: 2019-05-13T08:00:00Z
    email: ${EMAIL}
    ip: ${IP}
    url: https://sam.example
    text: |
      First paragraph with <script>alert(1)</script> & more.

      Second paragraph.
  - name: "Jo <b>Bold</b>"
    date: 2019-05-14 10:15
    text: Short note.
---
Body.
`;

describe('comments under a post', () => {
  let outDir: string;
  let html: string;
  let problems: readonly Problem[];

  beforeAll(async () => {
    const root = await writeSite({
      'sectorpress.config.json': JSON.stringify({ title: 'Comments test', url: 'https://blog.example.gov.uk', timezone: 'Europe/London' }),
      'posts/2019-05-12-a-year-on.md': POST,
      'posts/2019-06-01-quiet.md': '---\ntitle: Quiet\nsummary: s\n---\nNo comments here.\n',
    });
    outDir = path.join(root, '_site');
    problems = (await build({ root, outDir, now: '2026-01-01T00:00:00Z', cache: false, workers: 0 })).problems;
    html = await readText(outDir, '2019/05/a-year-on/index.html');
  }, 180_000);

  it('shows a Comments section with the count, each comment with its name, date and paragraphs', () => {
    const section = /<section class="comments"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    expect(section).toMatch(/<h2 id="comments-heading">2 comments<\/h2>/);
    const items = section.match(/<li>[\s\S]*?<\/li>/g) ?? [];
    expect(items).toHaveLength(2);
    expect(items[0]).toContain('<a href="https://sam.example" rel="nofollow ugc">Sam Reader</a>');
    const datetime = /<time datetime="([^"]+)">/.exec(items[0] ?? '')?.[1] ?? '';
    expect(new Date(datetime).toISOString()).toBe('2019-05-13T08:00:00.000Z');
    expect(textOf(items[0] ?? '')).toContain('13 May 2019');
    expect((items[0] ?? '').match(/<p>[^<]*<\/p>/g)).toEqual(['<p>First paragraph with &lt;script&gt;alert(1)&lt;/script&gt; &amp; more.</p>', '<p>Second paragraph.</p>']);
    expect(items[1]).toContain('<h3 class="comment__name">Jo &lt;b&gt;Bold&lt;/b&gt;</h3>');
  });

  it('shows no Comments section on a post without comments', async () => {
    expect(await readText(outDir, '2019/06/quiet/index.html')).not.toContain('class="comments"');
  });

  it('drops other keys with a warning that repeats no value, and never writes them anywhere', async () => {
    const warning = problems.find((problem) => problem.code === 'front-matter/comments');
    expect(warning).toMatchObject({ severity: 'warning', file: 'posts/2019-05-12-a-year-on.md', line: 7 });
    expect(warning?.message).toContain('`email`, `ip` dropped');
    expect(JSON.stringify(problems)).not.toContain(EMAIL);
    for (const [file, bytes] of await readTree(outDir)) {
      const text = bytes.toString('utf8');
      expect(text.includes(EMAIL) || text.includes(IP), file).toBe(false);
    }
  });

  it('passes the Nu Html Checker: the post with comments and a redirect page', async () => {
    const dir = await fs.mkdtemp(path.join(outDir, '..', 'vnu-'));
    await fs.copyFile(path.join(outDir, '2019/05/a-year-on/index.html'), path.join(dir, 'post.html'));
    await fs.copyFile(path.join(outDir, 'archives/123/index.html'), path.join(dir, 'redirect.html'));
    expect(Object.fromEntries(await vnuErrorsByFile(dir))).toEqual({});
  }, 120_000);
});
