// The bad-input matrix (docs/reliability.md lists the same cases): each case is applied to a
// fresh copy of a small site that has already built once; the test checks the message and its
// location, the exit code, and that a failed build left the previous output exactly as it was.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCliCaptured, type CliRun } from '../support/run-cli.js';
import { copyFixture, readTree } from '../support/site-folder.js';
import { makeUnreadable, runCliAsReader } from '../support/unreadable.js';

const NOW = '2024-07-01T12:00:00Z';
let site: string;
let before: Map<string, Buffer>;

beforeEach(async () => {
  site = await copyFixture('cli-small');
  const first = await runCliCaptured(['build', site, '--now', NOW]);
  expect(first.code, first.stderr).toBe(0);
  before = await readTree(path.join(site, '_site'));
});

const write = async (file: string, contents: string | Buffer): Promise<void> => {
  await fs.mkdir(path.dirname(path.join(site, file)), { recursive: true });
  await fs.writeFile(path.join(site, file), contents);
};
const build = (): Promise<CliRun> => runCliCaptured(['build', site, '--now', NOW]);

async function expectFailure(run: CliRun, message: RegExp): Promise<void> {
  expect(run.stderr).toMatch(message);
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(run.code).toBe(1);
  const after = await readTree(path.join(site, '_site'));
  expect([...after.keys()]).toEqual([...before.keys()]);
  for (const [file, bytes] of before) expect(after.get(file)?.equals(bytes), file).toBe(true);
  expect((await fs.readdir(site)).filter((name) => name.startsWith('._site'))).toEqual([]);
}

const post = (front: string, body = 'Body text.\n'): string => `---\n${front}\n---\n\n${body}`;
const postWith = (tags: readonly string[], title = 'Many tags'): string => post(`title: ${title}\nsummary: s\ntags: [${tags.join(', ')}]`);

