// The watcher follows the same site layout as the build: a file the build copies (a dotfile
// under static/, for .well-known/) is watched too, so editing it updates the output.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RebuildResult } from '../../src/dev/dev-session.js';
import { watch } from '../../src/dev/watch.js';
import { copyFixture } from '../support/site-folder.js';

describe('watch() and the site layout', () => {
  it('rebuilds when a dotfile under static/ changes, as build copies it', async () => {
    const site = await copyFixture('blog-basic');
    const file = path.join(site, 'static', '.well-known', 'security.txt');
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, 'Contact: mailto:security@example.org\n');
    const controller = new AbortController();
    const results = watch({ root: site, now: '2024-11-15T12:00:00Z', signal: controller.signal })[Symbol.asyncIterator]();
    try {
      const first = (await results.next()).value as RebuildResult;
      expect(first.ok).toBe(true);
      const next = results.next();
      await fs.writeFile(file, 'Contact: mailto:new-address@example.org\n');
      // No rebuild at all (the change ignored) ends the wait with `undefined` instead.
      const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 5_000).unref());
      const edited = await Promise.race([next.then((result) => result.value as RebuildResult), timeout]);
      expect(edited?.changed).toEqual(['static/.well-known/security.txt']);
      expect(edited?.updated).toContain('.well-known/security.txt');
    } finally {
      controller.abort();
    }
  });
});
