// posts/, pages/ and events/ are watched folder by folder (src/dev/watch-folders.ts), not by
// chokidar: whatever is done to them (a new subfolder, a file moved in or out, a folder deleted,
// the whole posts/ folder moved away and back) shows on the dev server as a clean build would.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevServer, type DevServer } from '../../src/dev/create-dev-server.js';
import { copyFixture } from '../support/site-folder.js';

const NOW = '2024-11-15T12:00:00Z';
let site: string;
let server: DevServer;

beforeAll(async () => {
  site = await copyFixture('blog-basic');
  server = await createDevServer({ root: site, port: 0, now: NOW, log: () => undefined });
});

afterAll(async () => {
  await server?.close();
});

const post = (title: string, date: string): string => `---\ntitle: "${title}"\ndate: ${date}\ntags: ["Regional improvement"]\n---\n\nBody of ${title}.\n`;

/** The status and text of `url` once `done` holds for them (the rebuild runs after the watcher's quiet period). */
async function until(url: string, done: (status: number, text: string) => boolean): Promise<{ status: number; text: string }> {
  let last = { status: 0, text: '' };
  for (let tries = 0; tries < 100; tries += 1) {
    const response = await fetch(new URL(url, server.url));
    last = { status: response.status, text: await response.text() };
    if (done(last.status, last.text)) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return last;
}

describe('the archive folders on the dev server', () => {
  it('picks up a subfolder made after the start, edits in it, and its deletion', async () => {
    const folder = path.join(site, 'posts', '2024', 'autumn');
    await fs.mkdir(folder, { recursive: true });
    await fs.writeFile(path.join(folder, 'harvest.md'), post('Harvest festival', '2024-10-20'));
    expect((await until('/2024/10/harvest/', (status) => status === 200)).status).toBe(200);
    await fs.writeFile(path.join(folder, 'harvest.md'), `${post('Harvest festival', '2024-10-20')}\nA second paragraph about pumpkins.\n`);
    expect((await until('/2024/10/harvest/', (_, text) => text.includes('pumpkins'))).text).toContain('pumpkins');
    await fs.rm(path.join(site, 'posts', '2024'), { recursive: true });
    expect((await until('/2024/10/harvest/', (status) => status === 404)).status).toBe(404);
  });

  it('follows a post moved out of the site and back in', async () => {
    const outside = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'sp-moved-')), 'bst-start.md');
    await fs.rename(path.join(site, 'posts', 'bst-start.md'), outside);
    expect((await until('/2024/04/bst-start/', (status) => status === 404)).status).toBe(404);
    await fs.rename(outside, path.join(site, 'posts', 'bst-start.md'));
    expect((await until('/2024/04/bst-start/', (status) => status === 200)).status).toBe(200);
  });

  it('follows the whole posts/ folder moved away and another put in its place', async () => {
    const away = path.join(site, 'posts-away');
    await fs.rename(path.join(site, 'posts'), away);
    expect((await until('/2024/04/bst-start/', (status) => status === 404)).status).toBe(404);
    await fs.mkdir(path.join(site, 'posts'));
    await fs.writeFile(path.join(site, 'posts', 'only.md'), post('The only post', '2024-11-01'));
    expect((await until('/2024/11/only/', (status) => status === 200)).status).toBe(200);
    // Edits in the new folder are seen too (it is watched, not the one moved away).
    await fs.writeFile(path.join(site, 'posts', 'only.md'), `${post('The only post', '2024-11-01')}\nNow with lanterns.\n`);
    expect((await until('/2024/11/only/', (_, text) => text.includes('lanterns'))).text).toContain('lanterns');
    // Changed while away, then back in place of the new folder.
    await fs.writeFile(path.join(away, 'bst-start.md'), post('Clocks go back', '2024-10-27'));
    await fs.rm(path.join(site, 'posts'), { recursive: true });
    await fs.rename(away, path.join(site, 'posts'));
    expect((await until('/2024/10/bst-start/', (status) => status === 200)).text).toContain('Clocks go back');
    expect((await until('/2024/11/only/', (status) => status === 404)).status).toBe(404);
    expect((await until('/2024/04/bst-start/', (status) => status === 404)).status).toBe(404);
  });
});
