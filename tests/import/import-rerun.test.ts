// Rerun safety and bad input: importing twice gives identical files; a file edited since the last import
// is kept unless --force; an unusable export is a located error (exit 1) that writes nothing.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshSitePath, importFixture } from '../support/import-site.js';
import { runCliCaptured } from '../support/run-cli.js';
import { exists, fixturePath, readTree } from '../support/site-folder.js';

const POST = 'posts/2019-05-12-a-year-on.md';

describe('import wordpress twice', () => {
  it('gives identical files, keeps a file the user edited, and --force overwrites it', async () => {
    const site = await freshSitePath();
    expect((await importFixture('wxr-council', site, ['--comments'])).code).toBe(0);
    const first = await readTree(site);
    const again = await importFixture('wxr-council', site, ['--comments']);
    expect(again.code).toBe(0);
    const second = await readTree(site);
    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const [file, bytes] of first) expect(second.get(file)?.equals(bytes), file).toBe(true);

    const edited = `${first.get(POST)?.toString()}\nA paragraph the editor added.\n`;
    await fs.writeFile(path.join(site, POST), edited);
    const third = await importFixture('wxr-council', site, ['--comments']);
    expect(third.code).toBe(0);
    expect(third.stdout).toContain('Kept 1 file');
    expect(await fs.readFile(path.join(site, POST), 'utf8')).toBe(edited);
    expect(await fs.readFile(path.join(site, 'import-report.md'), 'utf8')).toContain(`\`${POST}\``);

    expect((await importFixture('wxr-council', site, ['--comments', '--force'])).code).toBe(0);
    expect((await fs.readFile(path.join(site, POST))).equals(first.get(POST) ?? Buffer.alloc(0))).toBe(true);
  });
});

async function badExport(name: string, text: string): Promise<string> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-bad-export-'));
  const file = path.join(folder, name);
  await fs.writeFile(file, text);
  return file;
}

const council = (): Promise<string> => fs.readFile(path.join(fixturePath('wxr-council'), 'export.xml'), 'utf8');

describe('import wordpress with an unusable export', () => {
  const cases: [string, () => Promise<string>, RegExp][] = [
    ['truncated', async () => (await council()).slice(0, 9000), /not well-formed XML/],
    ['not XML', async () => '<!doctype html><html><body><p>Hello<br></body></html>', /not well-formed XML/],
    ['empty', async () => '', /not well-formed XML/],
    ['an RSS feed, not WXR', async () => '<?xml version="1.0"?><rss version="2.0"><channel><title>News</title><item><title>A</title></item></channel></rss>', /not a WordPress export/],
    ['XML but not RSS', async () => '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>', /not a WordPress export/],
    ['WXR without posts', async () => (await council()).replace(/<item>[\s\S]*<\/item>/, ''), /no posts or pages/],
  ];
  for (const [what, make, message] of cases) {
    it(`${what}: exit 1, a located error, nothing written`, async () => {
      const file = await badExport('export.xml', await make());
      const site = await freshSitePath();
      const run = await runCliCaptured(['import', 'wordpress', file, '--out', site]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/export\.xml:\d+:\d+ error: /);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).toContain('→');
      expect(run.stderr).toContain('Nothing was written.');
      expect(await exists(site)).toBe(false);
    });
  }

  it('a missing file: exit 1, nothing written', async () => {
    const site = await freshSitePath();
    const run = await runCliCaptured(['import', 'wordpress', path.join(os.tmpdir(), 'no-such-export.xml'), '--out', site]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('does not exist');
    expect(await exists(site)).toBe(false);
  });

  it('leaves an existing site folder exactly as it was', async () => {
    const site = await freshSitePath();
    expect((await importFixture('wxr-legacy', site)).code).toBe(0);
    const before = await readTree(site);
    const file = await badExport('export.xml', (await council()).slice(0, 20000));
    expect((await runCliCaptured(['import', 'wordpress', file, '--out', site])).code).toBe(1);
    const after = await readTree(site);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [name, bytes] of before) expect(after.get(name)?.equals(bytes), name).toBe(true);
  });
});
