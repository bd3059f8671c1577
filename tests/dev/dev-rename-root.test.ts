// Renaming the site folder away and back (a `git worktree` shuffle, a backup tool, a mistaken
// `mv`) takes the file watches with it. The dev server must keep serving the last good site
// while the folder is gone, say so once, and pick up edits again once it is back.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDevServer, type DevServer } from '../../src/dev/create-dev-server.js';
import type { RebuildResult } from '../../src/dev/dev-session.js';
import { copyFixture } from '../support/site-folder.js';

const NOW = '2024-11-15T12:00:00Z';
let server: DevServer | undefined;

afterAll(async () => {
  await server?.close();
});

/** Resolves once `test` holds, checking every 25 ms (the test's own timeout bounds it). */
async function until(test: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await test())) await new Promise((resolve) => setTimeout(resolve, 25));
}

describe('the site folder renamed away and back', () => {
  it('keeps serving the last good site while it is gone, then serves edits made after it is back', async () => {
    const site = await copyFixture('blog-basic');
    await fs.mkdir(path.join(site, 'static'));
    await fs.writeFile(path.join(site, 'static', 'notes.txt'), 'Public notes.\n');
    const logs: string[] = [];
    const results: RebuildResult[] = [];
    server = await createDevServer({ root: site, port: 0, now: NOW, log: (line) => logs.push(line), onRebuild: (result) => results.push(result) });
    const page = async (url: string): Promise<{ status: number; text: string }> => {
      const response = await fetch(new URL(url, (server as DevServer).url));
      return { status: response.status, text: await response.text() };
    };
    expect((await page('/2024/07/midnight/')).text).toContain('More text about');

    await fs.rename(site, `${site}-away`);
    await until(() => logs.some((line) => /has gone/.test(line)));
    const whileGone = await page('/2024/07/midnight/');
    expect(whileGone.status).toBe(200);
    expect(whileGone.text).toContain('More text about');
    expect((await page('/notes.txt')).status).toBe(404);
    expect(results.every((result) => result.ok)).toBe(true);

    await fs.rename(`${site}-away`, site);
    await until(() => logs.some((line) => /is back/.test(line)));
    const post = path.join(site, 'posts', 'midnight.md');
    await fs.writeFile(post, (await fs.readFile(post, 'utf8')).replace('More text about', 'Edited after the return:'));
    await until(async () => (await page('/2024/07/midnight/')).text.includes('Edited after the return:'));
    expect((await page('/notes.txt')).text).toBe('Public notes.\n');
    expect(logs.filter((line) => /has gone/.test(line))).toHaveLength(1);
  }, 180_000);
});
