// After edits to existing content files, the refreshed source set is the one a fresh walk of the
// site gives: the edited files read again, in their places, edit after edit.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { loadContent } from '../../src/content/load-content.js';
import type { SourceSet } from '../../src/content/types.js';
import { refreshContent, sourceAt } from '../../src/pipeline/refresh-content.js';
import { copyFixture } from '../support/site-folder.js';

/** What a reader of the set sees: each list's paths in order, with each file's text. */
const shape = (sources: SourceSet) =>
  Object.fromEntries((['posts', 'pages', 'events', 'data'] as const).map((bucket) => [bucket, sources[bucket].map((source) => [source.relativePath, source.text])]));

describe('refreshContent', () => {
  it('gives what a fresh load gives after edits to one post, then another, then the first again', async () => {
    const root = await copyFixture('blog-basic');
    const config = (await loadConfig(root, {})).value;
    let sources = (await loadContent(config)).value;
    const posts = sources.posts.map((source) => source.relativePath);
    for (const [step, file] of [posts[1], posts[3], posts[1]].entries()) {
      const full = path.join(root, file as string);
      await fs.appendFile(full, `\nEdit number ${step}.\n`);
      sources = (await refreshContent(sources, [file as string], config)).value;
      expect(shape(sources), `after edit ${step}`).toEqual(shape((await loadContent(config)).value));
      expect(sourceAt(sources, file as string)?.text).toContain(`Edit number ${step}.`);
    }
  });

  it('walks the site again for a file it did not know, and then finds it', async () => {
    const root = await copyFixture('blog-basic');
    const config = (await loadConfig(root, {})).value;
    const before = (await loadContent(config)).value;
    const added = 'posts/2024-12-01-a-new-post.md';
    await fs.writeFile(path.join(root, added), '---\ntitle: A new post\ndate: 2024-12-01T09:00:00Z\n---\n\nIts body.\n');
    expect(sourceAt(before, added)).toBeUndefined();
    const after = (await refreshContent(before, [added], config)).value;
    expect(shape(after)).toEqual(shape((await loadContent(config)).value));
    expect(sourceAt(after, added)?.text).toContain('Its body.');
  });
});
