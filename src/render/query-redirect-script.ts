/**
 * Pages served at a path where old addresses with a query string are redirected (the home page
 * for `/?p=123`) load `redirect-query.js`, which sends the browser on when the query matches; on
 * hosts that apply `_redirects` or server rules the browser never gets that far. An external
 * script, so a Content-Security-Policy of `script-src 'self'` allows it.
 */
import type { Config } from '../config/types.js';
import { QUERY_REDIRECT_SCRIPT } from '../model/collect-redirects.js';

/** The `<script>` element, with the base path. */
export function queryScriptTag(config: Config): string {
  return `<script src="${config.basePath}${QUERY_REDIRECT_SCRIPT}"></script>`;
}

/**
 * Put the script first in `<head>` (after the charset), so the page does not render before it runs.
 *
 * @example
 * addQueryScript('<head><meta charset="utf-8">…', config); // '<head><meta charset="utf-8">\n<script src="/redirect-query.js"></script>…'
 */
export function addQueryScript(html: string, config: Config): string {
  const charset = /<meta charset="[^"]*">/i.exec(html);
  const at = charset ? charset.index + charset[0].length : html.indexOf('</head>');
  return at < 0 ? html : `${html.slice(0, at)}\n${queryScriptTag(config)}${html.slice(at)}`;
}
