// Issue #26 finding 11: on a multilingual site, data/redirects.yml is site-wide (it applies to every
// language; a `to` may be a page in any language) and every language's own old addresses are redirected.
// The bilingual fixture is built for real and its rules files and redirect pages are read back.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { parseNetlify } from '../support/redirect-rules.js';
import { copyFixture, exists, readText } from '../support/site-folder.js';

let outDir: string;

beforeAll(async () => {
  const root = await copyFixture('bilingual-redirects');
  outDir = path.join(root, '_site');
  await build({ root, outDir, now: '2026-01-01T00:00:00Z', cache: false, workers: 0 });
}, 60_000);

describe('redirects of a bilingual site', () => {
  it('writes every redirect of data/redirects.yml and of both languages’ posts into _redirects', async () => {
    const rules = parseNetlify(await readText(outDir, '_redirects')).map((rule) => [rule.from, ...rule.conditions, rule.to].join(' '));
    expect(rules.sort()).toEqual(
      [
        '/ page_id=7 /cy/amdanom/',
        '/about-us/ /about/',
        '/cy/amdanom-ni/ /cy/amdanom/',
        '/old-consultation/ https://consult.example.gov.uk/family/',
        '/archives/12/ /2025/03/open-day/',
        '/cy/archifau/12/ /cy/2025/03/diwrnod-agored/',
      ].sort(),
    );
  });

  it('writes a redirect page at each old path, leading to the page in its language', async () => {
    for (const [file, to] of [
      ['about-us/index.html', '/about/'],
      ['cy/amdanom-ni/index.html', '/cy/amdanom/'],
      ['cy/archifau/12/index.html', '/cy/2025/03/diwrnod-agored/'],
    ] as const) {
      expect(await exists(path.join(outDir, file)), file).toBe(true);
      expect(/<meta http-equiv="refresh" content="0; url=([^"]*)">/.exec(await readText(outDir, file))?.[1], file).toBe(to);
    }
  });

  it('writes the old query addresses into redirect-query.js', async () => {
    expect(await readText(outDir, 'redirect-query.js')).toContain('page_id=7');
  });
});
