// The `sectorpress import` command line: usage errors, and `import feed` reaching importFeed.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildImported, freshSitePath } from '../support/import-site.js';
import { runCliCaptured } from '../support/run-cli.js';
import { exists, fixturePath } from '../support/site-folder.js';

const EXPORT = path.join(fixturePath('wxr-council'), 'export.xml');

describe('sectorpress import: usage', () => {
  it('lists import in the main help and has its own', async () => {
    expect((await runCliCaptured(['--help'])).stdout).toContain('import wordpress|feed');
    const help = await runCliCaptured(['import', 'wordpress', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--categories');
  });

  it.each([
    [['import'], /wordpress or feed/],
    [['import', 'blogger', 'x.xml'], /Unknown import source "blogger"/],
    [['import', 'wordpress', EXPORT], /--out DIR/],
    [['import', 'wordpress', '--out', 'x'], /Give the WordPress export/],
    [['import', 'wordpress', EXPORT, '--out', 'x', '--time-zone', 'Mars/Olympus'], /Unknown time zone/],
    [['import', 'wordpress', EXPORT, '--out', 'x', '--categories', 'both'], /--categories is tags or separate/],
  ])('%j is a usage error (exit 2)', async (args, message) => {
    const run = await runCliCaptured(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});

describe('sectorpress import wordpress --categories separate', () => {
  it('writes categories as their own list, not as tags', async () => {
    const site = await freshSitePath();
    expect((await runCliCaptured(['import', 'wordpress', EXPORT, '--out', site, '--categories', 'separate'])).code).toBe(0);
    const post = await fs.readFile(path.join(site, 'posts', '2019-05-12-a-year-on.md'), 'utf8');
    expect(post).toMatch(/^categories:\n {2}- Children's services\n {2}- SEND & inclusion$/m);
    expect(post).toMatch(/^tags:\n {2}- Ofsted$/m);
    // Old category addresses then lead to the home page, which exists: the site builds.
    const built = await buildImported(site);
    expect(built.stderr).not.toMatch(/error/);
    expect(built.code).toBe(0);
  });
});

describe('sectorpress import feed', () => {
  it('imports an RSS file into a site folder', async () => {
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-feed-'));
    const feed = path.join(folder, 'feed.xml');
    await fs.writeFile(
      feed,
      '<?xml version="1.0"?><rss version="2.0"><channel><title>Parish news</title><link>https://parish.example.org/</link><description>News</description>' +
        '<item><title>Litter pick on Saturday</title><link>https://parish.example.org/2024/03/litter-pick/</link><guid>https://parish.example.org/?p=9</guid>' +
        '<pubDate>Tue, 05 Mar 2024 09:00:00 GMT</pubDate><description>&lt;p&gt;Meet at the green.&lt;/p&gt;</description></item></channel></rss>',
    );
    const site = await freshSitePath();
    const run = await runCliCaptured(['import', 'feed', feed, '--out', site]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Imported 1 post');
    const posts = await fs.readdir(path.join(site, 'posts'));
    expect(await fs.readFile(path.join(site, 'posts', posts[0] ?? ''), 'utf8')).toContain('Litter pick on Saturday');
  });

  it('a feed that is not XML: exit 1, nothing written', async () => {
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-feed-'));
    const feed = path.join(folder, 'feed.xml');
    await fs.writeFile(feed, '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>A');
    const site = await freshSitePath();
    const run = await runCliCaptured(['import', 'feed', feed, '--out', site]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Nothing was written.');
    expect(await exists(site)).toBe(false);
  });
});
