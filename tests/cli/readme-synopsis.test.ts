// The README is where a newcomer looks first: its command synopsis lists every flag each command's --help lists,
// and its documentation index links every page of docs/.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../support/run-cli.js';
import { repoRoot } from '../support/site-folder.js';

const readme = (): Promise<string> => fs.readFile(path.join(repoRoot, 'README.md'), 'utf8');

/** The README's `sectorpress …` synopsis lines for `command` (e.g. `new post`, `import`). */
function synopsisOf(text: string, command: string): string {
  const block = /## Command line\n+```\n([\s\S]*?)```/.exec(text)?.[1] ?? '';
  return block
    .split('\n')
    .filter((line) => line.startsWith(`sectorpress ${command} `) || line === `sectorpress ${command}`)
    .join('\n');
}

/** Every long flag an Options list of a help text names, but --help. */
function flagsOf(help: string): string[] {
  return [...help.matchAll(/^\s+(?:-\w, )?(--[a-z][a-z-]*)/gm)].map((match) => match[1] ?? '').filter((flag) => flag !== '--help');
}

describe('the README', () => {
  it.each([['build'], ['dev'], ['serve'], ['check'], ['clean'], ['theme'], ['new post'], ['new site'], ['import']])('names every flag `sectorpress %s --help` lists', async (command) => {
    const help = await runCliCaptured([...command.split(' '), '--help']);
    expect(help.code).toBe(0);
    const synopsis = synopsisOf(await readme(), command);
    expect(synopsis, `no synopsis line for ${command}`).not.toBe('');
    const missing = flagsOf(help.stdout).filter((flag) => !new RegExp(`${flag}\\b(?!-)`).test(synopsis));
    expect(missing).toEqual([]);
  });

  it('links every page of docs/ from its documentation index', async () => {
    const text = await readme();
    const index = text.slice(text.indexOf('## Documentation'));
    const pages = (await fs.readdir(path.join(repoRoot, 'docs'))).filter((name) => name.endsWith('.md'));
    expect(pages.length).toBeGreaterThan(10);
    expect(pages.filter((name) => !index.includes(`](docs/${name})`))).toEqual([]);
  });
});
