// The site-folder layout is one rule with several uses: the load stage finds files with globs,
// the dev watcher classifies and filters changed paths. They must agree on every path.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fg from 'fast-glob';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load-content.js';
import { CONTENT_FOLDERS, contentFolderOf, contentPattern, isIgnoredSitePath, STATIC_FOLDER } from '../../src/shared/site-layout.js';
import { makeConfig } from '../support/make-site.js';

const PATHS = [
  'posts/2024-01-02-hello.md',
  'posts/2024/nested/deep.md',
  'posts/notes.txt',
  'posts/draft.MD',
  'posts/.hidden.md',
  'pages/about.md',
  'pages/policies/privacy.md',
  'events/2025-03-01-conference.md',
  'data/authors.yml',
  'data/menu.yaml',
  'data/links.json',
  'data/nested/ignored.yml',
  'data/readme.md',
  'static/posts/not-a-post.md',
  'static/.well-known/security.txt',
  'static/.DS_Store',
  'static/img/.git/config',
  'theme/pages/not-a-page.md',
  'sectorpress.config.json',
  'README.md',
  '.git/HEAD',
  'node_modules/pkg/posts/x.md',
];

async function siteWith(files: readonly string[]): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-layout-'));
  for (const file of files) {
    await fs.mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await fs.writeFile(path.join(root, file), file.endsWith('.json') ? '{}' : file.endsWith('.md') ? '---\ntitle: T\ndate: 2024-01-02\n---\nBody\n' : 'a: 1\n');
  }
  return root;
}

/** What the watcher's rules say the build reads: a content file, or a static file, and not ignored. */
function watcherSaysRead(file: string): boolean {
  return !isIgnoredSitePath(file) && (contentFolderOf(file) !== undefined || file.startsWith(`${STATIC_FOLDER}/`));
}

describe('site layout', () => {
  it('classifies a changed path exactly as the load stage finds files', async () => {
    const root = await siteWith(PATHS);
    const globbed = new Set((await Promise.all(CONTENT_FOLDERS.map((source) => fg(contentPattern(source), { cwd: root })))).flat());
    for (const file of PATHS.filter((name) => !isIgnoredSitePath(name))) expect(contentFolderOf(file) !== undefined, file).toBe(globbed.has(file));
    const { value: sources } = await loadContent(makeConfig({ root }));
    const loaded = [...sources.posts, ...sources.pages, ...sources.events, ...sources.data].map((file) => [file.relativePath, file.kind]);
    const expected = PATHS.filter(watcherSaysRead).flatMap((file) => {
      const kind = contentFolderOf(file)?.kind;
      return kind ? [[file, kind]] : [];
    });
    expect(loaded.sort()).toEqual(expected.sort());
    expect(sources.statics.map((file) => `${STATIC_FOLDER}/${file.outputPath}`).sort()).toEqual(PATHS.filter((file) => watcherSaysRead(file) && file.startsWith(`${STATIC_FOLDER}/`)).sort());
  });

  it('keeps dotfiles under static/ (.well-known) and drops editor, VCS and dependency noise elsewhere', () => {
    expect(isIgnoredSitePath('static/.well-known/security.txt')).toBe(false);
    expect(isIgnoredSitePath('posts/.2024-01-02-hello.md.swp')).toBe(true);
    expect(isIgnoredSitePath('static/.DS_Store')).toBe(true);
    expect(isIgnoredSitePath('node_modules/.cache/sectorpress/pages-1.json')).toBe(true);
    expect(isIgnoredSitePath('posts/2024-01-02-hello.md')).toBe(false);
  });
});
