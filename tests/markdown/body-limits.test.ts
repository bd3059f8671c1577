// Bodies that would hang or exhaust memory: each body renders under a time limit (in a
// worker that is stopped when it runs over) and a size limit (checked before parsing); the
// user gets a located error naming the file, and the other bodies still render.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/types.js';
import { renderMarkdownJobs } from '../../src/markdown/render-markdown-jobs.js';
import type { MarkdownJob } from '../../src/markdown/types.js';
import { runCliCaptured } from '../support/run-cli.js';
import { copyFixture } from '../support/site-folder.js';

const NOW = '2024-07-01T12:00:00Z';
/** One 20 KB line of list markers: micromark takes minutes over it. */
const LIST_MARKERS = `${'- '.repeat(10_000)}item`;

const config = (root: string, markdown: Partial<Config['markdown']>): Config =>
  ({ root, configFile: undefined, markdown: { remarkPlugins: [], rehypePlugins: [], sanitize: false, timeoutMs: 10_000, maxBodyBytes: 5_000_000, ...markdown } }) as unknown as Config;
const job = (id: string, body: string, bodyLine = 5): MarkdownJob => ({ id, body, bodyLine, digest: id });

async function siteWith(files: Record<string, string>, markdown: Record<string, unknown>): Promise<string> {
  const site = await copyFixture('cli-small');
  await fs.writeFile(path.join(site, 'sectorpress.config.json'), JSON.stringify({ title: 'Small blog', url: 'https://small.example.org', markdown }));
  for (const [file, text] of Object.entries(files)) await fs.writeFile(path.join(site, file), text);
  return site;
}

describe('the time limit', () => {
  it('stops a body that runs over it, locates it at its long line, and renders the others', async () => {
    const root = await fs.mkdtemp(path.join(process.env.TMPDIR ?? '/tmp', 'sp-limits-'));
    const jobs = [job('posts/a.md', 'Before.'), job('posts/slow.md', `Intro.\n\n${LIST_MARKERS}\n`, 7), job('posts/b.md', 'After *that*.')];
    const { value, problems } = await renderMarkdownJobs(jobs, config(root, { timeoutMs: 1500 }), { cache: false });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ severity: 'error', code: 'markdown/timeout', file: 'posts/slow.md', line: 9, column: 1 });
    expect(problems[0]?.message).toMatch(/Markdown took longer than 1\.5 s to render/);
    expect(problems[0]?.hint).toMatch(/Line 9 is 20004 characters long.*Split that line/);
    expect(value.byId.get('posts/a.md')?.html).toBe('<p>Before.</p>');
    expect(value.byId.get('posts/b.md')?.html).toBe('<p>After <em>that</em>.</p>');
    expect(value.byId.has('posts/slow.md')).toBe(false);
    // The worker that was stopped is replaced: the next call renders as usual.
    const again = await renderMarkdownJobs([job('posts/c.md', '# Fine')], config(root, { timeoutMs: 1500 }), { cache: false });
    expect(again.value.byId.get('posts/c.md')?.html).toBe('<h1 id="fine">Fine</h1>');
  });

  it('fails the build with a located error naming the file, not a hang', async () => {
    const site = await siteWith({ 'posts/2024-06-15-list-markers.md': `---\ntitle: Markers\n---\n\n${LIST_MARKERS}\n` }, { timeoutMs: 1500 });
    const run = await runCliCaptured(['build', site, '--now', NOW]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/posts\/2024-06-15-list-markers\.md:5:1 error: Markdown took longer than 1\.5 s to render/);
    expect(run.stderr).toMatch(/Split that line/);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    // Only that post is reported: the fixture's own posts rendered.
    expect(run.stderr.match(/ error: /g)).toHaveLength(1);
  });
});

