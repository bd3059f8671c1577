/**
 * Server rules for the site's redirects, written to the output root (see docs/redirects.md):
 * `_redirects` (Netlify, Cloudflare Pages), `redirects.htaccess` (Apache, to copy into an
 * `.htaccess` or the server configuration) and `redirects.nginx.conf` (to `include` in a
 * `server { }` block). Every path carries the site's base path.
 */
import type { Config } from '../config/types.js';
import type { PlannedRedirect } from '../routes/plan-redirects.js';
import { escapeAddressCharacters } from '../shared/check-url-path.js';
import type { OutputFile } from '../shared/output-file.js';

/** The public address a redirect leads to: base path + site path, or the absolute URL. */
export function publicTarget(redirect: PlannedRedirect, config: Config): string {
  return redirect.external ? redirect.to : `${config.basePath}${redirect.to.slice(1)}`;
}

/*
 * Every address below goes through `escapeAddressCharacters` as it is written: read-redirects.ts refuses
 * whitespace and control characters already, and this keeps one that got past it (a caller of the API, a
 * later change) from splitting a rule or starting a new one.
 */

/** `publicTarget` as a rules file may hold it. */
const ruleTarget = (redirect: PlannedRedirect, config: Config): string => escapeAddressCharacters(publicTarget(redirect, config));

const publicPath = (redirect: PlannedRedirect, config: Config): string => escapeAddressCharacters(`${config.basePath}${redirect.path.slice(1)}`);

/** A regex piece for Apache's (decoded) `REQUEST_URI` or query: refused characters as `\xHH` bytes. */
const apacheRegex = (text: string): string => escapeAddressCharacters(escapeRegex(text), (hex) => `\\x${hex}`);

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function decoded(path: string): string {
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}

/** `p=123&lang=en` → `['p=123', 'lang=en']`. */
const queryPairs = (query: string): string[] =>
  query
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => escapeAddressCharacters(pair));

/**
 * Netlify syntax: `from [name=value …] to 301!`. Forced (`!`), because the redirect page or home
 * page that also sits at the old path would otherwise be served instead of the 301.
 */
function netlifyRules(redirects: readonly PlannedRedirect[], config: Config): string {
  const lines = redirects.map((redirect) => [publicPath(redirect, config), ...(redirect.query === undefined ? [] : queryPairs(redirect.query)), ruleTarget(redirect, config), '301!'].join(' '));
  return `# Redirects written by sectorpress (docs/redirects.md). Netlify and Cloudflare Pages read this file.\n${lines.join('\n')}\n`;
}

/** mod_rewrite, matched on REQUEST_URI so the rules work in the server config and in an .htaccess in any folder. */
function apacheRules(redirects: readonly PlannedRedirect[], config: Config): string {
  const blocks = redirects.map((redirect) => {
    // Apache splits arguments on spaces; `\x20` keeps a space in a path inside the pattern.
    const path = apacheRegex(decoded(publicPath(redirect, config)));
    const conditions = redirect.query === undefined ? [] : queryPairs(redirect.query).map((pair) => `RewriteCond %{QUERY_STRING} (^|&)${apacheRegex(pair)}(&|$)`);
    const pattern = redirect.query === undefined && path.endsWith('/') && path !== '\\/' ? `^${path}?$` : `^${path}${redirect.query === undefined ? '' : '(index\\.html)?'}$`;
    // A trailing `?` drops the old query string, which would otherwise be passed on.
    const target = `${ruleTarget(redirect, config)}${redirect.query === undefined ? '' : '?'}`;
    return [...conditions, `RewriteCond %{REQUEST_URI} ${pattern}`, `RewriteRule ^ ${target} [R=301,L,NE]`].join('\n');
  });
  return `# Redirects written by sectorpress (docs/redirects.md), for Apache with mod_rewrite.\n# Not active by itself: copy these lines into the site's .htaccess or the server configuration.\nRewriteEngine On\n${blocks.join('\n')}\n`;
}

const nginxString = (text: string): string => `"${text.replace(/["\\]/g, '\\$&')}"`;

/** `location =` for plain paths (with and without the trailing slash); `if ($request_uri …)` for query addresses. */
function nginxRules(redirects: readonly PlannedRedirect[], config: Config): string {
  const lines = redirects.flatMap((redirect) => {
    const target = nginxString(ruleTarget(redirect, config));
    if (redirect.query !== undefined) {
      const pairs = queryPairs(redirect.query).map(escapeRegex).join('&');
      return [`if ($request_uri ~ ${nginxString(`^${escapeRegex(publicPath(redirect, config))}(index\\.html)?\\?(.*&)?${pairs}(&|$)`)}) { return 301 ${target}; }`];
    }
    // A space is safe inside nginx's quotes (and nginx matches the decoded URI, so it must stay a space).
    const path = decoded(publicPath(redirect, config))
      .split(' ')
      .map((part) => escapeAddressCharacters(part))
      .join(' ');
    const paths = path.endsWith('/') && path !== '/' ? [path, path.slice(0, -1)] : [path];
    return paths.map((each) => `location = ${nginxString(each)} { return 301 ${target}; }`);
  });
  return `# Redirects written by sectorpress (docs/redirects.md), for nginx.\n# Include inside the site's server { } block: include /path/to/redirects.nginx.conf;\n${lines.join('\n')}\n`;
}

/**
 * The three rule files, or none when the site has no redirects.
 *
 * @example
 * renderRedirectRules(redirects, config).map((file) => file.path); // ['_redirects', 'redirects.htaccess', 'redirects.nginx.conf']
 */
export function renderRedirectRules(redirects: readonly PlannedRedirect[], config: Config): OutputFile[] {
  if (redirects.length === 0) return [];
  // Query addresses first: on Netlify the first matching rule wins, and `/ p=1` must not lose to a plain `/`.
  const ordered = [...redirects.filter((redirect) => redirect.query !== undefined), ...redirects.filter((redirect) => redirect.query === undefined)];
  return [
    { path: '_redirects', contents: netlifyRules(ordered, config) },
    { path: 'redirects.htaccess', contents: apacheRules(ordered, config) },
    { path: 'redirects.nginx.conf', contents: nginxRules(ordered, config) },
  ];
}
