/**
 * The one rule for every link and source an import writes (Markdown or HTML): http(s), mailto, tel or a
 * relative address. Anything else (`javascript:`, `vbscript:`, `data:`, `file:`…) could run or smuggle content.
 * The address is read as a browser's URL parser reads it, so `jav&#x09;ascript:` or ` JavaScript:` is caught.
 */

const SAFE_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);

/**
 * The address as the URL parser sees it: C0 controls and spaces around it removed, tabs and newlines anywhere
 * removed, the scheme lower-cased.
 * @example normaliseUrl(' JAVA\tSCRIPT:alert(1)') // 'javascript:alert(1)'
 */
export function normaliseUrl(url: string): string {
  const stripped = url.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
  return stripped.replace(/^[a-z][a-z\d+.-]*:/i, (scheme) => scheme.toLowerCase());
}

/**
 * True for http(s), mailto, tel and relative addresses. An address with any other control character left in
 * it is refused too: no real link has one, and browsers differ on what it means.
 * @example isSafeUrl('/about/') // true
 * @example isSafeUrl('jav\tascript:alert(1)') // false
 */
export function isSafeUrl(url: string): boolean {
  const normal = normaliseUrl(url);
  if (/[\u0000-\u001f\u007f]/.test(normal)) return false;
  const scheme = /^([a-z][a-z\d+.-]*):/.exec(normal)?.[1];
  return scheme === undefined || SAFE_SCHEMES.has(scheme);
}
