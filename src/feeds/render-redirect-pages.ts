/**
 * Redirect pages for any static host: a small HTML page at each old path that sends the browser
 * on (`<meta http-equiv="refresh">`), names the new address as canonical, is kept out of search
 * indexes and shows a link for anyone whose browser does not follow. Old addresses with a query
 * string (`/?p=123`) cannot be files: `redirect-query.js` holds them and the page served at that
 * path loads it (the home page for `/?…`; a small page of its own where the site has none).
 */
import type { Config } from '../config/types.js';
import { QUERY_REDIRECT_SCRIPT } from '../model/collect-redirects.js';
import type { Site } from '../model/types.js';
import type { PlannedRedirect } from '../routes/plan-redirects.js';
import type { Route } from '../routes/types.js';
import { queryScriptTag } from '../render/query-redirect-script.js';
import { translate } from '../render/helpers/string-helpers.js';
import type { ThemeStrings } from '../render/theme-strings.js';
import type { OutputFile } from '../shared/output-file.js';
import { outputPathForUrl } from '../shared/permalink.js';
import { escapeXml, escapeXmlAttribute } from './escape-xml.js';
import { publicTarget, renderRedirectRules } from './render-redirect-rules.js';

type Strings = ThemeStrings;

/** A theme string (`redirect.*` in theme/locales/en-GB.json), looked up as templates look them up; placeholders stay for `fill`. */
const text = (strings: Strings, key: string): string => translate(strings, key);

/** `{name}` in an escaped string → HTML. */
const fill = (template: string, values: Readonly<Record<string, string>>): string => escapeXml(template).replace(/\{(\w+)\}/g, (match, name: string) => values[name] ?? match);

function page(config: Config, title: string, head: string, body: string): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeXmlAttribute(config.language)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex">',
    `<title>${escapeXml(title)}</title>`,
    head,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${escapeXml(title)}</h1>`,
    body,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function redirectPage(redirect: PlannedRedirect, config: Config, strings: Strings, withScript: boolean): string {
  const href = publicTarget(redirect, config);
  const absolute = redirect.external ? redirect.to : `${config.url}${redirect.to}`;
  const head = [
    ...(withScript ? [queryScriptTag(config)] : []),
    `<meta http-equiv="refresh" content="0; url=${escapeXmlAttribute(href)}">`,
    `<link rel="canonical" href="${escapeXmlAttribute(absolute)}">`,
  ].join('\n');
  const link = `<a href="${escapeXmlAttribute(href)}">${escapeXml(absolute)}</a>`;
  return page(config, text(strings, 'redirect.title'), head, `<p>${fill(text(strings, 'redirect.text'), { url: link })}</p>`);
}

function queryPage(config: Config, strings: Strings): string {
  const home = `<a href="${escapeXmlAttribute(config.basePath)}">${escapeXml(text(strings, 'redirect.home'))}</a>`;
  return page(config, text(strings, 'redirect.queryTitle'), queryScriptTag(config), `<p>${fill(text(strings, 'redirect.queryText'), { home })}</p>`);
}

/** The script: public path → [query, target] pairs; every `name=value` of a rule must be in the address. */
function queryScript(redirects: readonly PlannedRedirect[], config: Config): string {
  const map: Record<string, [string, string][]> = {};
  for (const redirect of redirects) {
    if (redirect.query === undefined) continue;
    const key = `${config.basePath}${redirect.path.slice(1)}`;
    (map[key] ??= []).push([redirect.query, publicTarget(redirect, config)]);
  }
  const json = JSON.stringify(map).replace(/</g, '\\u003c');
  return `/* Old addresses with a query string, written by sectorpress (docs/redirects.md). */
(function () {
  var rules = ${json}[location.pathname.replace(/index\\.html$/, '')];
  if (!rules) return;
  var have = new URLSearchParams(location.search);
  for (var i = 0; i < rules.length; i++) {
    var all = true;
    new URLSearchParams(rules[i][0]).forEach(function (value, name) { if (have.get(name) !== value) all = false; });
    if (all) return location.replace(rules[i][1]);
  }
})();
`;
}

/**
 * Every redirect output: the pages, the query script (only when some old address has a query
 * string) and the server rule files. Nothing at all for a site without redirects.
 *
 * @example
 * renderRedirects(site, redirects, routes, theme.strings).map((file) => file.path); // ['archives/123/index.html', '_redirects', …]
 */
export function renderRedirects(site: Site, redirects: readonly PlannedRedirect[], routes: readonly Route[], strings: Strings): OutputFile[] {
  if (redirects.length === 0) return [];
  const { config } = site;
  const queryPaths = new Set(redirects.filter((redirect) => redirect.query !== undefined).map((redirect) => redirect.path));
  const files: OutputFile[] = redirects.flatMap((redirect) =>
    redirect.outputPath === undefined ? [] : [{ path: redirect.outputPath, contents: redirectPage(redirect, config, strings, queryPaths.has(redirect.path)) }],
  );
  if (queryPaths.size > 0) {
    // Pages of the site and redirect pages load the script themselves; other paths get a page of their own.
    const taken = new Set([...routes.map((route) => route.url), ...site.statics.map((file) => `/${file.outputPath}`), ...redirects.map((redirect) => (redirect.outputPath ? redirect.path : ''))]);
    for (const path of queryPaths) if (!taken.has(path)) files.push({ path: outputPathForUrl(path), contents: queryPage(config, strings) });
    files.push({ path: QUERY_REDIRECT_SCRIPT, contents: queryScript(redirects, config) });
  }
  return [...files, ...renderRedirectRules(redirects, config)];
}
