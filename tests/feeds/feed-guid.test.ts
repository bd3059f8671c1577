// A migrated post keeps its old feed id (`guid`), so subscribers are not sent every post again:
// RSS <guid>, Atom <id> and JSON Feed `id`, read back with a real feed parser. Without `guid`
// the ids stay the post URLs.
import path from 'node:path';
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { writeSite } from '../content/temp-site.js';
import { readText } from '../support/site-folder.js';

const SITE_URL = 'https://www.example.gov.uk/blog';

const post = (slug: string, date: string, extra = ''): string => `---\ntitle: Post ${slug}\ndate: ${date}\nsummary: s\n${extra}---\nBody of ${slug}.\n`;

describe('guid in feeds', () => {
  let outDir: string;
  const url = (slug: string, month: string): string => `${SITE_URL}/2019/${month}/${slug}/`;

  beforeAll(async () => {
    const root = await writeSite({
      'sectorpress.config.json': JSON.stringify({ title: 'Guid test', url: SITE_URL }),
      'posts/old.md': post('old', '2019-05-12 09:30', 'guid: "https://old.example.gov.uk/?p=123"\n'),
      'posts/same.md': post('same', '2019-04-01 09:30', `guid: "${url('same', '04')}"\n`),
      'posts/opaque.md': post('opaque', '2019-03-01 09:30', 'guid: "12345@old-cms"\n'),
      'posts/plain.md': post('plain', '2019-02-01 09:30'),
    });
    outDir = path.join(root, '_site');
    await build({ root, outDir, now: '2026-01-01T00:00:00Z', cache: false, workers: 0 });
  }, 180_000);

  it('RSS: the old guid with isPermaLink="false", or "true" when it is the item link', async () => {
    const rss = parseRssFeed(await readText(outDir, 'feed.xml'));
    expect(rss.items?.map((item) => [item.link, item.guid])).toEqual([
      [url('old', '05'), { value: 'https://old.example.gov.uk/?p=123', isPermaLink: false }],
      [url('same', '04'), { value: url('same', '04'), isPermaLink: true }],
      [url('opaque', '03'), { value: '12345@old-cms', isPermaLink: false }],
      [url('plain', '02'), { value: url('plain', '02'), isPermaLink: true }],
    ]);
  });

  it('Atom: the old guid as <id> when it is a URI, else the post URL', async () => {
    const atom = parseAtomFeed(await readText(outDir, 'atom.xml'));
    expect(atom.entries?.map((entry) => entry.id)).toEqual(['https://old.example.gov.uk/?p=123', url('same', '04'), url('opaque', '03'), url('plain', '02')]);
  });

  it('JSON Feed: the old guid as id, the post URL as url', async () => {
    const json = parseJsonFeed(JSON.parse(await readText(outDir, 'feed.json')));
    expect(json.items?.map((item) => [item.id, item.url])).toEqual([
      ['https://old.example.gov.uk/?p=123', url('old', '05')],
      [url('same', '04'), url('same', '04')],
      ['12345@old-cms', url('opaque', '03')],
      [url('plain', '02'), url('plain', '02')],
    ]);
  });
});
