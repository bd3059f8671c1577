/**
 * A static server for tests that follows the output's `_redirects` file the way Netlify does,
 * then serves files like `serve-static.ts` (pretty URLs, `404.html` with status 404):
 * - rules are read top to bottom and the first match wins; `/a` and `/a/` match alike;
 * - `name=value` conditions after the path must all be in the query (`name=:placeholder` matches
 *   any value); a `*` at the end of the path matches the rest (`:splat` in the target);
 * - a rule ending in `!` always applies; without it, a file at the path wins (Netlify's shadowing);
 * - 301/302 answer with `Location`; the request's query is passed on unless the rule had conditions.
 * With a `prefix` (`/blog/`) the folder is mounted there; rule paths already carry it.
 */
import { promises as fs } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import path from 'node:path';
import type { StaticServer } from './serve-static.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

/** One line of `_redirects`. */
interface RedirectRule {
  readonly from: string;
  readonly conditions: ReadonlyMap<string, string>;
  readonly to: string;
  readonly status: number;
  readonly force: boolean;
}

/** Parse `_redirects` text: `from [name=value …] to [status][!]`; `#` comments and blank lines skipped. */
function parseRedirectRules(text: string): RedirectRule[] {
  return text.split('\n').flatMap((line): RedirectRule[] => {
    const words = line.trim().split(/\s+/);
    if (words[0] === undefined || words[0] === '' || words[0].startsWith('#')) return [];
    const last = words.at(-1) ?? '';
    const hasStatus = /^\d{3}!?$/.test(last);
    const status = hasStatus ? Number.parseInt(last, 10) : 301;
    const rest = hasStatus ? words.slice(1, -1) : words.slice(1);
    const to = rest.at(-1) ?? '';
    const conditions = new Map(rest.slice(0, -1).map((pair) => [pair.split('=')[0] ?? '', pair.split('=').slice(1).join('=')] as [string, string]));
    return [{ from: words[0], conditions, to, status, force: last.endsWith('!') }];
  });
}

const trimSlash = (value: string): string => (value.length > 1 ? value.replace(/\/$/, '') : value);

/** The target when `rule` matches `pathname` + `query`, else `undefined`. */
function matchRule(rule: RedirectRule, pathname: string, query: URLSearchParams): string | undefined {
  let splat = '';
  if (rule.from.endsWith('*')) {
    const base = rule.from.slice(0, -1);
    if (!pathname.startsWith(base)) return undefined;
    splat = pathname.slice(base.length);
  } else if (trimSlash(rule.from) !== trimSlash(pathname)) return undefined;
  let target = rule.to.replace(':splat', splat);
  for (const [name, value] of rule.conditions) {
    const actual = query.get(name);
    if (actual === null) return undefined;
    if (value.startsWith(':')) target = target.replace(value, encodeURIComponent(actual));
    else if (actual !== value) return undefined;
  }
  return target;
}

async function fileFor(root: string, pathname: string): Promise<string | undefined> {
  const candidate = path.join(root, pathname.endsWith('/') ? `${pathname}index.html` : pathname);
  if (candidate !== root && !candidate.startsWith(root + path.sep)) return undefined;
  const stat = await fs.stat(candidate).catch(() => undefined);
  if (stat?.isFile()) return candidate;
  if (stat?.isDirectory() && (await fs.stat(path.join(candidate, 'index.html')).catch(() => undefined))?.isFile()) return path.join(candidate, 'index.html');
  return undefined;
}

async function send(response: ServerResponse, root: string, file: string | undefined): Promise<void> {
  if (file) {
    response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(await fs.readFile(file));
    return;
  }
  const notFound = await fs.readFile(path.join(root, '404.html')).catch(() => 'Not found');
  response.writeHead(404, { 'content-type': TYPES['.html'] }).end(notFound);
}

/**
 * Serve `dir` on 127.0.0.1 at a free port, following `dir/_redirects`, until `close()`.
 *
 * @example
 * const server = await serveRedirects(outDir, '/blog/');
 * const response = await fetch(`${server.url}/blog/?p=123`, { redirect: 'manual' }); // 301, Location: /blog/2019/05/a-year-on/
 */
export async function serveRedirects(dir: string, prefix = '/'): Promise<StaticServer> {
  const root = path.resolve(dir);
  const rules = parseRedirectRules(await fs.readFile(path.join(root, '_redirects'), 'utf8').catch(() => ''));
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const requested = decodeURIComponent(url.pathname);
    const inside = requested.startsWith(prefix) || `${requested}/` === prefix;
    const file = inside ? await fileFor(root, `/${requested.slice(prefix.length)}`) : undefined;
    for (const rule of rules) {
      const target = matchRule(rule, url.pathname, url.searchParams);
      if (target === undefined || (file && !rule.force)) continue;
      if (rule.status === 200) return void (await send(response, root, await fileFor(root, `/${decodeURIComponent(target).slice(prefix.length)}`)));
      const location = rule.conditions.size === 0 && url.search ? `${target}${target.includes('?') ? '&' : '?'}${url.search.slice(1)}` : target;
      return void response.writeHead(rule.status, { location }).end();
    }
    if (!inside) return void response.writeHead(404, { 'content-type': 'text/plain' }).end('Not under the mount point');
    if (`${requested}/` === prefix || (!requested.endsWith('/') && file?.endsWith(`${path.sep}index.html`) && !requested.endsWith('index.html'))) {
      return void response.writeHead(301, { location: `${url.pathname}/${url.search}` }).end();
    }
    await send(response, root, file);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
