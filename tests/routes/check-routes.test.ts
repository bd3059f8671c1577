import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { BuildFailedError, formatProblem, type Problem } from '../../src/shared/errors.js';
import { writeSite } from '../content/temp-site.js';

const CONFIG = JSON.stringify({ title: 'Paths', url: 'https://paths.example.org' });
const NOW = '2026-01-01T12:00:00Z';

function post(title: string, extra = ''): string {
  return `---\ntitle: ${title}\ndate: 2024-03-01\nsummary: S.\n${extra}---\n\nBody of ${title}.\n`;
}

/** Build and return the problems it failed with, plus the stages it reached. */
async function failedBuild(files: Record<string, string>): Promise<{ problems: readonly Problem[]; stages: string[]; outDir: string }> {
  const root = await writeSite({ 'sectorpress.config.json': CONFIG, ...files });
  const stages: string[] = [];
  const outDir = path.join(root, '_site');
  const error = await build({ root, outDir, now: NOW, cache: false, workers: 0, onStage: (stage) => stages.push(stage) }).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(BuildFailedError);
  return { problems: (error as BuildFailedError).problems, stages, outDir };
}

async function warnings(files: Record<string, string>): Promise<Problem[]> {
  const root = await writeSite({ 'sectorpress.config.json': CONFIG, ...files });
  const result = await build({ root, outDir: path.join(root, '_site'), now: NOW, cache: false, workers: 0 });
  return result.problems.filter((problem) => problem.severity === 'warning');
}

describe('route collisions, before anything renders', () => {
  it('names both posts, at the line that chose the URL, and renders nothing', async () => {
    const { problems, stages, outDir } = await failedBuild({
      'posts/a.md': post('A', 'permalink: /news/same/\n'),
      'posts/b.md': post('B', 'permalink: /news/same/\n'),
    });
    const collision = problems.filter((problem) => problem.code === 'routes/collision');
    if (process.env.SHOW) console.log(problems.map(formatProblem).join('\n'));
    expect(collision).toHaveLength(1);
    expect(formatProblem(collision[0] as Problem)).toMatch(/^posts\/a\.md:5:12 error: .*\/news\/same\/.* collides with posts\/b\.md/);
    expect(stages).toContain('routes');
    expect(stages).not.toContain('render');
    await expect(fs.stat(outDir)).rejects.toThrow(/ENOENT/);
  });

  it('reports every collision at once, pages and static files included', async () => {
    const { problems } = await failedBuild({
      'posts/a.md': post('A', 'permalink: /one/\n'),
      'pages/one.md': '---\ntitle: One\n---\nx\n',
      'posts/b.md': post('B', 'slug: two\npermalink: /two/\n'),
      'static/two/index.html': '<p>static</p>',
    });
    const messages = problems
      .filter((problem) => problem.code === 'routes/collision')
      .map(formatProblem)
      .join('\n');
    expect(messages).toMatch(/posts\/a\.md.*collides with pages\/one\.md|pages\/one\.md.*collides with posts\/a\.md/);
    expect(messages).toMatch(/posts\/b\.md:\d+:\d+ .*collides with static\/two\/index\.html/);
  });

  it('warns, naming both sources, about URLs that differ only by case', async () => {
    const found = await warnings({
      'pages/News.md': '---\ntitle: News\n---\nx\n',
      'posts/a.md': post('A', 'permalink: /news/team/\n'),
    });
    const clash = found.find((problem) => problem.code === 'routes/case-clash');
    if (process.env.SHOW) console.log(found.map(formatProblem).join('\n'));
    expect(clash?.message).toMatch(/\/News .*pages\/News\.md.* and \/news .*posts\/a\.md/);
  });

  it('warns about URLs that differ only by Unicode normalisation (NFC and NFD café)', async () => {
    const found = await warnings({
      'pages/a.md': '---\ntitle: A\npermalink: /caf\u00e9/\n---\nx\n',
      'pages/b.md': '---\ntitle: B\npermalink: /cafe\u0301/\n---\nx\n',
    });
    const clash = found.find((problem) => problem.code === 'routes/case-clash');
    expect(clash?.message).toMatch(/pages\/a\.md/);
    expect(clash?.message).toMatch(/pages\/b\.md/);
  });

  it('warns about Windows-reserved names, at the source', async () => {
    const found = await warnings({ 'pages/con.md': '---\ntitle: Con\n---\nx\n', 'posts/a.md': post('A', 'permalink: /news/LPT1.html\n') });
    const portability = found.filter((problem) => problem.code === 'permalink/portability');
    expect(portability.map((problem) => problem.file).sort()).toEqual(['pages/con.md', 'posts/a.md']);
    for (const problem of portability) expect(problem.message).toMatch(/reserved device name on Windows/);
  });
});

describe('unsafe and over-long URLs, at their front matter', () => {
  it.each(['/.htaccess', '/.git/config', '/news/.well-known/x/'])('refuses the permalink %j at its line', async (permalink) => {
    const { problems, stages } = await failedBuild({ 'posts/a.md': post('A', `permalink: ${permalink}\n`) });
    expect(problems.map(formatProblem).join('\n')).toMatch(/^posts\/a\.md:5:12 error: The permalink .* is not allowed: it names a dotfile/m);
    expect(stages).not.toContain('render');
  });

  it('refuses a 300-byte tag at the post that uses it, without a file-system error', async () => {
    const tag = 'Safeguarding '.repeat(23);
    const { problems } = await failedBuild({ 'posts/long.md': post('Long', `tags: [${tag}]\n`) });
    const errors = problems.filter((problem) => problem.severity === 'error');
    if (process.env.SHOW) console.log(problems.map(formatProblem).join('\n'));
    expect(errors).toHaveLength(1);
    expect(formatProblem(errors[0] as Problem)).toMatch(/^posts\/long\.md:5:7 error: .*tag.*bytes/);
    expect(formatProblem(errors[0] as Problem).length).toBeLessThan(600);
    expect(JSON.stringify(problems)).not.toMatch(/ENAMETOOLONG/);
  });

  it('refuses a 300-byte permalink segment at its line', async () => {
    const { problems } = await failedBuild({ 'posts/long.md': post('Long', `permalink: /${'x'.repeat(300)}/\n`) });
    expect(problems.map(formatProblem).join('\n')).toMatch(/^posts\/long\.md:5:12 error: .*300 bytes/m);
  });
});

describe('events', () => {
  it('warns about an event whose URL Windows cannot hold', async () => {
    const found = await warnings({ 'events/2026-02-01-aux.md': '---\ntitle: Aux\nstart: 2026-02-01 10:00\nsummary: S.\n---\nx\n' });
    expect(found.find((problem) => problem.code === 'permalink/portability')).toMatchObject({
      file: 'events/2026-02-01-aux.md',
      message: expect.stringMatching(/\/events\/aux\/.*reserved device name/),
    });
  });
});
