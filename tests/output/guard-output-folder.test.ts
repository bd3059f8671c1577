// The output folder is replaced whole by every build, so the library must refuse any folder that
// is not its own: the site's sources (even through a symlinked site path), the home folder and
// its parents, and a folder someone else made (a gh-pages clone) unless told to replace it.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { BuildFailedError, type Problem } from '../../src/shared/errors.js';
import { copyFixture, exists, readTree, repoRoot } from '../support/site-folder.js';

const NOW = '2024-07-01T12:00:00Z';

let site: string;
let work: string;
let posts: Map<string, Buffer>;
const savedHome = process.env.HOME;

beforeEach(async () => {
  site = await copyFixture('cli-small');
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-guard-'));
  posts = await readTree(path.join(site, 'posts'));
});

afterEach(() => {
  if (savedHome === undefined) delete process.env.HOME;
  else process.env.HOME = savedHome;
});

/** The problems a refused build reports (fails the test if the build succeeds). */
async function refused(outDir: string, extra: { root?: string; replaceOutDir?: boolean } = {}): Promise<Problem[]> {
  const error = await build({ root: extra.root ?? site, outDir, now: NOW, workers: 0, replaceOutDir: extra.replaceOutDir }).then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(BuildFailedError);
  return [...(error as BuildFailedError).problems];
}

async function expectPostsIntact(): Promise<void> {
  const after = await readTree(path.join(site, 'posts'));
  expect([...after.keys()]).toEqual([...posts.keys()]);
  for (const [file, bytes] of posts) expect(after.get(file)?.equals(bytes), file).toBe(true);
}

async function writeFiles(folder: string, files: Record<string, string>): Promise<void> {
  for (const [file, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(folder, file)), { recursive: true });
    await fs.writeFile(path.join(folder, file), text);
  }
}

