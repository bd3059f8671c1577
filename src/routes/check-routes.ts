/**
 * Route collisions, found while planning, before anything renders: two sources that want
 * one output file (an error naming both), and paths that differ only by letter case or
 * Unicode normalisation (a warning: macOS and Windows file systems fold them together).
 */
import type { SourcePosition } from '../shared/source-position.js';
import { errorProblem, warningProblem, type Problem } from '../shared/errors.js';
import type { Site } from '../model/types.js';
import type { Route } from './types.js';

/** Something that wants an output path: a source file, a static file, a generated page or a redirect page. */
export interface Claim {
  readonly outputPath: string;
  readonly url: string;
  /** How messages name it: `posts/a.md`, `static/news/index.html`, `the tag page /tag/c/`. */
  readonly label: string;
  readonly file?: string;
  readonly at?: SourcePosition;
}

function routeClaims(routes: readonly Route[], site: Site): Claim[] {
  const positions = new Map<string, SourcePosition | undefined>();
  for (const item of [...site.posts, ...site.pages, ...site.events.all]) positions.set(item.source.relativePath, item.source.urlAt);
  const claims = routes.map((route): Claim => {
    const file = route.sources[0];
    if (file !== undefined) return { outputPath: route.outputPath, url: route.url, label: file, file, at: positions.get(file) };
    const tag = route.context.kind === 'tag' ? route.context.tag : undefined;
    const user = tag?.posts[0]?.source.relativePath;
    const label = tag ? `the page of tag "${tag.name}" ${readable(route.url)}${user ? ` (used by ${user})` : ''}` : `the ${route.kind} page ${readable(route.url)}`;
    return { outputPath: route.outputPath, url: route.url, label, file: user };
  });
  const statics = site.statics.map((file): Claim => ({ outputPath: file.outputPath, url: `/${file.outputPath}`, label: `static/${file.outputPath}`, file: `static/${file.outputPath}` }));
  return [...claims, ...statics];
}

function readable(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

/** The claim to locate a problem at: a source file with a URL line first, then any file. */
function pick(claims: readonly Claim[]): Claim | undefined {
  return claims.find((claim) => claim.at) ?? claims.find((claim) => claim.file) ?? claims[0];
}

function locate(claim: Claim | undefined): Pick<Problem, 'file' | 'line' | 'column'> {
  return claim?.file ? { file: claim.file, line: claim.at?.line, column: claim.at?.column } : {};
}

function byLabel(a: Claim, b: Claim): number {
  return a.label < b.label ? -1 : a.label > b.label ? 1 : 0;
}

function collisions(claims: readonly Claim[]): Problem[] {
  const byPath = new Map<string, Claim[]>();
  for (const claim of claims) {
    const group = byPath.get(claim.outputPath);
    if (group) group.push(claim);
    else byPath.set(claim.outputPath, [claim]);
  }
  const problems: Problem[] = [];
  for (const group of byPath.values()) {
    if (group.length < 2) continue;
    const sorted = [...group].sort(byLabel);
    const here = pick(sorted);
    const others = sorted.filter((claim) => claim !== here).map((claim) => claim.label);
    problems.push(
      errorProblem({
        code: 'routes/collision',
        message: `The URL ${readable(here?.url ?? '')} of ${here?.label ?? 'this page'} collides with ${others.join(' and ')}: both would be written to ${here?.outputPath ?? ''}.`,
        hint: 'Give one of them a different `slug` or `permalink` in its front matter (or rename the static file).',
        ...locate(here),
      }),
    );
  }
  return problems;
}

/** Every folder and file along a path: `a/b/index.html` → `a`, `a/b`, `a/b/index.html`. */
function prefixes(outputPath: string): string[] {
  const segments = outputPath.split('/');
  return segments.map((_, index) => segments.slice(0, index + 1).join('/'));
}

/** Case folding and NFC change nothing in a path of lower-case ASCII. */
const PLAIN = /^[a-z0-9\-._/~]*$/;

function foldedClashes(claims: readonly Claim[]): Problem[] {
  // Only a path with capitals or non-ASCII letters can clash; most sites have none, so look at those first.
  const special = new Set<string>();
  for (const claim of claims) {
    if (PLAIN.test(claim.outputPath)) continue;
    for (const prefix of prefixes(claim.outputPath)) special.add(prefix.normalize('NFC').toLowerCase());
  }
  if (special.size === 0) return [];
  const byFolded = new Map<string, Map<string, Claim>>();
  for (const claim of claims) {
    for (const prefix of prefixes(claim.outputPath)) {
      const folded = prefix.normalize('NFC').toLowerCase();
      if (!special.has(folded)) continue;
      let spellings = byFolded.get(folded);
      if (!spellings) byFolded.set(folded, (spellings = new Map()));
      if (!spellings.has(prefix)) spellings.set(prefix, claim);
    }
  }
  const clashing = [...byFolded].filter(([, spellings]) => spellings.size > 1);
  const folders = new Set(clashing.map(([folded]) => folded));
  // Report the shortest clashing path only: `News/` vs `news/` covers everything below them.
  const outermost = clashing.filter(
    ([folded]) =>
      !prefixes(folded)
        .slice(0, -1)
        .some((parent) => folders.has(parent)),
  );
  return outermost.map(([, spellings]) => {
    const pairs = [...spellings].sort(([a], [b]) => (a < b ? -1 : 1));
    return warningProblem({
      code: 'routes/case-clash',
      message: `${pairs.map(([prefix, claim]) => `/${prefix} (${claim.label})`).join(' and ')} differ only by letter case or Unicode normalisation; on macOS and Windows hosts, and in git checkouts there, they are one name and one overwrites the other.`,
      hint: 'Spell both the same way (same capitals, same accented characters) or choose different names.',
      ...locate(pick(pairs.map(([, claim]) => claim))),
    });
  });
}

/**
 * Find every route collision at once, naming both sources (`posts/a.md:3:1 … collides with
 * posts/b.md`), and warn about paths that only case or normalisation tell apart.
 *
 * @example
 * checkRoutes(routes, site); // [] when every page has its own URL
 */
export function checkRoutes(routes: readonly Route[], site: Site): Problem[] {
  const claims = routeClaims(routes, site);
  return [...collisions(claims), ...foldedClashes(claims)];
}

/**
 * Collisions of redirect pages (`claims`) with the site's pages, static files and each other:
 * an error each, naming both. Collisions among pages alone are `checkRoutes`'s.
 *
 * @example
 * checkRedirectClaims([{ outputPath: 'about/index.html', url: '/about/', label: 'the redirect from /about/', file: 'data/redirects.yml' }], routes, site);
 */
export function checkRedirectClaims(claims: readonly Claim[], routes: readonly Route[], site: Site): Problem[] {
  const redirected = new Set(claims.map((claim) => claim.outputPath));
  // Located at the redirect, which is what the user can remove.
  const others = routeClaims(routes, site)
    .filter((claim) => redirected.has(claim.outputPath))
    .map((claim): Claim => ({ ...claim, at: undefined }));
  return collisions([...claims, ...others]).map((problem) => ({
    ...problem,
    code: 'redirects/collision',
    hint: 'Remove this redirect: the old address is a page of the site (or another redirect already takes it).',
  }));
}
