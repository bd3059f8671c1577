/** A one-post WXR 1.2 export written for a test: the post `title` with `body`, from the blog at `blog`. */
export function oneWxrPost(options: { title: string; body: string; encoding?: string; blog?: string }): string {
  const { title, body, encoding = 'UTF-8', blog = 'http://hall.example.org' } = options;
  return `<?xml version="1.0" encoding="${encoding}"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Village hall news</title>
<link>${blog}</link>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>${blog}</wp:base_site_url>
<wp:base_blog_url>${blog}</wp:base_blog_url>
<item>
<title>${title}</title>
<link>${blog}/2012/03/cafe-opens/</link>
<dc:creator>warden</dc:creator>
<guid isPermaLink="false">${blog}/?p=7</guid>
<content:encoded><![CDATA[${body}]]></content:encoded>
<wp:post_id>7</wp:post_id>
<wp:post_date>2012-03-04 10:00:00</wp:post_date>
<wp:post_date_gmt>2012-03-04 10:00:00</wp:post_date_gmt>
<wp:post_name>cafe-opens</wp:post_name>
<wp:status>publish</wp:status>
<wp:post_type>post</wp:post_type>
</item>
</channel>
</rss>
`;
}
