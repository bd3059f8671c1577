// One builder across edits (as the dev server and watch() use it): adding and removing a
// redirect in front matter brings the redirect files and the home page's script in and out.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SiteBuilder } from '../../src/pipeline/site-builder.js';
import { StageRunner } from '../../src/pipeline/stage-runner.js';
import type { OutputFile } from '../../src/shared/output-file.js';
import { writeSite } from '../content/temp-site.js';

const text = (files: readonly OutputFile[], file: string): string | undefined => {
  const found = files.find((candidate) => candidate.path === file);
  return found && 'contents' in found ? Buffer.from(found.contents).toString('utf8') : undefined;
};

describe('redirects across rebuilds', () => {
  it('adds and removes redirect files and the query script as front matter changes', async () => {
    const post = (extra: string): string => `---\ntitle: A\nsummary: s\n${extra}---\nBody.\n`;
    const root = await writeSite({ 'sectorpress.config.json': JSON.stringify({ title: 'T', url: 'https://t.example.org' }), 'posts/2024-01-02-a.md': post('') });
    const builder = new SiteBuilder({ root, now: '2026-01-01T00:00:00Z', cache: false, workers: 0 });
    const first = await builder.run(new StageRunner(undefined));
    expect(first.files.map((file) => file.path)).not.toContain('_redirects');
    expect(text(first.files, 'index.html')).not.toContain('redirect-query.js');

    await fs.writeFile(path.join(root, 'posts/2024-01-02-a.md'), post('redirects: [/?p=1, /archives/1/]\n'));
    const second = await builder.run(new StageRunner(undefined), ['posts/2024-01-02-a.md']);
    expect(second.files.map((file) => file.path)).toEqual(expect.arrayContaining(['_redirects', 'redirect-query.js', 'archives/1/index.html']));
    expect(text(second.files, 'index.html')).toContain('<script src="/redirect-query.js"></script>');

    await fs.writeFile(path.join(root, 'posts/2024-01-02-a.md'), post(''));
    const third = await builder.run(new StageRunner(undefined), ['posts/2024-01-02-a.md']);
    expect(third.files.map((file) => file.path).filter((file) => file.includes('redirect') || file.startsWith('archives/'))).toEqual([]);
    expect(text(third.files, 'index.html')).not.toContain('redirect-query.js');
  });
});
