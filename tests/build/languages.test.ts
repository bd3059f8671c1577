// Issue #14 "Done means" 2: the bilingual example site, built for real and crawled. Every page's
// hreflang set is reciprocal and points at pages that exist; `<html lang>` is right; the switcher
// goes to the translation, or to the other language's home with a note; Welsh feeds parse with a
// real parser and list only Welsh posts; the sitemap's alternates are valid.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildExample, type ExampleBuild } from '../support/example-build.js';
import { readText, repoRoot, textOf } from '../support/site-folder.js';

const ORIGIN = 'https://blog.example.org';
let result: ExampleBuild;
let pages: Map<string, string>;

beforeAll(async () => {
  result = await buildExample();
  pages = new Map();
  for (const file of result.files.filter((name) => name.endsWith('.html'))) pages.set(file, await readText(result.outDir, file));
}, 180_000);

interface Link {
  readonly hreflang: string;
  readonly href: string;
  readonly lang?: string;
}

const attribute = (tag: string, name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

function alternatesOf(html: string): Link[] {
  return (html.match(/<link rel="alternate" hreflang=[^>]*>/g) ?? []).map((tag) => ({ hreflang: attribute(tag, 'hreflang') ?? '', href: attribute(tag, 'href') ?? '' }));
}

function switcherOf(html: string): (Link & { note: string })[] {
  // The switcher is a labelled <nav> just above the site header.
  const header = /<nav class="page-width" aria-label="[^"]*">[\s\S]*?<\/nav>\s*<header class="site-header"/.exec(html)?.[0] ?? '';
  return [...header.matchAll(/<p[^>]*>(<a [^>]*hreflang=[^>]*>)([^<]*)<\/a>([^<]*)<\/p>/g)].map((match) => ({
    hreflang: attribute(match[1] ?? '', 'hreflang') ?? '',
    lang: attribute(match[1] ?? '', 'lang'),
    href: attribute(match[1] ?? '', 'href') ?? '',
    note: (match[3] ?? '').trim(),
  }));
}

/** `https://blog.example.org/cy/2025/` → `cy/2025/index.html`; `/cy/` → `cy/index.html`. */
function fileOf(url: string): string {
  const pathname = decodeURIComponent(new URL(url, ORIGIN).pathname).replace(/^\//, '');
  return pathname === '' || pathname.endsWith('/') ? `${pathname}index.html` : pathname;
}

const isWelsh = (file: string): boolean => file.startsWith('cy/');

describe('<html lang>', () => {
  it('is cy on every page under /cy/ and en-GB on every other page', () => {
    expect([...pages.keys()].filter(isWelsh).length).toBeGreaterThan(20);
    for (const [file, html] of pages) expect(/<html lang="([^"]+)">/.exec(html)?.[1], file).toBe(isWelsh(file) ? 'cy' : 'en-GB');
  });
});

describe('hreflang alternates', () => {
  it('point at pages that exist, include the page itself and x-default (the English page), and are reciprocal', () => {
    let linked = 0;
    for (const [file, html] of pages) {
      const alternates = alternatesOf(html);
      if (alternates.length === 0) continue;
      linked++;
      const canonical = /<link rel="canonical" href="([^"]+)">/.exec(html)?.[1] ?? '';
      expect(
        alternates.map((link) => link.href),
        file,
      ).toContain(canonical);
      expect(alternates.map((link) => link.hreflang).sort(), file).toEqual(['cy', 'en-GB', 'x-default']);
      const english = alternates.find((link) => link.hreflang === 'en-GB');
      expect(alternates.find((link) => link.hreflang === 'x-default')?.href, file).toBe(english?.href);
      for (const link of alternates) {
        const target = pages.get(fileOf(link.href));
        expect(target, `${file} → ${link.href}`).toBeDefined();
        expect(alternatesOf(target ?? ''), `${fileOf(link.href)} links back to ${file}`).toEqual(alternates);
      }
    }
    // Home, tags, events, 404, three posts, two pages, an event, archives and authors in both languages.
    expect(linked).toBeGreaterThan(20);
  });

  it('are absent where a page has no translation (a tag page, an English-only post)', () => {
    expect(alternatesOf(pages.get('tag/fostering/index.html') ?? '')).toEqual([]);
    expect(alternatesOf(pages.get('2025/02/inspection-what-we-learned/index.html') ?? '')).toEqual([]);
    expect(alternatesOf(pages.get('cy/2026/03/gwasanaethau-yn-gymraeg/index.html') ?? '')).toEqual([]);
  });
});

