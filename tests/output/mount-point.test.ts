// An output folder that is a mount point (a Docker volume, a bind mount) cannot be renamed, so
// the atomic swap fails with EBUSY. A real bind mount (root only; skipped elsewhere): an empty
// one, or one a build made, is written in place; anything else gets a message saying what it is.
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import type { BuildFailedError } from '../../src/shared/errors.js';
import { writeOutput } from '../../src/output/write-output.js';
import { copyFixture, readTree } from '../support/site-folder.js';

const NOW = '2024-07-01T12:00:00Z';

function tryMount(from: string, to: string): boolean {
  try {
    execFileSync('mount', ['--bind', from, to], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const isRoot = process.getuid?.() === 0;
let work: string;
let backing: string;
let out: string;
let mounted = false;

beforeEach(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-mount-'));
  backing = path.join(work, 'volume');
  out = path.join(work, 'public');
  await fs.mkdir(backing);
  await fs.mkdir(out);
  mounted = isRoot && tryMount(backing, out);
});

afterEach(() => {
  if (mounted) execFileSync('umount', [out]);
});

describe.skipIf(!isRoot)('an output folder that is a mount point', () => {
  it('is written in place when empty, and again once the build made it', async (context) => {
    if (!mounted) context.skip();
    const site = await copyFixture('cli-small');
    const first = await build({ root: site, outDir: out, now: NOW, workers: 0 });
    expect(first.files).toContain('index.html');
    expect([...(await readTree(backing)).keys()]).toEqual(first.files);
    await fs.writeFile(path.join(site, 'posts', '2024-06-20-third.md'), '---\ntitle: A third post\n---\n\nNew.\n');
    const second = await build({ root: site, outDir: out, now: NOW, workers: 0 });
    expect(second.files).toContain('2024/06/third/index.html');
    expect([...(await readTree(backing)).keys()]).toEqual(second.files);
    expect((await fs.readdir(work)).sort()).toEqual(['public', 'volume']);
  });

  it('is refused when it holds someone else’s files, which stay', async (context) => {
    if (!mounted) context.skip();
    const site = await copyFixture('cli-small');
    await fs.writeFile(path.join(backing, 'backup.tar'), 'precious');
    const error = await build({ root: site, outDir: out, now: NOW, workers: 0 }).catch((failure: unknown) => failure);
    expect((error as BuildFailedError).problems[0]?.code).toBe('output/not-ours');
    expect(await fs.readFile(path.join(backing, 'backup.tar'), 'utf8')).toBe('precious');
  });

  it('says it is a mount point, not a disk-space problem, when it may not be written in place', async (context) => {
    if (!mounted) context.skip();
    await fs.writeFile(path.join(backing, 'index.html'), 'previous');
    const result = await writeOutput(out, [{ path: 'index.html', contents: 'new' }]);
    expect(result.problems[0]?.code).toBe('output/mount-point');
    expect(result.problems[0]?.message).toMatch(/it is a mount point .*cannot be swapped .*previous output is unchanged/);
    expect(result.problems[0]?.hint).not.toMatch(/disk space/);
    expect(await fs.readFile(path.join(backing, 'index.html'), 'utf8')).toBe('previous');
  });
});
