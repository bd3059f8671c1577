/**
 * The site's redirects, checked against its routes before anything renders: every `to` must
 * lead to a page, a static file, another redirect or an https:// address; a chain is followed to
 * its end (a → b → c becomes a → c); a chain that returns to where it began, and an old address
 * that is also a page or another redirect's, are errors at the line that wrote the redirect.
 */
import { splitQuery } from '../content/read-redirects.js';
import { encodeUrlPath } from '../shared/check-url-path.js';
import { errorProblem, staged, type Problem, type Staged } from '../shared/errors.js';
import { normaliseUrlPath, outputPathForUrl } from '../shared/permalink.js';
import type { SiteRedirect } from '../model/collect-redirects.js';
import type { Site } from '../model/types.js';
import { checkRedirectClaims, type Claim } from './check-routes.js';
import type { Route } from './types.js';

/** One redirect, ready to write. */
export interface PlannedRedirect {
  /** The old address as written. */
  readonly from: string;
  /** Its path, percent-encoded and normalised: `/archives/123/`, `/`. */
  readonly path: string;
  /** Its query string without `?` (`p=123`): such an address cannot be a file. */
  readonly query: string | undefined;
  /** The redirect page's output file (`archives/123/index.html`); none for a query address. */
  readonly outputPath: string | undefined;
  /** Where it leads after following chains: a site-relative URL (without the base path) or an absolute URL. */
  readonly to: string;
  readonly external: boolean;
}

const isExternal = (to: string): boolean => /^https?:\/\//i.test(to);

/** The identity of an address among redirects: its output file, or path and query. */
function keyOf(address: string): string {
  const [rawPath, query] = splitQuery(address.split('#')[0] ?? '');
  const path = encodeUrlPath(normaliseUrlPath(rawPath));
  return query === undefined ? outputPathForUrl(path) : `${path}?${query}`;
}

