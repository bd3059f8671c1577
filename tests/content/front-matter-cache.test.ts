import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { BuildFailedError } from '../../src/shared/errors.js';
import { readTree } from '../support/site-folder.js';
import { writeSite } from './temp-site.js';

const post = (title: string, extra = 'summary: "What changed."\n'): string =>
  `---\ntitle: "${title}"\ndate: 2025-03-04T09:00:00Z\ntags:\n  - "Early help"\n  - "Fostering"\nredirects:\n  - /old/${title.toLowerCase().replace(/\W+/g, '-')}/\n${extra}---\nBody of ${title}.\n`;

async function siteWithPosts(): Promise<string> {
  return writeSite({
    'sectorpress.config.json': JSON.stringify({ title: 'Cache test', url: 'https://example.org', search: false }),
    'posts/2025-03-04-first.md': post('First news'),
    'posts/2025-03-05-second.md': post('Second news', 'summary: "A summary: with a colon"\n'),
  });
}

const buildInto = (root: string, out: string) => build({ root, outDir: out, now: '2025-06-01T00:00:00Z' });

async function cacheFiles(root: string): Promise<string[]> {
  const folder = path.join(root, 'node_modules', '.cache', 'sectorpress');
  const names = (await fs.readdir(folder)).filter((name) => name.startsWith('front-matter-'));
  return (await Promise.all(names.map(async (name) => (await fs.readdir(path.join(folder, name))).map((file) => path.join(folder, name, file))))).flat();
}

describe('the front matter cache', () => {
  it('keeps parsed front matter after a build, and a rebuild from it shows the same site', async () => {
    const root = await siteWithPosts();
    const first = path.join(root, 'first');
    await buildInto(root, first);
    expect((await cacheFiles(root)).length).toBeGreaterThan(0);
    const second = path.join(root, 'second');
    await buildInto(root, second);
    expect(await readTree(second)).toEqual(await readTree(first));
  });

  it('reads an edited file afresh', async () => {
    const root = await siteWithPosts();
    const out = path.join(root, '_site');
    await buildInto(root, out);
    await fs.writeFile(path.join(root, 'posts/2025-03-04-first.md'), post('First news, corrected'));
    await buildInto(root, out);
    const page = await fs.readFile(path.join(out, '2025/03/first/index.html'), 'utf8');
    expect(page).toContain('First news, corrected');
    expect(page).not.toContain('First news<');
  });

  it('ignores a cache it cannot read', async () => {
    const root = await siteWithPosts();
    const first = path.join(root, 'first');
    await buildInto(root, first);
    for (const file of await cacheFiles(root)) await fs.writeFile(file, 'not a cache');
    const second = path.join(root, 'second');
    const result = await buildInto(root, second);
    expect(result.problems).toEqual([]);
    expect(await readTree(second)).toEqual(await readTree(first));
  });

  it('still reports a bad field at its line when the front matter comes from the cache', async () => {
    const root = await siteWithPosts();
    await fs.writeFile(path.join(root, 'posts/2025-03-06-third.md'), post('Third news', 'summary: "Third."\nslug: "../escape"\n'));
    const located = async (): Promise<string[]> => {
      const failure = await buildInto(root, path.join(root, '_site')).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(BuildFailedError);
      return (failure as BuildFailedError).problems.filter((problem) => problem.severity === 'error').map((problem) => `${problem.file}:${problem.line}:${problem.column} ${problem.code}`);
    };
    const cold = await located();
    expect(cold).toEqual([expect.stringMatching(/^posts\/2025-03-06-third\.md:10:7 /)]);
    expect((await cacheFiles(root)).length).toBeGreaterThan(0);
    expect(await located()).toEqual(cold);
  });
});
