// A site built without `url` gets localhost in its canonical links and feeds: say so, once, at the config.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { runCliCaptured } from '../support/run-cli.js';
import { copyFixture } from '../support/site-folder.js';

const NOW = '2024-07-01T12:00:00Z';

async function siteWithoutUrl(): Promise<string> {
  const site = await copyFixture('cli-small');
  await fs.writeFile(path.join(site, 'sectorpress.config.json'), '{\n  "title": "Small blog"\n}\n');
  return site;
}

describe('a build without url', () => {
  it('warns once, at the config file, and says how to set it', async () => {
    const site = await siteWithoutUrl();
    const run = await runCliCaptured(['build', site, '--now', NOW]);
    expect(run.code).toBe(0);
    const warnings = run.stderr.split('\n').filter((line) => line.includes('warning:'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^sectorpress\.config\.json warning: .*"url".*http:\/\/localhost:8080\//);
    expect(run.stderr).toMatch(/→ .*url: 'https:\/\/.*--base-url/);
    // What it warns about is really there.
    const feed = await fs.readFile(path.join(site, '_site', 'feed.xml'), 'utf8');
    expect(feed).toContain('http://localhost:8080/');
  });

  it('warns once when the site has no config file, naming the file to create', async () => {
    const site = await siteWithoutUrl();
    await fs.rm(path.join(site, 'sectorpress.config.json'));
    const result = await build({ root: site, now: NOW });
    const noUrl = result.problems.filter((problem) => problem.code === 'config/no-url');
    expect(noUrl).toHaveLength(1);
    expect(noUrl[0]?.hint).toContain('sectorpress.config.ts');
  });

  it('is silent when --base-url or the config gives the address', async () => {
    const site = await siteWithoutUrl();
    const flagged = await runCliCaptured(['build', site, '--now', NOW, '--base-url', 'https://small.example.org']);
    expect(flagged.stderr).toBe('');
    const configured = await build({ root: site, now: NOW, config: { url: 'https://small.example.org' } });
    expect(configured.problems).toEqual([]);
  });
});
