/** Which old addresses of an imported feed the new site can answer, and with what. */

/**
 * The site path (without the base path, with any query string) that `oldUrl` has on the new site,
 * or `undefined` when the new site cannot answer it: another host, or outside the base path.
 *
 * @example
 * sitePathOf('https://blog.example.gov.uk/2019/05/a-year-on.html', new URL('https://blog.example.gov.uk/')); // '/2019/05/a-year-on.html'
 * sitePathOf('https://old.example.com/a/', new URL('https://blog.example.gov.uk/')); // undefined
 */
export function sitePathOf(oldUrl: string | undefined, siteUrl: URL): string | undefined {
  if (!oldUrl) return undefined;
  let url: URL;
  try {
    url = new URL(oldUrl);
  } catch {
    return undefined;
  }
  if (!/^https?:$/.test(url.protocol) || url.host.toLowerCase() !== siteUrl.host.toLowerCase()) return undefined;
  const base = siteUrl.pathname.replace(/\/+$/, '');
  if (base !== '' && url.pathname !== base && !url.pathname.startsWith(`${base}/`)) return undefined;
  const path = url.pathname.slice(base.length) || '/';
  return `${path}${url.search}`;
}

/** Two site paths that a server treats as one address (percent-encoding and a trailing slash aside). */
export function samePath(a: string, b: string): boolean {
  const normal = (path: string): string => {
    let decoded = path;
    try {
      decoded = decodeURI(path);
    } catch {
      // A malformed escape is compared as written.
    }
    return decoded.replace(/\/+$/, '').normalize('NFC') || '/';
  };
  return normal(a) === normal(b);
}

const NEW_FEED_PATHS = { rss: '/feed.xml', rdf: '/feed.xml', atom: '/atom.xml', json: '/feed.json' } as const;

/**
 * The redirect from the old feed's address to the new feed of the same format, so feed readers
 * that follow redirects keep their subscription (on hosts that send real redirects, e.g. `_redirects`).
 */
export function feedRedirect(oldFeedUrl: string | undefined, format: keyof typeof NEW_FEED_PATHS, siteUrl: URL): { from: string; to: string } | undefined {
  const from = sitePathOf(oldFeedUrl, siteUrl);
  const to = NEW_FEED_PATHS[format];
  if (!from || samePath(from, to) || from === '/') return undefined;
  return { from, to };
}
