/** The check stage's data: what it is asked to check, what it reads from each page, and what it reports. */
import type { Problem } from '../shared/errors.js';

/**
 * What `checkSite` checks: a built output folder, published under `siteUrl`.
 *
 * @example
 * const report = await checkSite({ outDir: '/srv/blog/_site', siteUrl: 'https://www.council.gov.uk/blog' });
 */
export interface CheckOptions {
  /** Absolute path of the built output folder. */
  readonly outDir: string;
  /** The absolute URL the site was built for (`Config.url`); its path is the base path. */
  readonly siteUrl: string;
  /** Also request every external link (cached in `cacheDir`). */
  readonly external?: boolean;
  /** Also run axe in Chromium on one page of each page type. */
  readonly browser?: boolean;
  /** The site's cache folder: external links that answered OK, and the scans of unchanged pages. None: no cache. */
  readonly cacheDir?: string;
  /** Chromium for `browser` (default `/usr/bin/chromium`, or `CHROMIUM_PATH`). */
  readonly chromiumPath?: string;
  /** Per-request time limit for external links, in milliseconds (default 10 s). */
  readonly timeoutMs?: number;
  /**
   * Also request external links whose host is loopback, private, link-local or otherwise not
   * public (default: they are reported as not checked, never requested). For an intranet site.
   */
  readonly allowPrivateAddresses?: boolean;
}

/** What `checkSite` found: every problem (each an error), and what it looked at. */
export interface CheckReport {
  readonly problems: readonly Problem[];
  readonly counts: CheckCounts;
}

interface CheckCounts {
  readonly pages: number;
  /** Pages whose HTML was unchanged since the last check, so their scan was reused (the cache folder). */
  readonly reusedPages: number;
  readonly files: number;
  readonly links: number;
  readonly feeds: number;
  readonly calendars: number;
  readonly externalLinks: number;
  readonly browserPages: number;
}

/** One URL an element of a page points at, with where the attribute sits. */
export interface PageLink {
  /** The element's tag name, e.g. `a`, `img`. */
  readonly tag: string;
  /** The attribute, e.g. `href`, `srcset`, `content` (meta refresh). */
  readonly attr: string;
  readonly url: string;
  /** Unknown for links read from feeds and calendars. */
  readonly line?: number;
  readonly column?: number;
}

/** What one HTML page holds that the site-wide checks need, and its own HTML problems. */
export interface PageScan {
  /** Posix path relative to the output folder, e.g. `about/index.html`. */
  readonly file: string;
  readonly links: readonly PageLink[];
  /** Every `id` (and `<a name>`) on the page: the fragments links may point at. */
  readonly ids: readonly string[];
  /** The page redirects (`<meta http-equiv="refresh">`): it need not be reachable. */
  readonly redirect: boolean;
  readonly problems: readonly Problem[];
}