describe('with plugins from the config file', () => {
  const PLUGIN_CONFIG = [
    "const shout = () => (tree) => { const visit = (node) => { if (node.type === 'text') node.value = node.value.toUpperCase(); (node.children ?? []).forEach(visit); }; visit(tree); };",
    "export default { title: 'Small blog', url: 'https://small.example.org', markdown: { remarkPlugins: [shout], timeoutMs: 1500 } };",
  ].join('\n');

  it('runs them in the worker, under the time limit', async () => {
    const site = await copyFixture('cli-small');
    await fs.rm(path.join(site, 'sectorpress.config.json'));
    await fs.writeFile(path.join(site, 'sectorpress.config.mjs'), PLUGIN_CONFIG);
    await fs.writeFile(path.join(site, 'posts', '2024-06-15-list-markers.md'), `---\ntitle: Markers\n---\n\n${LIST_MARKERS}\n`);
    const run = await runCliCaptured(['build', site, '--now', NOW]);
    expect(run.stderr).toMatch(/posts\/2024-06-15-list-markers\.md:5:1 error: Markdown took longer than 1\.5 s to render/);
    await fs.rm(path.join(site, 'posts', '2024-06-15-list-markers.md'));
    const fixed = await runCliCaptured(['build', site, '--now', NOW]);
    expect(fixed.code, fixed.stderr).toBe(0);
    const page = await fs.readFile(path.join(site, '_site', '2024', '05', 'first-post', 'index.html'), 'utf8');
    expect(page).toMatch(/<p>[A-Z ,.'’]{20,}<\/p>/);
  });
});

describe('a body that ends its worker', () => {
  it('is reported at its file, with no stack trace and no other error', async () => {
    const site = await copyFixture('cli-small');
    await fs.rm(path.join(site, 'sectorpress.config.json'));
    // Stands in for running out of memory: the worker thread ends while rendering this body.
    await fs.writeFile(
      path.join(site, 'sectorpress.config.mjs'),
      [
        "import { isMainThread } from 'node:worker_threads';",
        "const crash = () => (tree) => { if (!isMainThread && JSON.stringify(tree).includes('END-THE-WORKER')) process.exit(7); };",
        "export default { title: 'Small blog', url: 'https://small.example.org', markdown: { remarkPlugins: [crash] } };",
      ].join('\n'),
    );
    await fs.writeFile(path.join(site, 'posts', '2024-06-15-crash.md'), '---\ntitle: Crash\n---\n\nEND-THE-WORKER\n');
    const run = await runCliCaptured(['build', site, '--now', NOW]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/posts\/2024-06-15-crash\.md:4:1 error: Rendering this Markdown stopped its worker: the worker stopped \(exit code 7\)/);
    expect(run.stderr.match(/ error: /g)).toHaveLength(1);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });
});

describe('the size limit', () => {
  it('refuses a body over it before parsing, and renders the others', async () => {
    const root = await fs.mkdtemp(path.join(process.env.TMPDIR ?? '/tmp', 'sp-limits-'));
    const jobs = [job('posts/big.md', 'word '.repeat(400), 4), job('posts/small.md', 'Small.')];
    const { value, problems } = await renderMarkdownJobs(jobs, config(root, { maxBodyBytes: 1000 }), { cache: false, workers: 0 });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'markdown/too-large', file: 'posts/big.md', line: 4, column: 1 });
    expect(value.byId.get('posts/small.md')?.html).toBe('<p>Small.</p>');
  });

  it('turns a 50 MB body into a located error through the CLI: no crash, no stack trace', async () => {
    const site = await siteWith({ 'posts/2024-06-15-huge.md': `---\ntitle: Huge\n---\n\n${'A line of a very long report.\n'.repeat(1_750_000)}` }, {});
    const run = await runCliCaptured(['build', site, '--now', NOW]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/posts\/2024-06-15-huge\.md:4:1 error: The post body is 52\.5 MB, over the 20\.0 MB limit/);
    expect(run.stderr).toMatch(/markdown\.maxBodyBytes/);
    expect(run.stderr).not.toMatch(/^\s+at |heap out of memory/m);
  });
});
