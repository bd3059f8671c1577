// The docs name only what a clone has: every `bench/…` script they tell you to run is in the repository, and the
// external peer harness (`../shared/bench/…`, not in a clone) is named only after the page says where it comes from.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/site-folder.js';

const DOCS = path.join(repoRoot, 'docs');

describe('paths the docs name', () => {
  it('find every bench/ script in the repository', async () => {
    const missing: string[] = [];
    for (const name of (await fs.readdir(DOCS)).filter((file) => file.endsWith('.md'))) {
      const text = await fs.readFile(path.join(DOCS, name), 'utf8');
      for (const match of text.matchAll(/(?<![./\w])bench\/([\w-]+\.(?:mjs|js|sh))/g)) {
        const file = path.join(repoRoot, 'bench', match[1] ?? '');
        if (!(await fs.stat(file).catch(() => undefined))) missing.push(`${name}: bench/${match[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('say where the peer harness outside the repository comes from before naming it', async () => {
    for (const name of (await fs.readdir(DOCS)).filter((file) => file.endsWith('.md'))) {
      const text = await fs.readFile(path.join(DOCS, name), 'utf8');
      const first = text.indexOf('../shared/bench');
      if (first === -1) continue;
      const explained = text.indexOf('### The peer harness (not in this repository)');
      expect(explained, `${name} names ../shared/bench without saying what it is`).toBeGreaterThan(-1);
      // The one mention allowed before the section is the command list's pointer to it.
      const before = text.slice(0, explained).split('../shared/bench').length - 1;
      expect(before, name).toBeLessThanOrEqual(1);
      expect(text.slice(explained)).toMatch(/not part of sectorpress and not in a\s+clone/);
    }
  });
});