describe('front matter', () => {
  it.each([
    ['malformed YAML', post('title: Fine\ntags: [a, b'), /posts\/case\.md:3:\d+ error: The front matter is not valid YAML/],
    ['an unclosed ---', '---\ntitle: Never closed\n\nBody\n', /posts\/case\.md:1:1 error: The front matter opened with `---` is never closed/],
    ['tags: 5', post('title: T\ndate: 2024-01-01\ntags: 5'), /posts\/case\.md:4:7 error: `tags` must be a list/],
    ['title: [a]', post('title: [a]\ndate: 2024-01-01'), /posts\/case\.md:2:8 error: `title` must be text, not a list/],
    ['draft: "yes"', post('title: T\ndate: 2024-01-01\ndraft: "yes"'), /posts\/case\.md:4:8 error: `draft` must be true or false/],
    ['a missing title', post('date: 2024-01-01'), /posts\/case\.md:1:1 error: The title is missing/],
    ['an unparseable date', post('title: T\ndate: last Tuesday'), /posts\/case\.md:3:7 error: `date` is not a usable date: "last Tuesday" is not a date/],
    ['an impossible date', post('title: T\ndate: 2023-02-30'), /posts\/case\.md:3:7 error: `date` is not a usable date: "2023-02-30" is not a real date/],
    ['year 0', post('title: T\ndate: 0000-01-01'), /posts\/case\.md:3:7 error: .*year 0 is out of range/],
    ['year 99999', post('title: T\ndate: 99999-01-01'), /posts\/case\.md:3:7 error: .*year 99999 is out of range/],
    ['a duplicate key', post('title: T\ndate: 2024-01-01\ntitle: Again'), /posts\/case\.md:4:1 error: A key appears twice/],
    ['an empty file', '', /posts\/case\.md:1:1 error: The title is missing/],
    ['a missing date with no date in the file name', post('title: T'), /posts\/case\.md:1:1 error: The date is missing/],
  ])('reports %s', async (_name, text, message) => {
    await write('posts/case.md', text);
    await expectFailure(await build(), message);
  });

  it('rejects a YAML bomb (exponential aliases) without expanding it', async () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let level = 1; level < 10; level += 1) {
      const previous = String.fromCharCode(96 + level);
      levels.push(`${String.fromCharCode(97 + level)}: &${String.fromCharCode(97 + level)} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    await write('posts/2024-01-01-bomb.md', post(`title: Bomb\n${levels.join('\n')}`));
    // Expanding this bomb would take minutes and gigabytes: the test's time limit would end it.
    const run = await build();
    await expectFailure(run, /posts\/2024-01-01-bomb\.md:\d+:\d+ error: The front matter could not be read: .*[Aa]lias/);
  });
});

describe('odd files', () => {
  it('reads a post that is only front matter', async () => {
    await write('posts/2024-06-20-only-front-matter.md', '---\ntitle: Only front matter\nsummary: s\n---\n');
    expect((await build()).code).toBe(0);
    expect((await readTree(path.join(site, '_site'))).has('2024/06/only-front-matter/index.html')).toBe(true);
  });

  it('reads a UTF-8 BOM and CRLF line endings', async () => {
    await write('posts/2024-06-21-windows.md', Buffer.from('\uFEFF---\r\ntitle: Written on Windows\r\nsummary: s\r\n---\r\n\r\nBody with CRLF.\r\n', 'utf8'));
    const run = await build();
    expect(run.code, run.stderr).toBe(0);
    const html = (await readTree(path.join(site, '_site'))).get('2024/06/windows/index.html')?.toString('utf8') ?? '';
    expect(html).toContain('<h1>Written on Windows</h1>');
  });

  it.each([
    ['invalid UTF-8', Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xc3, 0x28, 0x0a]), /posts\/2024-06-22-bad\.md(:\d+:\d+)? error: Cannot read this file: it is not valid UTF-8 text/],
    [
      'a binary file named .md',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]),
      /posts\/2024-06-22-bad\.md(:\d+:\d+)? error: Cannot read this file: it looks like a binary file/,
    ],
  ])('reports %s', async (_name, bytes, message) => {
    await write('posts/2024-06-22-bad.md', bytes);
    await expectFailure(await build(), message);
  });

  it('builds a 10 MB post', async () => {
    const paragraph = 'Children’s services leaders met to discuss the regional improvement plan and its measures. ';
    await write('posts/2024-06-23-huge.md', post('title: Huge\nsummary: s', `${`${paragraph.repeat(20)}\n\n`.repeat(Math.ceil(10_000_000 / (paragraph.length * 20 + 2)))}`));
    const run = await build();
    expect(run.code, run.stderr).toBe(0);
    const html = (await readTree(path.join(site, '_site'))).get('2024/06/huge/index.html');
    expect(html?.length).toBeGreaterThan(10_000_000);
  }, 120_000);

  it('builds file names with spaces, Unicode and characters Windows forbids', async () => {
    await write('posts/2024-06-24-Café notes: "what?" <draft>|*.md', post('title: Café notes\nsummary: s'));
    const run = await build();
    expect(run.code, run.stderr).toBe(0);
    expect((await readTree(path.join(site, '_site'))).has('2024/06/cafe-notes-what-draft/index.html')).toBe(true);
  });

  it('does not follow a symlink loop, and skips links to files outside the site with a warning', async () => {
    await fs.symlink('..', path.join(site, 'posts', 'loop'));
    const outside = path.join(path.dirname(site), `outside-${path.basename(site)}.md`);
    await fs.writeFile(outside, post('title: Outside\ndate: 2024-06-25\nsummary: s'));
    await fs.symlink(outside, path.join(site, 'posts', '2024-06-25-outside.md'));
    const run = await build();
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/posts\/2024-06-25-outside\.md warning: Skipped: this is a link to a file outside the site folder/);
    expect((await readTree(path.join(site, '_site'))).has('2024/06/outside/index.html')).toBe(false);
  });

  it('reports an unreadable file (built by an ordinary user, even when the tests run as root)', async () => {
    await write('posts/2024-06-26-secret.md', post('title: Secret\nsummary: s'));
    await makeUnreadable(site, path.join(site, 'posts', '2024-06-26-secret.md'));
    await expectFailure(await runCliAsReader(['build', site, '--now', NOW]), /posts\/2024-06-26-secret\.md error: Cannot read this file \(EACCES\)/);
  });

  it('builds a site with 20,000 tags', async () => {
    // Spread over 400 posts: one post carrying all 20,000 would make every tag page list every tag.
    await Promise.all(
      Array.from({ length: 400 }, (_, post) => {
        const tags = Array.from({ length: 50 }, (_, index) => `topic ${post * 50 + index}`);
        return write(`posts/2024-06-27-many-tags-${post}.md`, post === 0 ? postWith(tags) : postWith(tags, `Post ${post}`));
      }),
    );
    const run = await build();
    expect(run.code, run.stderr).toBe(0);
    const tree = await readTree(path.join(site, '_site'));
    expect(tree.has('tag/topic-19999/index.html')).toBe(true);
    expect(tree.has('tag/topic-19999/feed.xml')).toBe(true);
    expect(
      tree
        .get('tags/index.html')
        ?.toString('utf8')
        .match(/<li><a href="\/tag\//g)?.length,
    ).toBe(20_002);
  }, 120_000);
});

describe('links between things', () => {
  it('warns about an unknown author key and a missing avatar, and still builds', async () => {
    await write('posts/2024-06-28-guest.md', post('title: Guest\nsummary: s\nauthor: nobody'));
    await write('data/authors.yml', 'sam:\n  name: Sam Patel\n  avatar: /images/sam.png\n');
    const run = await build();
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/posts\/2024-06-28-guest\.md:4:9 warning: Unknown author "nobody"/);
    expect(run.stderr).toMatch(/data\/authors\.yml warning: The avatar \/images\/sam\.png of author "sam" is not in static\//);
  });

  it('names both files when two posts want the same permalink', async () => {
    await write('posts/2024-06-29-clash.md', post('title: Clash\nsummary: s\npermalink: /2024/06/second-post/'));
    const run = await build();
    await expectFailure(run, /The URL \/2024\/06\/second-post\/ of posts\/\S+ collides with posts\//);
    expect(run.stderr).toContain('posts/2024-06-01-second-post.md');
    expect(run.stderr).toContain('posts/2024-06-29-clash.md');
  });

  it.each([
    ['a slug with ..', 'slug: ../../escape', /:4:7 error: The slug "\.\.\/\.\.\/escape" is not allowed/],
    ['a slug with a slash', 'slug: /etc/passwd', /:4:7 error: The slug "\/etc\/passwd" is not allowed/],
    ['a permalink with ..', 'permalink: /a/../../b/', /:4:12 error: The permalink "\/a\/\.\.\/\.\.\/b\/" is not allowed/],
    ['a permalink with %2e%2e', 'permalink: /a/%2e%2e/%2e%2e/b/', /:4:12 error: The permalink .* is not allowed: it contains (a )?`\.\.`/],
    ['a permalink with a backslash', 'permalink: "/a\\\\..\\\\b/"', /:4:12 error: The permalink .* is not allowed: it contains a backslash/],
    ['a permalink with NUL', 'permalink: "/a\\0b/"', /:4:12 error: The permalink .* is not allowed: it contains a NUL/],
    ['an absolute URL as permalink', 'permalink: https://evil.example/x/', /:4:12 error: The permalink .* is not allowed: it is (an absolute|a full) URL/],
  ])('rejects %s', async (_name, front, message) => {
    await write('posts/2024-06-30-unsafe.md', post(`title: Unsafe\nsummary: s\n${front}`));
    await expectFailure(await build(), new RegExp(`posts/2024-06-30-unsafe\\.md${message.source}`));
  });
});

describe('theme', () => {
  it.each([
    ['a Handlebars syntax error', 'theme/post.hbs', '<article>\n<h1>{{post.title}</h1>\n</article>\n', /theme\/post\.hbs:2:\d+ error: Handlebars syntax error/],
    [
      'a missing partial',
      'theme/post.hbs',
      '<h1>{{post.title}}</h1>\n{{> no-such-partial}}\n',
      /theme\/post\.hbs:2:1 error: The partial "no-such-partial" is used but there is no partials\/no-such-partial\.hbs/,
    ],
    [
      'a helper that throws',
      'theme/post.hbs',
      '<h1>{{date post.date "long"}}{{asset "css/missing.css"}}</h1>\n',
      /theme\/post\.hbs:1:\d+ error: Rendering \/.* failed in the "asset" helper: There is no theme asset "css\/missing\.css"/,
    ],
  ])('reports %s with the template’s location', async (_name, file, text, message) => {
    await write(file, text);
    await expectFailure(await build(), message);
  });

  it('reports a missing layout', async () => {
    await write('theme/x.txt', '');
    await write('sectorpress.config.json', JSON.stringify({ title: 'Small blog', url: 'https://small.example.org', theme: './empty-theme' }));
    await write('empty-theme/post.hbs', '<h1>{{post.title}}</h1>');
    const run = await build();
    // The bundled theme is the last layer, so a partial fork still has a layout; a fork without one is fine.
    expect(run.code, run.stderr).toBe(0);
  });
});

describe('config', () => {
  it.each([
    ['an unknown field', '{\n  "title": "x",\n  "perpage": 5\n}\n', /sectorpress\.config\.json:3:3 error: Unknown config field "perpage"[\s\S]*Did you mean "perPage"\?/],
    ['a wrong type', '{\n  "perPage": "ten"\n}\n', /sectorpress\.config\.json:2:3 error: Config field "perPage" must be a whole number above 0/],
    ['a nested wrong type', '{\n  "permalinks": { "post": 5 }\n}\n', /sectorpress\.config\.json:2:3 error: Config field "permalinks\.post" must be a string/],
    ['invalid JSON', '{\n  "title": "x",,\n}\n', /sectorpress\.config\.json:2:\d+ error: The config file is not valid JSON/],
    ['an unknown time zone', '{\n  "timezone": "Europe/Londres"\n}\n', /sectorpress\.config\.json:2:3 error: Unknown time zone "Europe\/Londres"/],
  ])('reports %s', async (_name, text, message) => {
    await write('sectorpress.config.json', text);
    await expectFailure(await build(), message);
  });

  it('reports a config file that throws when loaded, without a stack trace', async () => {
    await fs.rm(path.join(site, 'sectorpress.config.json'));
    await write('sectorpress.config.mjs', "throw new Error('the council changed its mind');\nexport default {};\n");
    await expectFailure(await build(), /sectorpress\.config\.mjs error: The config file could not be loaded: the council changed its mind/);
  });
});
