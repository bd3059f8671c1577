// `sectorpress theme eject`: the copied theme builds the site identically, edits to the
// copy take effect, and the config is pointed at it in whatever form it has.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { ejectTheme } from '../../src/render/eject-theme.js';
import { runCliCaptured } from '../support/run-cli.js';
import { copyFixture, exists, readTree } from '../support/site-folder.js';

const NOW = '2024-12-01T12:00:00Z';

async function buildTree(root: string, out: string): Promise<Map<string, Buffer>> {
  await build({ root, outDir: path.join(root, out), now: NOW, cache: false, workers: 0 });
  return readTree(path.join(root, out));
}

describe('ejectTheme', () => {
  it('copies the theme into theme/, records it in a JSON config, and the site builds identically', async () => {
    const root = await copyFixture('blog-basic');
    const before = await buildTree(root, 'out-before');
    const { themeDir, problems } = await ejectTheme(root);
    expect(problems).toEqual([]);
    expect(themeDir).toBe(path.join(root, 'theme'));
    expect(await exists(path.join(root, 'theme', 'partials', 'byline.hbs'))).toBe(true);
    expect(JSON.parse(await fs.readFile(path.join(root, 'sectorpress.config.json'), 'utf8'))).toMatchObject({ title: "Fixture Borough Children's Services", theme: './theme' });
    const after = await buildTree(root, 'out-after');
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [file, bytes] of before) expect(after.get(file)?.equals(bytes), file).toBe(true);
  });

  it('copies into a named folder, and edits to the copy show up in the build', async () => {
    const root = await copyFixture('blog-basic');
    const { problems } = await ejectTheme(root, 'my-theme');
    expect(problems).toEqual([]);
    expect(JSON.parse(await fs.readFile(path.join(root, 'sectorpress.config.json'), 'utf8')).theme).toBe('./my-theme');
    const strings = path.join(root, 'my-theme', 'locales', 'en-GB.json');
    const edited = { ...JSON.parse(await fs.readFile(strings, 'utf8')), topOfPage: 'Back to the top of this page' };
    await fs.writeFile(strings, JSON.stringify(edited));
    const tree = await buildTree(root, 'out');
    expect(tree.get('2024/01/new-year-priorities/index.html')?.toString()).toContain('Back to the top of this page');
  });

  it('keeps overrides already in theme/', async () => {
    const root = await copyFixture('blog-basic');
    await fs.mkdir(path.join(root, 'theme', 'partials'), { recursive: true });
    await fs.writeFile(path.join(root, 'theme', 'partials', 'byline.hbs'), '<p>mine</p>\n');
    await ejectTheme(root);
    expect(await fs.readFile(path.join(root, 'theme', 'partials', 'byline.hbs'), 'utf8')).toBe('<p>mine</p>\n');
  });

  it('creates a JSON config when the site has none', async () => {
    const root = await copyFixture('blog-basic');
    await fs.rm(path.join(root, 'sectorpress.config.json'));
    await ejectTheme(root, 'forked');
    expect(JSON.parse(await fs.readFile(path.join(root, 'sectorpress.config.json'), 'utf8'))).toEqual({ theme: './forked' });
  });

  it('adds theme to a simple TypeScript config, and only warns when it cannot edit safely', async () => {
    const root = await copyFixture('blog-basic');
    await fs.rm(path.join(root, 'sectorpress.config.json'));
    const file = path.join(root, 'sectorpress.config.ts');
    await fs.writeFile(file, "export default {\n  title: 'TS site',\n};\n");
    expect((await ejectTheme(root, 'forked')).problems).toEqual([]);
    expect(await fs.readFile(file, 'utf8')).toContain("theme: './forked',");
    const second = await ejectTheme(root, 'other');
    expect(second.problems).toEqual([expect.objectContaining({ severity: 'warning', code: 'theme/eject-config', message: expect.stringContaining("'./other'") })]);
  });

  it('says nothing more on a second `theme eject` into the folder the TypeScript config already names', async () => {
    const root = await copyFixture('blog-basic');
    await fs.rm(path.join(root, 'sectorpress.config.json'));
    await fs.writeFile(path.join(root, 'sectorpress.config.ts'), "export default {\n  title: 'TS site',\n};\n");
    for (const run of [await runCliCaptured(['theme', 'eject', '--site', root]), await runCliCaptured(['theme', 'eject', '--site', root])]) {
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      expect(run.stdout).toMatch(/^Copied the default theme to .*theme$/);
    }
    expect(await fs.readFile(path.join(root, 'sectorpress.config.ts'), 'utf8')).toBe("export default {\n  theme: './theme',\n  title: 'TS site',\n};\n");
    const other = await runCliCaptured(['theme', 'eject', 'forked', '--site', root]);
    expect(other.stderr).toContain("already sets `theme`; change it to './forked'");
  });

  it('reports a JSON config it cannot read instead of throwing', async () => {
    const root = await copyFixture('blog-basic');
    await fs.writeFile(path.join(root, 'sectorpress.config.json'), '{ "title": ');
    const { problems } = await ejectTheme(root);
    expect(problems).toEqual([expect.objectContaining({ severity: 'error', code: 'theme/eject-config', file: 'sectorpress.config.json' })]);
  });

  it('refuses to copy outside the site folder', async () => {
    const root = await copyFixture('blog-basic');
    const { problems } = await ejectTheme(root, '../elsewhere');
    expect(problems).toEqual([expect.objectContaining({ severity: 'error', code: 'theme/eject-target' })]);
  });
});
