// A real `sectorpress build` child process killed with SIGKILL at random moments, 20 times:
// the output folder must always hold exactly the previous build or exactly the new one, and
// the next build must clean up whatever the killed one left behind.
import { spawn, spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readTree, repoRoot } from '../support/site-folder.js';

const NOW = '2025-01-01T00:00:00Z';
const POSTS = 400;
const bin = path.join(repoRoot, 'bin', 'sectorpress.js');

/** Deterministic delays so a failure can be replayed. */
function* delays(seed: number): Generator<number> {
  let state = seed;
  for (;;) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    yield 100 + (state % 1400);
  }
}

async function writeVersion(root: string, version: string): Promise<void> {
  await fs.rm(path.join(root, 'posts'), { recursive: true, force: true });
  await fs.mkdir(path.join(root, 'posts'), { recursive: true });
  await Promise.all(
    Array.from({ length: POSTS }, (_, index) => {
      const day = String(1 + (index % 28)).padStart(2, '0');
      const month = String(1 + (index % 12)).padStart(2, '0');
      const body = `Paragraph ${index} of version ${version}. ${'Children’s services improvement work continues across the region. '.repeat(30)}\n\n## Section\n\nMore.`;
      return fs.writeFile(
        path.join(root, 'posts', `2024-${month}-${day}-post-${index}.md`),
        `---\ntitle: "Post ${index} (${version})"\nsummary: Version ${version}.\ntags: [tag-${index % 17}, tag-${index % 5}]\n---\n\n${body}\n`,
      );
    }),
  );
}

function buildTo(root: string, out: string): void {
  const run = spawnSync(process.execPath, [bin, 'build', root, '--out', out, '--now', NOW, '--quiet', '--no-cache'], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
}

function sameTree(a: Map<string, Buffer>, b: Map<string, Buffer>): boolean {
  if (a.size !== b.size) return false;
  for (const [file, bytes] of a) if (!b.get(file)?.equals(bytes)) return false;
  return true;
}

let work: string;
let site: string;
const trees: Record<string, Map<string, Buffer>> = {};

beforeAll(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-kill-'));
  site = path.join(work, 'site');
  for (const version of ['A', 'B']) {
    await writeVersion(site, version);
    buildTo(site, path.join(work, `reference-${version}`));
    trees[version] = await readTree(path.join(work, `reference-${version}`));
  }
  await writeVersion(site, 'A');
  buildTo(site, path.join(work, 'out'));
}, 120_000);

describe('a build killed with SIGKILL', () => {
  it('leaves the complete previous output or the complete new output, 20 times out of 20', async () => {
    const out = path.join(work, 'out');
    const delay = delays(20261122);
    let current = 'A';
    const outcomes: string[] = [];
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const next = current === 'A' ? 'B' : 'A';
      await writeVersion(site, next);
      const child = spawn(process.execPath, [bin, 'build', site, '--out', out, '--now', NOW, '--quiet', '--no-cache'], { stdio: 'ignore' });
      const wait = delay.next().value as number;
      await new Promise((resolve) => setTimeout(resolve, wait));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      const tree = await readTree(out);
      const matches = ['A', 'B'].filter((version) => sameTree(tree, trees[version] as Map<string, Buffer>));
      expect(matches, `attempt ${attempt} after ${wait} ms`).toHaveLength(1);
      expect([current, next]).toContain(matches[0]);
      outcomes.push(`${wait}ms→${matches[0] === next ? 'new' : 'old'}`);
      current = matches[0] as string;
    }
    // Both outcomes should occur, or the test is not exercising the swap at all.
    expect(outcomes.some((outcome) => outcome.endsWith('old'))).toBe(true);
    buildTo(site, out);
    expect((await fs.readdir(work)).filter((name) => name.startsWith('.out.'))).toEqual([]);
  }, 300_000);
});
