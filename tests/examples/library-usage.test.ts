// The library-usage example is a script users copy: run it as they would and check its output.
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/site-folder.js';

describe('examples/library-usage/build-from-code.mjs', () => {
  it('builds the example with a custom remark plugin and config given in code', async () => {
    const out = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'sp-library-')), 'site');
    const stdout = execFileSync(process.execPath, [path.join(repoRoot, 'examples', 'library-usage', 'build-from-code.mjs'), out], { encoding: 'utf8' });
    expect(stdout).toMatch(/^Built 12 posts into \d+ files/);
    const home = await fs.readFile(path.join(out, 'index.html'), 'utf8');
    expect(home).toContain('Northmoor Children’s Services (built from code)');
    const post = await fs.readFile(path.join(out, '2025', '02', 'inspection-what-we-learned', 'index.html'), 'utf8');
    expect(post).toContain('<blockquote data-kind="quote">');
  });
});
