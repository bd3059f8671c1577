// The site built from an imported export passes the Nu Html Checker with zero errors.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildImported, freshSitePath, importFixture } from '../support/import-site.js';
import { fixturePath, readTree } from '../support/site-folder.js';
import { vnuErrorsByFile } from '../support/vnu.js';

describe('a site imported from WordPress', () => {
  it('has zero Nu Html Checker errors on every page', async () => {
    const site = await freshSitePath();
    expect((await importFixture('wxr-council', site, ['--comments', '--media', path.join(fixturePath('wxr-council'), 'uploads')])).code).toBe(0);
    expect((await buildImported(site)).code).toBe(0);
    const output = path.join(site, '_site');
    const pages = [...(await readTree(output)).keys()].filter((file) => file.endsWith('.html'));
    expect(pages).toContain('2019/05/12/a-year-on/index.html');
    const errors = await vnuErrorsByFile(output);
    expect([...errors].flatMap(([file, messages]) => messages.map((message) => `${file}:${message}`))).toEqual([]);
  }, 180_000);
});
