// Which old addresses a post keeps as its permalink, and which become redirects.
import { describe, expect, it } from 'vitest';
import { oldSitePath, usablePermalink } from '../../src/import/old-urls.js';

describe('old addresses', () => {
  it('takes the path of a link on the old site, without the blog’s own path', () => {
    expect(oldSitePath('https://x.example.org/news/2019/05/a/', 'https://x.example.org/news')).toBe('/2019/05/a/');
    expect(oldSitePath('http://www.x.example.org/?p=5', 'https://x.example.org')).toBe('/?p=5');
    expect(oldSitePath('https://elsewhere.example.com/2019/05/a/', 'https://x.example.org')).toBeUndefined();
    expect(oldSitePath('https://x.example.org/other/a/', 'https://x.example.org/news')).toBeUndefined();
  });

  it('keeps clean paths as permalinks (decoded), and not query addresses, file names or unsafe paths', () => {
    expect(usablePermalink('/2019/05/12/a-year-on/')).toBe('/2019/05/12/a-year-on/');
    expect(usablePermalink('/2019/05/caf%C3%A9/')).toBe('/2019/05/café/');
    expect(usablePermalink('/2019/05/12/no-slash')).toBe('/2019/05/12/no-slash/');
    expect(usablePermalink('/?p=5')).toBeUndefined();
    expect(usablePermalink('/archives/5.html')).toBeUndefined();
    expect(usablePermalink('/.well-known/x/')).toBeUndefined();
    expect(usablePermalink('/')).toBeUndefined();
  });
});
