/**
 * `checkSite`: check a built output folder the way a reviewer of a public site would, in
 * one pass: every page is parsed once (HTML rules and links together), then the links,
 * fragments and reachability are checked across pages, and feeds, sitemap and calendars
 * are parsed. External links and the browser run only when asked.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import type { Problem } from '../shared/errors.js';
import { forEachLimited } from '../shared/for-each-limited.js';
import { checkInBrowser } from './check-browser.js';
import { ANY_HOST, checkExternal } from './check-external.js';
import { checkCalendar, checkFeed, checkSitemap, type DataFileCheck } from './check-feeds.js';
import { checkLinks, type LinkUse } from './check-links.js';
import { fileForPath, resolveLink, siteAddressOf, type SiteAddress } from './resolve-link.js';
import { scanPages } from './scan-pages.js';
import type { CheckOptions, CheckReport, PageScan } from './types.js';

/** Files that are not pages or feeds: the search index is assets only. */
const ASSET_FOLDERS = /^pagefind\//;

function dataFileKind(file: string, text: string): DataFileKind | undefined {
  if (ASSET_FOLDERS.test(file)) return undefined;
  if (/(^|\/)sitemap[^/]*\.xml$/.test(file)) return 'sitemap';
  if (file.endsWith('.ics')) return 'calendar';
  if (file.endsWith('.xml') && /<(rss|feed|rdf:RDF)[\s>]/.test(text)) return 'feed';
  if (file.endsWith('.json') && text.includes('jsonfeed.org/version')) return 'feed';
  return undefined;
}

const CHECK_DATA_FILE = { sitemap: checkSitemap, feed: checkFeed, calendar: checkCalendar } as const;

type DataFileKind = keyof typeof CHECK_DATA_FILE;

async function checkDataFiles(outDir: string, files: readonly string[]): Promise<(DataFileCheck & { readonly kind: DataFileKind })[]> {
  const checks: (DataFileCheck & { readonly kind: DataFileKind })[] = [];
  const candidates = files.filter((file) => /\.(xml|json|ics)$/.test(file) && !ASSET_FOLDERS.test(file));
  await forEachLimited(candidates, 16, async (file) => {
    const text = await fs.readFile(path.join(outDir, file), 'utf8');
    const kind = dataFileKind(file, text);
    if (kind) checks.push({ ...CHECK_DATA_FILE[kind](file, text), kind });
  });
  return checks;
}

/** Source paths of `_redirects` (Netlify-style `from to [status]`), relative to the base path. */
async function readRedirects(outDir: string, site: SiteAddress): Promise<Set<string>> {
  const text = await fs.readFile(path.join(outDir, '_redirects'), 'utf8').catch(() => '');
  const sources = new Set<string>();
  for (const line of text.split('\n')) {
    const from = line.trim().split(/\s+/)[0] ?? '';
    if (from.startsWith(site.basePath)) sources.add(decodeURIComponent(from.slice(site.basePath.length)));
  }
  return sources;
}

/** Where links may start: the home page and every page the sitemap lists. */
function rootPages(sitemaps: readonly DataFileCheck[], files: ReadonlySet<string>, site: SiteAddress): string[] {
  const roots = ['index.html'];
  const base = new URL(site.basePath, site.origin);
  for (const check of sitemaps) {
    for (const link of check.links) {
      const target = resolveLink(link.url, base, site);
      const file = target.kind === 'internal' ? fileForPath(target.path, files) : undefined;
      if (file) roots.push(file);
    }
  }
  return roots;
}

/** `--external` and `--browser`, when asked for. */
async function runOptionalChecks(
  options: CheckOptions,
  external: ReadonlyMap<string, readonly LinkUse[]>,
  built: { readonly pages: readonly string[]; readonly files: ReadonlySet<string>; readonly site: SiteAddress },
): Promise<{ problems: Problem[]; externalLinks: number; browserPages: number }> {
  const problems: Problem[] = [];
  let externalLinks = 0;
  let browserPages = 0;
  if (options.external) {
    const checked = await checkExternal(external, {
      cacheDir: options.cacheDir,
      timeoutMs: options.timeoutMs ?? 10_000,
      resolveHost: options.allowPrivateAddresses ? ANY_HOST : undefined,
    });
    problems.push(...checked.problems);
    externalLinks = checked.checked;
  }
  if (options.browser) {
    const checked = await checkInBrowser(options.outDir, built.pages, built.files, built.site, options.chromiumPath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
    problems.push(...checked.problems);
    browserPages = checked.checked;
  }
  return { problems, externalLinks, browserPages };
}

/**
 * Check a built site; resolves to every problem found (none means it passed).
 *
 * @example
 * const { problems } = await checkSite({ outDir: '_site', siteUrl: 'https://blog.example.org' });
 * if (problems.length > 0) process.exitCode = 1;
 */
export async function checkSite(options: CheckOptions): Promise<CheckReport> {
  const outDir = options.outDir;
  const site = siteAddressOf(options.siteUrl);
  const all = (await fg('**/*', { cwd: outDir, onlyFiles: true, dot: false })).sort();
  const files = new Set(all);
  const pages = all.filter((file) => file.endsWith('.html') && !ASSET_FOLDERS.test(file));
  const scanCache = options.cacheDir ? path.join(options.cacheDir, `check-pages-${createHash('sha1').update(outDir).digest('hex').slice(0, 12)}.json`) : undefined;
  const [{ scans, reused }, data, redirected] = await Promise.all([scanPages(outDir, pages, scanCache), checkDataFiles(outDir, all), readRedirects(outDir, site)]);
  const dataScans: PageScan[] = data.map((check) => ({ file: check.file, links: check.links, ids: [], redirect: false, problems: check.problems }));
  const roots = rootPages(
    data.filter((check) => check.kind === 'sitemap'),
    files,
    site,
  );
  const links = checkLinks([...scans, ...dataScans], { files, redirected }, site, roots);
  const problems: Problem[] = [...scans.flatMap((scan) => scan.problems), ...dataScans.flatMap((scan) => scan.problems), ...links.problems];
  const optional = await runOptionalChecks(options, links.external, { pages, files, site });
  problems.push(...optional.problems);
  return {
    problems,
    counts: {
      pages: pages.length,
      reusedPages: reused,
      files: all.length,
      links: links.linkCount,
      feeds: data.filter((check) => check.kind === 'feed').length,
      calendars: data.filter((check) => check.kind === 'calendar').length,
      externalLinks: optional.externalLinks,
      browserPages: optional.browserPages,
    },
  };
}
