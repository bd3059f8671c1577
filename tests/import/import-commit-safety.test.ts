// Issue #26 findings 10 and 11: what a killed import leaves, and links under the site folder.
// - An import killed with SIGKILL while it moves files in leaves old and new posts side by side; the next
//   import (of a newer export) must take neither for an edit, must still keep a real edit, and must leave no
//   staging folder behind. The kill is real: a child process runs the compiled CLI, stops after a number of
//   moves (its own `fs.promises.rename` wrapped in the child script, nothing in the product), and is killed.
// - A symbolic link under the site folder (`posts` → elsewhere, a link at a file's place, at the report's
//   place) is never written through; what was refused is in the report.
import { type ChildProcess, spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freshSitePath } from '../support/import-site.js';
import { runCliCaptured } from '../support/run-cli.js';
import { exists, readTree, repoRoot } from '../support/site-folder.js';
import { type WxrItemSpec, writeExport } from '../support/wxr-export.js';

const POSTS = 30;
const MOVED_BEFORE_KILL = 12;

const posts = (version: string): WxrItemSpec[] =>
  Array.from({ length: POSTS }, (_, index) => ({ id: 100 + index, title: `Post ${index}`, slug: `post-${index}`, content: `<p>Post ${index}, version ${version}.</p>` }));

/** The child: wraps `fs.promises.rename` so the import stops for good after `after` moves out of staging, then runs the compiled CLI. */
const CHILD = `
import { promises, writeFileSync } from 'node:fs';
const [cli, marker, after, ...args] = process.argv.slice(2);
const rename = promises.rename;
let moved = 0;
promises.rename = async (from, to) => {
  await rename(from, to);
  if (!String(from).includes('.import.tmp-')) return;
  moved += 1;
  if (moved === Number(after)) {
    writeFileSync(marker, String(moved));
    await new Promise(() => {});
  }
};
const { runCli } = await import(cli);
process.exitCode = await runCli(args, { out: () => {}, err: (text) => console.error(text), interactive: false });
`;

async function waitFor(file: string, child: ChildProcess): Promise<void> {
  for (let tries = 0; tries < 4800; tries += 1) {
    if (await exists(file)) return;
    if (child.exitCode !== null) throw new Error(`the import ended (code ${child.exitCode}) before it was stopped`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the import never reached the point to kill it at');
}

/** Staging folders left beside the site folder. */
const stagingBeside = async (site: string): Promise<string[]> => (await fs.readdir(path.dirname(site))).filter((name) => name.includes('.import.tmp-'));

const postFile = (index: number): string => `posts/2020-03-04-post-${index}.md`;

describe('an import killed while it moves files in', () => {
  it('leaves a state the next import finishes: no false edits, a real edit kept, no staging folder left', async () => {
    const site = await freshSitePath();
    expect((await runCliCaptured(['import', 'wordpress', await writeExport(posts('A')), '--out', site])).code).toBe(0);

    const work = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-kill-'));
    const script = path.join(work, 'child.mjs');
    const marker = path.join(work, 'stopped');
    await fs.writeFile(script, CHILD);
    const cli = pathToFileURL(path.join(repoRoot, 'dist', 'cli.js')).href;
    const child = spawn(process.execPath, [script, cli, marker, String(MOVED_BEFORE_KILL), 'import', 'wordpress', await writeExport(posts('B')), '--out', site], { stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await waitFor(marker, child);
    child.kill('SIGKILL');
    await exited;

    // Killed part-way: some posts are B, the rest still A, and the killed import's staging folder is there.
    const half = await readTree(site);
    const versions = Array.from({ length: POSTS }, (_, index) => /version (\w)/.exec(half.get(postFile(index))?.toString() ?? '')?.[1]);
    expect(versions.filter((version) => version === 'B').length).toBeGreaterThan(0);
    expect(versions.filter((version) => version === 'A').length).toBeGreaterThan(0);
    expect(await stagingBeside(site)).toHaveLength(1);

    // The user edits one post that was moved in and one that was not, before importing again.
    const movedIndex = versions.indexOf('B');
    const unmovedIndex = versions.indexOf('A');
    for (const index of [movedIndex, unmovedIndex]) await fs.appendFile(path.join(site, postFile(index)), '\nAn editor’s note.\n');

    const again = await runCliCaptured(['import', 'wordpress', await writeExport(posts('C')), '--out', site]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Kept 2 files');
    const report = await fs.readFile(path.join(site, 'import-report.md'), 'utf8');
    const kept = report.slice(report.indexOf('## Files kept'));
    expect([...kept.matchAll(/`(posts\/[^`]+)`/g)].map((match) => match[1]).sort()).toEqual([postFile(movedIndex), postFile(unmovedIndex)].sort());
    const after = await readTree(site);
    for (let index = 0; index < POSTS; index += 1) {
      const text = after.get(postFile(index))?.toString() ?? '';
      if (index === movedIndex || index === unmovedIndex) expect(text).toContain('An editor’s note.');
      else expect(text, postFile(index)).toContain('version C');
    }
    expect(await stagingBeside(site)).toEqual([]);
    const manifest = JSON.parse(after.get('.sectorpress-import.json')?.toString() ?? '{}') as { pending?: unknown };
    expect(manifest.pending).toBeUndefined();
  }, 300_000);
});

describe('symbolic links under the site folder', () => {
  it('are never written through; each refused file is in the report', async () => {
    const site = await freshSitePath();
    const elsewhere = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-elsewhere-'));
    const outsideFile = path.join(elsewhere, 'keep-me.txt');
    await fs.writeFile(outsideFile, 'not the importer’s\n');
    await fs.mkdir(path.join(site, 'pages'), { recursive: true });
    await fs.symlink(elsewhere, path.join(site, 'posts'));
    await fs.symlink(outsideFile, path.join(site, 'pages', 'about.md'));
    await fs.symlink(outsideFile, path.join(site, 'import-report.md'));

    const file = await writeExport([...posts('A').slice(0, 2), { id: 7, type: 'page', title: 'About', slug: 'about', content: '<p>About us.</p>' }]);
    const run = await runCliCaptured(['import', 'wordpress', file, '--out', site]);
    expect(run.code).toBe(0);

    expect(await fs.readdir(elsewhere)).toEqual(['keep-me.txt']);
    expect(await fs.readFile(outsideFile, 'utf8')).toBe('not the importer’s\n');
    const report = await fs.readFile(path.join(site, 'import-report.md'), 'utf8');
    expect((await fs.lstat(path.join(site, 'import-report.md'))).isSymbolicLink()).toBe(false);
    expect(report).toMatch(/### posts\/2020-03-04-post-0\.md\s+- was not written: posts \(on the way to it\) is a symbolic link/);
    expect(report).toMatch(/### pages\/about\.md\s+- was not written: pages\/about\.md is a symbolic link/);
    expect(await exists(path.join(site, 'sectorpress.config.json'))).toBe(true);
  });
});
