/** Build a small site that must fail, for tests of build errors. */
import path from 'node:path';
import { expect } from 'vitest';
import { build } from '../../src/build.js';
import { BuildFailedError, formatProblem } from '../../src/shared/errors.js';
import { writeSite } from '../content/temp-site.js';
import { exists } from './site-folder.js';

/**
 * Build a site of `files` (with a config and an about page unless given) that must fail: each error's first
 * line (`file:line:col error: … [code]`), each error in full (with its hint), and whether output was written.
 */
export async function failingBuild(files: Record<string, string>): Promise<{ errors: string[]; messages: string[]; wrote: boolean }> {
  const root = await writeSite({ 'sectorpress.config.json': JSON.stringify({ title: 'T', url: 'https://t.example.org' }), 'pages/about.md': '---\ntitle: About\n---\nAbout.\n', ...files });
  const outDir = path.join(root, '_site');
  const failure = await build({ root, outDir, now: '2026-01-01T00:00:00Z', cache: false, workers: 0 }).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(failure).toBeInstanceOf(BuildFailedError);
  const messages = (failure as BuildFailedError).problems.filter((problem) => problem.severity === 'error').map((problem) => formatProblem(problem));
  return { errors: messages.map((message) => message.split('\n')[0] ?? ''), messages, wrote: await exists(outDir) };
}
