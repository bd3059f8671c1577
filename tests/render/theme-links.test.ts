// Symbolic links in theme layers: a theme (often cloned from a stranger) may link its files only
// to files inside the site or inside its own folder. Real builds into temp folders, real symlinks.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { formatProblem } from '../../src/shared/errors.js';
import { readTree } from '../support/site-folder.js';
import { BASE_SITE, NOW, writeSite } from './render-site.js';

const SECRET = 'TOP-SECRET-e3b0c44298fc1c14';

async function secretFile(name = 'secret.txt'): Promise<string> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-secret-'));
  const file = path.join(folder, name);
  await fs.writeFile(file, `${SECRET}\n`);
  return file;
}

async function buildSite(root: string) {
  const outDir = path.join(root, '_site');
  const result = await build({ root, outDir, now: NOW, cache: false, workers: 0 });
  const tree = await readTree(outDir);
  const everything = [...tree.values()].map((bytes) => bytes.toString('latin1')).join('\n');
  return { result, tree, everything, lines: result.problems.map(formatProblem) };
}

async function link(root: string, relative: string, target: string): Promise<void> {
  await fs.mkdir(path.dirname(path.join(root, relative)), { recursive: true });
  await fs.symlink(target, path.join(root, relative));
}

describe('links in the site theme/ folder', () => {
  it('does not publish an asset linked to /etc/passwd, and warns naming the link and its target', async () => {
    const root = await writeSite(BASE_SITE);
    await link(root, 'theme/assets/leak.txt', '/etc/passwd');
    const { tree, everything, lines } = await buildSite(root);
    expect([...tree.keys()].some((file) => file.includes('leak'))).toBe(false);
    expect(everything).not.toContain('root:x:0:0');
    expect(lines).toContainEqual(expect.stringMatching(/^theme\/assets\/leak\.txt warning: Skipped: this is a link to a file outside the site folder and the theme folder \(\/etc\/passwd\)/));
  });

  it('does not print a partial linked to a file outside, warns, and uses the theme’s own partial instead', async () => {
    const secret = await secretFile('hostname');
    const root = await writeSite(BASE_SITE);
    await link(root, 'theme/partials/footer.hbs', secret);
    const { tree, everything, lines } = await buildSite(root);
    expect(everything).not.toContain(SECRET);
    expect(tree.get('index.html')?.toString('utf8')).toContain('<footer');
    expect(lines).toContainEqual(
      expect.stringContaining(`theme/partials/footer.hbs warning: Skipped: this is a link to a file outside the site folder and the theme folder (${await fs.realpath(secret)})`),
    );
  });

  it('skips a template, a locale file and a whole partials/ folder linked outside', async () => {
    const secret = await secretFile();
    const root = await writeSite(BASE_SITE);
    await link(root, 'theme/page.hbs', secret);
    await link(root, 'theme/locales/en-GB.json', secret);
    const { everything, lines } = await buildSite(root);
    expect(everything).not.toContain(SECRET);
    expect(lines.filter((line) => line.includes('outside the site folder and the theme folder'))).toEqual([
      expect.stringMatching(/^theme\/locales\/en-GB\.json /),
      expect.stringMatching(/^theme\/page\.hbs /),
    ]);
    const other = await writeSite(BASE_SITE);
    await link(other, 'theme/partials', path.dirname(secret));
    await fs.writeFile(path.join(path.dirname(secret), 'footer.hbs'), SECRET);
    const second = await buildSite(other);
    expect(second.everything).not.toContain(SECRET);
    expect(second.lines).toContainEqual(expect.stringMatching(/^theme\/partials warning: Skipped: theme\/partials\/ is a link to a folder outside the site folder and the theme folder/));
  });

  it('still follows links that stay inside the site', async () => {
    const root = await writeSite({ ...BASE_SITE, 'shared/footer.hbs': '<footer class="shared-footer">Linked footer</footer>\n', 'shared/brand.css': 'body { color: #123456; }\n' });
    await link(root, 'theme/partials/footer.hbs', '../../shared/footer.hbs');
    await link(root, 'theme/assets/css/brand.css', path.join(root, 'shared/brand.css'));
    const { tree, lines } = await buildSite(root);
    expect(tree.get('index.html')?.toString('utf8')).toContain('<footer class="shared-footer">Linked footer</footer>');
    const brand = [...tree.keys()].find((file) => /^assets\/css\/brand\.[0-9a-f]{10}\.css$/.test(file));
    expect(brand && tree.get(brand)?.toString('utf8')).toBe('body { color: #123456; }\n');
    expect(lines.filter((line) => line.includes('Skipped'))).toEqual([]);
  });
});

describe('links in a configured theme folder', () => {
  it('follows links inside the theme’s own folder, even when that folder is outside the site', async () => {
    const theme = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-theme-'));
    await fs.mkdir(path.join(theme, 'partials'), { recursive: true });
    await fs.writeFile(path.join(theme, 'partials', 'real-footer.hbs'), '<footer class="theme-footer">From the theme</footer>\n');
    await fs.symlink('real-footer.hbs', path.join(theme, 'partials', 'footer.hbs'));
    const secret = await secretFile();
    await fs.mkdir(path.join(theme, 'assets'), { recursive: true });
    await fs.symlink(secret, path.join(theme, 'assets', 'leak.txt'));
    const root = await writeSite({ ...BASE_SITE, 'sectorpress.config.json': JSON.stringify({ title: 'Forked', url: 'https://blog.example.org', theme }) });
    const { tree, everything, lines } = await buildSite(root);
    expect(tree.get('index.html')?.toString('utf8')).toContain('<footer class="theme-footer">From the theme</footer>');
    expect(everything).not.toContain(SECRET);
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^${path.basename(theme)}/assets/leak\\.txt warning: Skipped: this is a link to a file outside the site folder and the theme folder \\(.*secret\\.txt\\)`)),
    );
  });
});
