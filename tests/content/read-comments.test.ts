// `comments` and `redirects` front matter: wrong shapes are errors at the item's own line, and the
// post is kept out; a comment keeps only name, date, text and url.
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/shared/errors.js';
import { readSite, writeSite } from './temp-site.js';

const FILE = 'posts/2024-01-02-a.md';

async function read(frontMatter: string) {
  const root = await writeSite({ 'sectorpress.config.json': JSON.stringify({ title: 'T', url: 'https://t.example.org' }), [FILE]: `---\ntitle: A\nsummary: s\n${frontMatter}---\nBody.\n` });
  const { entries, problems } = await readSite(root);
  return { posts: entries.posts, lines: problems.map((problem) => formatProblem(problem).split('\n')[0]) };
}

describe('comments front matter', () => {
  it('keeps name, date, text and url only', async () => {
    const { posts, lines } = await read('comments:\n  - name: Sam\n    date: 2019-05-13 08:00\n    text: Hi\n    email: s@example.net\n    url: https://sam.example\n');
    expect(posts[0]?.comments).toEqual([{ name: 'Sam', date: new Date('2019-05-13T07:00:00Z'), text: 'Hi', url: 'https://sam.example' }]);
    expect(lines).toEqual([`${FILE}:5:5 warning: Comment 1: \`email\` dropped; only name, date, text and url are kept and published. [front-matter/comments]`]);
  });

  it('reports a comment without a name, with a bad date or a bad url at its line, and keeps the post out', async () => {
    const { posts, lines } = await read(
      'comments:\n  - date: 2019-05-13\n    text: Hi\n  - name: Jo\n    date: 2019-02-30\n    text: Hi\n  - name: Al\n    date: 2019-05-13\n    text: Hi\n    url: "javascript:alert(1)"\n',
    );
    expect(posts).toEqual([]);
    expect(lines).toEqual([
      expect.stringMatching(new RegExp(`^${FILE}:5:5 error: Comment 1 has no \`name\``)),
      expect.stringMatching(new RegExp(`^${FILE}:7:5 error: Comment 2 has no usable \`date\``)),
      expect.stringMatching(new RegExp(`^${FILE}:10:5 error: Comment 3 has a \`url\` that is not a full web address`)),
    ]);
  });

  it('reports comments or redirects that are not lists at their key', async () => {
    const { lines } = await read('comments: nice post\nredirects: 42\n');
    expect(lines).toEqual([
      expect.stringMatching(new RegExp(`^${FILE}:4:11 error: \`comments\` must be a list of comments\\.`)),
      expect.stringMatching(new RegExp(`^${FILE}:5:12 error: \`redirects\` must be a list of old addresses\\.`)),
    ]);
  });
});