/** A site target as the pages write it: `/about` → `/about/`, `/our café/#x` → `/our%20caf%C3%A9/#x`. */
function normaliseTarget(to: string): string {
  if (isExternal(to)) return to;
  const at = to.search(/[?#]/);
  const [path, rest] = at < 0 ? [to, ''] : [to.slice(0, at), to.slice(at)];
  return `${encodeUrlPath(normaliseUrlPath(path))}${rest}`;
}

function locate(redirect: SiteRedirect): Pick<Problem, 'file' | 'line' | 'column'> {
  return { file: redirect.file, line: redirect.line, column: redirect.column };
}

function targetProblem(redirect: SiteRedirect): Problem {
  return errorProblem({
    code: 'redirects/nowhere',
    message: `The redirect from ${redirect.from} leads to ${redirect.to}, which is not a page or file of this site.`,
    hint: 'Point `to` at a page that is built (a post, page, tag or archive URL, or a file in static/), or at a full https:// address.',
    ...locate(redirect),
  });
}

/** Follow `start` to the end of its chain; `undefined` when the chain comes back on itself. */
function follow(start: SiteRedirect, byKey: ReadonlyMap<string, SiteRedirect>): { end: SiteRedirect; cycle?: SiteRedirect[] } {
  const seen: SiteRedirect[] = [start];
  let current = start;
  for (;;) {
    const next = isExternal(current.to) ? undefined : byKey.get(keyOf(current.to));
    if (!next) return { end: current };
    const at = seen.indexOf(next);
    if (at >= 0) return { end: current, cycle: seen.slice(at) };
    seen.push(next);
    current = next;
  }
}

function loopProblem(cycle: readonly SiteRedirect[]): Problem {
  const first = cycle[0] as SiteRedirect;
  return errorProblem({
    code: 'redirects/loop',
    message: `The redirect from ${first.from} comes back to itself: ${[...cycle.map((redirect) => redirect.from), first.from].join(' → ')}.`,
    hint: 'Point one of these redirects at the page that now holds the content.',
    ...locate(first),
  });
}

/** Output files of the site: every route and static file, and the other files the build writes (feeds, assets). */
function siteOutputs(site: Site, routes: readonly Route[], written: Iterable<string>): Set<string> {
  return new Set([...routes.map((route) => route.outputPath), ...site.statics.map((file) => file.outputPath), ...written]);
}

/** A plain old address that is a feed, calendar or asset file of the build (pages and static files are `checkRedirectClaims`'s). */
function generatedFileClashes(plain: readonly SiteRedirect[], routes: readonly Route[], site: Site, written: Iterable<string>): Problem[] {
  const claimed = new Set([...routes.map((route) => route.outputPath), ...site.statics.map((file) => file.outputPath)]);
  const generated = new Set([...written].filter((file) => !claimed.has(file)));
  return plain
    .filter((redirect) => generated.has(claimOf(redirect).outputPath))
    .map((redirect) =>
      errorProblem({
        code: 'redirects/collision',
        message: `The old address ${redirect.from} is ${claimOf(redirect).outputPath}, a file the build writes.`,
        hint: 'Remove this redirect: the address already works.',
        ...locate(redirect),
      }),
    );
}

/** Query addresses written twice (plain ones are checked with the routes' collision check). */
function duplicateQueries(redirects: readonly SiteRedirect[]): Problem[] {
  const seen = new Map<string, SiteRedirect>();
  const problems: Problem[] = [];
  for (const redirect of redirects) {
    if (splitQuery(redirect.from)[1] === undefined) continue;
    const key = keyOf(redirect.from);
    const earlier = seen.get(key);
    if (!earlier) seen.set(key, redirect);
    else
      problems.push(
        errorProblem({
          code: 'redirects/collision',
          message: `The old address ${redirect.from} is also redirected by ${earlier.file}:${earlier.line}:${earlier.column}.`,
          hint: 'Keep one of the two redirects.',
          ...locate(redirect),
        }),
      );
  }
  return problems;
}

function claimOf(redirect: SiteRedirect): Claim {
  const path = encodeUrlPath(normaliseUrlPath(splitQuery(redirect.from)[0]));
  return { outputPath: outputPathForUrl(path), url: path, label: `the redirect from ${redirect.from} (${redirect.file})`, file: redirect.file, at: { line: redirect.line, column: redirect.column } };
}

/**
 * Check and resolve the site's redirects against its routes and `files`, the other output paths of the
 * build (feeds, calendars, theme assets), which a redirect may lead to. Every problem is reported at once.
 *
 * @example
 * const { value: redirects } = planRedirects(site, routes, ['feed.xml', 'atom.xml']);
 * redirects[0]; // { from: '/?p=123', path: '/', query: 'p=123', outputPath: undefined, to: '/2019/05/a-year-on/', external: false }
 */
export function planRedirects(site: Site, routes: readonly Route[], files: readonly string[] = []): Staged<PlannedRedirect[]> {
  const written = site.redirects ?? [];
  if (written.length === 0) return staged([]);
  const outputs = siteOutputs(site, routes, files);
  const byKey = new Map<string, SiteRedirect>();
  for (const redirect of written) if (!byKey.has(keyOf(redirect.from))) byKey.set(keyOf(redirect.from), redirect);
  const plain = written.filter((redirect) => splitQuery(redirect.from)[1] === undefined);
  const problems: Problem[] = [...checkRedirectClaims(plain.map(claimOf), routes, site), ...generatedFileClashes(plain, routes, site, files), ...duplicateQueries(written)];
  const cycles = new Set<string>();
  const planned: PlannedRedirect[] = [];
  for (const redirect of written) {
    if (!isExternal(redirect.to) && !byKey.has(keyOf(redirect.to)) && !outputs.has(keyOf(redirect.to.split('?')[0] ?? ''))) {
      problems.push(targetProblem(redirect));
      continue;
    }
    const { end, cycle } = follow(redirect, byKey);
    if (cycle) {
      const id = cycle
        .map((member) => keyOf(member.from))
        .sort()
        .join('\n');
      if (!cycles.has(id)) problems.push(loopProblem(cycle));
      cycles.add(id);
      continue;
    }
    const [rawPath, query] = splitQuery(redirect.from);
    const path = encodeUrlPath(normaliseUrlPath(rawPath));
    planned.push({ from: redirect.from, path, query, outputPath: query === undefined ? outputPathForUrl(path) : undefined, to: normaliseTarget(end.to), external: isExternal(end.to) });
  }
  return staged(planned, problems);
}
