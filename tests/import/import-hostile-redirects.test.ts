// Issue #26 finding 3, the importer's side: a hostile export's old links and tag names (a line break,
// spaces and a second rule in them, raw or percent-encoded) never reach the site's redirects. The site
// imports, builds, and its `_redirects` holds exactly the redirects of the harmless old addresses.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildImported, freshSitePath } from '../support/import-site.js';
import { parseNetlify } from '../support/redirect-rules.js';
import { runCliCaptured } from '../support/run-cli.js';
import { readText, readTree } from '../support/site-folder.js';
import { WXR_SITE, writeExport } from '../support/wxr-export.js';

const RULE = '/* https://evil.example/ 200!';
const ENCODED_RULE = '%2F*%20https:%2F%2Fevil.example%2F%20200!';

describe('import wordpress of an export whose old addresses carry extra redirect rules', () => {
  it('writes none of them, reports them, and the site builds with only the harmless redirects', async () => {
    const file = await writeExport([
      { id: 11, title: 'Raw', link: `${WXR_SITE}/raw\n${RULE}`, content: '<p>One.</p>' },
      { id: 12, title: 'Encoded', link: `${WXR_SITE}/enc%0A${ENCODED_RULE}/`, content: '<p>Two.</p>' },
      {
        id: 13,
        title: 'Tagged',
        link: `${WXR_SITE}/our%20plan.html`,
        content: '<p>Three.</p>',
        terms: [
          ['post_tag', `news%0A${ENCODED_RULE}`, 'News'],
          ['post_tag', 'events', 'Events'],
        ],
      },
    ]);
    const site = await freshSitePath();
    const imported = await runCliCaptured(['import', 'wordpress', file, '--out', site]);
    expect(imported.code).toBe(0);

    // Every old address written (front matter and data/redirects.yml) is one line without whitespace or control characters.
    const written = [...(await readTree(site))]
      .filter(([name]) => name.endsWith('.md') || name === 'data/redirects.yml')
      .flatMap(([, bytes]) => [...bytes.toString('utf8').matchAll(/^\s*-\s+(?:from:\s+)?(\/.*)$/gm)].map((match) => match[1] ?? ''));
    expect(written.length).toBeGreaterThan(5);
    for (const address of written) expect(decodeURIComponent(address)).not.toMatch(/[\n\r\t\0]/);
    // The two whose line break survives the URL parser are reported and left out.
    const report = await readText(site, 'import-report.md');
    expect(report).toMatch(/old address "\/enc%0A.*cannot be redirected/);
    expect(report).toMatch(/old address "\/tag\/news%0A.*was not redirected/);
    expect(written.join('\n')).not.toContain('%0A');

    const built = await buildImported(site);
    expect(built.stderr).not.toMatch(/error/);
    expect(built.code).toBe(0);
    const rules = parseNetlify(await fs.readFile(path.join(site, '_site', '_redirects'), 'utf8'));
    // One rule per redirect the build planned: nothing split, nothing added.
    expect(rules.every((rule) => rule.status === '301!' && !rule.to.includes('evil') && rule.conditions.every((pair) => /^[a-z_]+=[\w-]+$/.test(pair)))).toBe(true);
    // The harmless old addresses are all still redirected: the link with an encoded space, `?p=`, the tags.
    expect(rules.map((rule) => [rule.from, ...rule.conditions].join(' '))).toEqual(expect.arrayContaining(['/our%20plan.html', '/ p=11', '/ p=12', '/ p=13', '/tag/events/feed/']));
  });

  it('from a feed: old links with an encoded line break are not redirected, and the site builds', async () => {
    const feed = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'sp-feed-')), 'feed.xml');
    const item = (slug: string, link: string): string =>
      `<item><title>${slug}</title><link>${link}</link><guid isPermaLink="false">${slug}</guid><pubDate>Wed, 04 Mar 2020 10:00:00 GMT</pubDate><description>Text.</description></item>`;
    await fs.writeFile(
      feed,
      `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>${WXR_SITE}/</link>${item('one', `${WXR_SITE}/one%0A${ENCODED_RULE}/`)}${item('two', `${WXR_SITE}/2020/two.html`)}</channel></rss>`,
    );
    const site = await freshSitePath();
    expect((await runCliCaptured(['import', 'feed', feed, '--out', site])).code).toBe(0);
    const written = [...(await readTree(site))].filter(([name]) => name.endsWith('.md') && name !== 'import-report.md').map(([, bytes]) => bytes.toString());
    expect(written.join('\n')).not.toContain('%0A');
    expect(written.join('\n')).toContain('/2020/two.html');
    const built = await buildImported(site);
    expect(built.code).toBe(0);
    const rules = parseNetlify(await fs.readFile(path.join(site, '_site', '_redirects'), 'utf8'));
    expect(rules.map((rule) => rule.from)).toEqual(['/2020/two.html']);
  });
});