describe('an output folder among the site’s sources', () => {
  it.each(['posts', 'data', 'static', 'theme/assets', 'posts/out', 'node_modules'])('refuses %s, even with replaceOutDir, and leaves the posts as they were', async (folder) => {
    await fs.mkdir(path.join(site, 'static'), { recursive: true });
    for (const replaceOutDir of [false, true]) {
      const problems = await refused(path.join(site, folder), { replaceOutDir });
      expect(problems.map((problem) => problem.code)).toEqual(['output/unsafe-out-dir']);
      expect(problems[0]?.message).toMatch(/Refusing to use .* as the output folder: it (is|contains|is inside) (the site's \w+ folder|the cache folder)/);
      expect(problems[0]?.hint).toMatch(/_site/);
    }
    await expectPostsIntact();
  });

  it('refuses an output folder inside the theme in use, wherever it lives', async () => {
    const theme = path.join(work, 'shared-theme');
    await fs.cp(path.join(repoRoot, 'theme'), theme, { recursive: true });
    await fs.writeFile(path.join(site, 'sectorpress.config.json'), JSON.stringify({ title: 'Small blog', url: 'https://small.example.org', theme }));
    const before = await readTree(theme);
    expect((await refused(path.join(theme, 'partials')))[0]?.message).toContain(`it is inside the theme in use (${theme})`);
    expect(await readTree(theme)).toEqual(before);
  });

  it('refuses an output folder inside static/, so it can never copy itself into the next build', async () => {
    await writeFiles(site, { 'static/robots.txt': 'User-agent: *\n' });
    const problems = await refused(path.join(site, 'static', 'site'));
    expect(problems[0]?.message).toContain("inside the site's static folder (static/)");
    expect(await exists(path.join(site, 'static', 'site'))).toBe(false);
  });

  it('refuses the posts folder reached through a symlinked site path, and the real site folder itself', async () => {
    const link = path.join(work, 'linked-site');
    await fs.symlink(site, link);
    // Built through the link, the real paths name the same folders as text does not.
    for (const outDir of [path.join(site, 'posts'), site, path.join(site, 'posts', 'public')]) {
      const problems = await refused(outDir, { root: link });
      expect(problems[0]?.code, outDir).toBe('output/unsafe-out-dir');
    }
    await expectPostsIntact();
  });

  it('refuses an output folder that is a symlink into posts/', async () => {
    const out = path.join(work, 'public');
    await fs.symlink(path.join(site, 'posts'), out);
    expect((await refused(out))[0]?.message).toContain("it is the site's posts folder");
    await expectPostsIntact();
  });
});

describe('the home folder', () => {
  it('refuses the home folder and its parent, even with replaceOutDir', async () => {
    const home = path.join(work, 'home', 'jo');
    await writeFiles(home, { 'notes.txt': 'mine' });
    process.env.HOME = home;
    expect((await refused(home, { replaceOutDir: true }))[0]?.message).toContain('it is your home folder');
    expect((await refused(path.dirname(home), { replaceOutDir: true }))[0]?.message).toContain('it contains your home folder');
    expect(await fs.readFile(path.join(home, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('guards nothing extra when the home folder is / (some service accounts), rather than refusing every folder', async () => {
    process.env.HOME = '/';
    const result = await build({ root: site, outDir: path.join(work, 'public'), now: NOW, workers: 0 });
    expect(result.files).toContain('index.html');
  });
});

describe('a folder sectorpress did not make', () => {
  it('refuses a gh-pages clone naming what is in it, keeps it intact, and replaces it with replaceOutDir', async () => {
    const out = path.join(work, 'gh-pages');
    await writeFiles(out, { '.git/HEAD': 'ref: refs/heads/gh-pages\n', CNAME: 'blog.example.org\n', 'index.html': 'old', 'old-post/index.html': 'x' });
    const before = await readTree(out);
    const problems = await refused(out);
    expect(problems.map((problem) => problem.code)).toEqual(['output/not-ours']);
    expect(problems[0]?.message).toContain('holds 4 entries (.git, CNAME, index.html, old-post)');
    expect(problems[0]?.hint).toContain('--replace-out');
    expect(await readTree(out)).toEqual(before);
    const result = await build({ root: site, outDir: out, now: NOW, workers: 0, replaceOutDir: true });
    expect(result.files).toContain('index.html');
    expect(await exists(path.join(out, 'CNAME'))).toBe(false);
    // Once built into, the folder is ours: the next build needs no flag.
    await build({ root: site, outDir: out, now: NOW, workers: 0 });
  });

  it('names only the first few entries of a full folder, with the count', async () => {
    const out = path.join(work, 'full');
    await writeFiles(out, Object.fromEntries(Array.from({ length: 12 }, (_, index) => [`file-${String(index).padStart(2, '0')}.txt`, 'x'])));
    expect((await refused(out))[0]?.message).toContain('holds 12 entries (file-00.txt, file-01.txt, file-02.txt, file-03.txt, file-04.txt, and 7 more)');
  });

  it('refuses a file, and an output it made once a file is added beside the pages', async () => {
    await writeFiles(work, { 'a-file': 'text' });
    expect((await refused(path.join(work, 'a-file')))[0]?.message).toContain('is a file, not a folder');
    const out = path.join(work, 'public');
    await build({ root: site, outDir: out, now: NOW, workers: 0 });
    await writeFiles(out, { 'notes.txt': 'hand-written' });
    expect((await refused(out))[0]?.message).toContain('holds 1 entry (notes.txt) that no build wrote');
    expect(await fs.readFile(path.join(out, 'notes.txt'), 'utf8')).toBe('hand-written');
  });

  it('refuses a symbolic link as the output folder, which a build would replace with a folder', async () => {
    const target = path.join(work, 'real-public');
    await fs.mkdir(target);
    const link = path.join(work, 'public');
    await fs.symlink(target, link);
    expect((await refused(link))[0]?.message).toContain(`it is a symbolic link (to ${target}), which a build would replace with a folder`);
    expect((await fs.lstat(link)).isSymbolicLink()).toBe(true);
  });

  it('refuses a folder made in place of its own output (same path, another folder) once it holds anything the build did not write', async () => {
    const out = path.join(work, 'public');
    await build({ root: site, outDir: out, now: NOW, workers: 0 });
    await fs.rename(out, path.join(work, 'moved'));
    await fs.cp(path.join(work, 'moved'), out, { recursive: true });
    await fs.mkdir(path.join(out, '2024', 'notes'));
    const [problem] = await refused(out);
    expect(problem?.code).toBe('output/not-ours');
    expect(problem?.message).toContain('holds 1 entry (2024/notes) that no build wrote');
    // The copy holding only what the build wrote is the site's output again (as a restored CI cache is).
    await fs.rmdir(path.join(out, '2024', 'notes'));
    expect((await build({ root: site, outDir: out, now: NOW, workers: 0 })).files).toContain('index.html');
  });
});

describe('folders a build may use', () => {
  it('builds into a missing folder, an empty folder, and again into its own output without a flag', async () => {
    const missing = path.join(work, 'new', 'public');
    const empty = path.join(work, 'empty');
    await fs.mkdir(empty);
    for (const out of [missing, empty, missing, empty]) {
      const result = await build({ root: site, outDir: out, now: NOW, workers: 0 });
      expect(result.files).toContain('index.html');
      expect(await exists(path.join(out, 'index.html'))).toBe(true);
    }
  });

  it('rebuilds the default _site after the record was lost, from the previous build’s manifest', async () => {
    await build({ root: site, now: NOW, workers: 0 });
    const cache = path.join(site, 'node_modules', '.cache', 'sectorpress');
    for (const name of await fs.readdir(cache)) if (name.startsWith('out-folder-')) await fs.rm(path.join(cache, name));
    const result = await build({ root: site, now: NOW, workers: 0 });
    expect(result.files).toContain('index.html');
  });

  it('refuses _site once the whole cache is gone (node_modules deleted), until built once with replaceOutDir', async () => {
    await build({ root: site, now: NOW, workers: 0 });
    await fs.rm(path.join(site, 'node_modules'), { recursive: true });
    const problems = await refused(path.join(site, '_site'));
    expect(problems[0]?.code).toBe('output/not-ours');
    expect(problems[0]?.file).toBe('_site');
    await build({ root: site, now: NOW, workers: 0, replaceOutDir: true });
    await build({ root: site, now: NOW, workers: 0 });
  });

  it('refuses another site’s output folder (its record is in the other site’s cache)', async () => {
    const out = path.join(work, 'public');
    await build({ root: site, outDir: out, now: NOW, workers: 0 });
    const other = await copyFixture('cli-small');
    expect((await refused(out, { root: other }))[0]?.code).toBe('output/not-ours');
  });
});
