// The folder a watcher keeps against a clean `build()` of the same options into another folder.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { build, type BuildOptions } from '../../src/build.js';
import { readTree } from './site-folder.js';

/** `outDir` holds, byte for byte, what a clean build (no caches) of `options` writes; `when` names the step. Set DEBUG_PARITY to print differing lines. */
export async function expectSameAsCleanBuild(options: BuildOptions, outDir: string, when: string): Promise<void> {
  const clean = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'sp-parity-clean-')), 'site');
  await build({ ...options, outDir: clean, cache: false });
  const [expected, actual] = await Promise.all([readTree(clean), readTree(outDir)]);
  expect([...actual.keys()], when).toEqual([...expected.keys()]);
  for (const [file, bytes] of expected) {
    if (process.env.DEBUG_PARITY && !actual.get(file)?.equals(bytes)) {
      const a = actual.get(file)?.toString().split('\n') ?? [];
      const b = bytes.toString().split('\n');
      console.log(
        file,
        b
          .map((line, i) => (line === a[i] ? '' : `-${a[i]}\n+${line}`))
          .filter(Boolean)
          .slice(0, 6)
          .join('\n'),
      );
    }
    expect(actual.get(file)?.equals(bytes), `${file} ${when}`).toBe(true);
  }
  await fs.rm(path.dirname(clean), { recursive: true, force: true });
}
