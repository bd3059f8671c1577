// One post with thousands of tags: every tag gets its page and feed, but no output may repeat
// all of the post's tags once per tag (that was quadratic: 4,000 tags made 1.3 GB of feeds).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { copyFixture, readTree } from '../support/site-folder.js';

const TAGS = 2000;

it('builds a post with 2,000 tags into output linear in its tags', async () => {
  const site = await copyFixture('cli-small');
  const tags = Array.from({ length: TAGS }, (_, index) => `topic ${index}`);
  await fs.writeFile(path.join(site, 'posts', '2024-06-27-many-tags.md'), `---\ntitle: Many tags\nsummary: s\ntags: [${tags.join(', ')}]\n---\n\nA short body.\n`);
  const result = await build({ root: site, now: '2024-07-01T12:00:00Z', cache: false });
  expect(result.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
  const tree = await readTree(result.outDir);
  // A tag page and a feed per tag, each a few KB: well under 20 KB per tag. Repeating
  // every tag in every tag feed alone would be over 150 KB per tag.
  const total = [...tree.values()].reduce((sum, bytes) => sum + bytes.length, 0);
  expect(total).toBeLessThan(TAGS * 20_000);
  // Nothing is lost: the post's page and the tags index still name every tag.
  const postPage = tree.get('2024/06/many-tags/index.html')?.toString('utf8') ?? '';
  expect(postPage.match(/rel="tag">topic \d+</g)).toHaveLength(TAGS);
  // Each tag's feed lists the post with its own tag among at most 13 categories.
  const feed = tree.get('tag/topic-1999/feed.xml')?.toString('utf8') ?? '';
  const categories = feed.match(/<category [^>]*>[^<]*<\/category>/g) ?? [];
  expect(categories.length).toBeLessThanOrEqual(13);
  expect(categories.some((category) => category.includes('>topic 1999<'))).toBe(true);
});
