// Every HTML page of the example site through the Nu Html Checker: zero errors.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildExample } from '../support/example-build.js';
import { vnuErrorsByFile } from '../support/vnu.js';

describe('the example site', () => {
  it('has zero Nu Html Checker errors on every page', async () => {
    const result = await buildExample();
    const pages = result.files.filter((file) => file.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(40);
    // The Welsh half of the example (issue #14) is checked too.
    expect(pages.filter((file) => file.startsWith('cy/')).length).toBeGreaterThan(20);
    const errors = await vnuErrorsByFile(result.outDir);
    const report = [...errors].flatMap(([file, messages]) => messages.map((message) => `${file}:${message}`));
    expect(report).toEqual([]);
  }, 120_000);

  it('the checker itself reports a broken page (so a silent checker cannot pass the test above)', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-vnu-'));
    await fs.writeFile(path.join(dir, 'broken.html'), '<!doctype html><html lang="en"><head><title>x</title></head><body><p><div>bad nesting</p></body></html>');
    await fs.writeFile(path.join(dir, 'fine.html'), '<!doctype html><html lang="en"><head><title>x</title></head><body><p>fine</p></body></html>');
    const errors = await vnuErrorsByFile(dir);
    expect([...errors.keys()]).toEqual(['broken.html']);
    expect(errors.get('broken.html')?.length).toBeGreaterThan(0);
  }, 180_000);
});
