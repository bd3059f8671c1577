// Usage mistakes are answered in sectorpress's words, and every command explains itself with --help.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../support/run-cli.js';
import { copyFixture, repoRoot } from '../support/site-folder.js';

describe('unknown and malformed flags', () => {
  it('names an unknown flag and the nearest known one, without Node parser jargon', async () => {
    const run = await runCliCaptured(['build', '.', '--drafs']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Unknown flag --drafs. Did you mean --drafts?');
    expect(run.stderr).not.toMatch(/positional argument|'--'/);
    expect(run.stderr).toContain('Usage: sectorpress build');
  });

  it('suggests nothing when no flag is near, and works for every command', async () => {
    const run = await runCliCaptured(['dev', '--zzzzzz']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Unknown flag --zzzzzz.');
    expect(run.stderr).not.toContain('Did you mean');
    expect((await runCliCaptured(['new', 'post', 'T', '--athor', 'sam'])).stderr).toContain('Did you mean --author?');
  });

  it('says a flag needs a value, or takes none', async () => {
    expect((await runCliCaptured(['build', '--out'])).stderr).toContain('--out needs a value');
    expect((await runCliCaptured(['build', '--drafts=yes'])).stderr).toContain('--drafts takes no value');
  });

  it('suggests the nearest command for a misspelt one', async () => {
    const run = await runCliCaptured(['biuld']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Unknown command "biuld". Did you mean "build"?');
  });
});

describe('help and version', () => {
  it.each([
    [['build', '--help'], 'Usage: sectorpress build'],
    [['dev', '--help'], 'Usage: sectorpress dev'],
    [['serve', '--help'], 'Usage: sectorpress serve'],
    [['check', '--help'], 'Usage: sectorpress check'],
    [['clean', '-h'], 'Usage: sectorpress clean'],
    [['theme', '--help'], 'Usage: sectorpress theme'],
    [['new', '--help'], 'Usage: sectorpress new post'],
    [['new', '-h'], 'Usage: sectorpress new site'],
    [['new', 'post', '--help'], 'Usage: sectorpress new post'],
    [['new', 'site', '--help'], 'Usage: sectorpress new site'],
  ])('sectorpress %s prints its help and exits 0', async (args, expected) => {
    const run = await runCliCaptured(args);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(expected);
    expect(run.code).toBe(0);
  });

  it('lists --version in the top-level help, and --version prints the package version', async () => {
    const help = await runCliCaptured(['--help']);
    expect(help.stdout).toMatch(/^\s+-v, --version\s/m);
    expect(help.stdout).toMatch(/^\s+serve \[dir\]/m);
    const manifest = JSON.parse(await fs.readFile(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) {
      const run = await runCliCaptured([flag]);
      expect(run.stdout).toBe(manifest.version);
      expect(run.code).toBe(0);
    }
  });
});

describe('new post --author', () => {
  it('refuses an unknown author key, suggesting the nearest, and writes nothing', async () => {
    const site = await copyFixture('cli-small');
    const run = await runCliCaptured(['new', 'post', 'A title', '--author', 'sma', '--dir', site, '--now', '2024-07-01T12:00:00Z']);
    expect(run.stderr).toContain('Unknown author "sma"');
    expect(run.stderr).toContain('Did you mean "sam"?');
    expect(run.code).toBe(1);
    expect(await fs.readdir(path.join(site, 'posts'))).toEqual(['2024-05-01-first-post.md', '2024-06-01-second-post.md']);
  });

  it('accepts a known author key', async () => {
    const site = await copyFixture('cli-small');
    const run = await runCliCaptured(['new', 'post', 'A title', '--author', 'sam', '--dir', site, '--now', '2024-07-01T12:00:00Z']);
    expect(run.code).toBe(0);
    expect(await fs.readFile(path.join(site, 'posts', '2024-07-01-a-title.md'), 'utf8')).toContain('author: sam');
  });
});
