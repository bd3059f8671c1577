// The library-usage example is a script users copy: run it as they would and check its output.
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/site-folder.js';

describe('examples/library-usage/build-from-code.mjs', () => {
  it('reports the model, then builds with a custom remark plugin, helper and one-file theme override', async () => {
    const out = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'sp-library-')), 'site');
    const stdout = execFileSync(process.execPath, [path.join(repoRoot, 'examples', 'library-usage', 'build-from-code.mjs'), out], { encoding: 'utf8' });
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^Model: 12 posts, \d+ tags, 3 authors, 2 upcoming events, [\d,]+ words$/);
    expect(lines[1]).toBe('Next event: Regional children’s services leadership conference (2026-12-09T10:00:00.000Z)');
    expect(lines[2]).toMatch(/^Built 12 posts into \d+ files in .+ \(0 warnings, \d+ ms\)$/);

    const home = await fs.readFile(path.join(out, 'index.html'), 'utf8');
    expect(home).toContain('Northmoor Children’s Services (built from code)');
    // The helper, through the overridden partial: "· 1,234 words" on each card.
    expect(home).toMatch(/<p class="meta">.*By <a href="\/author\/helen\/">Helen Marsh<\/a> · \d[\d,]* words<\/p>/);
    const post = await fs.readFile(path.join(out, '2025', '02', 'inspection-what-we-learned', 'index.html'), 'utf8');
    expect(post).toContain('<blockquote data-kind="quote">');
    // Everything not overridden still comes from the default theme.
    expect(post).toContain('Tags assigned to this article:');
  });
});