describe('the language switcher', () => {
  it('is on every page: one link to the other language, named in its own words, with lang and hreflang', () => {
    for (const [file, html] of pages) {
      const links = switcherOf(html);
      expect(links.length, file).toBe(1);
      const [link] = links;
      const other = isWelsh(file) ? 'en-GB' : 'cy';
      expect(link?.lang, file).toBe(other);
      expect(link?.hreflang, file).toBe(other);
      expect(pages.has(fileOf(link?.href ?? '')), `${file} → ${link?.href}`).toBe(true);
      // The translation when there is one (its hreflang alternate), else the other language's home with a note.
      const translation = alternatesOf(html).find((alternate) => alternate.hreflang === other);
      if (translation) {
        expect(new URL(link?.href ?? '', ORIGIN).href, file).toBe(translation.href);
        expect(link?.note, file).toBe('');
      } else {
        expect(link?.href, file).toBe(isWelsh(file) ? '/' : '/cy/');
        expect(link?.note, file).not.toBe('');
      }
    }
  });

  it('says "Cymraeg" on English pages and "English" on Welsh ones, and leads a post to its translation', () => {
    expect(switcherOf(pages.get('2025/01/a-year-of-listening/index.html') ?? '')[0]).toMatchObject({ href: '/cy/2025/01/blwyddyn-o-wrando/', note: '' });
    expect(textOf(/<nav class="page-width"[\s\S]*?<\/nav>/.exec(pages.get('2025/01/a-year-of-listening/index.html') ?? '')?.[0] ?? '')).toContain('Cymraeg');
    expect(switcherOf(pages.get('cy/amdanom/index.html') ?? '')[0]).toMatchObject({ href: '/about/' });
    expect(textOf(/<nav class="page-width"[\s\S]*?<\/nav>/.exec(pages.get('cy/amdanom/index.html') ?? '')?.[0] ?? '')).toContain('English');
  });

  it('explains, in the target language, when a page has no translation', () => {
    const englishOnly = switcherOf(pages.get('2025/02/inspection-what-we-learned/index.html') ?? '')[0];
    expect(englishOnly?.href).toBe('/cy/');
    expect(englishOnly?.note).toMatch(/nid yw’r dudalen hon ar gael yn Gymraeg/);
    const welshOnly = switcherOf(pages.get('cy/2026/03/gwasanaethau-yn-gymraeg/index.html') ?? '')[0];
    expect(welshOnly?.href).toBe('/');
    expect(welshOnly?.note).toMatch(/not available in English/);
  });
});

/** Atom text constructs parse as `{ type, value }`; RSS and JSON Feed titles as strings. */
const textValue = (value: unknown): string | undefined => (typeof value === 'string' ? value : ((value as { value?: string } | undefined)?.value ?? undefined));

const WELSH_SOURCES = path.join(repoRoot, 'examples', 'children-services-blog', 'posts', 'cy');

/** Titles of the Welsh posts, read from their front matter (the example's own files, not the build). */
async function welshTitles(): Promise<string[]> {
  const files = await fs.readdir(WELSH_SOURCES);
  const titles = await Promise.all(files.map(async (file) => /^title: "?(.*?)"?$/m.exec(await fs.readFile(path.join(WELSH_SOURCES, file), 'utf8'))?.[1] ?? file));
  return titles.sort();
}

describe('Welsh feeds', () => {
  it('parse as RSS, Atom and JSON Feed and list exactly the Welsh posts, at Welsh URLs', async () => {
    const expected = await welshTitles();
    expect(expected.length).toBeGreaterThanOrEqual(4);
    const rss = parseRssFeed(await readText(result.outDir, 'cy/feed.xml'));
    const atom = parseAtomFeed(await readText(result.outDir, 'cy/atom.xml'));
    const json = parseJsonFeed(JSON.parse(await readText(result.outDir, 'cy/feed.json')));
    expect(rss.title).toBe('Gwasanaethau Plant Northmoor');
    expect(rss.language).toBe('cy');
    for (const titles of [rss.items?.map((item) => item.title), atom.entries?.map((entry) => textValue(entry.title)), json.items?.map((item) => item.title)])
      expect([...(titles ?? [])].sort()).toEqual(expected);
    for (const link of [...(rss.items ?? []).map((item) => item.link), ...(json.items ?? []).map((item) => item.url)]) expect(link).toMatch(/^https:\/\/blog\.example\.org\/cy\//);
  });

  it('leave the Welsh posts out of the English feeds', async () => {
    const rss = parseRssFeed(await readText(result.outDir, 'feed.xml'));
    const titles = new Set(await welshTitles());
    expect(rss.items?.length).toBeGreaterThan(0);
    for (const item of rss.items ?? []) {
      expect(titles.has(item.title ?? '')).toBe(false);
      expect(item.link).not.toMatch(/\/cy\//);
    }
  });

  it('give each Welsh tag its own feed under /cy/', async () => {
    const feed = parseRssFeed(await readText(result.outDir, 'cy/tag/maethu/feed.xml'));
    expect(feed.items?.map((item) => item.title)).toEqual(['Pythefnos Maethu: diolch i’n gofalwyr maeth']);
  });
});

const isSearchPage = (file: string): boolean => /^(cy\/)?search\/index\.html$/.test(file);

describe('the search pages', () => {
  it('ask search engines not to index them (and only them), in both languages', () => {
    expect([...pages.keys()].filter(isSearchPage).sort()).toEqual(['cy/search/index.html', 'search/index.html']);
    for (const [file, html] of pages) expect(html.includes('<meta name="robots" content="noindex">'), file).toBe(isSearchPage(file));
  });
});

describe('the sitemap', () => {
  it('lists every page of both languages once, each alternate is itself listed with the same set of alternates', async () => {
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'url' || name === 'xhtml:link' });
    const document = parser.parse(await readText(result.outDir, 'sitemap.xml')) as {
      urlset: { xmlns: string; 'xmlns:xhtml': string; url: { loc: string; 'xhtml:link'?: { rel: string; hreflang: string; href: string }[] }[] };
    };
    expect(document.urlset['xmlns:xhtml']).toBe('http://www.w3.org/1999/xhtml');
    const entries = new Map(document.urlset.url.map((entry) => [entry.loc, entry['xhtml:link'] ?? []]));
    expect(entries.size).toBe(document.urlset.url.length);
    const listed = [...entries.keys()].map(fileOf).sort();
    expect(listed).toEqual([...pages.keys()].filter((file) => !file.endsWith('404.html') && !isSearchPage(file)).sort());
    for (const [loc, links] of entries) {
      if (links.length === 0) continue;
      expect(links.map((link) => link.hreflang).sort(), loc).toEqual(['cy', 'en-GB', 'x-default']);
      for (const link of links) {
        expect(link.rel).toBe('alternate');
        expect(entries.get(link.href), `${loc} → ${link.href}`).toEqual(links);
      }
    }
  });
});
