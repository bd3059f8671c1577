/**
 * The site-wide link checks over every page's scan: each internal link and `#fragment`
 * resolves to a file of the output folder under the base path, and every page can be
 * reached from the home page or the sitemap.
 */
import type { Problem } from '../shared/errors.js';
import { fileForPath, type LinkTarget, pageUrlOf, resolveLink, type SiteAddress } from './resolve-link.js';
import type { PageLink, PageScan } from './types.js';

/** Where an external URL is used, for reporting it once per use. */
export interface LinkUse {
  readonly file: string;
  readonly link: PageLink;
}

export interface LinkCheck {
  readonly problems: Problem[];
  readonly linkCount: number;
  readonly external: Map<string, LinkUse[]>;
}

export interface SiteFiles {
  /** Every file of the output folder, posix paths relative to it. */
  readonly files: ReadonlySet<string>;
  /** Paths `_redirects` sends elsewhere (site-relative, no leading slash): links to them resolve. */
  readonly redirected: ReadonlySet<string>;
}

/** `<a href="/missing/">`: how the summary names an element. */
export function describeLink(link: PageLink): string {
  return `<${link.tag} ${link.attr}="${link.url}">`;
}

function linkProblem(file: string, link: PageLink, code: string, what: string, hint: string): Problem {
  return { severity: 'error', code, message: `${describeLink(link)} → ${what}`, file, line: link.line, column: link.column, hint };
}

function isRedirected(sitePath: string, redirected: ReadonlySet<string>): boolean {
  const bare = sitePath.replace(/\/$/, '');
  return redirected.has(bare) || redirected.has(`${bare}/`);
}

/** Check one internal link; returns the HTML page it reaches (for reachability), if any. */
function checkInternal(
  file: string,
  link: PageLink,
  target: Extract<LinkTarget, { kind: 'internal' }>,
  site: SiteFiles,
  ids: ReadonlyMap<string, ReadonlySet<string>>,
  problems: Problem[],
): string | undefined {
  const found = fileForPath(target.path, site.files);
  if (!found) {
    if (isRedirected(target.path, site.redirected)) return undefined;
    const page = target.path === '' || target.path.endsWith('/') || target.path.endsWith('.html');
    problems.push(
      linkProblem(file, link, 'check/broken-link', page ? 'no such page' : 'no such file', 'Fix the link, or add the page or file it points at (a page removed on purpose may need a redirect).'),
    );
    return undefined;
  }
  const targetIds = ids.get(found);
  if (target.fragment !== '' && target.fragment !== 'top' && targetIds && !targetIds.has(target.fragment)) {
    problems.push(
      linkProblem(file, link, 'check/broken-fragment', `no element with id "${target.fragment}" on ${found}`, 'Link to an id the page has (heading ids come from the heading text), or add the id.'),
    );
  }
  return targetIds ? found : undefined;
}

/** Check every link of every page; collect external URLs and the page graph on the way. */
export function checkLinks(scans: readonly PageScan[], site: SiteFiles, address: SiteAddress, roots: readonly string[]): LinkCheck {
  const ids = new Map(scans.filter((scan) => scan.file.endsWith('.html')).map((scan) => [scan.file, new Set(scan.ids)] as const));
  const problems: Problem[] = [];
  const external = new Map<string, LinkUse[]>();
  const edges = new Map<string, string[]>();
  let linkCount = 0;
  for (const scan of scans) {
    const pageUrl = pageUrlOf(scan.file, address);
    const reached: string[] = [];
    for (const link of scan.links) {
      linkCount += 1;
      const target = resolveLink(link.url, pageUrl, address);
      if (target.kind === 'external') {
        const uses = external.get(target.url) ?? [];
        uses.push({ file: scan.file, link });
        external.set(target.url, uses);
      } else if (target.kind === 'outside')
        problems.push(
          linkProblem(
            scan.file,
            link,
            'check/outside-base-path',
            `outside the base path ${address.basePath}`,
            'Start site links with the base path: in templates use the relUrl helper, in Markdown write /path/ (the build adds the base path).',
          ),
        );
      else if (target.kind === 'internal') {
        const page = checkInternal(scan.file, link, target, site, ids, problems);
        if (page) reached.push(page);
      }
    }
    edges.set(scan.file, reached);
  }
  problems.push(...unreachablePages(scans, edges, roots));
  return { problems, linkCount, external };
}

/** Pages no chain of links from the roots leads to; the 404 page and redirect pages need none. */
function unreachablePages(scans: readonly PageScan[], edges: ReadonlyMap<string, readonly string[]>, roots: readonly string[]): Problem[] {
  const seen = new Set<string>();
  const queue = roots.filter((root) => edges.has(root));
  for (const root of queue) seen.add(root);
  while (queue.length > 0) {
    for (const next of edges.get(queue.pop() as string) ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return scans
    .filter((scan) => scan.file.endsWith('.html') && !seen.has(scan.file) && !scan.redirect && !/(^|\/)404\.html$/.test(scan.file))
    .map((scan) => ({
      severity: 'error' as const,
      code: 'check/unreachable',
      message: 'no link from the home page or the sitemap leads to this page',
      file: scan.file,
      hint: 'Link to it from a page (or list it in sitemap.xml), or remove it if it should not be published.',
    }));
}
