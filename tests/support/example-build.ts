/** Build the example site once per test file into a temp folder (from a copy, so no cache lands in the repo). */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build, type BuildResult } from '../../src/build.js';
import { repoRoot } from './site-folder.js';

export const EXAMPLE_NOW = '2026-11-22T12:00:00Z';

export async function copyExample(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-example-'));
  await fs.cp(path.join(repoRoot, 'examples', 'children-services-blog'), dir, {
    recursive: true,
    filter: (source) => !/[/\\](_site|node_modules)$/.test(source),
  });
  return dir;
}

export async function buildExample(): Promise<BuildResult> {
  const root = await copyExample();
  return build({ root, now: EXAMPLE_NOW, cache: false });
}
