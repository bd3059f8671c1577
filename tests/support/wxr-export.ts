/**
 * A WordPress export (WXR 1.2) written by a test, for hostile or unusual input: each item from a few
 * fields, everything else given plain defaults. Text is put in CDATA as WordPress does. The blog's address
 * and the declared encoding may be chosen (a test writing other bytes converts the text itself).
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const WXR_SITE = 'https://blog.test.example.org';

export interface WxrItemSpec {
  readonly id: number;
  readonly title?: string;
  readonly type?: string;
  readonly status?: string;
  /** Default: `<site>/<slug>/`, or `<site>/?p=<id>` when the slug is empty. */
  readonly link?: string;
  /** Default: `item-<id>`. Empty: no `wp:post_name`, as for a draft never saved with a slug. */
  readonly slug?: string;
  readonly content?: string;
  readonly password?: string;
  readonly date?: string;
  /** `[domain, nicename, name]`. */
  readonly terms?: readonly (readonly [string, string, string])[];
  readonly meta?: Readonly<Record<string, string>>;
  readonly attachmentUrl?: string;
  readonly parent?: number;
  /** Approved reader comments: `[author, text]`. */
  readonly comments?: readonly (readonly [string, string])[];
}

const cdata = (text: string): string => `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
const xmlAttribute = (text: string): string => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The export as a whole: the blog's address (default `WXR_SITE`) and the encoding it declares (default UTF-8). */
export interface WxrExportOptions {
  readonly site?: string;
  readonly encoding?: string;
}

function itemXml(spec: WxrItemSpec, site: string): string {
  const slug = spec.slug ?? `item-${spec.id}`;
  const date = spec.date ?? '2020-03-04 10:00:00';
  return [
    '<item>',
    `<title>${cdata(spec.title ?? `Item ${spec.id}`)}</title>`,
    `<link>${cdata(spec.link ?? (slug ? `${site}/${slug}/` : `${site}/?p=${spec.id}`))}</link>`,
    '<dc:creator>editor</dc:creator>',
    `<guid isPermaLink="false">${site}/?p=${spec.id}</guid>`,
    `<content:encoded>${cdata(spec.content ?? '')}</content:encoded>`,
    '<excerpt:encoded><![CDATA[]]></excerpt:encoded>',
    `<wp:post_id>${spec.id}</wp:post_id>`,
    `<wp:post_date>${date}</wp:post_date>`,
    `<wp:post_date_gmt>${date}</wp:post_date_gmt>`,
    `<wp:post_name>${cdata(slug)}</wp:post_name>`,
    `<wp:status>${spec.status ?? 'publish'}</wp:status>`,
    `<wp:post_parent>${spec.parent ?? 0}</wp:post_parent>`,
    `<wp:post_type>${spec.type ?? 'post'}</wp:post_type>`,
    `<wp:post_password>${cdata(spec.password ?? '')}</wp:post_password>`,
    ...(spec.attachmentUrl ? [`<wp:attachment_url>${cdata(spec.attachmentUrl)}</wp:attachment_url>`] : []),
    ...(spec.terms ?? []).map(([domain, nicename, name]) => `<category domain="${domain}" nicename="${xmlAttribute(nicename)}">${cdata(name)}</category>`),
    ...Object.entries(spec.meta ?? {}).map(([key, value]) => `<wp:postmeta><wp:meta_key>${cdata(key)}</wp:meta_key><wp:meta_value>${cdata(value)}</wp:meta_value></wp:postmeta>`),
    ...(spec.comments ?? []).map(
      ([author, text], index) =>
        `<wp:comment><wp:comment_id>${index + 1}</wp:comment_id><wp:comment_author>${cdata(author)}</wp:comment_author><wp:comment_date>${date}</wp:comment_date><wp:comment_date_gmt>${date}</wp:comment_date_gmt><wp:comment_content>${cdata(text)}</wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type></wp:comment>`,
    ),
    '</item>',
  ].join('\n');
}

/** The export's text. */
export function wxrExport(items: readonly WxrItemSpec[], options: WxrExportOptions = {}): string {
  const { site = WXR_SITE, encoding = 'UTF-8' } = options;
  return `<?xml version="1.0" encoding="${encoding}" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Test blog</title>
<link>${site}</link>
<language>en-GB</language>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>${site}</wp:base_site_url>
<wp:base_blog_url>${site}</wp:base_blog_url>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login>editor</wp:author_login><wp:author_display_name>${cdata('Eddie Editor')}</wp:author_display_name></wp:author>
${items.map((item) => itemXml(item, site)).join('\n')}
</channel>
</rss>
`;
}

/** Write the export into a fresh temp folder; its path. */
export async function writeExport(items: readonly WxrItemSpec[], options: WxrExportOptions = {}): Promise<string> {
  const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'sp-wxr-')), 'export.xml');
  await fs.writeFile(file, wxrExport(items, options));
  return file;
}
