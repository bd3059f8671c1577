import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkUrlPath, outputPathForUrl, renderPermalink } from '../../src/shared/permalink.js';

const runs = Number(process.env.FUZZ_RUNS ?? 200);

describe('renderPermalink', () => {
  it('fills the default post pattern with two-digit months', () => {
    expect(renderPermalink('/:year/:month/:slug/', { year: '2019', month: '04', slug: 'a-new-year' })).toBe('/2019/04/a-new-year/');
  });

  it('adds the slashes a user forgot', () => {
    expect(renderPermalink('news/:slug', { slug: 'x' })).toBe('/news/x/');
  });
});

describe('checkUrlPath', () => {
  it.each([
    ['/../etc/passwd/', '..'],
    ['/a/%2e%2e/b/', '..'],
    ['/a/%2E%2E/b/', '..'],
    ['/a\\b/', 'backslash'],
    ['/a/%5c/', 'backslash'],
    ['/a\0/', 'NUL'],
    ['/a/%00/', 'NUL'],
    ['https://evil.example/', 'absolute'],
    ['//evil.example/x/', 'absolute'],
    ['/a/%zz/', 'malformed'],
  ])('rejects %s', (url, reason) => {
    expect(checkUrlPath(url)).toContain(reason);
  });

  it('accepts ordinary paths', () => {
    expect(checkUrlPath('/2024/07/childrens-services-update/')).toBeUndefined();
    expect(checkUrlPath('/404.html')).toBeUndefined();
  });

  it('never lets an accepted path resolve outside the output folder (property)', () => {
    const segment = fc.oneof(fc.constantFrom('..', '.', '%2e%2e', '%2E.', '\\', '%5c', '%00', 'a', 'b c', 'ü'), fc.string({ maxLength: 6 }));
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 6 }), (segments) => {
        const url = `/${segments.join('/')}/`;
        if (checkUrlPath(url) !== undefined) return;
        const out = '/srv/out';
        const target = path.posix.resolve(out, outputPathForUrl(url));
        expect(target.startsWith(`${out}/`)).toBe(true);
      }),
      { numRuns: runs },
    );
  });
});

describe('outputPathForUrl', () => {
  it('maps pretty URLs to index files', () => {
    expect(outputPathForUrl('/')).toBe('index.html');
    expect(outputPathForUrl('/tag/ofsted/page/2/')).toBe('tag/ofsted/page/2/index.html');
    expect(outputPathForUrl('/404.html')).toBe('404.html');
  });
});
