/** Feeds written for the feed-import tests: a council blog in RSS, Atom and JSON Feed, and broken ones. */

const HOST = 'https://blog.northshire.example.gov.uk';

/** WordPress-style RSS 2.0: content:encoded, dc:creator, categories with `&` and apostrophes, a dateless item. */
export const RSS_FULL = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">
<channel>
  <title>Northshire Children’s Services</title>
  <link>${HOST}/</link>
  <atom:link href="${HOST}/feed/" rel="self" type="application/rss+xml"/>
  <description>Weekly notes from the director</description>
  <language>en-GB</language>
  <lastBuildDate>Mon, 03 Jun 2019 10:00:00 +0000</lastBuildDate>
  <item>
    <title>Children&#8217;s services: a year on</title>
    <link>${HOST}/2019/05/a-year-on/</link>
    <guid isPermaLink="false">${HOST}/?p=123</guid>
    <pubDate>Sun, 12 May 2019 08:30:00 +0000</pubDate>
    <dc:creator><![CDATA[Helen Okafor]]></dc:creator>
    <category><![CDATA[SEND & inclusion]]></category>
    <category><![CDATA[Children's services]]></category>
    <description><![CDATA[Twelve months of family hubs, told by the people who run them.]]></description>
    <content:encoded><![CDATA[<p>It has been a year since we <strong>opened the first hub</strong>.</p>
<h2>What changed</h2>
<ul><li>Five family hubs opened</li><li>£2m moved into early help</li></ul>
<p><img src="${HOST}/wp-content/uploads/2019/05/hub-map-300x200.png" alt="Map of the five hubs"></p>]]></content:encoded>
    <media:content url="${HOST}/wp-content/uploads/2019/05/team.jpg" medium="image"><media:description>The hub team outside Riverside hub</media:description></media:content>
  </item>
  <item>
    <title>Fostering fortnight &amp; you</title>
    <link>${HOST}/2019/05/fostering-fortnight.html</link>
    <pubDate>Tue, 21 May 2019 17:00:00 +0100</pubDate>
    <dc:creator>Sam Reid</dc:creator>
    <dc:creator>Helen Okafor</dc:creator>
    <category>Fostering</category>
    <content:encoded><![CDATA[<p><img src="https://cdn.northshire.example.net/fostering.png" alt="A foster family"></p><p>Could you foster? Come to an evening at the library.</p>]]></content:encoded>
    <enclosure url="https://cdn.northshire.example.net/fostering.png" length="1000" type="image/png"/>
  </item>
  <item>
    <title>About our service</title>
    <link>${HOST}/?page_id=7</link>
    <guid isPermaLink="false">northshire-page-7</guid>
    <content:encoded><![CDATA[<p>We are here to help families.</p>]]></content:encoded>
  </item>
</channel>
</rss>
`;

/** Atom with several authors, labelled categories, HTML and XHTML content, on a site under a base path. */
export const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB">
  <title>Northshire News</title>
  <subtitle>From the council</subtitle>
  <id>tag:northshire.example.gov.uk,2020:news</id>
  <updated>2020-02-01T12:00:00Z</updated>
  <link rel="alternate" type="text/html" href="https://northshire.example.gov.uk/news/"/>
  <link rel="self" href="https://northshire.example.gov.uk/news/atom.xml"/>
  <author><name>Press Office</name></author>
  <entry>
    <title type="html">Gritting &amp;amp; winter roads</title>
    <id>tag:northshire.example.gov.uk,2020:news/41</id>
    <link rel="alternate" href="https://northshire.example.gov.uk/news/2020/gritting-update"/>
    <published>2020-01-14T07:15:00Z</published>
    <updated>2020-01-15T09:00:00Z</updated>
    <author><name>Priya Shah</name><uri>https://northshire.example.gov.uk/people/priya</uri></author>
    <author><name>Tom O’Neill</name></author>
    <category term="roads" label="Roads &amp; transport"/>
    <category term="winter"/>
    <summary>Where the gritters go first.</summary>
    <content type="html">&lt;p&gt;Our &lt;em&gt;gritters&lt;/em&gt; treat 40% of roads.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Library hours</title>
    <id>tag:northshire.example.gov.uk,2020:news/42</id>
    <link href="https://northshire.example.gov.uk/news/2020/library-hours"/>
    <updated>2020-01-20T10:00:00Z</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Libraries open <strong>late</strong> on Thursdays.</p></div></content>
  </entry>
</feed>
`;

/** JSON Feed 1.1: HTML and text content, authors, tags, image, and an item with no title. */
export const JSON_FEED = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'Northshire Parks',
  home_page_url: 'https://parks.northshire.example.gov.uk/',
  feed_url: 'https://parks.northshire.example.gov.uk/feed.json',
  description: 'Parks and open spaces',
  language: 'en-GB',
  authors: [{ name: 'Parks Team' }],
  items: [
    {
      id: 'https://parks.northshire.example.gov.uk/posts/tree-planting',
      url: 'https://parks.northshire.example.gov.uk/posts/tree-planting',
      title: 'Tree planting week',
      content_html: '<p>We planted <a href="https://woods.example.org/">500 trees</a>.</p>',
      summary: 'Volunteers planted 500 trees in Elm Park.',
      image: 'https://parks.northshire.example.gov.uk/images/trees.jpg',
      date_published: '2021-03-08T10:00:00+00:00',
      date_modified: '2021-03-09T16:30:00+00:00',
      authors: [{ name: 'Ada Lovell', url: 'https://parks.northshire.example.gov.uk/ada' }],
      tags: ['Trees', 'Volunteering'],
    },
    {
      id: 'parks-note-17',
      url: 'https://parks.northshire.example.gov.uk/notes/17',
      content_text: 'The paddling pool opens on Saturday.\n\nBring sun cream & a hat.',
      date_published: '2021-06-01T08:00:00+01:00',
    },
  ],
});

/** RSS whose items carry only a summary (`description`), as many hosted platforms send. */
export const RSS_SUMMARY_ONLY = `<?xml version="1.0"?>
<rss version="2.0"><channel>
  <title>Northshire Adult Social Care</title>
  <link>https://care.northshire.example.gov.uk/</link>
  <description>Care news</description>
  <item>
    <title>Carers week</title>
    <link>https://care.northshire.example.gov.uk/blog/carers-week</link>
    <guid>https://care.northshire.example.gov.uk/blog/carers-week</guid>
    <pubDate>Mon, 06 Jun 2022 09:00:00 +0100</pubDate>
    <author>press@northshire.example.gov.uk (Mo Ali)</author>
    <description>&lt;p&gt;This week we thank the county’s unpaid carers…&lt;/p&gt;</description>
  </item>
</channel></rss>
`;
