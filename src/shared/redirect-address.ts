/**
 * The one rule for a redirect's addresses: what an old address (`from`) and a target (`to`) may be. The
 * build reads `data/redirects.yml` and front matter through it (content/read-redirects.ts), and the
 * importers check the old addresses they write with it, so an import never writes one the build refuses.
 */
import { addressCharacterError, checkUrlPath, encodeUrlPath } from './check-url-path.js';
import { normaliseUrlPath } from './permalink.js';

/** A query string a redirect may match: `p=123`, `page_id=7&lang=en`. */
const QUERY = /^[A-Za-z0-9_.~%+-]+(=[A-Za-z0-9_.~%+,:@/-]*)?(&[A-Za-z0-9_.~%+-]+(=[A-Za-z0-9_.~%+,:@/-]*)?)*$/;

/**
 * Why an old address cannot be a redirect's `from` (phrased to follow "it …"), or `undefined`.
 *
 * @example
 * redirectFromDanger('/?p=123'); // undefined
 * redirectFromDanger('/../x/'); // 'contains `..` (or `.`) as a path segment'
 */
export function redirectFromDanger(from: string): string | undefined {
  const characters = addressCharacterError(from);
  if (characters) return characters;
  if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(from)) return 'is a full URL; write the path on this site only, e.g. `/archives/123/`';
  if (!from.startsWith('/')) return 'does not start with `/`';
  if (from.includes('#')) return 'has a `#fragment`, which browsers never send to a server';
  const [pathPart = '', query] = splitQuery(from);
  if (query !== undefined && !QUERY.test(query)) return 'has a query string that is not plain `name=value` pairs joined by `&`';
  return checkUrlPath(encodeUrlPath(normaliseUrlPath(pathPart))).error;
}

/** Why a `to` is not a usable target (phrased to follow "it …"), or `undefined`. Existence is checked later. */
export function redirectTargetDanger(to: string): string | undefined {
  const characters = addressCharacterError(to);
  if (characters) return characters;
  if (/^https?:\/\//i.test(to)) {
    try {
      new URL(to);
      return undefined;
    } catch {
      return 'is not a valid web address';
    }
  }
  if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(to)) return 'is neither a path on this site nor an https:// address';
  if (!to.startsWith('/')) return 'does not start with `/` (a path on this site) or `https://`';
  const pathPart = to.split(/[?#]/)[0] ?? '';
  return checkUrlPath(encodeUrlPath(normaliseUrlPath(pathPart))).error;
}

/** `/?p=1` → `['/', 'p=1']`; `/a/` → `['/a/', undefined]`. */
export function splitQuery(address: string): [string, string | undefined] {
  const at = address.indexOf('?');
  return at < 0 ? [address, undefined] : [address.slice(0, at), address.slice(at + 1)];
}
