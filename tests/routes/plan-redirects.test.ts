// Redirect errors are found before anything is written, each at the line that wrote the redirect:
// a target that is not on the site, a chain that comes back to itself, an old address that is a
// page of the site or another redirect's, and an old address the URL-path rule refuses.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { writeSite } from '../content/temp-site.js';
import { failingBuild } from '../support/failing-build.js';
import { exists } from '../support/site-folder.js';

const POST = (redirects: string): string => `---\ntitle: A year on\nsummary: s\ntags: [News]\nredirects:\n${redirects}\n---\nBody.\n`;

describe('redirect errors', () => {
  it('reports a target that points nowhere at its data-file line and column, and writes nothing', async () => {
    const { errors, wrote } = await failingBuild({ 'data/redirects.yml': '- from: /old/\n  to: /about/\n- from: /gone/\n  to: /no-such-page/\n' });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^data\/redirects\.yml:3:3 error: The redirect from \/gone\/ leads to \/no-such-page\/, which is not a page or file of this site\. \[redirects\/nowhere\]$/);
    expect(wrote).toBe(false);
  });

  it('reports a loop once, naming every step, at the first redirect of the loop', async () => {
    const { errors } = await failingBuild({ 'data/redirects.yml': '- from: /a/\n  to: /b/\n- from: /b/\n  to: /c/\n- from: /c/\n  to: /a/\n' });
    expect(errors).toEqual([expect.stringMatching(/^data\/redirects\.yml:1:3 error: The redirect from \/a\/ comes back to itself: \/a\/ → \/b\/ → \/c\/ → \/a\/\. \[redirects\/loop\]$/)]);
  });

  it('reports a redirect to itself as a loop', async () => {
    const { errors } = await failingBuild({ 'data/redirects.yml': '- from: /?p=1\n  to: /?p=1\n' });
    expect(errors).toEqual([expect.stringContaining('data/redirects.yml:1:3 error: The redirect from /?p=1 comes back to itself')]);
  });

  it('reports an old address that is a page of the site, at the front-matter line, naming the page', async () => {
    const { errors } = await failingBuild({ 'posts/2024-01-02-a.md': POST('  - /archives/1/\n  - /about/') });
    expect(errors).toEqual([
      expect.stringMatching(
        /^posts\/2024-01-02-a\.md:7:5 error: The URL \/about\/ of the redirect from \/about\/ \(posts\/2024-01-02-a\.md\) collides with pages\/about\.md: .* \[redirects\/collision\]$/,
      ),
    ]);
  });

  it('reports an old address that is a feed the build writes', async () => {
    const { errors } = await failingBuild({ 'data/redirects.yml': '- from: /feed/\n  to: /feed.xml\n- from: /feed.xml\n  to: /about/\n' });
    expect(errors).toEqual([expect.stringMatching(/^data\/redirects\.yml:3:3 error: The old address \/feed\.xml is feed\.xml, a file the build writes\. \[redirects\/collision\]$/)]);
  });

  it('reports two redirects from one old address, plain or with a query string', async () => {
    const { errors } = await failingBuild({
      'posts/2024-01-02-a.md': POST('  - /archives/1/\n  - /?p=1'),
      'data/redirects.yml': '- from: /archives/1\n  to: /about/\n- from: /?p=1\n  to: /about/\n',
    });
    expect(errors).toHaveLength(2);
    expect(errors.join('\n')).toContain('collides with the redirect from /archives/1/ (posts/2024-01-02-a.md)');
    expect(errors.join('\n')).toContain('data/redirects.yml:3:3 error: The old address /?p=1 is also redirected by posts/2024-01-02-a.md:7:5.');
  });

  it('refuses unsafe old addresses in front matter by the URL-path rule, each at its own line', async () => {
    const { errors } = await failingBuild({ 'posts/2024-01-02-a.md': POST('  - /ok/\n  - /../../etc/passwd\n  - /.git/config\n  - https://old.example.org/x/') });
    expect(errors).toEqual([
      expect.stringMatching(/^posts\/2024-01-02-a\.md:7:5 error: The old address "\/\.\.\/\.\.\/etc\/passwd" in `redirects` is not allowed: it contains `\.\.`/),
      expect.stringMatching(/^posts\/2024-01-02-a\.md:8:5 error: The old address "\/\.git\/config" in `redirects` is not allowed: it names a dotfile/),
      expect.stringMatching(/^posts\/2024-01-02-a\.md:9:5 error: The old address "https:\/\/old\.example\.org\/x\/" in `redirects` is not allowed: it is a full URL/),
    ]);
  });

  it('refuses unsafe addresses and targets in data/redirects.yml, each at its item', async () => {
    const { errors } = await failingBuild({ 'data/redirects.yml': '- from: /fine/\n  to: javascript:alert(1)\n- from: /%2e%2e/x/\n  to: /about/\n- to: /about/\n' });
    expect(errors).toEqual([
      expect.stringMatching(/^data\/redirects\.yml:1:3 error: The redirect target "javascript:alert\(1\)" is not usable/),
      expect.stringMatching(/^data\/redirects\.yml:3:3 error: The redirect from "\/%2e%2e\/x\/" is not allowed: it /),
      expect.stringMatching(/^data\/redirects\.yml:5:3 error: Each redirect needs `from` and `to`/),
    ]);
  });

  it('leaves the redirects of a draft out with the draft', async () => {
    const root = await writeSite({
      'sectorpress.config.json': JSON.stringify({ title: 'T', url: 'https://t.example.org' }),
      'posts/2024-01-02-a.md': POST('  - /archives/9/').replace('title:', 'draft: true\ntitle:'),
    });
    await build({ root, outDir: path.join(root, '_site'), now: '2026-01-01T00:00:00Z', cache: false, workers: 0 });
    expect(await exists(path.join(root, '_site', 'archives'))).toBe(false);
    await expect(fs.readFile(path.join(root, '_site', '_redirects'))).rejects.toThrow();
  });
});
