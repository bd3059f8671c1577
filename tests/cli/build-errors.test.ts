// The CLI as a user runs it (bin/sectorpress.js over the compiled dist/): each bad input gives a
// located message, exit code 1 (2 for usage), no stack trace, and the previous output untouched.
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { copyFixture, readTree, repoRoot } from '../support/site-folder.js';

const NOW = '2024-07-01T12:00:00Z';

function cli(args: string[], cwd = repoRoot): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'sectorpress.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

let site: string;
let before: Map<string, Buffer>;

beforeEach(async () => {
  site = await copyFixture('cli-small');
  const first = cli(['build', site, '--now', NOW]);
  expect(first.stderr).toBe('');
  expect(first.code).toBe(0);
  before = await readTree(path.join(site, '_site'));
});

async function expectUntouched(): Promise<void> {
  const after = await readTree(path.join(site, '_site'));
  expect([...after.keys()]).toEqual([...before.keys()]);
  for (const [file, bytes] of before) expect(after.get(file)?.equals(bytes), file).toBe(true);
  const leftovers = (await fs.readdir(site)).filter((name) => name.startsWith('._site'));
  expect(leftovers).toEqual([]);
}

const write = (file: string, text: string): Promise<void> => fs.writeFile(path.join(site, file), text);

describe('sectorpress build with bad input', () => {
  it('prints a one-line summary on success', () => {
    const run = cli(['build', site, '--now', NOW]);
    expect(run.stdout).toMatch(/^Built 2 posts, \d+ pages and \d+ feeds in [\d.]+ s/m);
  });

  it.each([
    ['malformed YAML', 'posts/2024-07-01-bad.md', '---\ntitle: Fine\ntags: [a, b\n---\n\nBody\n', /posts\/2024-07-01-bad\.md:\d+:\d+/],
    ['a missing title', 'posts/2024-07-01-bad.md', '---\ntags: [a]\n---\n\nBody\n', /posts\/2024-07-01-bad\.md:\d+:\d+ error: .*title/i],
    ['an unparseable date', 'posts/bad.md', '---\ntitle: Bad date\ndate: next tuesday\n---\n\nBody\n', /posts\/bad\.md:3:\d+ error: .*date/i],
    ['a permalink escaping the output', 'posts/2024-07-01-escape.md', '---\ntitle: Escape\npermalink: /../../etc/\n---\n\nBody\n', /posts\/2024-07-01-escape\.md:3:\d+ error: .*permalink/i],
  ])('reports %s with its location and exits 1', async (_name, file, text, expected) => {
    await write(file, text);
    const run = cli(['build', site, '--now', NOW]);
    expect(run.stderr).toMatch(expected);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.code).toBe(1);
    await expectUntouched();
  });

  it('names both files when two posts want the same permalink', async () => {
    await write('posts/2024-06-02-second-post.md', '---\ntitle: Another second\nslug: second-post\ndate: 2024-06-02\n---\n\nClash.\n');
    const run = cli(['build', site, '--now', NOW]);
    expect(run.stderr).toContain('posts/2024-06-01-second-post.md');
    expect(run.stderr).toContain('posts/2024-06-02-second-post.md');
    expect(run.code).toBe(1);
    await expectUntouched();
  });

  it('reports an unknown config field with a suggestion', async () => {
    await write('sectorpress.config.json', '{\n  "title": "Small blog",\n  "perpage": 5\n}\n');
    const run = cli(['build', site, '--now', NOW]);
    expect(run.stderr).toMatch(/sectorpress\.config\.json:3:\d+ error: .*perpage/);
    expect(run.stderr).toMatch(/perPage/);
    expect(run.code).toBe(1);
    await expectUntouched();
  });

  it('reports every error of a build together', async () => {
    await write('posts/a.md', '---\ntags: [x]\n---\nNo title\n');
    await write('posts/b.md', '---\ntitle: [1, 2]\ndate: 2024-01-01\n---\nList title\n');
    const run = cli(['build', site, '--now', NOW]);
    expect(run.stderr).toMatch(/posts\/a\.md/);
    expect(run.stderr).toMatch(/posts\/b\.md:2:\d+/);
    expect(run.code).toBe(1);
  });

  it('exits 2 with usage for an unknown flag', () => {
    const run = cli(['build', site, '--colour']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Usage: sectorpress build/);
  });

  it('prints help for every command', () => {
    for (const command of [['build'], ['dev'], ['new', 'post'], ['new', 'site'], ['theme'], ['clean']]) {
      const run = cli([...command, '--help']);
      expect(run.code, command.join(' ')).toBe(0);
      expect(run.stdout, command.join(' ')).toMatch(/Usage: sectorpress/);
    }
  });
});

describe('sectorpress new', () => {
  const postFile = (): string => path.join(site, 'posts', '2024-06-20-our-response-to-the-consultation.md');
  const postPage = '2024/06/our-response-to-the-consultation/index.html';

  it('writes a dated draft, says how to publish it, and the build publishes it once the draft line goes', async () => {
    const run = cli(['new', 'post', 'Our response to the consultation', '--tags', 'policy,consultation', '--dir', site, '--now', '2024-06-20T09:00:00Z']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('a draft: builds leave it out');
    expect(run.stdout).toContain('delete its `draft: true` line to publish it');
    const text = await fs.readFile(postFile(), 'utf8');
    expect(text).toMatch(/^---\ntitle: Our response to the consultation\n[\s\S]*\ndraft: true\n---\n/);
    // Built at once, the placeholder is not published.
    expect(cli(['build', site, '--now', NOW]).code).toBe(0);
    expect((await readTree(path.join(site, '_site'))).has(postPage)).toBe(false);
    await fs.writeFile(postFile(), text.replace('draft: true\n', '').replace('Write the post here.', 'We welcome the consultation.'));
    const built = cli(['build', site, '--now', NOW]);
    expect(built.stderr).toBe('');
    expect(await fs.readFile(path.join(site, '_site', postPage), 'utf8')).toContain('We welcome the consultation.');
  });

  it('warns, naming the line, when a published post still holds the placeholder', async () => {
    cli(['new', 'post', 'Our response to the consultation', '--dir', site, '--now', '2024-06-20T09:00:00Z']);
    await fs.writeFile(postFile(), (await fs.readFile(postFile(), 'utf8')).replace('draft: true\n', ''));
    const built = cli(['build', site, '--now', NOW]);
    expect(built.code).toBe(0);
    expect(built.stderr).toMatch(
      /^posts\/2024-06-20-our-response-to-the-consultation\.md:7:1 warning: The post is published with the text `sectorpress new post` wrote: "Write the post here\." \[content\/placeholder\]\n {2}→ Write the post in its place/m,
    );
  });

  it('says to use npx after making a site (a local install puts no sectorpress on PATH)', async () => {
    const target = path.join(site, 'new-blog');
    const run = cli(['new', 'site', target]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Next: npx sectorpress dev \S+new-blog {2}\(or: npx sectorpress build \S+new-blog\)/);
  });
});

describe('sectorpress build in a folder with no site', () => {
  it('says there is no config and no content, naming the folder and how to start one', async () => {
    const empty = path.join(site, 'empty');
    await fs.mkdir(empty);
    const run = cli(['build', '--now', NOW], empty);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('warning: This folder holds no site: no sectorpress.config file and no posts, pages, events, data or static files');
    expect(run.stderr).toContain('To start a site there, copy the example: npx sectorpress new site .');
    const named = cli(['build', 'empty', '--now', NOW], site);
    expect(named.stderr).toContain('warning: empty holds no site');
    expect(named.stderr).toContain('npx sectorpress new site empty');
  });
});
