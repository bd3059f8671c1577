#!/usr/bin/env node
// Seeded WordPress export (WXR 1.2) generator for the import bench: N posts like a decade-old council
// blog (classic and block editor, 1–4 tags, 1–2 categories, images, some comments), a few drafts and
// pages, an attachment per tenth post. Written as a stream, so a 20,000-post file needs little memory.
//
//   node bench/gen-wxr.mjs N FILE [--seed S]
import fs from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { rng } from './gen-corpus.mjs';

const SITE = 'https://blog.bench.example.gov.uk';
const WORDS = 'council families support school plan review care team budget service young people health local community report staff ward social housing consultation inspection'.split(' ');
const TAGS = ["Children's services", 'Ofsted', 'SEND & inclusion', 'Leadership', 'Care review', 'Fostering', 'Adoption', 'Early help', 'Youth work', 'Budget', 'Schools', 'Café & wellbeing'];
const CATEGORIES = ['News', 'Director’s blog', 'Consultations', 'Events'];

const cdata = (text) => `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
const slug = (text) =>
  text
    .toLowerCase()
    .replace(/['’&]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

function sentence(r) {
  const words = Array.from({ length: r.int(8, 18) }, () => r.pick(WORDS));
  return `${words.join(' ').replace(/^./, (c) => c.toUpperCase())}.`;
}

function paragraph(r) {
  return Array.from({ length: r.int(3, 6) }, () => sentence(r)).join(' ');
}

function content(r, id, date) {
  const parts = Array.from({ length: r.int(4, 10) }, () => paragraph(r));
  const image = `${SITE}/wp-content/uploads/${date.slice(0, 4)}/${date.slice(5, 7)}/photo-${id}-300x200.jpg`;
  if (id % 2 === 0)
    return (
      parts.map((text) => `<!-- wp:paragraph -->\n<p>${text}</p>\n<!-- /wp:paragraph -->`).join('\n\n') +
      `\n\n<!-- wp:image -->\n<figure class="wp-block-image"><img src="${image}" alt="A photo"/></figure>\n<!-- /wp:image -->`
    );
  return `${parts.join('\n\n')}\n\n[caption id="attachment_${id}" width="300"]<img src="${image}" alt="A photo" width="300" height="200" /> A caption[/caption]\n\n<h2>Next steps</h2>\n<ul>\n<li>${sentence(r)}</li>\n<li>${sentence(r)}</li>\n</ul>`;
}

function comment(r, id, date) {
  return `<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author>${cdata('A Reader')}</wp:comment_author><wp:comment_author_email>${cdata(`reader${id}@mail.example`)}</wp:comment_author_email><wp:comment_author_url></wp:comment_author_url><wp:comment_author_IP>${cdata('192.0.2.1')}</wp:comment_author_IP><wp:comment_date>${cdata(date)}</wp:comment_date><wp:comment_date_gmt>${cdata(date)}</wp:comment_date_gmt><wp:comment_content>${cdata(paragraph(r))}</wp:comment_content><wp:comment_approved>${cdata('1')}</wp:comment_approved><wp:comment_type>${cdata('comment')}</wp:comment_type></wp:comment>`;
}

const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** `YYYY-MM-DD HH:mm:ss` of an instant, in UTC or (as WordPress's post_date) in London. */
function wpDate(instant, local) {
  if (!local) return instant.toISOString().slice(0, 19).replace('T', ' ');
  const parts = Object.fromEntries(LONDON.formatToParts(instant).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

function item(r, id) {
  const instant = new Date(Date.UTC(2012, 0, 1, 9) + id * 17 * 3600 * 1000);
  const date = wpDate(instant, true);
  const gmt = wpDate(instant, false);
  const title = `${r.pick(WORDS)} ${r.pick(WORDS)} update ${id}`.replace(/^./, (c) => c.toUpperCase());
  const name = slug(title);
  const status = id % 50 === 0 ? 'draft' : 'publish';
  const tags = [...new Set(Array.from({ length: r.int(1, 4) }, () => r.pick(TAGS)))];
  const categories = [...new Set(Array.from({ length: r.int(1, 2) }, () => r.pick(CATEGORIES)))];
  const terms = [
    ...categories.map((c) => `<category domain="category" nicename="${slug(c)}">${cdata(c.replace(/&/g, '&amp;'))}</category>`),
    ...tags.map((t) => `<category domain="post_tag" nicename="${slug(t)}">${cdata(t.replace(/&/g, '&amp;'))}</category>`),
  ];
  const comments = id % 3 === 0 ? Array.from({ length: r.int(1, 3) }, (_, n) => comment(r, id * 10 + n, date)).join('') : '';
  return `<item><title>${cdata(title)}</title><link>${SITE}/${date.slice(0, 4)}/${date.slice(5, 7)}/${date.slice(8, 10)}/${name}/</link><dc:creator>${cdata(`author${id % 7}`)}</dc:creator><guid isPermaLink="false">${SITE}/?p=${id}</guid><content:encoded>${cdata(content(r, id, date))}</content:encoded><excerpt:encoded>${cdata(id % 4 === 0 ? sentence(r) : '')}</excerpt:encoded><wp:post_id>${id}</wp:post_id><wp:post_date>${cdata(date)}</wp:post_date><wp:post_date_gmt>${cdata(gmt)}</wp:post_date_gmt><wp:post_modified>${cdata(date)}</wp:post_modified><wp:post_name>${cdata(name)}</wp:post_name><wp:status>${cdata(status)}</wp:status><wp:post_type>${cdata('post')}</wp:post_type><wp:post_password></wp:post_password><wp:is_sticky>0</wp:is_sticky>${terms.join('')}${comments}</item>\n`;
}

/** Write an N-post export to `file`; resolves when it is on disk. */
export async function generateWxr(count, file, seed = 1) {
  const r = rng(seed);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const out = fs.createWriteStream(file);
  const write = (text) => (out.write(text) ? Promise.resolve() : new Promise((resolve) => out.once('drain', () => resolve(undefined))));
  await write(
    `<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">\n<channel><title>Bench council blog</title><link>${SITE}</link><description>Generated</description><language>en-GB</language><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>${SITE}</wp:base_site_url><wp:base_blog_url>${SITE}</wp:base_blog_url>\n`,
  );
  for (let author = 0; author < 7; author += 1)
    await write(`<wp:author><wp:author_login>${cdata(`author${author}`)}</wp:author_login><wp:author_display_name>${cdata(`Author ${author}`)}</wp:author_display_name></wp:author>\n`);
  for (let id = 1; id <= count; id += 1) await write(item(r, id));
  await write('</channel>\n</rss>\n');
  out.end();
  await finished(out);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [count, file] = process.argv.slice(2);
  const seedAt = process.argv.indexOf('--seed');
  await generateWxr(Number(count), path.resolve(file ?? 'export.xml'), seedAt > 0 ? Number(process.argv[seedAt + 1]) : 1);
}
