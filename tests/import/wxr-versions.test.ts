// WXR 1.0 (WordPress 2.x–3.0): no <wp:author> list, tags as domain="tag", terms repeated without a nicename,
// the 1.0 namespaces. Written inline; imported with the CLI and built.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildImported, freshSitePath } from '../support/import-site.js';
import { runCliCaptured } from '../support/run-cli.js';
import { readText } from '../support/site-folder.js';

const WXR_1_0 = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.0/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.0/">
<channel>
<title>Parish council news</title>
<link>http://parish.example.org</link>
<description>From the clerk</description>
<language>en</language>
<wp:wxr_version>1.0</wp:wxr_version>
<wp:base_site_url>http://parish.example.org</wp:base_site_url>
<wp:base_blog_url>http://parish.example.org</wp:base_blog_url>
<wp:category><wp:category_nicename>news</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name><![CDATA[News]]></wp:cat_name></wp:category>
<item>
<title>Allotment rents for 2010</title>
<link>http://parish.example.org/2009/11/allotment-rents/</link>
<pubDate>Mon, 02 Nov 2009 19:00:00 +0000</pubDate>
<dc:creator>clerk</dc:creator>
<category><![CDATA[News]]></category>
<category domain="category" nicename="news"><![CDATA[News]]></category>
<category domain="tag"><![CDATA[Allotments & gardens]]></category>
<category domain="tag" nicename="allotments-gardens"><![CDATA[Allotments & gardens]]></category>
<guid isPermaLink="false">http://parish.example.org/?p=12</guid>
<description></description>
<content:encoded><![CDATA[Rents rise by £2 a plot.

The waiting list is open.]]></content:encoded>
<excerpt:encoded><![CDATA[Rents rise by £2.]]></excerpt:encoded>
<wp:post_id>12</wp:post_id>
<wp:post_date>2009-11-02 19:00:00</wp:post_date>
<wp:post_date_gmt>2009-11-02 19:00:00</wp:post_date_gmt>
<wp:comment_status>open</wp:comment_status>
<wp:ping_status>open</wp:ping_status>
<wp:post_name>allotment-rents</wp:post_name>
<wp:status>publish</wp:status>
<wp:post_parent>0</wp:post_parent>
<wp:menu_order>0</wp:menu_order>
<wp:post_type>post</wp:post_type>
<wp:post_password></wp:post_password>
</item>
</channel>
</rss>
`;

describe('import wordpress: a WXR 1.0 export', () => {
  it('imports posts, tags, categories and the author named only by dc:creator, and builds', async () => {
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-wxr10-'));
    await fs.writeFile(path.join(folder, 'export.xml'), WXR_1_0);
    const site = await freshSitePath();
    const run = await runCliCaptured(['import', 'wordpress', path.join(folder, 'export.xml'), '--out', site]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const post = await readText(site, 'posts/2009-11-02-allotment-rents.md');
    expect(post).toMatch(/^tags:\n {2}- News\n {2}- Allotments & gardens$/m);
    expect(post).toMatch(/^author:\n {2}- clerk$/m);
    expect(post).toMatch(/^summary: Rents rise by £2\.$/m);
    expect(await readText(site, 'data/authors.yml')).toMatch(/^clerk:\n {2}name: clerk$/m);
    const redirects = await readText(site, 'data/redirects.yml');
    expect(redirects).toContain('from: /category/news/');
    expect(redirects).not.toContain('/tag//');
    expect((await buildImported(site)).code).toBe(0);
    const html = await readText(path.join(site, '_site'), '2009/11/allotment-rents/index.html');
    expect(html).toContain('Rents rise by £2 a plot.');
  });
});

describe('import wordpress: faults of real exports that lose nothing', () => {
  it('blank lines before <?xml and a control character in a post are tolerated', async () => {
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-wxr-faults-'));
    const damaged = `\n\n  ${WXR_1_0.replace('The waiting list is open.', 'The waiting\u000b list is open.')}`;
    await fs.writeFile(path.join(folder, 'export.xml'), damaged);
    const site = await freshSitePath();
    const run = await runCliCaptured(['import', 'wordpress', path.join(folder, 'export.xml'), '--out', site]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(await readText(site, 'posts/2009-11-02-allotment-rents.md')).toContain('The waiting list is open.');
  });
});
