/** A WordPress export (WXR 1.2) written by a test, with the posts it gives: hostile input is generated, never copied. */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface WxrPost {
  id: number;
  title: string;
  /** Empty: no `wp:post_name`, as for a draft never saved with a slug. */
  slug?: string;
  content: string;
  status?: 'publish' | 'draft';
  date?: string;
}

/** CDATA that survives a `]]>` in the text. */
const cdata = (text: string): string => `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;

function item(post: WxrPost): string {
  const date = post.date ?? '2024-03-05 09:00:00';
  return `<item>
<title>${cdata(post.title)}</title>
<link>https://hostile.example.org/?p=${post.id}</link>
<dc:creator>editor</dc:creator>
<guid isPermaLink="false">https://hostile.example.org/?p=${post.id}</guid>
<content:encoded>${cdata(post.content)}</content:encoded>
<excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>${post.id}</wp:post_id>
<wp:post_date>${date}</wp:post_date>
<wp:post_date_gmt>${date}</wp:post_date_gmt>
<wp:post_name>${post.slug ?? ''}</wp:post_name>
<wp:status>${post.status ?? 'publish'}</wp:status>
<wp:post_parent>0</wp:post_parent>
<wp:post_type>post</wp:post_type>
<wp:post_password></wp:post_password>
</item>`;
}

/** The export's text. */
function wxrExport(posts: readonly WxrPost[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Hostile blog</title>
<link>https://hostile.example.org</link>
<description>Test</description>
<language>en-GB</language>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://hostile.example.org</wp:base_site_url>
<wp:base_blog_url>https://hostile.example.org</wp:base_blog_url>
<wp:author><wp:author_login>editor</wp:author_login><wp:author_display_name>Editor</wp:author_display_name></wp:author>
${posts.map(item).join('\n')}
</channel>
</rss>
`;
}

/** Writes the export to a fresh temp folder; returns its path. */
export async function writeWxr(posts: readonly WxrPost[]): Promise<string> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-wxr-'));
  const file = path.join(folder, 'export.xml');
  await fs.writeFile(file, wxrExport(posts));
  return file;
}
