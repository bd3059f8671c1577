// Real builds of the blog-basic fixture into temp folders: a warm build with nothing to do leaves
// the output folder alone, an edit replaces only the files whose bytes change, and the result is
// always the same as a clean `--no-cache` build, files and folders alike.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { build, BuildFailedError } from '../../src/index.js';
import { copyFixture, readTree } from '../support/site-folder.js';

const NOW = '2025-01-01T12:00:00Z';
const POST = 'posts/2024-09-05-workforce.md';

let root: string;
let out: string;
let cleans = 0;

beforeEach(async () => {
  root = await copyFixture('blog-basic');
  out = path.join(root, 'out', 'site');
});

/** Each output entry (files and folders) with what any rewrite of it would change. */
async function stamps(dir: string): Promise<Map<string, string>> {
  const result = new Map<string, string>([['.', String((await fs.stat(dir)).ino)]]);
  for (const entry of await fs.readdir(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    const stat = await fs.lstat(full);
    result.set(path.relative(dir, full).split(path.sep).join('/'), `${stat.ino}:${stat.mtimeMs}:${stat.ctimeMs}:${stat.nlink}`);
  }
  return result;
}

/** The folders of an output tree. */
async function folders(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/** A clean build of the site as it now is, with no caches, into a folder of its own. */
async function cleanBuild(): Promise<string> {
  const clean = path.join(root, 'out', `clean-${(cleans += 1)}`);
  await build({ root, outDir: clean, now: NOW, cache: false });
  return clean;
}

async function expectSameAsClean(): Promise<void> {
  const clean = await cleanBuild();
  const [got, expected] = await Promise.all([readTree(out), readTree(clean)]);
  expect([...got.keys()]).toEqual([...expected.keys()]);
  for (const [file, bytes] of expected) expect(got.get(file)?.equals(bytes), file).toBe(true);
  expect(await folders(out)).toEqual(await folders(clean));
}

async function edit(file: string, change: (text: string) => string): Promise<void> {
  const full = path.join(root, file);
  await fs.writeFile(full, change(await fs.readFile(full, 'utf8')));
}

describe('a warm build into the output folder it wrote', () => {
  it('changes nothing in the output folder when nothing changed: no file or folder is rewritten, relinked or replaced', async () => {
    await build({ root, outDir: out, now: NOW });
    const before = await stamps(out);
    const again = await build({ root, outDir: out, now: NOW });
    expect(again.changed).toBe(0);
    expect(await stamps(out)).toEqual(before);
    expect((await fs.readdir(path.dirname(out))).filter((name) => name.startsWith('.site.'))).toEqual([]);
  });

  it('after a one-post edit replaces exactly the files whose bytes changed, and leaves every other one as it was', async () => {
    await build({ root, outDir: out, now: NOW });
    const oldClean = await readTree(await cleanBuild());
    const before = await stamps(out);
    await edit(POST, (text) => `${text}\nA later paragraph added by the test.\n`);
    const newClean = await readTree(await cleanBuild());
    const differing = [...newClean.keys()].filter((file) => !oldClean.get(file)?.equals(newClean.get(file) as Buffer));
    expect(differing.length).toBeGreaterThan(0);
    const result = await build({ root, outDir: out, now: NOW });
    expect(result.changed).toBe(differing.length);
    const after = await stamps(out);
    expect(after.get('.')).toBe(before.get('.'));
    for (const file of newClean.keys()) {
      if (differing.includes(file)) expect(after.get(file), file).not.toBe(before.get(file));
      else expect(after.get(file), file).toBe(before.get(file));
    }
    await expectSameAsClean();
  });

  it('stays identical to a clean build, folders included, when posts are removed, added and renamed', async () => {
    await build({ root, outDir: out, now: NOW });
    await fs.rm(path.join(root, 'posts', '2024-08-20-fostering-fortnight.md'));
    await build({ root, outDir: out, now: NOW });
    await expectSameAsClean();
    await fs.writeFile(path.join(root, 'posts', '2024-12-01-a-new-post.md'), '---\ntitle: "A post added by the test"\ntags: ["Brand new tag"]\n---\n\nIts only paragraph.\n');
    await build({ root, outDir: out, now: NOW });
    await expectSameAsClean();
    await fs.rename(path.join(root, 'posts', '2024-12-01-a-new-post.md'), path.join(root, 'posts', '2024-12-02-renamed-post.md'));
    await build({ root, outDir: out, now: NOW });
    await expectSameAsClean();
  });

  it('removes a file added by hand deep in the output, as a clean build would not have it', async () => {
    await build({ root, outDir: out, now: NOW });
    const folder = (await folders(out)).find((dir) => dir.includes('/')) as string;
    await fs.writeFile(path.join(out, folder, 'added-by-hand.html'), '<p>not from the build</p>');
    await build({ root, outDir: out, now: NOW });
    await expectSameAsClean();
  });
});

describe('a build that fails after its pages were streamed to the staging folder', () => {
  it('leaves the previous output exactly as it was and no staging folder beside it', async () => {
    await build({ root, outDir: out, now: NOW });
    const before = await stamps(out);
    const tree = await readTree(out);
    // A static file claiming the feed's path: refused by the output check, after every page rendered.
    await fs.mkdir(path.join(root, 'static'), { recursive: true });
    await fs.writeFile(path.join(root, 'static', 'feed.xml'), '<rss/>');
    await edit(POST, (text) => `${text}\nA paragraph that never reaches the output.\n`);
    const failed = await build({ root, outDir: out, now: NOW }).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(BuildFailedError);
    expect((failed as BuildFailedError).problems.map((problem) => problem.code)).toContain('output/collision');
    expect(await stamps(out)).toEqual(before);
    const after = await readTree(out);
    for (const [file, bytes] of tree) expect(after.get(file)?.equals(bytes), file).toBe(true);
    expect((await fs.readdir(path.dirname(out))).sort()).toEqual(['site']);
  });
});
