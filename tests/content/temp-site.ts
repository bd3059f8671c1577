/** Test helpers for the load stage: write a small site into a temp folder and read it. */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/load-config.js';
import type { Config } from '../../src/config/types.js';
import { loadContent } from '../../src/content/load-content.js';
import { readEntries } from '../../src/content/read-entries.js';
import type { Problem } from '../../src/shared/errors.js';

/** Write `files` (posix relative path → text or bytes) into a fresh temp folder. */
export async function writeSite(files: Record<string, string | Uint8Array>): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-content-'));
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(root, ...relative.split('/'));
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, content);
  }
  return root;
}

export async function configFor(root: string): Promise<Config> {
  const { value, problems } = await loadConfig(root, {});
  if (problems.some((problem) => problem.severity === 'error')) throw new Error(JSON.stringify(problems));
  return value;
}

/** Load and read a site's entries; every problem from both stages. */
export async function readSite(root: string) {
  const config = await configFor(root);
  const sources = await loadContent(config);
  const entries = readEntries(sources.value, config);
  return { config, sources: sources.value, entries: entries.value, problems: [...sources.problems, ...entries.problems] };
}

export function errorsIn(problems: readonly Problem[], file: string): Problem[] {
  return problems.filter((problem) => problem.file === file && problem.severity === 'error');
}
