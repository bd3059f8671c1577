// `sectorpress clean` removes the output and every cache file a build leaves behind —
// the Markdown cache, the page record and the output manifest all live in one cache folder.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { cacheFolder } from '../../src/shared/cache-folder.js';
import { runCliCaptured } from '../support/run-cli.js';
import { copyFixture, exists } from '../support/site-folder.js';

describe('sectorpress clean', () => {
  it('removes the output folder and the cache the build wrote, and nothing else', async () => {
    const root = await copyFixture('blog-basic');
    const before = (await fs.readdir(root)).sort();
    const result = await build({ root, now: '2024-12-01T12:00:00Z', workers: 0 });
    const cached = await fs.readdir(cacheFolder(root));
    for (const prefix of ['markdown-', 'pages-', 'output-'])
      expect(
        cached.some((name) => name.startsWith(prefix)),
        prefix,
      ).toBe(true);
    const run = await runCliCaptured(['clean', root]);
    expect(run.code).toBe(0);
    expect(await exists(result.outDir)).toBe(false);
    expect(await exists(cacheFolder(root))).toBe(false);
    expect((await fs.readdir(root)).filter((name) => name !== 'node_modules').sort()).toEqual(before.filter((name) => name !== 'node_modules'));
    expect(path.relative(root, cacheFolder(root)).split(path.sep)).toEqual(['node_modules', '.cache', 'sectorpress']);
  });
});
