import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeSource, loadContent } from '../../src/content/load-content.js';
import { fixturePath } from '../support/site-folder.js';
import { runAsReader, makeUnreadable } from '../support/unreadable.js';
import { configFor, errorsIn, readSite, writeSite } from './temp-site.js';
import type { Problem } from '../../src/shared/errors.js';

const POST = '---\ntitle: A post\ndate: 2024-01-01\nsummary: S.\n---\nBody\n';

describe('loadContent', () => {
  it('finds posts, pages, events, data and statics in path order, skipping dotfiles outside static/', async () => {
    const config = await configFor(fixturePath('content-site'));
    const { value, problems } = await loadContent(config);
    expect(problems).toEqual([]);
    expect(value.posts.map((file) => file.relativePath)).toEqual(['posts/2024-07-09-our-plan.md', 'posts/2024/offset.md', 'posts/custom-slug.md', 'posts/dated.md', 'posts/only-front-matter.md']);
    expect(value.pages.map((file) => file.relativePath)).toEqual(['pages/about.md', 'pages/policies/privacy.md']);
    expect(value.events.map((file) => file.kind)).toEqual(['event']);
    expect(value.data.map((file) => file.relativePath)).toEqual(['data/authors.yml', 'data/links.json']);
    expect(value.statics.map((file) => file.outputPath)).toEqual(['.well-known/security.txt', 'images/pixel.gif']);
  });

  it('digests the bytes with sha256', async () => {
    const config = await configFor(fixturePath('content-site'));
    const post = (await loadContent(config)).value.posts[0];
    const bytes = await fs.readFile(post?.path ?? '');
    expect(post?.digest).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('strips a UTF-8 BOM and normalises CRLF, keeping line numbers right', async () => {
    const root = await writeSite({
      'posts/bom.md': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(POST)]),
      'posts/crlf.md': POST.replace(/\n/g, '\r\n').replace('date: 2024-01-01', 'date: 2023-02-29'),
    });
    const { entries, problems } = await readSite(root);
    expect(entries.posts.map((post) => post.title)).toEqual(['A post']);
    expect(entries.posts[0]?.body).toBe('Body\n');
    expect(errorsIn(problems, 'posts/crlf.md')).toMatchObject([{ code: 'front-matter/date', line: 3, column: 7, message: expect.stringMatching(/February 2023 has 28 days/) }]);
  });

  it('reports invalid UTF-8 and binary files as errors naming the file and line', async () => {
    const root = await writeSite({
      'posts/latin1.md': Buffer.concat([Buffer.from('---\ntitle: Caf'), Buffer.from([0xe9]), Buffer.from('\n---\n')]),
      'posts/image.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
      'posts/ok.md': POST,
    });
    const { entries, problems } = await readSite(root);
    expect(errorsIn(problems, 'posts/latin1.md')).toMatchObject([{ code: 'load/not-text', message: expect.stringMatching(/not valid UTF-8/), line: 2, column: 11 }]);
    expect(errorsIn(problems, 'posts/image.md')).toMatchObject([{ code: 'load/not-text', message: expect.stringMatching(/binary/) }]);
    expect(entries.posts.map((post) => post.source.relativePath)).toEqual(['posts/ok.md']);
  });

  it('reads file names with spaces, Unicode and characters Windows forbids', async () => {
    const root = await writeSite({
      'posts/2024-03-01-café notes.md': POST,
      'posts/2024-03-02-what: why? <now> | "then" *.md': POST,
      'posts/日本語.md': POST,
      'posts/+++.md': POST,
    });
    const { entries, problems } = await readSite(root);
    expect(problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    // Letters of any script make a slug (docs/content.md); a name with none gets a derived one and a warning.
    expect(entries.posts.map((post) => post.slug).sort()).toEqual(['cafe-notes', expect.stringMatching(/^untitled-[0-9a-f]{8}$/), 'what-why-now-then', '日本語']);
    expect(problems.find((problem) => problem.file === 'posts/+++.md' && problem.code === 'front-matter/slug')).toMatchObject({ severity: 'warning' });
    expect(problems.find((problem) => problem.file === 'posts/日本語.md')).toBeUndefined();
  });

  it('skips links leading outside the site, in loops or to folders, with warnings', async () => {
    const outside = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-outside-'));
    await fs.writeFile(path.join(outside, 'secret.md'), POST);
    const root = await writeSite({ 'posts/real.md': POST, 'static/a.txt': 'a' });
    await fs.symlink(path.join(outside, 'secret.md'), path.join(root, 'posts/leak.md'));
    await fs.symlink(path.join(outside, 'secret.md'), path.join(root, 'static/leak.txt'));
    await fs.symlink('real.md', path.join(root, 'posts/alias.md'));
    await fs.symlink('loop-b.md', path.join(root, 'posts/loop-a.md'));
    await fs.symlink('loop-a.md', path.join(root, 'posts/loop-b.md'));
    await fs.symlink(outside, path.join(root, 'posts/folder-out'));
    await fs.symlink('..', path.join(root, 'posts/up'));
    const config = await configFor(root);
    const { value, problems } = await loadContent(config);
    expect(value.posts.map((file) => file.relativePath)).toEqual(['posts/alias.md', 'posts/real.md']);
    expect(value.statics.map((file) => file.outputPath)).toEqual(['a.txt']);
    const warnings = Object.fromEntries(problems.map((problem) => [problem.file, problem.code]));
    expect(warnings).toMatchObject({
      'posts/leak.md': 'load/outside-site',
      'static/leak.txt': 'load/outside-site',
      'posts/loop-a.md': 'load/symlink-loop',
      'posts/loop-b.md': 'load/symlink-loop',
    });
    expect(problems.every((problem) => problem.severity === 'warning')).toBe(true);
  });

  it('skips a content folder that is itself a link outside the site', async () => {
    const outside = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-outside-'));
    await fs.writeFile(path.join(outside, 'secret.md'), POST);
    const root = await writeSite({ 'posts/real.md': POST });
    await fs.symlink(outside, path.join(root, 'pages'));
    const { value, problems } = await loadContent(await configFor(root));
    expect(value.pages).toEqual([]);
    expect(problems).toMatchObject([{ severity: 'warning', code: 'load/outside-site', file: 'pages' }]);
  });

  it('reports an unreadable file as an error naming it (read by an ordinary user, even when the tests run as root)', async () => {
    const root = await writeSite({ 'posts/locked.md': POST });
    await makeUnreadable(root, path.join(root, 'posts/locked.md'));
    // The compiled stage (dist/, built by the global setup) in a child process: see tests/support/unreadable.ts.
    const script = `import { loadConfig } from './dist/config/load-config.js';
import { loadContent } from './dist/content/load-content.js';
const config = await loadConfig(process.argv[1], {});
console.log(JSON.stringify((await loadContent(config.value)).problems));`;
    const run = await runAsReader(['--input-type=module', '-e', script, root]);
    expect(run.stderr).toBe('');
    const problems = JSON.parse(run.stdout) as Problem[];
    expect(errorsIn(problems, 'posts/locked.md')).toMatchObject([{ code: 'load/read', message: expect.stringMatching(/EACCES/) }]);
  });

  it('warns when there is no posts/ folder', async () => {
    const root = await writeSite({ 'pages/about.md': POST });
    const { problems } = await loadContent(await configFor(root));
    expect(problems).toMatchObject([{ severity: 'warning', code: 'load/no-posts' }]);
  });

  it('reads a 10 MB post whole', async () => {
    const body = 'A line of a very long migrated post.\n'.repeat(280_000);
    const root = await writeSite({ 'posts/huge.md': POST + body });
    const { entries, problems } = await readSite(root);
    expect(problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    expect(entries.posts[0]?.body.length).toBe(body.length + 'Body\n'.length);
  });

  it('reads 10,000 posts', async () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 10_000; index += 1) files[`posts/${String(index).padStart(5, '0')}.md`] = POST.replace('A post', `Post ${index}`);
    const root = await writeSite(files);
    const config = await configFor(root);
    const { value } = await loadContent(config);
    expect(value.posts).toHaveLength(10_000);
    expect(value.posts[9_999]?.text).toContain('Post 9999');
  });
});

describe('decodeSource', () => {
  it('decodes UTF-8 and refuses what is not', () => {
    expect(decodeSource(new TextEncoder().encode('\uFEFFa\r\nb\rc'))).toEqual({ text: 'a\nb\nc' });
    expect(decodeSource(new Uint8Array([0x61, 0x0a, 0x62, 0xff]))).toMatchObject({ reason: expect.stringMatching(/UTF-8/), line: 2, column: 2 });
    expect(decodeSource(new Uint8Array([0x61, 0x00]))).toMatchObject({ reason: expect.stringMatching(/binary/) });
  });
});
