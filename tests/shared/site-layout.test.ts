// The site-folder layout is one rule with two uses: the load stage finds files with a glob,
// the dev watcher classifies a changed path. They must agree on every path.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fg from 'fast-glob';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load-content.js';
import { makeConfig } from '../support/make-site.js';
import { CONTENT_FOLDERS, contentFolderOf, contentPattern } from '../../src/shared/site-layout.js';

const PATHS = [
  'posts/2024-01-02-hello.md', 'posts/2024/nested/deep.md', 'posts/notes.txt', 'posts/draft.MD',
  'pages/about.md', 'pages/policies/privacy.md', 'events/2025-03-01-conference.md',
  'data/authors.yml', 'data/menu.yaml', 'data/links.json', 'data/nested/ignored.yml', 'data/readme.md',
  'static/posts/not-a-post.md', 'theme/pages/not-a-page.md', 'sectorpress.config.json', 'README.md',
];

async function siteWith(files: readonly string[]): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-layout-'));
  for (const file of files) {
    await fs.mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await fs.writeFile(path.join(root, file), file.endsWith('.json') ? '{}' : file.endsWith('.md') ? '---\ntitle: T\ndate: 2024-01-02\n---\nBody\n' : 'a: 1\n');
  }
  return root;
}

describe('site layout', () => {
  it('classifies a changed path exactly as the load stage finds files', async () => {
    const root = await siteWith(PATHS);
    const globbed = new Set((await Promise.all(CONTENT_FOLDERS.map((source) => fg(contentPattern(source), { cwd: root })))).flat());
    for (const file of PATHS) expect(contentFolderOf(file) !== undefined, file).toBe(globbed.has(file));
    const { value: sources } = await loadContent(makeConfig({ root }));
    const loaded = [...sources.posts, ...sources.pages, ...sources.events, ...sources.data].map((file) => [file.relativePath, file.kind]);
    expect(loaded.sort()).toEqual(PATHS.flatMap((file) => { const kind = contentFolderOf(file)?.kind; return kind ? [[file, kind]] : []; }).sort());
    expect(sources.statics.map((file) => file.outputPath)).toEqual(['posts/not-a-post.md']);
  });
});
