// Builds killed while Pagefind writes the index leave their temporary folder behind (they cannot remove it);
// the next build removes those, and never the folder of a build that still runs. Real builds of the binary,
// each with a temporary folder of its own (TMPDIR), killed with SIGKILL as soon as Pagefind's folder appears.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { watch, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/site-folder.js';

const NOW = '2024-11-15T12:00:00Z';
const BIN = path.join(repoRoot, 'bin', 'sectorpress.js');

/** A site with enough posts that Pagefind takes a moment to write its index. */
async function writeSite(root: string): Promise<void> {
  await fs.mkdir(path.join(root, 'posts'), { recursive: true });
  await fs.writeFile(path.join(root, 'sectorpress.config.json'), JSON.stringify({ title: 'Search leftovers', url: 'https://search.example.org' }));
  for (let day = 1; day <= 30; day++) {
    const date = new Date(Date.UTC(2024, 0, day)).toISOString().slice(0, 10);
    const words = Array.from({ length: 200 }, (_, word) => `word${(word * day) % 997}`).join(' ');
    await fs.writeFile(path.join(root, 'posts', `${date}-post-${day}.md`), `---\ntitle: Post ${day}\n---\n\n${words}\n`);
  }
}

const leftovers = async (tmp: string): Promise<string[]> => (await fs.readdir(tmp)).filter((name) => name.startsWith('sectorpress-search-')).sort();

/** Build with `tmp` as the temporary folder, killing the build once Pagefind's folder appears there. */
async function killedBuild(root: string, tmp: string): Promise<void> {
  const before = new Set(await leftovers(tmp));
  const child = spawn(process.execPath, [BIN, 'build', root, '--now', NOW, '--no-cache', '--quiet'], { env: { ...process.env, TMPDIR: tmp }, stdio: 'ignore' });
  const watcher = watch(tmp, (_event, name) => {
    const entry = String(name);
    if (entry.startsWith('sectorpress-search-') && !before.has(entry)) child.kill('SIGKILL');
  });
  try {
    await once(child, 'exit');
  } finally {
    watcher.close();
  }
}

describe('temporary folders of killed builds', () => {
  it('are removed by the next build, while a running build’s folder stays', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-search-kill-'));
    const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-search-tmp-'));
    await writeSite(root);
    // A kill can come after Pagefind's folder is already removed; a few tries leave at least one behind.
    for (let attempt = 0; attempt < 5 && (await leftovers(tmp)).length === 0; attempt++) await killedBuild(root, tmp);
    expect(await leftovers(tmp)).toHaveLength(1);
    // This test's own process runs: a folder named for it is another build's, at work.
    const running = path.join(tmp, `sectorpress-search-${process.pid}-running`);
    await fs.mkdir(running);

    const child = spawn(process.execPath, [BIN, 'build', root, '--now', NOW, '--quiet'], { env: { ...process.env, TMPDIR: tmp }, stdio: ['ignore', 'pipe', 'pipe'] });
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(await leftovers(tmp)).toEqual([path.basename(running)]);
  }, 120_000);
});
