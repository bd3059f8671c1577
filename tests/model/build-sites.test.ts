// Issue #14: a multilingual site built from small inline sites. Welsh tag order follows the Welsh
// alphabet (digraphs ch, dd, ff, ll, rh, th are letters of their own), Welsh tag slugs keep their
// letters readable, authors' Welsh fields reach Welsh pages, and content mistakes are located errors.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { BuildFailedError, type Problem } from '../../src/shared/errors.js';
import { writeSite } from '../content/temp-site.js';
import { readText, textOf } from '../support/site-folder.js';

const NOW = '2025-06-01T12:00:00Z';
const CONFIG = JSON.stringify({ title: 'Blog', url: 'https://blog.example.org', language: 'en-GB', languages: { cy: { title: 'Blog Cymraeg', dateFormats: { long: 'cccc, d LLLL yyyy' } } } });

function post(title: string, lines: readonly string[] = []): string {
  return ['---', `title: "${title}"`, 'summary: A line.', ...lines, '---', '', 'Body text.', ''].join('\n');
}

async function buildInline(files: Record<string, string>) {
  const root = await writeSite({ 'sectorpress.config.json': CONFIG, ...files });
  const outDir = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'sp-languages-')), 'site');
  return build({ root, outDir, now: NOW, cache: false });
}

async function problemsOf(files: Record<string, string>): Promise<readonly Problem[]> {
  try {
    await buildInline(files);
  } catch (error) {
    if (error instanceof BuildFailedError) return error.problems;
    throw error;
  }
  return [];
}

// Welsh alphabet order: a b c ch d dd e f ff g ng h i l ll m n o p ph r rh s t th u w y.
const WELSH_ORDER = ['Cymorth', 'Chwarae', 'Dysgu', 'Ddawns', 'Fideo', 'Ffermio', 'Lori', 'Llyfrau', 'Rygbi', 'Rhieni', 'Tîm', 'Theatr'];

describe('a Welsh tags list', () => {
  it('is sorted in Welsh alphabetical order, digraphs after their first letter', async () => {
    const shuffled = [...WELSH_ORDER].reverse();
    const result = await buildInline({ 'posts/cy/2025-01-02-tagiau.md': post('Tagiau', ['lang: cy', `tags: [${shuffled.join(', ')}]`]), 'posts/2025-01-01-hello.md': post('Hello') });
    const html = await readText(result.outDir, 'cy/tags/index.html');
    const names = [...html.matchAll(/<li><a href="\/cy\/tag\/[^"]+\/">([^<]+)<\/a>/g)].map((match) => match[1]);
    expect(names).toEqual(WELSH_ORDER);
    // The same words in English order would put "Chwarae" before "Cymorth": the Welsh order is the collator's, not an accident.
    expect([...WELSH_ORDER].sort(new Intl.Collator('en').compare)).not.toEqual(WELSH_ORDER);
  });

  it('gives tags with ŵ, ŷ and â readable slugs', async () => {
    const result = await buildInline({ 'posts/cy/2025-01-02-gwyl.md': post('Gŵyl', ['lang: cy', 'tags: [Gŵyl y Gwanwyn, Tŷ Agored, Â llaw]']), 'posts/2025-01-01-hello.md': post('Hello') });
    for (const file of ['cy/tag/gwyl-y-gwanwyn/index.html', 'cy/tag/ty-agored/index.html', 'cy/tag/a-llaw/index.html']) expect(result.files).toContain(file);
  });
});

describe('a Welsh post page', () => {
  it('shows Welsh dates, the author’s Welsh role and the Welsh plural of minutes', async () => {
    const authors = ['sam:', '  name: Sam Jones', '  role: Head of Service', '  role_cy: Pennaeth Gwasanaeth', ''].join('\n');
    const result = await buildInline({ 'data/authors.yml': authors, 'posts/cy/2019-12-09-dydd-llun.md': post('Dydd Llun', ['lang: cy', 'date: 2019-12-09 10:00', 'author: sam']) });
    const text = textOf(await readText(result.outDir, 'cy/2019/12/dydd-llun/index.html'));
    expect(text).toContain('Dydd Llun, 9 Rhagfyr 2019');
    expect(text).toContain('Pennaeth Gwasanaeth');
    expect(text).not.toContain('Head of Service');
    expect(text).toContain('1 munud o ddarllen');
  });
});

describe('content mistakes', () => {
  it('reports an unknown lang at its line, naming the languages the config declares', async () => {
    const problems = await problemsOf({ 'posts/2025-01-01-x.md': post('X', ['lang: fr']) });
    expect(problems).toContainEqual(expect.objectContaining({ severity: 'error', code: 'front-matter/lang', file: 'posts/2025-01-01-x.md', line: 4 }));
    expect(problems.find((problem) => problem.code === 'front-matter/lang')?.hint).toMatch(/`en-GB`, `cy`/);
  });

  it('reports two posts of one language sharing a translationKey, at the second one’s key', async () => {
    const problems = await problemsOf({
      'posts/cy/2025-01-01-a.md': post('A', ['lang: cy', 'translationKey: same']),
      'posts/cy/2025-01-02-b.md': post('B', ['lang: cy', 'translationKey: same']),
    });
    const problem = problems.find((candidate) => candidate.code === 'model/translation-key');
    expect(problem).toMatchObject({ severity: 'error', file: 'posts/cy/2025-01-02-b.md', line: 5 });
    expect(problem?.message).toContain('posts/cy/2025-01-01-a.md');
  });

  it('refuses a language code that cannot be a folder, or that repeats the default', async () => {
    for (const languages of [{ 'en-GB': {} }, { 'c/y': {} }]) {
      const root = await writeSite({ 'sectorpress.config.json': JSON.stringify({ url: 'https://x.example', language: 'en-GB', languages }), 'posts/2025-01-01-a.md': post('A') });
      const error = await build({ root, outDir: path.join(root, '_site'), now: NOW, cache: false }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(BuildFailedError);
      expect((error as BuildFailedError).problems.map((problem) => problem.code)).toContain('config/languages');
    }
  });

  it('reports a page of the default language inside the Welsh folder as a collision', async () => {
    const problems = await problemsOf({ 'pages/about.md': post('About', ['permalink: /cy/amdanom/']), 'pages/cy/amdanom.md': post('Amdanom', ['lang: cy']) });
    expect(problems, JSON.stringify(problems)).toContainEqual(expect.objectContaining({ code: 'routes/collision', file: 'pages/about.md' }));
  });

  it('reports a static file inside the Welsh folder that takes a Welsh page’s file', async () => {
    const problems = await problemsOf({ 'static/cy/tags/index.html': '<p>old</p>', 'posts/2025-01-01-a.md': post('A') });
    expect(problems).toContainEqual(expect.objectContaining({ code: 'routes/collision', file: 'static/cy/tags/index.html' }));
  });
});
