// sitemap.xml against the real route plan of a small site, and robots.txt.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { renderRobots, renderSitemap } from '../../src/feeds/render-sitemap.js';
import { planRoutes } from '../../src/routes/plan-routes.js';
import { makeSite } from '../support/make-site.js';

interface UrlSet {
  urlset: { url: { loc: string; lastmod: string }[] };
}

describe('renderSitemap', () => {
  const site = makeSite();
  const routes = planRoutes(site).value;
  const xml = renderSitemap(site, routes);
  const urls = (new XMLParser({ isArray: (name) => name === 'url' }).parse(xml) as UrlSet).urlset.url;
  const lastmod = (loc: string): string | undefined => urls.find((url) => url.loc === loc)?.lastmod;

  it('lists every HTML page but the 404 and the search page, absolute', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(urls.length).toBe(routes.length - 2);
    expect(urls.map((url) => url.loc)).not.toContain('https://blog.example.org/404.html');
    expect(urls.map((url) => url.loc)).not.toContain('https://blog.example.org/search/');
    for (const url of ['/', '/2024/04/what-ofsted-told-us/', '/tag/ofsted/', '/tags/', '/author/jo-bloggs/', '/2023/', '/2024/04/', '/events/', '/events/regional-conference/', '/about/']) {
      expect(urls.map((entry) => entry.loc)).toContain(`https://blog.example.org${url}`);
    }
  });

  it('dates each page by the newest change it shows', () => {
    expect(lastmod('https://blog.example.org/2024/04/what-ofsted-told-us/')).toBe('2024-04-10T10:00:00.000Z');
    expect(lastmod('https://blog.example.org/2023/11/winter-pressures/')).toBe('2023-11-20T00:00:00.000Z');
    expect(lastmod('https://blog.example.org/')).toBe('2024-05-01T09:00:00.000Z');
    expect(lastmod('https://blog.example.org/2023/')).toBe('2023-11-20T00:00:00.000Z');
    for (const url of urls) expect(Number.isNaN(Date.parse(url.lastmod)), url.loc).toBe(false);
  });

  it('escapes URLs', () => {
    const odd = makeSite({ config: { url: 'https://x.example/a&b' }, posts: [{ title: 'One', date: '2024-01-01' }] });
    const text = renderSitemap(odd, planRoutes(odd).value);
    expect(XMLValidator.validate(text)).toBe(true);
    expect(text).toContain('<loc>https://x.example/a&amp;b/</loc>');
  });
});

describe('renderRobots', () => {
  it('points at the absolute sitemap', () => {
    const robots = renderRobots(makeSite({ config: { url: 'https://council.example.gov.uk/blog' } }));
    expect(robots).toMatch(/^User-agent: \*$/m);
    expect(robots).toMatch(/^Sitemap: https:\/\/council\.example\.gov\.uk\/blog\/sitemap\.xml$/m);
  });
});
